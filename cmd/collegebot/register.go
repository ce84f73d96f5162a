package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"collegebot/internal/college"
	"collegebot/internal/staff"
)

// registerCmd prints a session's register, and marks attendance on it.
func registerCmd(e env) *cobra.Command {
	var summary bool
	cmd := &cobra.Command{
		Use:   "register CODE[/N] [--summary]",
		Short: "Print a session's register (CODE alone: today's); mark it with register mark",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withApp(cmd, e, func(a *app) error {
				return a.db.OfficeView(cmd.Context(), func(tx college.OfficeTx) error {
					text, err := registerText(tx, a, args[0], summary)
					if err == nil {
						fmt.Fprintln(e.stdout, text)
					}
					return err
				})
			})
		},
	}
	cmd.Flags().BoolVar(&summary, "summary", false, "instead, each student's attendance over the course, and who completed it")
	cmd.AddCommand(registerMarkCmd(e))
	return cmd
}

// registerText is a session's register, or its course's attendance.
func registerText(tx college.OfficeTx, a *app, ref string, summary bool) (string, error) {
	if summary {
		r, err := college.ParseSessionRef(ref)
		if err != nil {
			return "", err
		}
		c, _, err := staff.FindCourse(tx, r.Code)
		if err != nil {
			return "", err
		}
		return staff.CompletionDetail(tx, c, a.cfg.Profile)
	}
	reg, err := staff.FindRegister(tx, ref, a.cfg.Loc)
	if err != nil {
		return "", err
	}
	return staff.RegisterText(tx, reg, a.cfg.Profile, a.cfg.Loc)
}

func registerMarkCmd(e env) *cobra.Command {
	var m staff.Marks
	cmd := &cobra.Command{
		Use:   "mark CODE/N [--attended 1,3,4] [--absent 2] [--apologies 5] [--all-attended]",
		Short: "Record attendance by the students' numbers on the register; absent without apologies brings a 'we missed you' text",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withApp(cmd, e, func(a *app) error {
				return a.db.Office(cmd.Context(), func(tx college.OfficeTx) error {
					reg, err := staff.RegisterToMark(tx, args[0], a.cfg.Loc)
					if err == nil {
						reg, err = staff.Mark(tx, reg, m)
					}
					if err != nil {
						return err
					}
					text, err := staff.RegisterText(tx, reg, a.cfg.Profile, a.cfg.Loc)
					if err == nil {
						fmt.Fprintf(e.stdout, "Marked: %s.\n%s\n", staff.Tally(reg), text)
					}
					return err
				})
			})
		},
	}
	cmd.Flags().IntSliceVar(&m.Attended, "attended", nil, "numbers of the students who came, e.g. 1,3,4")
	cmd.Flags().IntSliceVar(&m.Absent, "absent", nil, "numbers of those who did not (apologies they sent are kept)")
	cmd.Flags().IntSliceVar(&m.Apologies, "apologies", nil, "numbers of those who sent apologies another way")
	cmd.Flags().BoolVar(&m.AllAttended, "all-attended", false, "everyone not named otherwise came (except those who sent apologies)")
	return cmd
}
