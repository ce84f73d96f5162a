package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"collegebot/internal/college"
	"collegebot/internal/staff"
)

// staffCmd manages who may use staff commands from their phone.
func staffCmd(e env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "staff",
		Short: "Add, list and remove staff, who may use staff commands (#… by SMS, /… on Telegram)",
	}
	cmd.AddCommand(staffAddCmd(e), staffListCmd(e), staffRemoveCmd(e))
	return cmd
}

func staffAddCmd(e env) *cobra.Command {
	var m college.StaffMember
	var role string
	cmd := &cobra.Command{
		Use:   "add --name NAME --role admin|staff|facilitator [--phone PHONE] [--telegram-id ID] [--safeguarding]",
		Short: "Add a member of staff, reached by SMS at their phone or on Telegram by their chat id",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			m.Role = college.Role(role)
			return withApp(cmd, e, func(a *app) error {
				return a.db.Office(cmd.Context(), func(tx college.OfficeTx) error {
					added, err := staff.Add(tx, m)
					if err == nil {
						fmt.Fprintf(e.stdout, "Added %s.\n", staff.Describe(added))
					}
					return err
				})
			})
		},
	}
	cmd.Flags().StringVar(&m.Name, "name", "", "their name, as the prospectus names facilitators")
	cmd.Flags().StringVar(&role, "role", "", "admin (manages staff), staff, or facilitator (their own courses' registers)")
	cmd.Flags().StringVar(&m.Phone, "phone", "", "their mobile number, for staff commands by SMS")
	cmd.Flags().StringVar(&m.TelegramID, "telegram-id", "", "their Telegram chat id, for staff commands on Telegram")
	cmd.Flags().BoolVar(&m.Safeguarding, "safeguarding", false, "tell them at once of every crisis alert (safeguarding lead)")
	return cmd
}

func staffListCmd(e env) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List staff",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withApp(cmd, e, func(a *app) error {
				return a.db.OfficeView(cmd.Context(), func(tx college.OfficeTx) error {
					ms, err := tx.StaffList()
					for _, m := range ms {
						fmt.Fprintln(e.stdout, staff.Describe(m))
					}
					if err == nil && len(ms) == 0 {
						fmt.Fprintln(e.stdout, "No staff yet: add an admin with collegebot staff add --role admin.")
					}
					return err
				})
			})
		},
	}
}

func staffRemoveCmd(e env) *cobra.Command {
	return &cobra.Command{
		Use:   "remove ID",
		Short: "Remove a member of staff, by the number staff list shows",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, ok := staff.ParseNumber(args[0])
			if !ok {
				return fmt.Errorf("%q is not a staff number: use the number collegebot staff list shows", args[0])
			}
			return withApp(cmd, e, func(a *app) error {
				return a.db.Office(cmd.Context(), func(tx college.OfficeTx) error {
					m, err := staff.Remove(tx, id)
					if err == nil {
						fmt.Fprintf(e.stdout, "Removed %s.\n", staff.Describe(m))
					}
					return err
				})
			})
		},
	}
}
