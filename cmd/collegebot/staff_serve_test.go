package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"collegebot/internal/providerstub"
)

// The staff tools as a college uses them, end to end: collegebot serve on
// loopback, signed Twilio webhooks and Telegram updates in, and everything
// out through twilio-go and go-telegram/bot to the stubs.
//
// The college runs REG1 (registerCSV: its first session began half an hour
// ago, its second is in a week). Pat, an admin, works on Telegram; Sue
// (staff) and Fay (a facilitator) by SMS. Sam and Kim booked by SMS; Tess
// booked by SMS and then opened the college's Telegram bot, so Telegram is
// where she is reached.
const (
	e2ePat      = "5550001" // Pat's Telegram chat, the admin
	e2eSue      = "+447700900501"
	e2eFay      = "+447700900502"
	e2eSam      = "+447700900123"
	e2eKim      = "+447700900124"
	e2eTess     = "+447700900125"
	e2eTessChat = "6660001"
)

func TestServeStaffTools(t *testing.T) {
	c := newE2ECollege(t)
	for _, st := range []struct{ phone, name string }{{e2eSam, "Sam"}, {e2eKim, "Kim"}, {e2eTess, "Tess"}} {
		c.e2eBook(st.phone, st.name)
	}
	c.e2eTessOpensTelegram()

	c.e2eBroadcast(t)
	c.e2eHandoff(t)
	c.e2eRefusals(t)
	c.e2eRegister(t)
}

// e2eCollege is the running server, its stubs and its database.
type e2eCollege struct {
	*server
	tw    *stubTwilio
	tg    *stubTelegram
	db    *cli // counts rows
	sids  int
	upds  int
	first time.Time // when REG1/1 began
}

func newE2ECollege(t *testing.T) *e2eCollege {
	c := newCLI(t)
	csv, first := registerCSV(t)
	c.ok("", "import", writeFile(t, csv))
	c.ok("", "staff", "add", "--name", "Pat", "--role", "admin", "--telegram-id", e2ePat)
	c.ok("", "staff", "add", "--name", "Sue", "--role", "staff", "--phone", "07700 900501")
	c.ok("", "staff", "add", "--name", "Fay", "--role", "facilitator", "--phone", "07700 900502")
	// No quiet hours, so a broadcast goes now whatever the time of day.
	profile := writeFile(t, "quiet_hours = \"\"\n")
	tw, tg := newStubTwilio(t), newStubTelegram(t)
	s := startServer(t, c.db, tw, "COLLEGEBOT_COLLEGE", profile, "TELEGRAM_BOT_TOKEN", testBotToken,
		"TELEGRAM_MODE", "webhook", "TELEGRAM_WEBHOOK_SECRET", tgSecret, "TELEGRAM_API_URL", tg.URL())
	return &e2eCollege{server: s, tw: tw, tg: tg, db: c, first: first}
}

// e2eBook books a student on REG1 by SMS, answering the sign-up questions.
func (c *e2eCollege) e2eBook(phone, name string) {
	c.t.Helper()
	for i, text := range []string{"JOIN REG1", name, "yes", "yes", "skip", "skip", "skip"} {
		c.e2eText(phone, text)
		c.tw.waitFor(phone, i+2) // the first text also brings the welcome
	}
	if got := c.tw.bodies(phone); !strings.Contains(got[len(got)-1], "You're booked on REG1") {
		c.t.Fatalf("%s was not booked: %q", name, got)
	}
}

// e2eTessOpensTelegram is Tess opening the bot and sharing her number.
func (c *e2eCollege) e2eTessOpensTelegram() {
	c.t.Helper()
	c.e2eTelegram(e2eTessChat, "Tess", "/start")
	c.e2eTgFind(e2eTessChat, "Share your number")
	c.e2eUpdate(e2eTessChat, "Tess", map[string]any{
		"contact": map[string]any{"phone_number": strings.TrimPrefix(e2eTess, "+"), "first_name": "Tess", "user_id": 6660001}})
	c.e2eTgFind(e2eTessChat, "This chat now shows the bookings you made by text")
}

