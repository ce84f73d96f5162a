package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"collegebot/internal/college"
	"collegebot/internal/staff"
)

// sessionCmd lists, cancels and moves sessions. A change and the texts
// telling the students booked are stored in one transaction.
func sessionCmd(e env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "session",
		Short: "List a course's sessions, or cancel or move one (students booked are told at once)",
	}
	cmd.AddCommand(sessionListCmd(e), sessionCancelCmd(e), sessionMoveCmd(e))
	return cmd
}

func sessionListCmd(e env) *cobra.Command {
	return &cobra.Command{
		Use:   "list CODE",
		Short: "List a course's sessions, numbered as CODE/N, with dates, venue and status",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withApp(cmd, e, func(a *app) error {
				return a.db.OfficeView(cmd.Context(), func(tx college.OfficeTx) error {
					text, err := staff.SessionList(tx, args[0], a.cfg.Loc)
					if err == nil {
						fmt.Fprintln(e.stdout, text)
					}
					return err
				})
			})
		},
	}
}

func sessionCancelCmd(e env) *cobra.Command {
	return &cobra.Command{
		Use:   "cancel CODE/N",
		Short: "Cancel a session: everyone booked is told, and its reminders are cancelled",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withApp(cmd, e, func(a *app) error {
				return a.db.Office(cmd.Context(), func(tx college.OfficeTx) error {
					ch, err := staff.CancelSession(tx, a.engine, args[0], a.cfg.Loc)
					if err == nil {
						fmt.Fprintln(e.stdout, ch.Describe(a.cfg.Loc))
					}
					return err
				})
			})
		},
	}
}

func sessionMoveCmd(e env) *cobra.Command {
	var m staff.Move
	cmd := &cobra.Command{
		Use:   "move CODE/N [--start \"2026-03-03 11:00\"] [--end 13:00] [--venue NAME | --online URL]",
		Short: "Move a session to a new time, venue or link: everyone booked is told, reminders follow the new time",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if m.Start == "" && m.End == "" && m.Venue == "" && m.Online == "" {
				return fmt.Errorf("say what changes: --start, --end, --venue or --online")
			}
			return withApp(cmd, e, func(a *app) error {
				return a.db.Office(cmd.Context(), func(tx college.OfficeTx) error {
					ch, err := staff.MoveSession(tx, a.engine, args[0], m, a.cfg.Loc)
					if err == nil {
						fmt.Fprintln(e.stdout, ch.Describe(a.cfg.Loc))
					}
					return err
				})
			})
		},
	}
	cmd.Flags().StringVar(&m.Start, "start", "", `new start, local time: "2026-03-03 11:00", or "11:00" on the same day`)
	cmd.Flags().StringVar(&m.End, "end", "", "new end (default: the session keeps its length)")
	cmd.Flags().StringVar(&m.Venue, "venue", "", "a venue by name (any case); unknown names are listed")
	cmd.Flags().StringVar(&m.VenueAddress, "venue-address", "", "with --venue: the address, to add a venue not yet known")
	cmd.Flags().StringVar(&m.VenuePostcode, "venue-postcode", "", "with --venue: the postcode, to pick between venues of one name or add a new one")
	cmd.Flags().StringVar(&m.Online, "online", "", "the session meets online, at this link")
	return cmd
}

// courseCmd acts on whole courses.
func courseCmd(e env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "course",
		Short: "Act on a whole course",
	}
	cmd.AddCommand(courseCancelCmd(e))
	return cmd
}

func courseCancelCmd(e env) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "cancel CODE --yes",
		Short: "Cancel a whole course: its sessions to come, and every place, offer and waiting-list place on it; everyone is told",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withApp(cmd, e, func(a *app) error {
				if !yes {
					return a.db.OfficeView(cmd.Context(), func(tx college.OfficeTx) error {
						text, err := staff.CoursePreview(tx, args[0], a.cfg.Loc)
						if err == nil {
							fmt.Fprintf(e.stdout, "%s\nNothing is changed yet: run again with --yes to cancel it.\n", text)
						}
						return err
					})
				}
				return a.db.Office(cmd.Context(), func(tx college.OfficeTx) error {
					cc, told, err := staff.CancelCourse(tx, a.engine, args[0])
					if err == nil {
						fmt.Fprintln(e.stdout, staff.DescribeCancellation(cc, told))
					}
					return err
				})
			})
		},
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "cancel it (without, show what cancelling would do)")
	return cmd
}
