package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// server is a raat serve this tool started.
type server struct {
	cmd                       *exec.Cmd
	dir                       string
	url                       string
	pid                       int
	logFile                   string
	adminEmail, adminPassword string
}

var urlRE = regexp.MustCompile(`msg="raat serves" url=(\S+)`)

// startServer makes a database with an administrator in a temporary
// directory and starts bin's serve on it, on 127.0.0.1 and a free port.
func startServer(ctx context.Context, bin string) (*server, error) {
	dir, err := os.MkdirTemp("", "raat-attack-")
	if err != nil {
		return nil, err
	}
	s := &server{dir: dir, logFile: filepath.Join(dir, "serve.log"), adminEmail: "aanval-beheer@raat.test"}
	b := make([]byte, 12)
	rand.Read(b)
	s.adminPassword = hex.EncodeToString(b)
	db := filepath.Join(dir, "raat.db")
	admin := exec.CommandContext(ctx, bin, "admin", "--db", db, "--email", s.adminEmail, "--name", "Beheer")
	admin.Stdin = strings.NewReader(s.adminPassword + "\n")
	if out, err := admin.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("%s admin: %v\n%s", bin, err, out)
	}
	logf, err := os.Create(s.logFile)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	s.cmd = exec.CommandContext(ctx, bin, "serve", "--db", db, "--addr", "127.0.0.1:0", "--draws", "20")
	s.cmd.Stdout = logf
	s.cmd.Stderr = logf
	if err := s.cmd.Start(); err != nil {
		logf.Close()
		os.RemoveAll(dir)
		return nil, err
	}
	logf.Close()
	s.pid = s.cmd.Process.Pid
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		f, err := os.Open(s.logFile)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if m := urlRE.FindStringSubmatch(sc.Text()); m != nil {
				s.url = m[1]
			}
		}
		f.Close()
		if s.url != "" {
			return s, nil
		}
	}
	s.stop()
	return nil, fmt.Errorf("%s serve did not say where it listens (see its log)", bin)
}

// stop ends the server and removes its directory.
func (s *server) stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Kill()
		s.cmd.Wait()
	}
	os.RemoveAll(s.dir)
}

// processRSS is a process's resident memory in bytes (Linux), or -1.
func processRSS(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return -1
}

// processCPU is a process's CPU time, user and system (Linux), or -1.
func processCPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return -1
	}
	// The fields after the command name, which is in parentheses.
	i := strings.LastIndexByte(string(b), ')')
	f := strings.Fields(string(b)[i+1:])
	if len(f) < 13 {
		return -1
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	const ticks = 100 // USER_HZ on Linux
	return time.Duration(utime+stime) * time.Second / ticks
}

func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return -1
	}
	return st.Size()
}
