package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"collegebot/internal/college"
	"collegebot/internal/staff"
	"collegebot/messages"
)

// broadcastFlags are what a broadcast is given on the command line.
type broadcastFlags struct {
	to, kind, message string
	// texts holds --message-cy and the like: the text for the students of
	// each other language, by language.
	texts    map[string]*string
	dry, yes bool
}

const broadcastLong = `Message an audience of students. A preview comes first: who it reaches on
each channel, what it costs by SMS, and the text exactly as a student sees it.
Then it asks "Send to N students? [y/N]" (or --yes sends without asking).

--to is one of:
  all                 every registered student
  course:CODE         students booked on a course, or offered a place
  term:NAME           booked, offered or completed on a course of the term
  topic:NAME          the same for a topic (quote names with spaces: term:"Spring 2026")
  waiting:CODE        students on a course's waiting list
  channel:sms|telegram  only students reached on that channel; may follow another
                      (course:MH1 channel:sms)
Each student gets one message, on the contact they last wrote from, never on
one that opted out. --kind service reaches everyone in the audience; news only
those who said yes to news, and ends with how to stop news.

Students who chose another language (LANG) get the text given for it with
--message-LANG (--message-cy "Helo bawb" for Welsh), or the --message text if
there is none; news ends with how to stop news in their language. The
preview shows who each language reaches and what its texts cost.

Messages are queued as bulk (replies to students go first) and wait out quiet
hours; collegebot serve sends them.`

// broadcastCmd drafts and sends broadcasts, and follows, stops and lists
// them.
func broadcastCmd(e env) *cobra.Command {
	var f broadcastFlags
	cmd := &cobra.Command{
		Use:   "broadcast --to AUDIENCE --kind service|news --message TEXT [--dry-run] [--yes]",
		Short: "Message an audience of students (preview first); status, stop and list broadcasts",
		Long:  broadcastLong,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withApp(cmd, e, func(a *app) error { return a.broadcast(cmd.Context(), f, e) })
		},
	}
	cmd.Flags().StringVar(&f.to, "to", "", `who it goes to: all, course:MH1, term:"Spring 2026", topic:NAME, waiting:MH1, channel:sms`)
	cmd.Flags().StringVar(&f.kind, "kind", "", "service (about something booked: everyone) or news (only students who said yes to news)")
	cmd.Flags().StringVar(&f.message, "message", "", "the text; curly quotes and dashes are made plain")
	f.texts = langFlags(cmd)
	cmd.Flags().BoolVar(&f.dry, "dry-run", false, "show the preview only: nothing is stored or sent")
	cmd.Flags().BoolVar(&f.yes, "yes", false, "send without asking")
	cmd.AddCommand(broadcastStatusCmd(e), broadcastStopCmd(e), broadcastListCmd(e))
	return cmd
}

// langFlags adds a --message-LANG flag for each language other than the
// default that the catalogs speak, and returns where each is read into.
func langFlags(cmd *cobra.Command) map[string]*string {
	texts := map[string]*string{}
	cat, err := messages.Load()
	if err != nil {
		return texts // the catalogs are embedded: this does not happen in a built binary
	}
	for _, l := range staff.OtherLangs(cat) {
		texts[l] = cmd.Flags().String("message-"+l, "", fmt.Sprintf(
			"the text for students who chose %s (%s); they get --message without it", cat.Name(l), cat.EnglishName(l)))
	}
	return texts
}

// broadcastExample is a whole broadcast command line, for hints.
const broadcastExample = `collegebot broadcast --to course:MH1 --kind service --message "Tuesday's session is in room 2"`

