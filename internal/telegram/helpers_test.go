package telegram_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/sqlite"
	"collegebot/internal/telegram"
)

// The bot the tests play, and the secret its webhook was given.
const (
	token  = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
	secret = "s3cr3t-webhook_token-0123456789"
)

// saved is one SaveInbound call.
type saved struct {
	in      college.Inbound
	payload string
}

// fakeInbox is an in-memory Inbox that, like the real one, stores an
// update_id once. failOn makes the next save of that update_id fail once.
type fakeInbox struct {
	mu     sync.Mutex
	saved  []saved
	err    error
	failOn string
}

func (f *fakeInbox) SaveInbound(_ context.Context, in college.Inbound, payload string) (int64, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return 0, false, f.err
	}
	if in.ProviderID == f.failOn {
		f.failOn = ""
		return 0, false, fmt.Errorf("fake: disk full")
	}
	for i, s := range f.saved {
		if s.in.ProviderID == in.ProviderID {
			return int64(i + 1), false, nil
		}
	}
	f.saved = append(f.saved, saved{in, payload})
	return int64(len(f.saved)), true, nil
}

func (f *fakeInbox) LastProviderID(context.Context, college.Channel) (int64, error) {
	return 0, nil
}

// stored returns the update ids saved so far.
func (f *fakeInbox) stored() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var ids []string
	for _, s := range f.saved {
		ids = append(ids, s.in.ProviderID)
	}
	return ids
}

// openDB opens a real SQLite inbox in a temporary directory.
func openDB(t testing.TB) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "college.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// pending returns what the SQLite inbox holds, unprocessed.
func pending(t *testing.T, db *sqlite.DB) []college.Inbound {
	t.Helper()
	ins, err := db.PendingInbound(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return ins
}

// call is one Bot API call the stub received, its parameters as strings
// (JSON values as their JSON text).
type call struct {
	method string
	params map[string]string
	files  map[string][]byte // uploads in a multipart form, by field
}

// botStub plays the Bot API on /bot<token>/<method>, for go-telegram/bot
// (which posts multipart forms) and for the poller (which posts JSON).
type botStub struct {
	*httptest.Server
	mu      sync.Mutex
	calls   []call
	methods map[string]http.HandlerFunc // answers that replace the default
	got     chan call                   // every call, as it arrives
	nextID  int
	updates []json.RawMessage // held for getUpdates, as Telegram holds them
}

// newBotStub starts a stub Bot API.
func newBotStub(t testing.TB) *botStub {
	s := &botStub{methods: map[string]http.HandlerFunc{}, got: make(chan call, 100), nextID: 500}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *botStub) serve(w http.ResponseWriter, r *http.Request) {
	method, ok := strings.CutPrefix(r.URL.Path, "/bot"+token+"/")
	if !ok {
		apiError(w, http.StatusNotFound, "Not Found", 0)
		return
	}
	c := call{method: method, params: params(r), files: uploads(r)}
	s.mu.Lock()
	s.calls = append(s.calls, c)
	answer := s.methods[method]
	s.mu.Unlock()
	select {
	case s.got <- c:
	default:
	}
	if answer != nil {
		answer(w, r)
		return
	}
	s.answer(w, r, c)
}

// params reads a call's parameters from a multipart form or a JSON body.
func params(r *http.Request) map[string]string {
	p := map[string]string{}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(1 << 20); err == nil {
			for k, v := range r.MultipartForm.Value {
				p[k] = v[0]
			}
		}
		return p
	}
	var raw map[string]json.RawMessage
	json.NewDecoder(r.Body).Decode(&raw)
	for k, v := range raw {
		p[k] = string(v)
	}
	return p
}

// uploads reads the files of a multipart form that params parsed.
func uploads(r *http.Request) map[string][]byte {
	if r.MultipartForm == nil {
		return nil
	}
	fs := map[string][]byte{}
	for k, hs := range r.MultipartForm.File {
		f, err := hs[0].Open()
		if err != nil {
			continue
		}
		fs[k], _ = io.ReadAll(f)
		f.Close()
	}
	return fs
}

// answer gives the Bot API's usual answer to a method.
func (s *botStub) answer(w http.ResponseWriter, r *http.Request, c call) {
	switch c.method {
	case "sendMessage":
		s.mu.Lock()
		s.nextID++
		id := s.nextID
		s.mu.Unlock()
		ok(w, fmt.Sprintf(`{"message_id":%d,"date":1767225600,"chat":{"id":%s,"type":"private"},"text":"x"}`, id, c.params["chat_id"]))
	case "sendPhoto":
		s.mu.Lock()
		s.nextID++
		id := s.nextID
		s.mu.Unlock()
		ok(w, fmt.Sprintf(`{"message_id":%d,"date":1767225600,"chat":{"id":%s,"type":"private"},"caption":"x"}`, id, c.params["chat_id"]))
	case "editMessageText":
		ok(w, fmt.Sprintf(`{"message_id":%s,"date":1767225600,"chat":{"id":%s,"type":"private"},"text":"x"}`, c.params["message_id"], c.params["chat_id"]))
	case "getMe":
		ok(w, `{"id":123456789,"is_bot":true,"first_name":"Calderbrook College","username":"CalderbrookCollegeBot"}`)
	case "getUpdates":
		s.getUpdates(w, r, c)
	default:
		ok(w, `true`)
	}
}

// getUpdates answers as Telegram does: updates below the offset are
// confirmed and forgotten; the rest are returned, or, when there are none,
// an empty list after a short wait.
func (s *botStub) getUpdates(w http.ResponseWriter, r *http.Request, c call) {
	var offset int64
	json.Unmarshal([]byte(c.params["offset"]), &offset)
	s.mu.Lock()
	var keep []json.RawMessage
	for _, u := range s.updates {
		var env struct {
			ID int64 `json:"update_id"`
		}
		json.Unmarshal(u, &env)
		if env.ID >= offset {
			keep = append(keep, u)
		}
	}
	s.updates = keep
	s.mu.Unlock()
	if len(keep) == 0 {
		select {
		case <-r.Context().Done():
		case <-time.After(20 * time.Millisecond):
		}
		keep = []json.RawMessage{}
	}
	result, _ := json.Marshal(keep)
	ok(w, string(result))
}

// hold queues updates for getUpdates.
func (s *botStub) hold(updates ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, u := range updates {
		s.updates = append(s.updates, json.RawMessage(u))
	}
}

// answerWith replaces the stub's answer to a method.
func (s *botStub) answerWith(method string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.methods[method] = h
}

// callsTo returns the calls made to a method so far.
func (s *botStub) callsTo(method string) []call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var cs []call
	for _, c := range s.calls {
		if c.method == method {
			cs = append(cs, c)
		}
	}
	return cs
}

// ok writes a successful Bot API answer.
func ok(w http.ResponseWriter, result string) {
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"ok":true,"result":%s}`, result)
}

// apiError writes a Bot API refusal, with retry_after when given.
func apiError(w http.ResponseWriter, code int, description string, retryAfter int) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	params := ""
	if retryAfter > 0 {
		params = fmt.Sprintf(`,"parameters":{"retry_after":%d}`, retryAfter)
	}
	fmt.Fprintf(w, `{"ok":false,"error_code":%d,"description":%q%s}`, code, description, params)
}

// config points the adapter at the stub.
func (s *botStub) config() telegram.Config {
	return telegram.Config{Token: token, ServerURL: s.URL, Log: quiet()}
}

// quiet is a logger that drops everything.
func quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }
