package conversation_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"collegebot/internal/college"
)

// inboundCases are the messages the inbound benchmarks send: a registered
// student asking for a course's details (same sender each time), and a new
// student's first message (a new sender each time).
var inboundCases = []struct {
	name string
	text string
	same bool
}{{"info_registered", "info mh1", true}, {"first_contact", "hello", false}}

// BenchmarkInbound measures one inbound message through the inbox, the
// engine and into the outbox, on a SQLite file, for a registered student
// browsing (INFO) and for a new student's first message.
func BenchmarkInbound(b *testing.B) {
	for _, tc := range inboundCases {
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

// BenchmarkInboundGrouped is BenchmarkInbound as serve runs it: 64
// students at once, each storing a message and handling it in turn, so
// that the writer commits their changes in groups. It measures the cost
// of a turn inside a group, which is what bounds the messages a second
// the one writer can handle, rather than the cost of a commit.
func BenchmarkInboundGrouped(b *testing.B) {
	for _, tc := range inboundCases {
		b.Run(tc.name, func(b *testing.B) {
			h := newHarness(b)
			from := h.addRegistered(64)
			ctx := context.Background()
			var who, seq atomic.Int64
			b.SetParallelism(32) // 64 goroutines on 2 cores, like the worker's 64 hands
			began := cpuTime()
			b.RunParallel(func(pb *testing.PB) {
				me := int(who.Add(1)-1) % len(from)
				for pb.Next() {
					i := seq.Add(1)
					addr := from[me]
					if !tc.same {
						addr = fmt.Sprintf("+4477019%06d", i)
					}
					in := college.Inbound{Channel: college.Terminal, Address: addr, Text: tc.text, ProviderID: fmt.Sprintf("g%d", i)}
					id, _, err := h.db.SaveInbound(ctx, in, "")
					if err == nil {
						in.ID = id
						err = h.eng.Handle(ctx, in)
					}
					if err != nil {
						b.Error(err)
						return
					}
				}
			})
			// CPU time is steadier than wall time on a shared machine.
			b.ReportMetric(float64((cpuTime()-began).Microseconds())/float64(b.N), "cpu-us/op")
		})
	}
}