// e2eBroadcast: Pat sends a service broadcast to REG1 from Telegram, sees
// the preview, presses Send, and follows it to the end.
func (c *e2eCollege) e2eBroadcast(t *testing.T) {
	c.e2eTelegram(e2ePat, "Pat", "/broadcast course:REG1 service Tuesday\u2019s session \u2014 room 2")
	preview := c.e2eTgFind(e2ePat, "Students will see:")
	contains(t, "preview", preview.text, "Broadcast 1, service to course:REG1: 3 students, 2 by SMS and 1 on Telegram.",
		"Curly quotes, dashes and other look-alikes were changed", "Students will see:\nTuesday's session - room 2")
	buttons := preview.buttons(t)
	if buttons["Send"] != "/broadcast send 1" || buttons["Discard"] != "/broadcast discard 1" {
		t.Fatalf("preview buttons %v: want Send and Discard of broadcast 1", buttons)
	}
	for _, phone := range []string{e2eSam, e2eKim, e2eTess} {
		if n := c.e2eSMSCount(phone, "room 2"); n != 0 {
			t.Fatalf("%s was sent the broadcast before Send was pressed", phone)
		}
	}

	cb := c.e2ePress(e2ePat, preview.id, buttons["Send"])
	progress := c.e2eTgFind(e2ePat, "/ 3 sent")
	if progress.buttons(t)["Stop"] != "/broadcast stop 1" {
		t.Errorf("progress message %q has no Stop button", progress.text)
	}
	const sent = "Tuesday's session - room 2"
	for _, phone := range []string{e2eSam, e2eKim} {
		c.e2eSMSFind(phone, sent)
	}
	c.e2eTgFind(e2eTessChat, sent)
	// The progress watch edits Pat's message once everything is sent.
	edit := c.e2eEdited(e2ePat, progress.id, "finished")
	if want := "Broadcast 1, service to course:REG1, finished: 3 / 3 sent."; edit.Text != want {
		t.Errorf("progress edited to %q, want %q", edit.Text, want)
	}

	for _, phone := range []string{e2eSam, e2eKim} {
		if n := c.e2eSMSCount(phone, sent); n != 1 {
			t.Errorf("%s got the broadcast %d times by SMS, want once: %q", phone, n, c.tw.bodies(phone))
		}
	}
	if got := c.e2eTgTexts(e2eTessChat, sent); len(got) != 1 || got[0] != sent {
		t.Errorf("Tess got %q on Telegram, want the broadcast once, as %q", got, sent)
	}
	if n := c.e2eSMSCount(e2eTess, sent); n != 0 {
		t.Errorf("Tess, on Telegram now, got the broadcast by SMS too")
	}
	if !c.e2eAnswered(cb) {
		t.Errorf("the Send press (%s) was not answered: %v", cb, c.e2eCalls("answerCallbackQuery"))
	}
	if n := c.db.count(`SELECT count(*) FROM broadcast WHERE id = 1 AND status = 'queued' AND recipients = 3
		AND finished_at IS NOT NULL AND created_by = 'Pat'`); n != 1 {
		t.Errorf("broadcast 1 is not stored as sent to 3 by Pat and finished")
	}
	if n := c.db.count(`SELECT count(*) FROM outbox WHERE edit_of <> '' AND status = 'sent'`); n != 1 {
		t.Errorf("sent edits: %d, want 1", n)
	}
}

var e2eRef = regexp.MustCompile(`\(ref (\d+)\)`)

// e2eHandoff: Sam texts TALK; Pat is alerted on Telegram and answers with
// /reply; Sam gets the answer by SMS, from the college.
func (c *e2eCollege) e2eHandoff(t *testing.T) {
	c.e2eText(e2eSam, "TALK")
	c.e2eSMSFind(e2eSam, "we've asked staff to get back to you")
	alert := c.e2eTgFind(e2ePat, "asked to talk to a person")
	contains(t, "alert", alert.text, "Sam asked to talk to a person (ref ", "Reach: SMS "+e2eSam, `"TALK"`, "Answer: /reply ")
	ref := e2eRef.FindStringSubmatch(alert.text)
	if ref == nil {
		t.Fatalf("the alert names no ref: %q", alert.text)
	}

	c.e2eTelegram(e2ePat, "Pat", "/reply "+ref[1]+" Hello from the college")
	got := c.e2eSMSFind(e2eSam, "Hello from the college")
	if want := "Calderbrook Recovery College: Hello from the college"; got != want {
		t.Errorf("Sam got %q, want %q", got, want)
	}
	c.e2eTgFind(e2ePat, "Sent to Sam.")
	if n := c.db.count(`SELECT count(*) FROM handoff WHERE id = ` + ref[1] + ` AND replied_by = 'Pat' AND closed_at IS NULL`); n != 1 {
		t.Errorf("hand-off %s is not recorded as answered by Pat", ref[1])
	}
}

