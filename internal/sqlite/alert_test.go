package sqlite_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"collegebot/internal/college"
)

// raise records an alert for a student now.
func (d *TestDB) raise(tb testing.TB, studentID int64) college.Alert {
	tb.Helper()
	var a college.Alert
	d.MustUpdate(tb, func(tx college.Tx) (err error) {
		a, err = tx.RaiseAlert(college.Alert{StudentID: studentID, InboxID: 7, Channel: college.SMS,
			Rule: "suicidal: want to die", Match: "want to die", Text: "I want to die", Signposted: true, Told: []int64{3}})
		return err
	})
	return a
}

func TestAlertRaisedAcknowledgedCleared(t *testing.T) {
	db := MustOpenDB(t)
	s := db.MustStudent(t, "+447700900050")
	a := db.raise(t, s.ID)
	db.Advance(30 * time.Minute)
	db.MustUpdate(t, func(tx college.Tx) error {
		got, err := tx.OpenAlertOf(s.ID)
		if err != nil {
			return err
		}
		want := college.Alert{ID: a.ID, StudentID: s.ID, InboxID: 7, Channel: college.SMS, Rule: "suicidal: want to die",
			Match: "want to die", Text: "I want to die", Signposted: true, Raised: start(), Alerted: start(), Told: []int64{3}}
		if !alike(got, want) {
			t.Errorf("stored %+v\nwant   %+v", got, want)
		}
		if un, err := tx.UnackedAlerts(); err != nil || len(un) != 1 {
			t.Errorf("unacknowledged %v, %v; want the one", un, err)
		}
		now := tx.Now()
		got.Alerted, got.Told, got.Repeats = now, append(got.Told, 1), 1
		got.Acked, got.AckedBy = &now, "Sue"
		return tx.SaveAlert(got)
	})
	db.MustUpdate(t, func(tx college.Tx) error {
		got, err := tx.Alert(a.ID)
		if err != nil {
			return err
		}
		if got.Repeats != 1 || !slices.Equal(got.Told, []int64{3, 1}) || got.AckedBy != "Sue" || got.Acked == nil {
			t.Errorf("after a repeat and an ack: %+v", got)
		}
		if un, _ := tx.UnackedAlerts(); len(un) != 0 {
			t.Errorf("an acknowledged alert is still unacknowledged: %v", un)
		}
		now := tx.Now()
		got.Cleared, got.ClearedBy = &now, "Sue"
		return tx.SaveAlert(got)
	})
	db.MustUpdate(t, func(tx college.Tx) error {
		if _, err := tx.OpenAlertOf(s.ID); !errors.Is(err, college.ErrNotFound) {
			t.Errorf("open alert after clearing: %v, want ErrNotFound", err)
		}
		open, _ := tx.Alerts(true)
		all, err := tx.Alerts(false)
		if len(open) != 0 || len(all) != 1 {
			t.Errorf("incident log: %d open, %d in all; want 0 and 1", len(open), len(all))
		}
		return err
	})
}

func alike(a, b college.Alert) bool {
	return a.ID == b.ID && a.StudentID == b.StudentID && a.InboxID == b.InboxID && a.Channel == b.Channel &&
		a.Rule == b.Rule && a.Match == b.Match && a.Text == b.Text && a.Signposted == b.Signposted &&
		a.Raised.Equal(b.Raised) && a.Alerted.Equal(b.Alerted) && slices.Equal(a.Told, b.Told) &&
		a.Acked == nil && a.Cleared == nil
}

// TestPausedWhileAnAlertIsOpen: automated messages pause from the alert
// until it is cleared, for anything due in that time.
func TestPausedWhileAnAlertIsOpen(t *testing.T) {
	db := MustOpenDB(t)
	s := db.MustStudent(t, "+447700900051")
	before := start().Add(-time.Hour)
	a := db.raise(t, s.ID)
	db.Advance(2 * time.Hour)
	cleared := start().Add(2 * time.Hour)
	db.MustUpdate(t, func(tx college.Tx) error {
		a.Cleared, a.ClearedBy = &cleared, "Sue"
		return tx.SaveAlert(a)
	})
	for _, tt := range []struct {
		from, to time.Time
		paused   bool
	}{
		{before, before, false},                                // before it was raised
		{start().Add(time.Hour), start().Add(time.Hour), true}, // while open
		{before, cleared.Add(time.Hour), true},                 // fell due before, sent after: spans it
		{cleared, cleared, true},                               // the moment it was cleared
		{cleared.Add(time.Minute), cleared.Add(time.Hour), false},
	} {
		db.MustUpdate(t, func(tx college.Tx) error {
			got, err := tx.Paused(s.ID, tt.from, tt.to)
			if got != tt.paused {
				t.Errorf("paused from %s to %s: %v, want %v", tt.from.Format("15:04"), tt.to.Format("15:04"), got, tt.paused)
			}
			return err
		})
	}
}

