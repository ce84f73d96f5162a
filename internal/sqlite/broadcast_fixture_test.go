package sqlite_test

import (
	"context"
	"testing"
	"time"

	"collegebot/internal/college"
)

// audienceDB is the fixture prospectus with students the broadcast tests
// count by hand. On SLP (Spring 2026, Mental health): ann (SMS, news), bob
// (SMS, no news), cat (Telegram, news), dan (SMS and Telegram, news, last
// wrote on Telegram), eve (SMS, news, opted out) and fay (SMS, never
// registered) are booked, and gus (SMS, news) is waiting. hal (SMS, news)
// is booked on WALK (Physical health, no term); ivy (Telegram, news)
// completed ANX1 (Spring 2026).
func audienceDB(t testing.TB) (*TestDB, map[string]college.Student) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	ps := map[string]college.Student{}
	add := func(name string, ch college.Channel, news bool, code string, st college.EnrolmentStatus) {
		ps[name] = db.mustPerson(t, ch, "addr-"+name, name, news, code, st)
	}
	add("ann", college.SMS, true, "SLP", college.Booked)
	add("bob", college.SMS, false, "SLP", college.Booked)
	add("cat", college.Telegram, true, "SLP", college.Booked)
	add("dan", college.SMS, true, "SLP", college.Booked)
	add("eve", college.SMS, true, "SLP", college.Booked)
	add("fay", college.SMS, true, "SLP", college.Booked)
	add("gus", college.SMS, true, "SLP", college.Waiting)
	add("hal", college.SMS, true, "WALK", college.Booked)
	add("ivy", college.Telegram, true, "ANX1", college.Completed)
	tg := db.mustPerson(t, college.Telegram, "tg-dan", "", false, "", "")
	db.MustUpdate(t, func(tx college.Tx) error {
		cts, err := tx.Contacts(ps["eve"].ID)
		if err == nil {
			now := tx.Now()
			err = tx.SetOptOut(cts[0].ID, &now)
		}
		if err == nil {
			err = tx.MergeStudent(tg.ID, ps["dan"].ID)
		}
		return err
	})
	db.mustInbound(t, college.SMS, "addr-dan", "sms-1")
	db.mustInbound(t, college.Telegram, "tg-dan", "tg-1")
	// fay never registered: no name, no consent.
	db.Raw(t).Exec(`UPDATE student SET first_name = '', consent_at = NULL WHERE id = ?`, ps["fay"].ID)
	return db, ps
}

// mustPerson creates a student on a channel, registered with a name when
// one is given (and with news when news), enrolled on code when given.
func (d *TestDB) mustPerson(tb testing.TB, ch college.Channel, addr, name string, news bool,
	code string, st college.EnrolmentStatus) college.Student {
	tb.Helper()
	var s college.Student
	d.MustUpdate(tb, func(tx college.Tx) (err error) {
		if s, _, err = tx.CreateStudent(ch, addr, "en"); err != nil || name == "" {
			return err
		}
		now := tx.Now()
		s.FirstName, s.ConsentAt = name, &now
		if news {
			s.NewsAt = &now
		}
		if err := tx.SaveStudent(s); err != nil || code == "" {
			return err
		}
		c, err := tx.Course(code)
		if err != nil {
			return err
		}
		e, err := tx.Enrol(s.ID, c.ID, college.Booked)
		if st != college.Booked && err == nil {
			e.Status = st
			err = tx.SetEnrolment(e)
		}
		return err
	})
	return s
}

// mustInbound stores a message from an address, a second on.
func (d *TestDB) mustInbound(tb testing.TB, ch college.Channel, addr, id string) {
	tb.Helper()
	d.Advance(time.Second)
	in := college.Inbound{Channel: ch, Address: addr, ProviderID: id, Text: "hi"}
	if _, _, err := d.SaveInbound(context.Background(), in, ""); err != nil {
		tb.Fatal(err)
	}
}

// mustOffice runs fn in an office transaction and fails the test on an error.
func (d *TestDB) mustOffice(tb testing.TB, fn func(college.OfficeTx) error) {
	tb.Helper()
	if err := d.Office(context.Background(), fn); err != nil {
		tb.Fatalf("Office: %v", err)
	}
}

// draft stores a draft broadcast to an audience.
func (d *TestDB) draft(tb testing.TB, audience string, kind college.Kind) college.Broadcast {
	tb.Helper()
	a, err := college.ParseAudience(audience)
	if err != nil {
		tb.Fatal(err)
	}
	var b college.Broadcast
	d.mustOffice(tb, func(tx college.OfficeTx) (err error) {
		b, err = tx.AddBroadcast(college.Broadcast{Audience: a, Kind: kind, Body: "Hello", CreatedBy: "Sue"})
		return err
	})
	return b
}

// queue queues a draft, as SMS of two segments, after notBefore.
func (d *TestDB) queue(tb testing.TB, b college.Broadcast, notBefore time.Time) (int, error) {
	tb.Helper()
	var n int
	err := d.Office(context.Background(), func(tx college.OfficeTx) (err error) {
		n, err = tx.QueueBroadcast(b, college.BroadcastMessage{Text: "Hello all", Segments: 2, NotBefore: notBefore})
		return err
	})
	return n, err
}
