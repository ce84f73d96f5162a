package main

import (
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
			cfg, err := loadConfig(cmd, e)
			if err != nil {
				return err
			}
			a, err := openApp(cmd.Context(), cfg)
			if err != nil {
				return err
			}
			defer a.Close()
			f, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer f.Close()
			p, err := prospectus.Parse(f, a.cfg.Loc)
			var bad *prospectus.Error
			if errors.As(err, &bad) {
				fmt.Fprintf(e.stderr, "%s: nothing imported:\n%v\n", args[0], err)
				return exitError(1)
			} else if err != nil {
				return err
			}
			res, err := a.db.ImportProspectus(cmd.Context(), p, a.engine.SessionChanged)
			if err != nil {
				return err
			}
			printImport(e, args[0], res)
			return nil
		},
	}
}

// printImport reports what an import changed, then any warnings about it.
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
