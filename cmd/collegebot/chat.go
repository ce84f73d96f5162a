package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"collegebot/internal/college"
	"collegebot/internal/conversation"
	"collegebot/internal/phone"
)

// demoNumber is who the terminal chat talks as by default: a number in
// Ofcom's drama range, which no real phone has.
const demoNumber = "07700 900000"

func chatCmd(e env) *cobra.Command {
	var as string
	cmd := &cobra.Command{
		Use:   "chat",
		Short: "Talk to the college as a student, in the terminal (works piped: one line in, the replies out)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withApp(cmd, e, func(a *app) error { return a.chat(cmd.Context(), as, e) })
		},
	}
	cmd.Flags().StringVar(&as, "as", demoNumber, "the student's phone number, in any UK spelling")
	return cmd
}

// terminal is the chat channel: a student at the keyboard. Their messages
// go through the inbox and the engine like any other channel's, and their
// replies are delivered from the outbox by printing them.
type terminal struct {
	a      *app
	addr   string
	out    io.Writer
	prefix string
	seq    int
}

func (a *app) chat(ctx context.Context, as string, e env) error {
	addr, err := phone.Normalize(as)
	if err != nil {
		return fmt.Errorf("--as %q: %w", as, err)
	}
	if !phone.Valid(addr) {
		return fmt.Errorf("--as %q is not a UK phone number", as)
	}
	t := &terminal{a: a, addr: addr, out: e.stdout, prefix: fmt.Sprintf("term-%d", time.Now().UnixNano())}
	interactive := isTerminal(e.stdin)
	if interactive {
		fmt.Fprintf(e.stderr, "Texting %s as %s. Try COURSES or HELP; Ctrl-D to leave.\n", a.cfg.Profile.Name, as)
	}
	if err := t.catchUp(ctx); err != nil {
		return err
	}
	return t.loop(ctx, e.stdin, interactive, e.stderr)
}

func (t *terminal) loop(ctx context.Context, in io.Reader, interactive bool, prompt io.Writer) error {
	sc := bufio.NewScanner(in)
	for {
		if interactive {
			fmt.Fprint(prompt, "> ")
		}
		if !sc.Scan() {
			return sc.Err()
		}
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if err := t.send(ctx, line); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return nil
		}
	}
}

// send stores one line in the inbox, handles it and prints the replies.
func (t *terminal) send(ctx context.Context, text string) error {
	t.seq++
	in := college.Inbound{
		Channel: college.Terminal, Address: t.addr, Text: text,
		ProviderID: fmt.Sprintf("%s-%d", t.prefix, t.seq), Received: time.Now().UTC(),
	}
	id, fresh, err := t.a.db.SaveInbound(ctx, in, "")
	if err != nil || !fresh {
		return err
	}
	in.ID = id
	if err := t.a.desk.Handle(ctx, in); err != nil {
		return err
	}
	return t.deliver(ctx)
}

// catchUp handles terminal messages a crash left in the inbox, then prints
// whatever is waiting for this student, such as an offered place.
func (t *terminal) catchUp(ctx context.Context) error {
	pending, err := t.a.db.PendingInbound(ctx, 1000)
	if err != nil {
		return err
	}
	for _, in := range pending {
		if in.Channel != college.Terminal {
			continue
		}
		if err := t.a.desk.Handle(ctx, in); err != nil {
			return err
		}
	}
	return t.deliver(ctx)
}

// deliver prints the student's due messages from the outbox and records
// them as sent.
func (t *terminal) deliver(ctx context.Context) error {
	for {
		qs, err := t.a.db.Claim(ctx, college.ClaimFilter{Channel: college.Terminal, Address: t.addr, Limit: 20, Lease: time.Minute})
		if err != nil || len(qs) == 0 {
			return err
		}
		for _, q := range qs {
			fmt.Fprintf(t.out, "%s\n\n", conversation.RenderSMS(t.a.cat, q.Lang, q.Reply))
			if err := t.a.db.MarkSent(ctx, q.ID, college.Receipt{}); err != nil {
				return err
			}
		}
	}
}

func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