// e2eRefusals: Fay, a facilitator, may not cancel a session; Kim, a
// student, cannot broadcast: she gets the usual student answer.
func (c *e2eCollege) e2eRefusals(t *testing.T) {
	const toStudents = `SELECT count(*) FROM outbox WHERE student_id IS NOT NULL`
	before := c.db.count(toStudents)
	c.e2eText(e2eFay, "#session cancel REG1/1")
	if got := c.e2eSMSFind(e2eFay, "needs the"); got != "Sorry, #session needs the staff role; you are facilitator." {
		t.Errorf("Fay got %q", got)
	}
	if n := c.db.count(`SELECT count(*) FROM session WHERE status = 'cancelled' OR changed_at IS NOT NULL`); n != 0 {
		t.Errorf("a facilitator changed %d sessions", n)
	}
	if n := c.db.count(toStudents); n != before {
		t.Errorf("students were sent %d messages after a refused cancel", n-before)
	}

	n := len(c.tw.bodies(e2eKim))
	c.e2eText(e2eKim, "#broadcast all service hi")
	got := c.tw.waitFor(e2eKim, n+1)[n]
	if !strings.HasPrefix(got, "Sorry, I didn't get that.") {
		t.Errorf("Kim's #broadcast got %q, want the usual answer to what the bot does not know", got)
	}
	if n := c.db.count(`SELECT count(*) FROM broadcast`); n != 1 {
		t.Errorf("broadcasts: %d, want only Pat's", n)
	}
}

// e2eRegister: Sue takes the register of the session under way by SMS and
// marks Kim, first on it, as there.
func (c *e2eCollege) e2eRegister(t *testing.T) {
	c.e2eText(e2eSue, "#register REG1/1")
	when := c.first.Format("Mon 2 Jan 15:04") + "-" + c.first.Add(2*time.Hour).Format("15:04") + ", Calder Library"
	got := c.e2eSMSFind(e2eSue, "REG1/1 Mindfulness")
	want := "REG1/1 Mindfulness\n" + when + "\n1 Kim: booked\n2 Sam: booked\n3 Tess: booked\n0 of 3 marked.\n" +
		"To mark it, send #register mark REG1/1 attended 1 3 absent 2."
	if got != want {
		t.Errorf("register:\n%s\nwant:\n%s", got, want)
	}

	c.e2eText(e2eSue, "#register mark REG1/1 attended 1")
	if got := c.e2eSMSFind(e2eSue, "REG1/1: "); got != "REG1/1: 1 attended. 1 of 3 marked." {
		t.Errorf("mark answered %q", got)
	}
	if n := c.db.count(`SELECT count(*) FROM attendance a JOIN student s ON s.id = a.student_id
		JOIN session se ON se.id = a.session_id WHERE se.seq = 1 AND s.first_name = 'Kim' AND a.status = 'attended'`); n != 1 {
		t.Error("Kim's attendance at REG1/1 is not recorded")
	}
	if n := c.db.count(`SELECT count(*) FROM attendance`); n != 1 {
		t.Errorf("attendance rows: %d, want Kim's only", n)
	}
}

// e2eText posts a signed inbound SMS.
func (c *e2eCollege) e2eText(from, body string) {
	c.t.Helper()
	c.sids++
	if resp := c.text(from, fmt.Sprintf("SM%032d", c.sids), body); resp.StatusCode != 200 {
		c.t.Fatalf("%q from %s: status %d", body, from, resp.StatusCode)
	}
}

// e2eSMSFind waits for a text to phone that says want, and returns the
// last such.
func (c *e2eCollege) e2eSMSFind(phone, want string) string {
	c.t.Helper()
	eventually(c.t, func() bool { return c.e2eSMSCount(phone, want) > 0 },
		func() string { return fmt.Sprintf("%s got %q, none saying %q", phone, c.tw.bodies(phone), want) })
	var last string
	for _, b := range c.tw.bodies(phone) {
		if strings.Contains(b, want) {
			last = b
		}
	}
	return last
}

// e2eSMSCount counts the texts to phone that say want.
func (c *e2eCollege) e2eSMSCount(phone, want string) int {
	n := 0
	for _, b := range c.tw.bodies(phone) {
		if strings.Contains(b, want) {
			n++
		}
	}
	return n
}

// e2eTelegram posts a text message from a private chat, as Telegram posts
// it to the webhook, a bot command marked as such.
func (c *e2eCollege) e2eTelegram(chat, name, text string) {
	c.t.Helper()
	msg := map[string]any{"text": text}
	if strings.HasPrefix(text, "/") {
		word, _, _ := strings.Cut(text, " ")
		msg["entities"] = []any{map[string]any{"type": "bot_command", "offset": 0, "length": len(word)}}
	}
	c.e2eUpdate(chat, name, msg)
}

// e2eUpdate posts a message update from a private chat with the fields
// given.
func (c *e2eCollege) e2eUpdate(chat, name string, fields map[string]any) {
	c.t.Helper()
	c.upds++
	id := json.Number(chat)
	msg := map[string]any{"message_id": 1000 + c.upds, "date": time.Now().Unix(),
		"chat": map[string]any{"id": id, "type": "private", "first_name": name},
		"from": map[string]any{"id": id, "is_bot": false, "first_name": name}}
	for k, v := range fields {
		msg[k] = v
	}
	c.e2ePost(map[string]any{"update_id": c.upds, "message": msg})
}

