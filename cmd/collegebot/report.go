package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"collegebot/internal/college"
	"collegebot/internal/report"
)

// reportFlags are what collegebot report was asked for.
type reportFlags struct {
	term, from, to string
	csvDir, chart  string
	exact          bool
}

// reportCmd prints a term's or a date range's figures, and writes them as
// CSV files and a chart.
func reportCmd(e env) *cobra.Command {
	var f reportFlags
	cmd := &cobra.Command{
		Use:   "report [--term NAME | --from DATE --to DATE] [--csv DIR] [--chart FILE.png] [--exact]",
		Short: "Figures for a term or date range, as a table, CSV files or a chart",
		Long: "Prints the figures for a term (the current one unless --term or --from and --to say),\n" +
			"with counts from 1 to 4 shown as <5 unless --exact. CSV files and the chart always hide them.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := f.check(); err != nil {
				return err
			}
			return withApp(cmd, e, func(a *app) error { return f.run(cmd.Context(), a, e) })
		},
	}
	cmd.Flags().StringVar(&f.term, "term", "", `the term, as the prospectus names it ("Spring 2026")`)
	cmd.Flags().StringVar(&f.from, "from", "", "the first day, 2026-01-01 (local time)")
	cmd.Flags().StringVar(&f.to, "to", "", "the last day, 2026-03-31 (included)")
	cmd.Flags().StringVar(&f.csvDir, "csv", "", "write each table as a CSV file in this directory")
	cmd.Flags().StringVar(&f.chart, "chart", "", fmt.Sprintf("draw the key figures as a PNG (%dx%d)",
		report.ChartWidth, report.ChartHeight))
	cmd.Flags().BoolVar(&f.exact, "exact", false, "print counts under 5 as they are (for the server only)")
	return cmd
}

// check refuses flags that do not name one period.
func (f reportFlags) check() error {
	switch {
	case f.term != "" && (f.from != "" || f.to != ""):
		return errors.New("give --term, or --from and --to, not both")
	case (f.from == "") != (f.to == ""):
		return errors.New("give both --from and --to (dates such as 2026-01-31)")
	}
	return nil
}

// run works out the report in one read, then prints and writes it.
func (f reportFlags) run(ctx context.Context, a *app, e env) error {
	var rep report.Report
	err := a.db.OfficeView(ctx, func(tx college.OfficeTx) error {
		p, err := f.period(tx, tx.Now(), a.cfg)
		if err != nil {
			return err
		}
		rep, err = report.Build(tx, p, a.cfg.Profile, a.cfg.Loc)
		return err
	})
	if err != nil {
		return err
	}
	if err := report.WriteText(e.stdout, rep, f.exact); err != nil {
		return err
	}
	return f.write(rep, e)
}

// period returns the period the flags name, or the default one.
func (f reportFlags) period(rt college.ReportTx, now time.Time, cfg Config) (report.Period, error) {
	if f.from != "" {
		return report.Dates(f.from, f.to, cfg.Loc)
	}
	terms, err := rt.ReportTerms()
	if err != nil {
		return report.Period{}, err
	}
	if f.term != "" {
		return report.Term(terms, f.term, cfg.Loc)
	}
	return report.Default(terms, now, cfg.Loc), nil
}

// write writes the CSV files and the chart asked for, and says where.
func (f reportFlags) write(rep report.Report, e env) error {
	if f.csvDir != "" {
		paths, err := report.WriteCSV(f.csvDir, rep)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "Wrote %d CSV files in %s (counts under %d as %s).\n",
			len(paths), f.csvDir, report.Under, report.Hidden)
	}
	if f.chart == "" {
		return nil
	}
	png, err := report.Chart(rep)
	if err != nil {
		return err
	}
	if err := os.WriteFile(f.chart, png, 0o644); err != nil {
		return fmt.Errorf("writing the chart: %w", err)
	}
	fmt.Fprintf(e.stderr, "Drew the chart in %s (%dx%d).\n", f.chart, report.ChartWidth, report.ChartHeight)
	return nil
}