// TestRaisingAnAlertCancelsAutomatedMessages: what was queued for the
// student but not a reply is cancelled; replies, and others' messages,
// stay.
func TestRaisingAnAlertCancelsAutomatedMessages(t *testing.T) {
	db := MustOpenDB(t)
	s := db.MustStudent(t, "+447700900052")
	other := db.MustStudent(t, "+447700900053")
	db.MustUpdate(t, func(tx college.Tx) error {
		for _, o := range []college.Outgoing{
			{Key: "reminder:1", StudentID: s.ID, Kind: college.KindService},
			{Key: "news:1", StudentID: s.ID, Kind: college.KindNews},
			{Key: "reply:1", StudentID: s.ID, Kind: college.KindReply},
			{Key: "reminder:2", StudentID: other.ID, Kind: college.KindService},
		} {
			o.Channel, o.Address, o.Text = college.SMS, "+447700900052", "hello"
			if err := tx.Enqueue(o); err != nil {
				return err
			}
		}
		return nil
	})
	db.raise(t, s.ID)
	got := db.String(t, `SELECT group_concat(purpose || '=' || status, ' ') FROM (SELECT purpose, status FROM outbox ORDER BY id)`)
	if want := "reminder:1=cancelled news:1=cancelled reply:1=pending reminder:2=pending"; got != want {
		t.Errorf("outbox %q, want %q", got, want)
	}
}

// TestBroadcastLeavesOutStudentsWithAnOpenAlert: ann, booked on SLP, is
// neither counted nor sent to while her alert is open.
func TestBroadcastLeavesOutStudentsWithAnOpenAlert(t *testing.T) {
	db, ps := audienceDB(t)
	db.raise(t, ps["ann"].ID)
	b := db.draft(t, "course:SLP", college.KindService)
	var r college.Reach
	db.mustOffice(t, func(tx college.OfficeTx) (err error) {
		r, err = tx.Reach(b.Audience, college.KindService)
		return err
	})
	if n, err := db.queue(t, b, start()); err != nil || n != r.SMS+r.Telegram || r.SMS != 1 {
		t.Fatalf("queued %d (%v), reach %+v; want bob alone by SMS", n, err, r)
	}
	if n := db.Int(t, `SELECT count(*) FROM outbox WHERE student_id = ?`, ps["ann"].ID); n != 0 {
		t.Errorf("ann was sent %d", n)
	}
}

func TestSafeguardingFlag(t *testing.T) {
	db := MustOpenDB(t)
	db.mustOffice(t, func(tx college.OfficeTx) error {
		m, err := tx.AddStaff(college.StaffMember{Name: "Sue", Role: college.Admin, Phone: "+447700900500", Safeguarding: true})
		if err != nil {
			return err
		}
		if err := tx.SetSafeguarding(m.ID, false); err != nil {
			return err
		}
		ms, err := tx.StaffList()
		if err == nil && (len(ms) != 1 || ms[0].Safeguarding) {
			t.Errorf("after turning the flag off: %+v", ms)
		}
		if err := tx.SetSafeguarding(99, true); !errors.Is(err, college.ErrNotFound) {
			t.Errorf("flagging an unknown member: %v, want ErrNotFound", err)
		}
		return err
	})
}

// TestAlertFollowsAMergedChat: a Telegram chat that raised an alert and
// is then joined to its student's SMS record keeps the student paused.
func TestAlertFollowsAMergedChat(t *testing.T) {
	db := MustOpenDB(t)
	s := db.MustStudent(t, "+447700900054")
	var chat college.Student
	db.MustUpdate(t, func(tx college.Tx) (err error) {
		chat, _, err = tx.CreateStudent(college.Telegram, "5550054", "en")
		return err
	})
	db.raise(t, chat.ID)
	db.MustUpdate(t, func(tx college.Tx) error {
		if err := tx.MergeStudent(chat.ID, s.ID); err != nil {
			return err
		}
		paused, err := tx.Paused(s.ID, tx.Now(), tx.Now())
		if !paused {
			t.Error("the merged student is not paused")
		}
		return err
	})
}
