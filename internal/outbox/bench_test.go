package outbox_test

import (
	"context"
	"fmt"
	"testing"

	"collegebot/internal/college"
	"collegebot/internal/outbox"
)

// nopSender accepts every message at once.
type nopSender struct{}

func (nopSender) Send(context.Context, college.Queued) (college.Receipt, error) {
	return college.Receipt{ProviderID: "SM"}, nil
}

// BenchmarkDispatch measures the dispatcher's own cost per message (claim,
// send through a sender that does nothing, record) on a SQLite file with
// no rate limit: the ceiling the provider's rate sits far below.
func BenchmarkDispatch(b *testing.B) {
	e := newEnv(b)
	ctx := context.Background()
	err := e.Update(ctx, func(tx college.Tx) error {
		for i := range b.N {
			o := college.Outgoing{Key: fmt.Sprint("m", i), Channel: college.SMS, Address: fmt.Sprintf("+4477009%05d", i%100000),
				Kind: college.KindNews, Priority: college.Bulk, Reply: college.Reply{Text: "news"}, Segments: 1}
			if err := tx.Enqueue(o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	d := outbox.New(e.DB, nil, outbox.Channel{Name: college.SMS, Sender: nopSender{}})
	d.Now = e.now
	b.ResetTimer()
	if err := d.Flush(ctx); err != nil {
		b.Fatal(err)
	}
}
