package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/spf13/cobra"

	"collegebot/internal/college"
	"collegebot/internal/conversation"
	"collegebot/internal/sqlite"
	"collegebot/internal/staff"
	"collegebot/messages"
)

// app is collegebot wired together: configuration, database, catalog and
// engine. Commands open one and close it when done.
type app struct {
	cfg    Config
	db     *sqlite.DB
	lock   *sqlite.Lock // held shared while the database is open: restore refuses meanwhile
	cat    *messages.Catalog
	engine *conversation.Engine
	// desk handles every inbound message: staff commands from staff, and
	// everything else through the engine.
	desk *staff.Desk
}

// loadConfig reads the configuration from the environment, with the
// database named by --db if given.
func loadConfig(cmd *cobra.Command, e env) (Config, error) {
	cfg, err := configFromEnv(e.getenv)
	if err != nil {
		return cfg, err
	}
	if p, _ := cmd.Flags().GetString("db"); p != "" {
		cfg.DB = p
	}
	return cfg, nil
}

// openApp opens the database and builds the engine.
func openApp(ctx context.Context, cfg Config) (*app, error) {
	cat, err := messages.Load()
	if err != nil {
		return nil, err
	}
	lock, err := sqlite.LockShared(cfg.DB)
	if err != nil {
		return nil, err
	}
	db, err := sqlite.Open(ctx, cfg.DB)
	if err != nil {
		lock.Close()
		return nil, fmt.Errorf("opening %s: %w", cfg.DB, err)
	}
	var opts []conversation.Option
	if cfg.SMS() && cfg.Twilio.OptOutReplies == "twilio" {
		opts = append(opts, conversation.ProviderReplies(college.SMS))
	}
	eng, err := conversation.New(db, cat, cfg.Profile, cfg.Loc, opts...)
	if err != nil {
		db.Close()
		lock.Close()
		return nil, err
	}
	desk := staff.New(db, eng, cfg.Profile, cfg.Loc, slog.Default(), staff.Channels(cfg.staffChannels()...), staff.Notifier(eng))
	eng.SetAlerter(desk) // hand-offs alert staff; set before anything runs
	return &app{cfg: cfg, db: db, lock: lock, cat: cat, engine: eng, desk: desk}, nil
}

// Close closes the database, then lets go of its lock.
func (a *app) Close() error {
	err := a.db.Close()
	a.lock.Close()
	return err
}

// withApp runs fn on the app the command's configuration names, and closes
// it after.
func withApp(cmd *cobra.Command, e env, fn func(*app) error) error {
	cfg, err := loadConfig(cmd, e)
	if err != nil {
		return err
	}
	a, err := openApp(cmd.Context(), cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	a.desk.SetLog(slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	return fn(a)
}
