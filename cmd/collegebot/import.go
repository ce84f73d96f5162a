package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"collegebot/internal/college"
	"collegebot/internal/prospectus"
)

// importCmd loads or updates the prospectus from a CSV file.
func importCmd(e env) *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE.csv",
		Short: "Load or update the prospectus from a CSV file; changes nothing if any row is bad",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withApp(cmd, e, func(a *app) error { return a.importFile(cmd.Context(), args[0], e) })
		},
	}
}

// printImport reports what an import changed, then any warnings about it.
// importFile parses a prospectus CSV and imports it in one transaction;
// a file with any bad row is reported line by line and changes nothing.
func (a *app) importFile(ctx context.Context, name string, e env) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	p, err := prospectus.Parse(f, a.cfg.Loc)
	var bad *prospectus.Error
	if errors.As(err, &bad) {
		fmt.Fprintf(e.stderr, "%s: nothing imported:\n%v\n", name, err)
		return exitError(1)
	} else if err != nil {
		return err
	}
	res, err := a.db.ImportProspectus(ctx, p, a.engine.SessionChanged)
	if err != nil {
		return err
	}
	printImport(e, name, res)
	return nil
}

func printImport(e env, name string, r college.ImportResult) {
	printSummary(e, name, r)
	for _, w := range r.Warnings {
		fmt.Fprintf(e.stdout, "Warning: %s.\n", w)
	}
}

// printSummary counts what an import changed.
func printSummary(e env, name string, r college.ImportResult) {
	if !r.Changed() {
		fmt.Fprintf(e.stdout, "%s: no changes.\n", name)
		return
	}
	fmt.Fprintf(e.stdout, "%s: courses %d added, %d updated; sessions %d added, %d updated, %d cancelled.\n",
		name, r.CoursesAdded, r.CoursesUpdated, r.SessionsAdded, r.SessionsUpdated, r.SessionsCancelled)
	if r.SessionsUpdated+r.SessionsCancelled > 0 {
		fmt.Fprintln(e.stdout, "Students booked on changed sessions have been sent a text.")
	}
}
