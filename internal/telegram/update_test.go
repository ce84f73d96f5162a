package telegram_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"collegebot/internal/college"
	"collegebot/internal/corpustest"
	"collegebot/internal/telegram"
)

// corpusCase is what the bot makes of one update in the corpus: the
// Inbound it stores, or nil when it ignores the update on purpose.
type corpusCase struct {
	want     *college.Inbound
	callback string // the callback id to answer, if any
}

// corpusCases covers every file in ../shared/corpus/telegram_updates.
func corpusCases() map[string]corpusCase {
	start := &college.Inbound{ProviderID: "10000", Address: "1111111", Event: college.EventStart}
	return map[string]corpusCase{
		// Telegram's own example with no chat.type: a positive chat id is a user's private chat.
		"tgdocs_message_text_no_chat_type.json": {want: start},
		"tgdocs_message_text.json":              {want: start},
		"tgdocs_message_forwarded.json":         {want: start},
		"tgdocs_message_reply.json":             {want: start},
		"tgdocs_edited_message.json": {want: &college.Inbound{ProviderID: "10000", Address: "1111111", Text: "Edited text",
			Event: college.EventEdited}},
		"tgdocs_message_entities.json": {want: &college.Inbound{ProviderID: "10000", Address: "1111111",
			Text: "Bold and italics"}},
		"tgdocs_message_voice.json": {want: &college.Inbound{ProviderID: "10000", Address: "1111111",
			Event: college.EventNotText}},
		// An inline-mode button has no message: the presser's own chat is used.
		"tgdocs_callback_query_inline.json": {want: &college.Inbound{ProviderID: "10000", Address: "1111111",
			Text: "Data from button callback"}, callback: "4382bfdwdsb323b2d9"},
		"teloxide_message_private_text.json": {want: &college.Inbound{ProviderID: "892252934",
			Address: "218485655", Text: "hello there", Lang: "en"}},
		"teloxide_my_chat_member_kicked.json": {want: &college.Inbound{ProviderID: "0", Address: "0",
			Event: college.EventBlocked}},
		"teloxide_unknown_update_kind.json":              {},
		"teloxide_message_supergroup_command_reply.json": {},
	}
}

// corpusFiles returns the corpus's update files, INDEX.json aside.
func corpusFiles(t testing.TB) []string {
	t.Helper()
	dir := filepath.Dir(corpustest.Path(t, "telegram_updates/INDEX.json"))
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, n := range names {
		if filepath.Base(n) != "INDEX.json" {
			files = append(files, filepath.Base(n))
		}
	}
	return files
}

