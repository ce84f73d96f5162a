package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"collegebot/internal/conversation"
	"collegebot/internal/sqlite"
	"collegebot/messages"
)

// app is collegebot wired together: configuration, database, catalog and
// engine. Commands open one and close it when done.
type app struct {
	cfg    Config
	db     *sqlite.DB
	cat    *messages.Catalog
	engine *conversation.Engine
}

// openApp reads the configuration and opens the database named by --db or
// COLLEGEBOT_DB.
func openApp(ctx context.Context, cmd *cobra.Command, e env) (*app, error) {
	cfg, err := configFromEnv(e.getenv)
	if err != nil {
		return nil, err
	}
	if p, _ := cmd.Flags().GetString("db"); p != "" {
		cfg.DB = p
	}
	cat, err := messages.Load()
	if err != nil {
		return nil, err
	}
	db, err := sqlite.Open(ctx, cfg.DB)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", cfg.DB, err)
	}
	eng, err := conversation.New(db, cat, cfg.Profile, cfg.Loc)
	if err != nil {
		db.Close()
		return nil, err
	}
	return &app{cfg: cfg, db: db, cat: cat, engine: eng}, nil
}

// Close closes the database.
func (a *app) Close() error { return a.db.Close() }
