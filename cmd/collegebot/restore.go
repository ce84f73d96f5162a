package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"collegebot/internal/sqlite"
)

// restoreCmd puts a backup in place of the database.
func restoreCmd(e env) *cobra.Command {
	return &cobra.Command{
		Use:   "restore FILE",
		Short: "Replace the database with the backup FILE; collegebot serve must be stopped first",
		Long: `Replace the database with the backup FILE. It refuses while collegebot serve,
or any other collegebot command, has the database open, and refuses a FILE
that is not a sound collegebot database, changing nothing.

The database being replaced is kept beside it as
<database>.before-restore-<time>: restore that file to undo. A backup from
an older collegebot is brought up to date as it is opened.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return restore(cmd.Context(), dbPath(cmd, e), args[0], e.stdout)
		},
	}
}

// dbPath is the database a command names: --db, else COLLEGEBOT_DB, else
// collegebot.db. A restore needs nothing else from the configuration, and
// should work when the rest of it does not.
func dbPath(cmd *cobra.Command, e env) string {
	if p, _ := cmd.Flags().GetString("db"); p != "" {
		return p
	}
	return or(e.getenv("COLLEGEBOT_DB"), "collegebot.db")
}

// restore replaces the database at db with the backup, then opens it
// (bringing its schema up to date) and says what it holds.
func restore(ctx context.Context, db, backup string, out io.Writer) error {
	kept, err := sqlite.Restore(ctx, db, backup)
	if errors.Is(err, sqlite.ErrInUse) {
		return fmt.Errorf("collegebot serve (or another collegebot command) is using %s: stop it first", db)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Restored %s from %s.\n", db, backup)
	if kept != "" {
		fmt.Fprintf(out, "The database as it was is kept as %s: restore that file to undo.\n", kept)
	}
	st, err := openedStats(ctx, db)
	if err != nil {
		return fmt.Errorf("the restored database does not open: %w", err)
	}
	fmt.Fprintf(out, "It holds %d courses, %d sessions, %d students, %d bookings and %d on waiting lists.\n",
		st.Courses, st.Sessions, st.Students, st.Bookings, st.Waiting)
	return nil
}

// openedStats opens the database as collegebot does, which migrates it,
// and counts its records.
func openedStats(ctx context.Context, path string) (sqlite.Stats, error) {
	db, closeDB, err := openShared(ctx, path)
	if err != nil {
		return sqlite.Stats{}, err
	}
	defer closeDB()
	return db.Stats(ctx)
}

// openShared opens the database as collegebot does, holding its lock
// shared (so a restore waits), and returns what closes both. It fails with
// sqlite.ErrRestoring while a restore is replacing the file.
func openShared(ctx context.Context, path string) (*sqlite.DB, func(), error) {
	lock, err := sqlite.LockShared(path)
	if err != nil {
		return nil, nil, err
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		lock.Close()
		return nil, nil, err
	}
	return db, func() { db.Close(); lock.Close() }, nil
}
