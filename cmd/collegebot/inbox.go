package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"collegebot/internal/college"
	"collegebot/internal/sqlite"
)

// inboxCmd lists the inbound messages the inbox worker set aside after
// their last failed try, and puts them back once the fault is fixed.
func inboxCmd(e env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "inbox",
		Short: "Inbound messages that could not be handled and were set aside: list them, retry them",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(inboxListCmd(e), inboxRetryCmd(e))
	return cmd
}

// inboxListCmd prints the messages set aside, without their text unless
// asked.
func inboxListCmd(e env) *cobra.Command {
	var show bool
	cmd := &cobra.Command{
		Use:   "list [--show]",
		Short: "The messages set aside: id, when, channel, tries and the error",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withApp(cmd, e, func(a *app) error {
				ms, err := a.db.SetAsideMessages(cmd.Context())
				if err != nil {
					return err
				}
				return printSetAside(e.stdout, ms, show, a.cfg.Loc)
			})
		},
	}
	cmd.Flags().BoolVar(&show, "show", false, "show what each message says (personal data: only when needed)")
	return cmd
}

// printSetAside prints the messages set aside, oldest first.
func printSetAside(w io.Writer, ms []sqlite.SetAside, show bool, loc *time.Location) error {
	if len(ms) == 0 {
		fmt.Fprintln(w, "No messages set aside.")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	head := "id\treceived\tset aside\tchannel\ttries\terror"
	if show {
		head += "\tmessage"
	}
	fmt.Fprintln(tw, head)
	for _, m := range ms {
		line := fmt.Sprintf("%d\t%s\t%s\t%s\t%d\t%s", m.ID, m.Received.In(loc).Format("2006-01-02 15:04:05"),
			m.GivenUp.In(loc).Format("2006-01-02 15:04:05"), m.Channel, m.Attempts, oneLine(m.Error))
		if show {
			line += fmt.Sprintf("\t%q", oneLine(m.Text))
		}
		fmt.Fprintln(tw, line)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "Fix the cause, then: collegebot inbox retry ID (or --all).")
	return nil
}

// inboxRetryCmd puts messages set aside back in the inbox.
func inboxRetryCmd(e env) *cobra.Command {
	var all bool
	cmd := &cobra.Command{
		Use:   "retry ID... | --all",
		Short: "Put messages set aside back in the inbox, to be handled again (after the fault is fixed)",
		RunE: func(cmd *cobra.Command, args []string) error {
			ids, err := retryIDs(args, all)
			if err != nil {
				return err
			}
			return withApp(cmd, e, func(a *app) error {
				if all {
					ms, err := a.db.SetAsideMessages(cmd.Context())
					if err != nil {
						return err
					}
					for _, m := range ms {
						ids = append(ids, m.ID)
					}
				}
				return retrySetAside(cmd, e.stdout, a.db, ids)
			})
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "every message set aside")
	return cmd
}

// retryIDs reads the ids given, or none with --all.
func retryIDs(args []string, all bool) ([]int64, error) {
	if all == (len(args) > 0) {
		return nil, errors.New("name the messages to retry by the ids collegebot inbox list shows, or --all")
	}
	var ids []int64
	for _, s := range args {
		id, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
		if err != nil || id <= 0 {
			return nil, fmt.Errorf("%q is not a message id: use the ids collegebot inbox list shows", s)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// retrySetAside puts each message back and says what became of it.
func retrySetAside(cmd *cobra.Command, w io.Writer, db *sqlite.DB, ids []int64) error {
	if len(ids) == 0 {
		fmt.Fprintln(w, "No messages set aside.")
		return nil
	}
	for _, id := range ids {
		now, err := db.RetrySetAside(cmd.Context(), id)
		if errors.Is(err, college.ErrNotFound) {
			return fmt.Errorf("no message %d is set aside: collegebot inbox list shows them", id)
		} else if err != nil {
			return err
		}
		fmt.Fprintf(w, "Put message %d back in the inbox as %d: a running server handles it within a second.\n", id, now)
	}
	return nil
}
