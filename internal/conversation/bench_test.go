package conversation_test

import (
	"context"
	"fmt"
	"testing"

	"collegebot/internal/college"
)

// BenchmarkInbound measures one inbound message through the inbox, the
// engine and into the outbox, on a SQLite file, for a registered student
// browsing (INFO) and for a new student's first message.
func BenchmarkInbound(b *testing.B) {
	for _, tc := range []struct {
		name string
		text string
		same bool
	}{{"info_registered", "info mh1", true}, {"first_contact", "hello", false}} {
		b.Run(tc.name, func(b *testing.B) {
			h := newHarness(b)
			from := h.addRegistered(1)[0]
			ctx := context.Background()
			for i := 0; b.Loop(); i++ {
				addr := from
				if !tc.same {
					addr = fmt.Sprintf("+4477009%05d", i%100000)
				}
				in := college.Inbound{Channel: college.Terminal, Address: addr, Text: tc.text, ProviderID: fmt.Sprintf("b%d", i)}
				id, _, err := h.db.SaveInbound(ctx, in, "")
				if err != nil {
					b.Fatal(err)
				}
				in.ID = id
				if err := h.eng.Handle(ctx, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
