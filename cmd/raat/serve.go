package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"raat/store"
	"raat/web"
)

const serveSynopsis = `serve [--addr :8080] [--db data/raat.db] [--region FILE] [--draws N --seed S] [--secure-cookies]

Starts the web application on the embedded demo region (or --region),
storing accounts, uploads and scenarios in the SQLite database --db (created
and migrated on start). Make the first administrator with "raat admin".
The pages quote the central estimate with the band of --draws Monte Carlo
draws; each study is computed once per data and kept until an upload or a
saved scenario changes it. Serve it behind TLS in production and pass
--secure-cookies.`

func serveCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", serveSynopsis, stderr)
	var f studyFlags
	addr := fs.String("addr", ":8080", "`address` to listen on")
	db := fs.String("db", "raat-data/raat.db", "SQLite database `file`")
	f.addRegion(fs)
	f.addDraws(fs, 300)
	secure := fs.Bool("secure-cookies", false, "mark cookies Secure and send HSTS (behind TLS)")
	if done, err := parse(fs, args, stdout, false); done {
		return err
	}
	if f.draws < 1 || f.draws > maxExportDraws {
		return fmt.Errorf("--draws %d: want 1 to %d", f.draws, maxExportDraws)
	}
	r, source, err := loadRegion(f.region)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	app := &web.App{Addr: *addr, DB: *db, Region: r, RegionSource: source,
		Options: web.Options{SecureCookies: *secure, Draws: f.draws, Seed: f.seed, Logger: log}}
	if err := app.Open(ctx); err != nil {
		return err
	}
	defer app.Close()
	log.Info("raat serves", "url", app.URL(), "db", *db, "region", source)
	return app.Run(ctx)
}

const adminSynopsis = `admin --db FILE --email ADDRESS --name NAME

Creates an administrator (beheerder) account in the database, with the
password read from the first line of standard input (at least 12
characters). The administrator invites everyone else from the web pages.`

func adminCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return adminCmdFrom(ctx, args, os.Stdin, stdout, stderr)
}

func adminCmdFrom(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("admin", adminSynopsis, stderr)
	db := fs.String("db", "raat-data/raat.db", "SQLite database `file`")
	email := fs.String("email", "", "the administrator's e-mail `address`")
	name := fs.String("name", "Beheerder", "the administrator's `name`")
	if done, err := parse(fs, args, stdout, false); done {
		return err
	}
	if *email == "" {
		fmt.Fprintln(stderr, "admin needs --email")
		fs.Usage()
		return errReported
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && line == "" {
		return fmt.Errorf("read the password from standard input: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(*db), 0o750); err != nil {
		return err
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := st.CreateUser(ctx, *email, *name, store.Beheerder, "", strings.TrimRight(line, "\r\n"))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Beheerder %s aangemaakt in %s.\n", u.Email, *db)
	return nil
}
