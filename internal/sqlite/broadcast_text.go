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

// withTexts fills in the texts in other languages of broadcasts listed,
// by language (nil for one that has none), in one query.
func (t *tx) withTexts(bs []college.Broadcast) error {
	if len(bs) == 0 {
		return nil
	}
	ids := make([]int64, len(bs))
	for i, b := range bs {
		ids[i] = b.ID
	}
	type text struct {
		id         int64
		lang, body string
	}
	ts, err := queryAll(t, func(s scanner) (text, error) {
		var x text
		return x, s.Scan(&x.id, &x.lang, &x.body)
	}, `SELECT broadcast_id, lang, body FROM broadcast_text
		WHERE broadcast_id IN (SELECT value FROM json_each(?))`, jsonIDs(ids))
	if err != nil {
		return err
	}
	byID := map[int64]map[string]string{}
	for _, x := range ts {
		if byID[x.id] == nil {
			byID[x.id] = map[string]string{}
		}
		byID[x.id][x.lang] = x.body
	}
	for i := range bs {
		bs[i].Texts = byID[bs[i].ID]
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
	q := audienceQuery(a, " ", `SELECT lang, `+reachCounts) + ` GROUP BY lang`
	type row struct {
		lang string
		r    college.Reach
	}
	rows, err := queryAll(t, func(s scanner) (row, error) {
		var x row
		return x, s.Scan(append([]any{&x.lang}, reachDest(&x.r)...)...)
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
