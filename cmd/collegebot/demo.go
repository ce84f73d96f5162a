package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/spf13/cobra"

	"collegebot/internal/demo"
)

func demoCmd(e env) *cobra.Command {
	var fresh bool
	var as string
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Create a demo college in the database (once) and chat with it as a student",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			cfg, err := loadConfig(cmd, e)
			if err != nil {
				return err
			}
			if fresh {
				if err := removeDB(cfg.DB); err != nil {
					return err
				}
			}
			a, err := openApp(ctx, cfg)
			if err != nil {
				return err
			}
			defer a.Close()
			if err := a.seedDemo(ctx, e); err != nil {
				return err
			}
			return a.chat(ctx, as, e)
		},
	}
	cmd.Flags().BoolVar(&fresh, "fresh", false, "delete the database first and start over")
	cmd.Flags().StringVar(&as, "as", demoNumber, "the student's phone number, in any UK spelling")
	return cmd
}

// seedDemo loads the demo college unless the database already has a
// prospectus, so a second run carries on with the same college.
func (a *app) seedDemo(ctx context.Context, e env) error {
	has, err := a.db.HasProspectus(ctx)
	if err != nil || has {
		return err
	}
	if err := demo.Seed(ctx, a.db, time.Now().In(a.cfg.Loc), a.cfg.Loc); err != nil {
		return fmt.Errorf("creating the demo college: %w", err)
	}
	st, err := a.db.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "Created %s in %s: %d courses, %d sessions, %d students.\n",
		a.cfg.Profile.Name, a.cfg.DB, st.Courses, st.Sessions, st.Students)
	return nil
}

// removeDB deletes a database file and its write-ahead log.
func removeDB(path string) error {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}
