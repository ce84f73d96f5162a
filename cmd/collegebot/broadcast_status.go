package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"collegebot/internal/college"
	"collegebot/internal/staff"
)

func broadcastStatusCmd(e env) *cobra.Command {
	var wait bool
	var every time.Duration
	cmd := &cobra.Command{
		Use:   "status ID [--wait]",
		Short: "Show how a broadcast goes: sent, failed, not sent, and about how long is left",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := broadcastID(args[0])
			if err != nil {
				return err
			}
			return withApp(cmd, e, func(a *app) error {
				if wait {
					return a.waitBroadcast(cmd.Context(), id, every, e.stdout)
				}
				b, p, err := a.broadcastNow(cmd.Context(), id)
				if err == nil {
					fmt.Fprintln(e.stdout, staff.StatusText(b, p, a.db.Now(), a.cfg.Loc))
				}
				return err
			})
		},
	}
	cmd.Flags().BoolVar(&wait, "wait", false, "follow it with a progress bar until nothing is left to send (Ctrl-C stops watching, not the broadcast)")
	cmd.Flags().DurationVar(&every, "every", time.Second, "how often --wait looks")
	cmd.Flags().MarkHidden("every")
	return cmd
}

// broadcastNow reads a broadcast and its progress.
func (a *app) broadcastNow(ctx context.Context, id int64) (b college.Broadcast, p college.Progress, err error) {
	err = a.db.OfficeView(ctx, func(tx college.OfficeTx) error {
		if b, err = tx.Broadcast(id); err != nil {
			return fmt.Errorf("broadcast %d: %w", id, err)
		}
		p, err = tx.BroadcastProgress(id)
		return err
	})
	return b, p, err
}

// waitBroadcast follows a broadcast until nothing of it is left to send,
// or ctx ends (Ctrl-C). On a terminal it draws a progress bar; elsewhere
// it writes a line whenever the counts change.
func (a *app) waitBroadcast(ctx context.Context, id int64, every time.Duration, out io.Writer) error {
	var bar *progressbar.ProgressBar
	last := ""
	for {
		b, p, err := a.broadcastNow(ctx, id)
		if err != nil {
			return err
		}
		now := a.db.Now()
		line := staff.StatusText(b, p, now, a.cfg.Loc)
		running := b.Status == college.BroadcastQueued || b.Status == college.BroadcastStopped
		switch {
		case !running || p.Done():
			if bar != nil {
				bar.Finish()
				fmt.Fprintln(out)
			}
			fmt.Fprintln(out, line)
			return nil
		case bar == nil && isTerminalOut(out):
			bar = newBar(out, p.Total)
		}
		if bar != nil {
			bar.Set(p.Total - p.Pending)
			bar.Describe(staff.ProgressLine(p, now, a.cfg.Loc))
		} else if key := fmt.Sprint(p.Sent, p.Failed, p.Cancelled); key != last {
			fmt.Fprintln(out, line)
			last = key
		}
		select {
		case <-ctx.Done():
			fmt.Fprintln(out, "\nStopped watching; the broadcast carries on.")
			return nil
		case <-time.After(every):
		}
	}
}

// newBar is a progress bar of a broadcast's messages on a terminal.
func newBar(out io.Writer, total int) *progressbar.ProgressBar {
	return progressbar.NewOptions(total, progressbar.OptionSetWriter(out),
		progressbar.OptionSetPredictTime(false), progressbar.OptionSetWidth(30),
		progressbar.OptionShowDescriptionAtLineEnd())
}

// isTerminalOut reports whether w is a terminal.
func isTerminalOut(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func broadcastListCmd(e env) *cobra.Command {
	var n int
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List recent broadcasts with their status and counts",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withApp(cmd, e, func(a *app) error { return a.listBroadcasts(cmd.Context(), n, e.stdout) })
		},
	}
	cmd.Flags().IntVar(&n, "n", 10, "how many to show, newest first")
	return cmd
}

// listBroadcasts prints the last n broadcasts, one a line.
func (a *app) listBroadcasts(ctx context.Context, n int, out io.Writer) error {
	return a.db.OfficeView(ctx, func(tx college.OfficeTx) error {
		bs, err := tx.Broadcasts(n)
		if err != nil || len(bs) == 0 {
			if err == nil {
				fmt.Fprintln(out, "No broadcasts yet. Try: "+broadcastExample+" --dry-run")
			}
			return err
		}
		w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tCREATED\tBY\tKIND\tAUDIENCE\tSTATUS\tPROGRESS")
		for _, b := range bs {
			p, err := tx.BroadcastProgress(b.ID)
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", b.ID, b.Created.In(a.cfg.Loc).Format("Mon 2 Jan 15:04"),
				b.CreatedBy, b.Kind, b.Audience, b.Status, progressColumn(b, p, a.db.Now(), a.cfg.Loc))
		}
		return w.Flush()
	})
}

// progressColumn is a broadcast's progress in the list.
func progressColumn(b college.Broadcast, p college.Progress, now time.Time, loc *time.Location) string {
	switch b.Status {
	case college.BroadcastDraft:
		return fmt.Sprintf("draft for %d students", b.Recipients)
	case college.BroadcastDiscarded:
		return "-"
	}
	return staff.ProgressLine(p, now, loc)
}