// readCorpus returns a corpus update's raw JSON.
func readCorpus(t testing.TB, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(corpustest.Path(t, "telegram_updates/"+name))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestCorpusUpdates(t *testing.T) {
	cases := corpusCases()
	files := corpusFiles(t)
	if len(files) != len(cases) {
		t.Errorf("the corpus has %d updates and the table %d: give every file an expected outcome", len(files), len(cases))
	}
	for _, name := range files {
		t.Run(name, func(t *testing.T) {
			tc, known := cases[name]
			if !known {
				t.Fatalf("no expected outcome for %s", name)
			}
			u := decode(t, readCorpus(t, name))
			in, ok := telegram.Inbound(u)
			assertInbound(t, in, ok, tc.want)
			if got := telegram.CallbackID(u); got != tc.callback {
				t.Errorf("CallbackID = %q, want %q", got, tc.callback)
			}
		})
	}
}

// decode reads an update as the webhook does: encoding/json into
// go-telegram/bot's models, tolerating missing and unknown fields.
func decode(t testing.TB, raw []byte) *models.Update {
	t.Helper()
	u := &models.Update{}
	if err := json.Unmarshal(raw, u); err != nil {
		t.Fatalf("decoding %s: %v", raw, err)
	}
	return u
}

// assertInbound checks what Inbound made of an update.
func assertInbound(t *testing.T, got college.Inbound, ok bool, want *college.Inbound) {
	t.Helper()
	if want == nil {
		if ok {
			t.Fatalf("handled as %+v, want it ignored", got)
		}
		return
	}
	if !ok {
		t.Fatalf("ignored, want %+v", *want)
	}
	if got.Received.IsZero() {
		t.Error("Received is zero")
	}
	w := *want
	w.Channel, w.Received = college.Telegram, got.Received
	if got != w {
		t.Errorf("got  %+v\nwant %+v", got, w)
	}
}

// update wraps one update kind's JSON in an update with id 7001.
func update(kind, body string) string {
	return `{"update_id":7001,"` + kind + `":` + body + `}`
}

// message is a message from user 5551234 in a chat, with the given fields.
func message(chatType string, chatID int64, fields string) string {
	return `{"message_id":42,"date":1767225600,"from":{"id":5551234,"is_bot":false,"first_name":"Siân"},` +
		`"chat":{"id":` + itoa(chatID) + `,"type":"` + chatType + `","first_name":"Siân"},` + fields + `}`
}

// text is a private text message.
func text(s string) string {
	quoted, _ := json.Marshal(s)
	return update("message", message("private", 5551234, `"text":`+string(quoted)))
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestCommands(t *testing.T) {
	tests := []struct {
		sent  string
		text  string
		event college.Event
	}{
		{"/courses", "COURSES", college.EventCommand},
		{"/my", "MY", college.EventCommand},
		{"/help", "HELP", college.EventCommand},
		{"/stop", "STOP", college.EventCommand},
		{"/my@CalderbrookCollegeBot", "MY", college.EventCommand},
		{"/start", "", college.EventStart},
		{"/start@CalderbrookCollegeBot", "", college.EventStart},
		{"/start c_MH1", "INFO MH1", college.EventStart},
		{"/start c_mh1", "INFO MH1", college.EventStart},
		{"/start c_" + strings.Repeat("A", 62), "INFO " + strings.Repeat("A", 62), college.EventStart},
		{"/start c_" + strings.Repeat("A", 63), "", college.EventStart}, // a payload of 65: not a link Telegram makes
		{"/start c_", "", college.EventStart},
		{"/start c_MH1!", "", college.EventStart},
		{"/start poster", "", college.EventStart},
		{"/join mh1", "JOIN mh1", college.EventCommand},
		{"/report", "REPORT", college.EventCommand},
		{"/", "/", ""},
		{"/ courses", "/ courses", ""},
		{"/café", "/café", ""},
		{"courses /help", "courses /help", ""},
		{"JOIN MH1", "JOIN MH1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.sent, func(t *testing.T) {
			in, ok := telegram.Inbound(decode(t, []byte(text(tt.sent))))
			assertInbound(t, in, ok, &college.Inbound{ProviderID: "7001", Address: "5551234", Text: tt.text, Event: tt.event})
		})
	}
}

func TestUpdateKinds(t *testing.T) {
	private := func(fields string) string { return update("message", message("private", 5551234, fields)) }
	contact := func(phone string, userID int64) string {
		return private(`"contact":{"phone_number":"` + phone + `","first_name":"Siân","user_id":` + itoa(userID) + `}`)
	}
	at := func(in college.Inbound) *college.Inbound {
		in.ProviderID, in.Address = "7001", "5551234"
		return &in
	}
	tests := []struct {
		label string
		raw   string
		want  *college.Inbound
	}{
		{"own contact, digits without +", contact("447700900123", 5551234), at(college.Inbound{Event: college.EventContact, Phone: "+447700900123"})},
		{"own contact, with +", contact("+44 7700 900123", 5551234), at(college.Inbound{Event: college.EventContact, Phone: "+447700900123"})},
		{"own contact, another country", contact("33612345678", 5551234), at(college.Inbound{Event: college.EventContact, Phone: "+33612345678"})},
		{"someone else's contact", contact("447700900456", 999), at(college.Inbound{Event: college.EventContactNotOwn})},
		{"contact with no user id", private(`"contact":{"phone_number":"447700900456","first_name":"Al"}`), at(college.Inbound{Event: college.EventContactNotOwn})},
		{"own contact, unreadable number", contact("not a number", 5551234), at(college.Inbound{Event: college.EventContactNotOwn})},
		{"photo", private(`"photo":[{"file_id":"a","file_unique_id":"b","width":90,"height":90}],"caption":"JOIN MH1"`), at(college.Inbound{Event: college.EventNotText, Text: "JOIN MH1"})},
		{"sticker", private(`"sticker":{"file_id":"a","file_unique_id":"b","type":"regular","width":512,"height":512,"is_animated":false,"is_video":false}`), at(college.Inbound{Event: college.EventNotText})},
		{"location", private(`"location":{"latitude":53.68,"longitude":-1.49}`), at(college.Inbound{Event: college.EventNotText})},
		{"document", private(`"document":{"file_id":"a","file_unique_id":"b"}`), at(college.Inbound{Event: college.EventNotText})},
		{"pinned message (service)", private(`"pinned_message":{"message_id":41,"date":1767225500,"chat":{"id":5551234,"type":"private"}}`), nil},
		{"group text", update("message", message("group", -4001, `"text":"/courses"`)), nil},
		{"supergroup text", update("message", message("supergroup", -1004001, `"text":"JOIN MH1"`)), nil},
		{"channel post", update("channel_post", `{"message_id":1,"date":1767225600,"chat":{"id":-1009,"type":"channel","title":"News"},"text":"New term"}`), nil},
		{"inline query", update("inline_query", `{"id":"iq1","from":{"id":5551234,"is_bot":false,"first_name":"Siân"},"query":"MH1","offset":""}`), nil},
		{"edited text", update("edited_message", message("private", 5551234, `"text":"JOIN MH1","edit_date":1767225700`)), at(college.Inbound{Event: college.EventEdited, Text: "JOIN MH1"})},
		{"edited live location", update("edited_message", message("private", 5551234, `"location":{"latitude":53.68,"longitude":-1.49},"edit_date":1767225700`)), nil},
		{"edited in a group", update("edited_message", message("group", -4001, `"text":"hi","edit_date":1767225700`)), nil},
		{"button in a private chat", callback(message("private", 5551234, `"text":"MH1 is full."`), "WAIT MH1"), at(college.Inbound{Text: "WAIT MH1"})},
		{"button on a message too old to read", callback(`{"message_id":42,"date":0,"chat":{"id":5551234,"type":"private"}}`, "JOIN MH1"), at(college.Inbound{Text: "JOIN MH1"})},
		{"button in a group", callback(message("group", -4001, `"text":"hi"`), "JOIN MH1"), nil},
		{"game button (no data)", update("callback_query", `{"id":"cb9","from":{"id":5551234,"is_bot":false,"first_name":"Siân"},"chat_instance":"1","game_short_name":"g"}`), nil},
		{"unblocked", membership("private", "kicked", "member"), at(college.Inbound{Event: college.EventStart})},
		{"blocked", membership("private", "member", "kicked"), at(college.Inbound{Event: college.EventBlocked})},
		{"member after left", membership("private", "left", "member"), nil},
		{"removed from a group", membership("group", "member", "kicked"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			in, ok := telegram.Inbound(decode(t, []byte(tt.raw)))
			assertInbound(t, in, ok, tt.want)
		})
	}
}

// callback is a button press on a message, with its data.
func callback(msg, data string) string {
	return update("callback_query", `{"id":"cb7001","from":{"id":5551234,"is_bot":false,"first_name":"Siân"},`+
		`"chat_instance":"-77","message":`+msg+`,"data":"`+data+`"}`)
}

// membership is a change in the bot's membership of a chat with user 5551234.
func membership(chatType, from, to string) string {
	chatID := "5551234"
	if chatType != "private" {
		chatID = "-4001"
	}
	bot := `"user":{"id":123456789,"is_bot":true,"first_name":"College"}`
	return update("my_chat_member", `{"chat":{"id":`+chatID+`,"type":"`+chatType+`"},"from":{"id":5551234,"is_bot":false,"first_name":"Siân"},`+
		`"date":1767225600,"old_chat_member":{`+bot+`,"status":"`+from+`"},"new_chat_member":{`+bot+`,"status":"`+to+`"}}`)
}

func TestCallbackID(t *testing.T) {
	if got := telegram.CallbackID(decode(t, []byte(callback(message("private", 5551234, `"text":"x"`), "MY")))); got != "cb7001" {
		t.Errorf("CallbackID = %q, want cb7001", got)
	}
	for _, raw := range []string{text("hi"), `{"update_id":1}`} {
		if got := telegram.CallbackID(decode(t, []byte(raw))); got != "" {
			t.Errorf("CallbackID(%s) = %q, want none", raw, got)
		}
	}
	if telegram.CallbackID(nil) != "" {
		t.Error("CallbackID(nil) is not empty")
	}
}