// broadcast previews a broadcast and, unless it is a dry run, asks and
// sends it.
func (a *app) broadcast(ctx context.Context, f broadcastFlags, e env) error {
	b, err := readBroadcast(f)
	if err != nil {
		return err
	}
	aud, kind := b.Audience, b.Kind
	var p staff.Preview
	err = a.db.OfficeView(ctx, func(tx college.OfficeTx) (err error) {
		p, err = a.desk.PreviewBroadcast(tx, b)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, staff.PreviewText(p))
	switch {
	case f.dry:
		fmt.Fprintln(e.stdout, "Dry run: nothing was stored or sent.")
		return nil
	case p.Recipients == 0:
		return fmt.Errorf("nobody in %s can be sent this %s: nothing was sent", aud, kind)
	case f.yes:
	case !interactive(e.stdin):
		return errors.New("not sent: I can only ask in a terminal. Add --yes to send it, or --dry-run for the preview alone")
	case !confirm(e.stdin, e.stdout, p.Recipients):
		fmt.Fprintln(e.stdout, "Not sent.")
		return nil
	}
	b.CreatedBy = "command line"
	return a.sendBroadcast(ctx, b, e.stdout)
}

// readBroadcast checks the flags of a broadcast.
func readBroadcast(f broadcastFlags) (college.Broadcast, error) {
	b := college.Broadcast{Body: f.message, Texts: map[string]string{}}
	if f.to == "" || f.kind == "" || strings.TrimSpace(f.message) == "" {
		return b, fmt.Errorf("give --to, --kind and --message, e.g. %s", broadcastExample)
	}
	for l, s := range f.texts {
		if strings.TrimSpace(*s) != "" {
			b.Texts[l] = *s
		}
	}
	var err error
	if b.Audience, err = college.ParseAudience(f.to); err != nil {
		return b, fmt.Errorf("--to: %w", err)
	}
	if b.Kind, err = staff.ParseKind(f.kind); err != nil {
		return b, fmt.Errorf("--kind: %w", err)
	}
	return b, nil
}

// interactive reports whether r is a terminal someone can answer at:
// not a pipe, a file or /dev/null.
func interactive(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// confirm asks whether to send to n students; only y or yes says yes.
func confirm(in io.Reader, out io.Writer, n int) bool {
	fmt.Fprintf(out, "Send to %d students? [y/N] ", n)
	line, _ := bufio.NewReader(in).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true
	}
	return false
}

// sendBroadcast stores the broadcast and queues it, in one transaction.
func (a *app) sendBroadcast(ctx context.Context, draft college.Broadcast, out io.Writer) error {
	var b college.Broadcast
	var n int
	err := a.db.Office(ctx, func(tx college.OfficeTx) error {
		p, err := a.desk.DraftBroadcast(tx, draft)
		if err == nil {
			b, n, err = a.desk.SendBroadcast(tx, p.ID, "", "")
		}
		return err
	})
	if err != nil {
		return err
	}
	when := "now"
	if at := *b.QueuedAt; college.InQuietHours(at, a.cfg.Profile, a.cfg.Loc) {
		when = college.QuietUntil(at, a.cfg.Profile, a.cfg.Loc).In(a.cfg.Loc).Format("Mon 15:04") + ", after quiet hours"
	}
	fmt.Fprintf(out, "Broadcast %d is queued for %d students and starts %s (collegebot serve sends it).\n"+
		"Follow it with: collegebot broadcast status %d --wait\nStop it with:   collegebot broadcast stop %d\n",
		b.ID, n, when, b.ID, b.ID)
	return nil
}

func broadcastStopCmd(e env) *cobra.Command {
	return &cobra.Command{
		Use:   "stop ID",
		Short: "Stop a broadcast: what is not yet sent is never sent",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := broadcastID(args[0])
			if err != nil {
				return err
			}
			return withApp(cmd, e, func(a *app) error {
				return a.db.Office(cmd.Context(), func(tx college.OfficeTx) error {
					b, n, err := a.desk.StopBroadcast(tx, id)
					if err != nil {
						return err
					}
					p, err := tx.BroadcastProgress(id)
					if err == nil {
						fmt.Fprintln(e.stdout, staff.StopText(b, n, p))
					}
					return err
				})
			})
		},
	}
}

// broadcastID reads a broadcast's number.
func broadcastID(s string) (int64, error) {
	id, ok := staff.ParseNumber(s)
	if !ok {
		return 0, fmt.Errorf("%q is not a broadcast number: collegebot broadcast list shows them", s)
	}
	return id, nil
}
