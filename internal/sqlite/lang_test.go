package sqlite_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"collegebot/internal/college"
)

func TestInboundKeepsTheAppsLanguage(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	in := college.Inbound{Channel: college.Telegram, Address: "5551234", ProviderID: "1", Text: "helo", Lang: "cy-GB"}
	if _, _, err := db.SaveInbound(ctx, in, ""); err != nil {
		t.Fatal(err)
	}
	in.ProviderID, in.Lang = "2", ""
	if _, _, err := db.SaveInbound(ctx, in, ""); err != nil {
		t.Fatal(err)
	}
	got, err := db.PendingInbound(ctx, 0)
	if err != nil || len(got) != 2 || got[0].Lang != "cy-GB" || got[1].Lang != "" {
		t.Fatalf("pending %+v (%v)", got, err)
	}
}

// setLang stores the language a student chose.
func (d *TestDB) setLang(tb testing.TB, st college.Student, lang string) {
	tb.Helper()
	d.Raw(tb).Exec(`UPDATE student SET lang = ? WHERE id = ?`, lang, st.ID)
}

func TestBroadcastTextsAreStoredAndRead(t *testing.T) {
	db := MustOpenDB(t)
	a, _ := college.ParseAudience("all")
	var b college.Broadcast
	db.mustOffice(t, func(tx college.OfficeTx) (err error) {
		b, err = tx.AddBroadcast(college.Broadcast{Audience: a, Kind: college.KindNews, Body: "Hello",
			Texts: map[string]string{"cy": "Helo", "ur": "سلام"}, CreatedBy: "Sue"})
		return err
	})
	plain := db.draft(t, "all", college.KindNews)
	db.mustOffice(t, func(tx college.OfficeTx) error {
		got, err := tx.Broadcast(b.ID)
		if err != nil {
			return err
		}
		if want := map[string]string{"cy": "Helo", "ur": "سلام"}; !reflect.DeepEqual(got.Texts, want) || got.Body != "Hello" {
			t.Errorf("read %q %v, want Hello %v", got.Body, got.Texts, want)
		}
		list, err := tx.Broadcasts(5)
		if err != nil || len(list) != 2 || list[0].ID != plain.ID || list[0].Texts != nil || list[1].Texts["cy"] != "Helo" {
			t.Errorf("listed %+v (%v)", list, err)
		}
		return err
	})
}

func TestQueueBroadcastSendsEachStudentTheirLanguage(t *testing.T) {
	db, ps := audienceDB(t)
	db.setLang(t, ps["ann"], "cy")
	db.setLang(t, ps["cat"], "cy")
	db.setLang(t, ps["dan"], "pl") // no Polish message: the default's
	b := db.draft(t, "course:SLP", college.KindNews)
	var reach map[string]college.Reach
	db.mustOffice(t, func(tx college.OfficeTx) (err error) {
		reach, err = tx.ReachByLang(b.Audience, b.Kind)
		return err
	})
	want := map[string]college.Reach{"cy": {SMS: 1, Telegram: 1}, "pl": {Telegram: 1}}
	if !reflect.DeepEqual(reach, want) {
		t.Errorf("reach by language %+v, want %+v", reach, want)
	}
	m := college.BroadcastMessage{Text: "Hello all", Segments: 1, NotBefore: start(),
		Langs: map[string]college.LangMessage{"cy": {Text: "Helo bawb, ŵyl", Segments: 2}}}
	db.mustOffice(t, func(tx college.OfficeTx) error {
		n, err := tx.QueueBroadcast(b, m)
		if n != 3 {
			t.Errorf("queued %d, want 3", n)
		}
		return err
	})
	rows, err := db.Raw(t).Query(`SELECT student_id, channel, lang, segments, body FROM outbox
		WHERE broadcast_id = ? ORDER BY student_id`, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var sid, segs int64
		var ch, lang, body string
		if err := rows.Scan(&sid, &ch, &lang, &segs, &body); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%d %s %s %d %s", sid, ch, lang, segs, body))
	}
	wantRows := []string{
		fmt.Sprintf("%d sms cy 2 Helo bawb, ŵyl", ps["ann"].ID),
		fmt.Sprintf("%d telegram cy 0 Helo bawb, ŵyl", ps["cat"].ID),
		fmt.Sprintf("%d telegram pl 0 Hello all", ps["dan"].ID),
	}
	if !reflect.DeepEqual(got, wantRows) {
		t.Errorf("outbox:\n%q\nwant\n%q", got, wantRows)
	}
}
