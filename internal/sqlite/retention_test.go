package sqlite_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"collegebot/internal/college"
)

// TestRetainMessages: texts, addresses and payloads older than the cut go;
// each channel's newest inbound message stays, blank; nothing waiting to be
// sent or answered is touched; and a second sweep finds nothing.
func TestRetainMessages(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	const phone = "+447700900040"
	s := db.MustStudent(t, phone)
	db.MustUpdate(t, func(tx college.Tx) error {
		return enqueueAll(tx, message("old", s.ID, phone, college.Interactive, start()),
			message("old-pending", s.ID, phone, college.Routine, start().AddDate(1, 0, 0)))
	})
	sendOne(t, db, college.SMS, phone)
	saveInbound(t, db, college.Telegram, "10", true) // stored first, but the newest update
	saveInbound(t, db, college.Telegram, "9", true)
	saveInbound(t, db, college.SMS, "SM1", true)
	saveInbound(t, db, college.SMS, "SM2", true)
	saveInbound(t, db, college.SMS, "SM3", false) // never answered

	db.Advance(100 * 24 * time.Hour)
	db.MustUpdate(t, func(tx college.Tx) error {
		return tx.Enqueue(message("new", s.ID, phone, college.Interactive, time.Time{}))
	})
	cut := db.Now().AddDate(0, 0, -90)

	preview, err := db.RetainPreview(ctx, cut, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Retain(ctx, cut, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	want := college.Retained{OutboxBlanked: 1, InboxDeleted: 3, InboxBlanked: 1}
	if got != want || preview != want {
		t.Errorf("Retain = %+v, preview %+v, want %+v", got, preview, want)
	}
	checks := []struct {
		what, query string
		want        int
	}{
		{"sent message blanked", `SELECT count(*) FROM outbox WHERE purpose = 'old' AND body = '' AND address = '' AND status = 'sent'`, 1},
		{"queued message kept", `SELECT count(*) FROM outbox WHERE purpose = 'old-pending' AND body <> '' AND address <> ''`, 1},
		{"new message kept", `SELECT count(*) FROM outbox WHERE purpose = 'new' AND body <> ''`, 1},
		{"newest update kept blank", `SELECT count(*) FROM inbox WHERE provider_id = '10' AND body = '' AND payload = '' AND address = ''`, 1},
		{"unanswered SMS kept whole", `SELECT count(*) FROM inbox WHERE provider_id = 'SM3' AND body <> '' AND address <> ''`, 1},
		{"rows left", `SELECT count(*) FROM inbox`, 2},
	}
	for _, c := range checks {
		if n := db.Int(t, c.query); n != c.want {
			t.Errorf("%s: %d, want %d", c.what, n, c.want)
		}
	}
	if last, err := db.LastProviderID(ctx, college.Telegram); err != nil || last != 10 {
		t.Errorf("LastProviderID = %d, %v", last, err)
	}
	if again, err := db.Retain(ctx, cut, time.Time{}); err != nil || again != (college.Retained{}) {
		t.Errorf("second sweep = %+v, %v", again, err)
	}
}

// saveInbound stores an inbound message, processed or not.
func saveInbound(t *testing.T, db *TestDB, ch college.Channel, id string, processed bool) {
	t.Helper()
	in := college.Inbound{Channel: ch, Address: "+447700900040", ProviderID: id, Text: "hello " + id}
	row, _, err := db.SaveInbound(context.Background(), in, "payload "+id)
	if err != nil {
		t.Fatal(err)
	}
	if processed {
		db.MustUpdate(t, func(tx college.Tx) error { return tx.MarkProcessed(row) })
	}
}

// TestRetainErasesInactiveStudents: a student last seen over the cut is
// erased and gives up their places, unless they still hold a place or a
// waiting-list entry on a course with a session to come.
func TestRetainErasesInactiveStudents(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	anx, old := db.MustCourse(t, "ANX1"), db.MustCourse(t, "OLD")
	db.SetNow(start().AddDate(-4, 0, 0))
	gone := namedStudent(t, db, "+447700900041", "Gone")
	enrol(t, db, gone.ID, old.ID, college.Booked)
	dropped(t, db, gone.ID, anx.ID)
	waiting := namedStudent(t, db, "+447700900042", "Wait")
	enrol(t, db, waiting.ID, anx.ID, college.Waiting)
	db.SetNow(start())
	recent := namedStudent(t, db, "+447700900043", "Recent")
	cut := start().AddDate(-3, 0, 0)

	preview, err := db.RetainPreview(ctx, time.Time{}, cut)
	if err != nil {
		t.Fatal(err)
	}
	if n := db.Int(t, `SELECT count(*) FROM student WHERE erased_at IS NOT NULL`); n != 0 {
		t.Fatalf("the preview erased %d students", n)
	}
	got, err := db.Retain(ctx, time.Time{}, cut)
	if err != nil {
		t.Fatal(err)
	}
	want := college.Retained{StudentsErased: 1, EnrolmentsDropped: 1}
	if got != want || preview != want {
		t.Errorf("Retain = %+v, preview %+v, want %+v", got, preview, want)
	}
	if n := db.Int(t, `SELECT count(*) FROM student WHERE id = ? AND erased_at IS NOT NULL AND first_name = ''`, gone.ID); n != 1 {
		t.Error("the inactive student was not erased")
	}
	if n := db.Int(t, `SELECT count(*) FROM contact WHERE student_id = ?`, gone.ID); n != 0 {
		t.Error("the inactive student's contact was kept")
	}
	if n := db.Int(t, `SELECT count(*) FROM enrolment WHERE student_id = ? AND status = 'dropped'`, gone.ID); n != 2 {
		t.Error("the inactive student's booking was not dropped")
	}
	for _, s := range []college.Student{waiting, recent} {
		if n := db.Int(t, `SELECT count(*) FROM student WHERE id = ? AND erased_at IS NULL AND first_name <> ''`, s.ID); n != 1 {
			t.Errorf("%s was erased", s.FirstName)
		}
	}
}

// namedStudent creates a registered-looking student with a first name.
func namedStudent(t *testing.T, db *TestDB, phone, name string) college.Student {
	t.Helper()
	s := db.MustStudent(t, phone)
	s.FirstName = name
	db.MustUpdate(t, func(tx college.Tx) error { return tx.SaveStudent(s) })
	return s
}

// TestRetainTrimsTheLedger: runs go after a year, and runs that did nothing
// after a month.
func TestRetainTrimsTheLedger(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	runs := []struct {
		age     time.Duration
		counts  map[string]int
		failure string
		kept    bool
	}{
		{400 * 24 * time.Hour, map[string]int{"queued": 4}, "", false},
		{40 * 24 * time.Hour, map[string]int{"queued": 0}, "", false},
		{40 * 24 * time.Hour, nil, "", false},
		{40 * 24 * time.Hour, map[string]int{"queued": 4}, "", true},
		{40 * 24 * time.Hour, nil, "database is locked", true},
		{24 * time.Hour, nil, "", true},
	}
	var kept []int64
	for _, r := range runs {
		at := start().Add(-r.age)
		id, err := db.StartRun(ctx, "due", at)
		if err == nil {
			err = db.FinishRun(ctx, id, at.Add(time.Second), r.counts, r.failure)
		}
		if err != nil {
			t.Fatal(err)
		}
		if r.kept {
			kept = append(kept, id)
		}
	}
	got, err := db.Retain(ctx, time.Time{}, time.Time{})
	if err != nil || got.RunsDeleted != 3 {
		t.Errorf("Retain = %+v, %v; want 3 runs deleted", got, err)
	}
	left, err := db.LastRuns(ctx, "due", 10)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, r := range left {
		ids = append(ids, r.ID)
	}
	if want := []int64{kept[2], kept[1], kept[0]}; !slices.Equal(ids, want) {
		t.Errorf("runs left %v, want %v", ids, want)
	}
}
