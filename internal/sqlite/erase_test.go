package sqlite_test

import (
	"context"
	"testing"
	"time"

	"collegebot/internal/college"
)

func TestEraseStudentLeavesAnAnonymousRow(t *testing.T) {
	db := MustOpenDB(t)
	const phone = "+447700900030"
	s := seedPersonalData(t, db, phone)

	db.MustUpdate(t, func(tx college.Tx) error { return tx.EraseStudent(s.ID) })

	checks := []struct {
		what, query string
		want        int
	}{
		{"student rows", `SELECT count(*) FROM student`, 2},
		{"erased anonymous row", `SELECT count(*) FROM student WHERE id = ? AND first_name = ''
			AND heard IS NULL AND describes IS NULL AND district IS NULL AND erased_at = '2026-03-02 09:00:00'`, 1},
		{"contacts", `SELECT count(*) FROM contact WHERE student_id = ?`, 0},
		{"dialogue", `SELECT count(*) FROM dialogue WHERE student_id = ?`, 0},
		{"eligibility", `SELECT count(*) FROM eligibility WHERE student_id = ?`, 0},
		{"enrolments kept for figures", `SELECT count(*) FROM enrolment WHERE student_id = ?`, 1},
		{"queued messages", `SELECT count(*) FROM outbox WHERE student_id = ? AND status = 'pending'`, 0},
		{"sent message kept, blank", `SELECT count(*) FROM outbox WHERE student_id = ? AND body = '' AND address = ''`, 1},
		{"phone anywhere", `SELECT (SELECT count(*) FROM outbox WHERE address = '` + phone + `')
			+ (SELECT count(*) FROM contact WHERE address = '` + phone + `') + 0 * ?`, 0},
		{"inbox text", `SELECT count(*) FROM inbox WHERE body <> '' OR payload <> '' OR ? = 0`, 0},
		{"other student's message", `SELECT count(*) FROM outbox WHERE student_id <> ? AND body <> ''`, 1},
	}
	for _, c := range checks {
		if got := db.Int(t, c.query, s.ID); got != c.want {
			t.Errorf("%s: %d, want %d", c.what, got, c.want)
		}
	}
}

// TestEraseStudentBlanksSharedNumbers: a number shared from Telegram is
// personal data of whoever it belongs to: the chat that shared it as its
// own, and the SMS student it reaches.
func TestEraseStudentBlanksSharedNumbers(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	const own, other = "+447700900032", "+447700900033"
	chat := mustChatStudent(t, db, "5550030")
	sms := db.MustStudent(t, other)
	ins := []college.Inbound{
		{Channel: college.Telegram, Address: "5550030", ProviderID: "1", Event: college.EventContact, Phone: own},
		{Channel: college.Telegram, Address: "5550031", ProviderID: "2", Event: college.EventContactNotOwn, Phone: other},
	}
	for _, in := range ins {
		if _, _, err := db.SaveInbound(ctx, in, "{}"); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []int64{chat.ID, sms.ID} {
		db.MustUpdate(t, func(tx college.Tx) error { return tx.EraseStudent(id) })
	}
	if n := db.Int(t, `SELECT count(*) FROM inbox WHERE phone <> ''`); n != 0 {
		t.Errorf("inbox rows with a phone number: %d, want 0", n)
	}
	if n := db.Int(t, `SELECT count(*) FROM inbox WHERE address = '5550031'`); n != 1 {
		t.Errorf("the other chat's row lost its address")
	}
}

// seedPersonalData makes a student reached at phone with everything erasure
// must remove: answers, a dialogue, an inbound message, a sent message and
// a queued one; and another student with a queued message of their own.
func seedPersonalData(t *testing.T, db *TestDB, phone string) college.Student {
	ctx := context.Background()
	db.MustImport(t, fixture(), nil)
	s := db.MustStudent(t, phone)
	other := db.MustStudent(t, "+447700900031")
	s.FirstName = "Robin"
	s.Heard = college.Answer{Asked: true, Value: "GP"}
	s.Describes = college.Answer{Asked: true, Value: "carer"}
	s.District = college.Answer{Asked: true, Value: "WF1"}
	enrol(t, db, s.ID, db.MustCourse(t, "ANX1").ID, college.Booked)
	in := college.Inbound{Channel: college.SMS, Address: phone, ProviderID: "SM1", Text: "I'm Robin, WF1"}
	if _, _, err := db.SaveInbound(ctx, in, "From=%2B447700900030&Body=I%27m+Robin"); err != nil {
		t.Fatal(err)
	}
	db.MustUpdate(t, func(tx college.Tx) error {
		if err := tx.SaveStudent(s); err != nil {
			return err
		}
		if err := tx.SetEligibility(s.ID, college.Eligibility{Question: "cohort:carers", Yes: true}); err != nil {
			return err
		}
		if err := tx.SaveDialogue(college.Dialogue{StudentID: s.ID, State: "delete.confirm"}); err != nil {
			return err
		}
		return enqueueAll(tx,
			message("sent", s.ID, phone, college.Interactive, start()),
			message("later", s.ID, phone, college.Routine, start().Add(time.Hour)),
			message("theirs", other.ID, "+447700900031", college.Routine, start()))
	})
	claimed, err := db.Claim(ctx, college.ClaimFilter{Channel: college.SMS, Address: phone})
	if err != nil || len(claimed) != 1 {
		t.Fatalf("Claim = %v, %v", claimed, err)
	}
	if err := db.MarkSent(ctx, claimed[0].ID, college.Receipt{ProviderID: "SMx"}); err != nil {
		t.Fatal(err)
	}
	return s
}

// message is an SMS to a student under key, due at a time.
func message(key string, studentID int64, addr string, p college.Priority, due time.Time) college.Outgoing {
	return college.Outgoing{Key: key, StudentID: studentID, Channel: college.SMS, Address: addr,
		Kind: college.KindReply, Priority: p, Reply: college.Reply{Text: "text of " + key},
		Segments: 1, NotBefore: due}
}

// enqueueAll queues messages in order.
func enqueueAll(tx college.Tx, os ...college.Outgoing) error {
	for _, o := range os {
		if err := tx.Enqueue(o); err != nil {
			return err
		}
	}
	return nil
}
