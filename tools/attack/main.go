// Command attack replays, against a running raat serve on this machine,
// the attacks that found the web application's holes (issue 15), and
// exits 1 when any of them still works. It is bounded: it talks only to
// a loopback address, sends at most a few hundred requests and some
// 100 MB, and stops after -timeout.
//
// Usage:
//
//	go run ./tools/attack -serve ./raat
//	go run ./tools/attack -url http://127.0.0.1:8080 -admin beheer@wgv.nl < password
//
// With -serve it makes a temporary database with an administrator, starts
// that raat binary's serve on it (127.0.0.1, a free port), watches its
// memory, CPU time and log, and stops it at the end (make attack). With
// -url it attacks a server that runs already, logging in as the
// administrator -admin with the password read from standard input; give
// -pid and -log to have memory, CPU time and log size checked too. Run it
// on a fresh database: it makes accounts (named aanval-...) and uploads.
//
// Each attack prints one line: HOUDT (the hole is closed) or LEK (it is
// open), with what was seen.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "attack:", err)
		os.Exit(1)
	}
}

// errHoles is returned when an attack succeeded.
var errHoles = errors.New("holes found")

func run(args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("attack", flag.ContinueOnError)
	serve := fs.String("serve", "", "start this raat `binary`'s serve on a temporary database and attack it")
	base := fs.String("url", "", "attack the raat serve at this loopback `URL`")
	admin := fs.String("admin", "", "the administrator's e-mail `address` (with -url; the password on standard input)")
	pid := fs.Int("pid", 0, "the server's process `id` (with -url), to watch its memory and CPU time")
	logFile := fs.String("log", "", "the server's log `file` (with -url), to watch its size")
	bombRows := fs.Int("bomb-rows", 680_000, "`rows` of the large workbook (680,000: 13 MB, 300 MB unpacked)")
	bombParallel := fs.Int("bomb-parallel", 3, "upload the large workbook this `many` times at once")
	timeout := fs.Duration("timeout", 10*time.Minute, "stop after this `long`")
	only := fs.String("only", "", "run only these attacks, by number (`list`: 4,7)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	t := &target{bombRows: *bombRows, bombParallel: max(1, min(*bombParallel, 12))}
	switch {
	case *serve != "" && *base == "":
		srv, err := startServer(ctx, *serve)
		if err != nil {
			return err
		}
		defer srv.stop()
		t.base, t.adminEmail, t.adminPassword, t.pid, t.logFile = srv.url, srv.adminEmail, srv.adminPassword, srv.pid, srv.logFile
	case *base != "" && *serve == "" && *admin != "":
		pw, err := io.ReadAll(io.LimitReader(stdin, 1024))
		if err != nil {
			return err
		}
		t.base, t.adminEmail, t.adminPassword, t.pid, t.logFile = strings.TrimRight(*base, "/"), *admin, strings.TrimRight(string(pw), "\r\n"), *pid, *logFile
	default:
		fs.Usage()
		return errors.New("give -serve BINARY, or -url URL and -admin ADDRESS")
	}
	if err := loopbackOnly(t.base); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "aanval op %s\n", t.base)
	if err := t.setup(ctx); err != nil {
		return fmt.Errorf("setting up the accounts: %w", err)
	}
	holes := 0
	ran := 0
	for _, a := range attacks {
		if *only != "" && !strings.Contains(","+*only+",", fmt.Sprintf(",%d,", a.n)) {
			continue
		}
		ran++
		if ctx.Err() != nil {
			return fmt.Errorf("stopped after %v: %w", *timeout, ctx.Err())
		}
		start := time.Now()
		res := a.run(ctx, t)
		verdict := "HOUDT"
		if res.hole {
			verdict = "LEK  "
			holes++
		}
		fmt.Fprintf(stdout, "%d %-26s %s %s (%.1f s)\n", a.n, a.name, verdict, strings.Join(res.seen, "; "), time.Since(start).Seconds())
	}
	fmt.Fprintf(stdout, "%d van de %d gaten open\n", holes, ran)
	if holes > 0 {
		return errHoles
	}
	return nil
}

// loopbackOnly refuses any address but this machine's.
func loopbackOnly(base string) error {
	u, err := url.Parse(base)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%q is not an http URL", base)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("%s is not a loopback address: this tool attacks only this machine", host)
}
