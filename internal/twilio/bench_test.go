package twilio_test

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"testing"

	"collegebot/internal/sqlite"
)

// BenchmarkWebhook is the inbound path Twilio waits on: verify the
// signature, store the message in a SQLite inbox, answer.
func BenchmarkWebhook(b *testing.B) {
	db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "college.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	_, mux, _ := newHandler(db, &fakeDeliveries{})
	bodies := make([]string, b.N)
	sigs := make([]string, b.N)
	for i := range b.N {
		bodies[i] = inboundForm(fmt.Sprintf("SM%032x", i), "JOIN+MH1")
		sigs[i] = signTwilio(authToken, publicURL+"/sms/twilio", bodies[i])
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if w := post(b, mux, "/sms/twilio", bodies[i], sigs[i]); w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}