// e2ePress posts a button press on a message the bot sent to chat, and
// returns the callback query's id.
func (c *e2eCollege) e2ePress(chat string, msgID int, data string) string {
	c.t.Helper()
	c.upds++
	id := json.Number(chat)
	cb := fmt.Sprintf("cb%d", c.upds)
	c.e2ePost(map[string]any{"update_id": c.upds, "callback_query": map[string]any{
		"id": cb, "chat_instance": "42", "data": data,
		"from": map[string]any{"id": id, "is_bot": false, "first_name": "Pat"},
		"message": map[string]any{"message_id": msgID, "date": time.Now().Unix(), "text": "x",
			"chat": map[string]any{"id": id, "type": "private"}}}})
	return cb
}

func (c *e2eCollege) e2ePost(update map[string]any) {
	c.t.Helper()
	body, err := json.Marshal(update)
	if err != nil {
		c.t.Fatal(err)
	}
	if code := c.update(tgSecret, string(body)); code != 200 {
		c.t.Fatalf("update %s: status %d", body, code)
	}
}

// e2eTgMsg is a message the bot sent: Telegram's id for it (the stub
// numbers the messages it takes from 1), its text and its inline keyboard.
type e2eTgMsg struct {
	id     int
	text   string
	markup string
}

// buttons returns a message's inline buttons, label to callback data.
func (m e2eTgMsg) buttons(t *testing.T) map[string]string {
	t.Helper()
	var kb struct {
		InlineKeyboard [][]struct {
			Text         string `json:"text"`
			CallbackData string `json:"callback_data"`
		} `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(m.markup), &kb); err != nil {
		t.Fatalf("message %q has no inline keyboard: %q", m.text, m.markup)
	}
	out := map[string]string{}
	for _, row := range kb.InlineKeyboard {
		for _, b := range row {
			out[b.Text] = b.CallbackData
		}
	}
	return out
}

// e2eTgSent returns the messages sent to a chat, in order.
func (c *e2eCollege) e2eTgSent(chat string) []e2eTgMsg {
	var out []e2eTgMsg
	for _, m := range c.tg.sent(chat) {
		id, _ := strconv.Atoi(m.ID)
		out = append(out, e2eTgMsg{id: id, text: m.Text, markup: m.Markup})
	}
	return out
}

// e2eTgTexts returns the texts sent to a chat that say want.
func (c *e2eCollege) e2eTgTexts(chat, want string) []string {
	var out []string
	for _, m := range c.e2eTgSent(chat) {
		if strings.Contains(m.text, want) {
			out = append(out, m.text)
		}
	}
	return out
}

// e2eTgFind waits for a message to chat that says want, and returns the
// last such.
func (c *e2eCollege) e2eTgFind(chat, want string) e2eTgMsg {
	c.t.Helper()
	var found e2eTgMsg
	eventually(c.t, func() bool {
		for _, m := range c.e2eTgSent(chat) {
			if strings.Contains(m.text, want) {
				found = m
			}
		}
		return found.id != 0
	}, func() string { return fmt.Sprintf("chat %s got %v, none saying %q", chat, c.e2eTgSent(chat), want) })
	return found
}

// e2eEdited waits for an edit of message id in chat to a text that says
// want, and returns it.
func (c *e2eCollege) e2eEdited(chat string, id int, want string) providerstub.Sent {
	c.t.Helper()
	var found *providerstub.Sent
	edits := func() []providerstub.Sent {
		var out []providerstub.Sent
		for _, m := range c.tg.Sent() {
			if m.Edit {
				out = append(out, m)
			}
		}
		return out
	}
	eventually(c.t, func() bool {
		for _, m := range edits() {
			if m.To == chat && m.ID == fmt.Sprint(id) && strings.Contains(m.Text, want) {
				found = &m
			}
		}
		return found != nil
	}, func() string {
		return fmt.Sprintf("edits %+v, none of message %d in chat %s saying %q", edits(), id, chat, want)
	})
	return *found
}

// e2eAnswered reports whether the callback query cb was answered.
func (c *e2eCollege) e2eAnswered(cb string) bool {
	for _, p := range c.e2eCalls("answerCallbackQuery") {
		if p["callback_query_id"] == cb {
			return true
		}
	}
	return false
}

// e2eCalls returns a copy of the parameters of each call of a Bot API
// method, in order.
func (c *e2eCollege) e2eCalls(method string) []map[string]string {
	return c.tg.Params(method)
}
