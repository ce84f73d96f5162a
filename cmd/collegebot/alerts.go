package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"collegebot/internal/college"
	"collegebot/internal/staff"
)

// alertsCmd prints the safeguarding incident log, and acknowledges or
// clears an alert.
func alertsCmd(e env) *cobra.Command {
	var open bool
	cmd := &cobra.Command{
		Use:   "alerts [--open]",
		Short: "The safeguarding incident log: every crisis alert, who acknowledged and cleared it",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withApp(cmd, e, func(a *app) error {
				return a.db.OfficeView(cmd.Context(), func(tx college.OfficeTx) error {
					return printAlerts(e.stdout, tx, open, a.cfg.Loc)
				})
			})
		},
	}
	cmd.Flags().BoolVar(&open, "open", false, "only the alerts not yet cleared")
	cmd.AddCommand(alertActionCmd(e, "ack", "Acknowledge an alert: it stops repeating to staff"),
		alertActionCmd(e, "clear", "Clear an alert: the student's reminders and news start again"))
	return cmd
}

// alertActionCmd acknowledges or clears an alert by its number, as staff
// do with #ack and #clear; the staff told of it are told.
func alertActionCmd(e env, verb, short string) *cobra.Command {
	var by string
	cmd := &cobra.Command{
		Use:   verb + " ID --by NAME",
		Short: short,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, ok := staff.ParseNumber(args[0])
			if !ok {
				return fmt.Errorf("%q is not an alert number: use the number collegebot alerts shows", args[0])
			}
			if by = strings.TrimSpace(by); by == "" {
				return fmt.Errorf("say who you are with --by NAME: the incident log records it")
			}
			return withApp(cmd, e, func(a *app) error {
				return a.db.Office(cmd.Context(), func(tx college.OfficeTx) error {
					return a.alertAction(tx, e.stdout, verb, id, by)
				})
			})
		},
	}
	cmd.Flags().StringVar(&by, "by", "", "your name, for the incident log")
	return cmd
}

// alertAction acknowledges or clears one alert.
func (a *app) alertAction(tx college.OfficeTx, w io.Writer, verb string, id int64, by string) error {
	al, err := tx.Alert(id)
	if errors.Is(err, college.ErrNotFound) {
		return fmt.Errorf("no alert %d: collegebot alerts lists them", id)
	} else if err != nil {
		return err
	}
	if verb == "ack" {
		if err := a.desk.Ack(tx, &al, by); err != nil {
			return err
		}
		fmt.Fprintf(w, "Acknowledged alert %d: it will not repeat. Clear it when it is dealt with.\n", id)
		return nil
	}
	if err := a.desk.Clear(tx, &al, by); err != nil {
		return err
	}
	fmt.Fprintf(w, "Cleared alert %d: the student's reminders and news start again.\n", id)
	return nil
}

// printAlerts prints the incident log, newest first.
func printAlerts(w io.Writer, tx college.OfficeTx, open bool, loc *time.Location) error {
	as, err := tx.Alerts(open)
	if err != nil {
		return err
	}
	if len(as) == 0 {
		fmt.Fprintln(w, "No safeguarding alerts.")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "id\traised\tstudent\trule\tmessage\tacknowledged\tcleared")
	for _, a := range as {
		st, err := tx.Student(a.StudentID)
		if err != nil {
			return err
		}
		name := st.FirstName
		if name == "" {
			name = fmt.Sprintf("(student %d)", a.StudentID)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%q\t%s\t%s\n", a.ID, a.Raised.In(loc).Format("2006-01-02 15:04"), name,
			a.Rule, oneLine(a.Text), byAt(a.AckedBy, a.Acked, loc), byAt(a.ClearedBy, a.Cleared, loc))
	}
	return tw.Flush()
}

// byAt shows who did something and when, or "-".
func byAt(by string, at *time.Time, loc *time.Location) string {
	if at == nil {
		return "-"
	}
	return by + " " + at.In(loc).Format("2006-01-02 15:04")
}

// oneLine folds a message onto one line for the log.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
