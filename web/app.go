package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"raat/forecast"
	"raat/store"
)

// App is the web application as a process: the store, the server and
// the listener. Run serves until the context ends; Close releases all.
type App struct {
	// Addr is the address to listen on (":0" picks a free port).
	Addr string
	// DB is the database file; its directory is created.
	DB string
	// Region is the base region and RegionSource names it.
	Region       *forecast.Region
	RegionSource string
	Options      Options

	store  *store.Store
	server *Server
	ln     net.Listener
	srv    *http.Server
}

// Open opens the database (migrating it) and the listener.
func (a *App) Open(ctx context.Context) error {
	if err := os.MkdirAll(filepath.Dir(a.DB), 0o750); err != nil {
		return err
	}
	st, err := store.Open(ctx, a.DB)
	if err != nil {
		return err
	}
	s, err := New(st, a.Region, a.RegionSource, a.Options)
	if err != nil {
		st.Close()
		return err
	}
	ln, err := net.Listen("tcp", a.Addr)
	if err != nil {
		s.Close()
		st.Close()
		return err
	}
	a.store, a.server, a.ln = st, s, ln
	// Headers are bounded too: no page needs more than a few kilobytes of
	// URL and cookies.
	a.srv = &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute,
		WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10,
		ErrorLog: slog.NewLogLogger(s.log.Handler(), slog.LevelWarn)}
	return nil
}

// URL is the address the app serves on.
func (a *App) URL() string { return "http://" + a.ln.Addr().String() }

// Store is the app's database.
func (a *App) Store() *store.Store { return a.store }

// Run serves until ctx is done, then shuts down gracefully.
func (a *App) Run(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- a.srv.Serve(a.ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := a.srv.Shutdown(sctx); err != nil {
			return fmt.Errorf("shutdown: %w", err)
		}
		if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}

// Close closes the server, its upload checker and the database.
func (a *App) Close() error {
	var err error
	if a.srv != nil {
		err = a.srv.Close()
	}
	if a.server != nil {
		a.server.Close()
	}
	if a.store != nil {
		err = errors.Join(err, a.store.Close())
	}
	return err
}
