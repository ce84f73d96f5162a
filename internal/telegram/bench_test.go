package telegram_test

import (
	"net/http"
	"testing"
)

// BenchmarkWebhook is the path Telegram waits on: check the secret token,
// decode the update, store it in a SQLite inbox, answer 200.
func BenchmarkWebhook(b *testing.B) {
	db := openDB(b)
	_, mux, _ := newHandler(db, nil)
	bodies := make([]string, b.N)
	for i := range b.N {
		bodies[i] = textUpdate(int64(100000+i), "JOIN MH1")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if w := deliver(b, mux, bodies[i], secret); w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}
