package sqlite

import (
	"encoding/json"
	"fmt"

	"collegebot/internal/college"
)

// A broadcast's texts in languages other than the default live in
// broadcast_text, one row a language; the default's is broadcast.body.

// addBroadcastTexts stores a new broadcast's texts in other languages.
func (t *tx) addBroadcastTexts(b college.Broadcast) error {
	for lang, body := range b.Texts {
		_, err := t.exec(`INSERT INTO broadcast_text (broadcast_id, lang, body) VALUES (?, ?, ?)`, b.ID, lang, body)
		if err != nil {
			return fmt.Errorf("sqlite: adding the %s text of broadcast %d: %w", lang, b.ID, err)
		}
	}
	return nil
}

// broadcastTexts returns a broadcast's texts in other languages, by
// language, or nil when it has none.
func (t *tx) broadcastTexts(id int64) (map[string]string, error) {
	type text struct{ lang, body string }
	ts, err := queryAll(t, func(s scanner) (text, error) {
		var x text
		return x, s.Scan(&x.lang, &x.body)
	}, `SELECT lang, body FROM broadcast_text WHERE broadcast_id = ? ORDER BY lang`, id)
	if err != nil || len(ts) == 0 {
		return nil, err
	}
	out := make(map[string]string, len(ts))
	for _, x := range ts {
		out[x.lang] = x.body
	}
	return out, nil
}

// withTexts fills in the texts in other languages of broadcasts listed.
func (t *tx) withTexts(bs []college.Broadcast) error {
	for i := range bs {
		var err error
		if bs[i].Texts, err = t.broadcastTexts(bs[i].ID); err != nil {
			return err
		}
	}
	return nil
}

// ReachByLang counts who an audience reaches with a kind of message, by
// the language each student chose and by channel.
func (t *tx) ReachByLang(a college.Audience, kind college.Kind) (map[string]college.Reach, error) {
	id, err := t.scopeID(a)
	if err != nil {
		return nil, err
	}
	q := audienceQuery(a, " ", `SELECT lang, coalesce(sum(channel = 'sms'), 0),
		coalesce(sum(channel = 'telegram'), 0), coalesce(sum(channel = 'terminal'), 0),
		coalesce(sum(discreet), 0)`) + ` GROUP BY lang`
	type row struct {
		lang string
		r    college.Reach
	}
	rows, err := queryAll(t, func(s scanner) (row, error) {
		var x row
		return x, s.Scan(&x.lang, &x.r.SMS, &x.r.Telegram, &x.r.Terminal, &x.r.Discreet)
	}, q, id, kind == college.KindNews, a.Channel)
	if err != nil {
		return nil, fmt.Errorf("sqlite: counting audience %s by language: %w", a, err)
	}
	out := map[string]college.Reach{}
	for _, x := range rows {
		out[x.lang] = x.r
	}
	return out, nil
}

// langMessages is a broadcast's messages in other languages as the JSON
// QueueBroadcast reads with json_each: {"cy": {"text": …, "segments": 2}}.
func langMessages(m college.BroadcastMessage) (string, error) {
	langs := m.Langs
	if langs == nil {
		langs = map[string]college.LangMessage{}
	}
	buf, err := json.Marshal(langs)
	return string(buf), err
}
