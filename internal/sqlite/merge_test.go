package sqlite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"collegebot/internal/college"
)

// TestMergeStudentJoinsAChatToTheSMSRecord: a student who booked by SMS
// shares their number from Telegram. Everything of the chat's record moves
// to the SMS record, which keeps its own details; the chat's record is left
// erased and empty.
func TestMergeStudentJoinsAChatToTheSMSRecord(t *testing.T) {
	db := MustOpenDB(t)
	const phone, chat = "+447700900070", "5550001"
	into, from := seedMerge(t, db, phone, chat)

	db.MustUpdate(t, func(tx college.Tx) error { return tx.MergeStudent(from.ID, into.ID) })

	checks := []struct {
		what, query string
		want        int
	}{
		{"contacts now into's", `SELECT count(*) FROM contact WHERE student_id = ?2`, 2},
		{"contacts left with from", `SELECT count(*) FROM contact WHERE student_id = ?1`, 0},
		{"from erased", `SELECT count(*) FROM student WHERE id = ?1 AND first_name = ''
			AND erased_at IS NOT NULL`, 1},
		{"into kept", `SELECT count(*) FROM student WHERE id = ?2 AND first_name = 'Robin'
			AND erased_at IS NULL AND last_active = '2026-03-02 10:00:00'`, 1},
		{"into's booking on ANX1 kept", `SELECT count(*) FROM enrolment e JOIN course c ON c.id = e.course_id
			WHERE student_id = ?2 AND code = 'ANX1' AND e.status = 'booked'`, 1},
		{"from's booking on SLP won over into's drop", `SELECT count(*) FROM enrolment e
			JOIN course c ON c.id = e.course_id WHERE student_id = ?2 AND code = 'SLP' AND e.status = 'booked'`, 1},
		{"from's place on WALK's list moved", `SELECT count(*) FROM enrolment e JOIN course c ON c.id = e.course_id
			WHERE student_id = ?2 AND code = 'WALK' AND e.status = 'waiting' AND waiting_since IS NOT NULL`, 1},
		{"enrolments in all", `SELECT count(*) FROM enrolment WHERE student_id IN (?1, ?2)`, 3},
		{"places held", `SELECT count(*) FROM enrolment WHERE status = 'booked' AND 0 * ?1 = 0 * ?2`, 2},
		{"attendance", `SELECT count(*) FROM attendance WHERE student_id = ?2 AND status = 'attended'
			AND 0 * ?1 = 0`, 2},
		{"attendance left with from", `SELECT count(*) FROM attendance WHERE student_id = ?1`, 0},
		{"queued message still due, to into", `SELECT count(*) FROM outbox WHERE student_id = ?2
			AND purpose = 'chat:later' AND status = 'pending' AND address = '` + chat + `' AND body <> ''`, 1},
		{"sent message kept, now into's", `SELECT count(*) FROM outbox WHERE student_id = ?2
			AND purpose = 'chat:sent' AND status = 'sent' AND address = '` + chat + `' AND body <> ''`, 1},
		{"outbox left with from", `SELECT count(*) FROM outbox WHERE student_id = ?1`, 0},
		{"inbox untouched", `SELECT count(*) FROM inbox WHERE body <> '' AND address = '` + chat + `'
			AND 0 * ?1 = 0`, 2},
		{"shared number kept", `SELECT count(*) FROM inbox WHERE phone = '` + phone + `' AND 0 * ?1 = 0`, 1},
		{"from's dialogue and answers", `SELECT (SELECT count(*) FROM dialogue WHERE student_id = ?1)
			+ (SELECT count(*) FROM eligibility WHERE student_id = ?1)`, 0},
		{"into's answers", `SELECT count(*) FROM eligibility WHERE student_id = ?2`, 1},
	}
	for _, c := range checks {
		if got := db.Int(t, c.query, from.ID, into.ID); got != c.want {
			t.Errorf("%s: %d, want %d", c.what, got, c.want)
		}
	}
	db.MustUpdate(t, func(tx college.Tx) error {
		c, err := tx.FindContact(college.Telegram, chat)
		if err == nil && c.StudentID != into.ID {
			t.Errorf("the chat belongs to student %d, want %d", c.StudentID, into.ID)
		}
		return err
	})
}

// seedMerge makes a registered SMS student reached at phone and a Telegram
// student reached at chat, with enrolments on the same courses, attendance
// at the same session, messages both ways and the chat's shared number.
func seedMerge(t *testing.T, db *TestDB, phone, chat string) (into, from college.Student) {
	t.Helper()
	db.MustImport(t, fixture(), nil)
	into = db.MustStudent(t, phone)
	from = mustChatStudent(t, db, chat)
	anx, slp, walk := db.MustCourse(t, "ANX1").ID, db.MustCourse(t, "SLP").ID, db.MustCourse(t, "WALK").ID
	enrol(t, db, into.ID, anx, college.Booked)
	dropped(t, db, from.ID, anx)
	dropped(t, db, into.ID, slp)
	enrol(t, db, from.ID, slp, college.Booked)
	enrol(t, db, from.ID, walk, college.Waiting)
	sessions := db.Int(t, `SELECT min(id) FROM session WHERE course_id = ?`, anx)
	for _, a := range []struct {
		session int
		student int64
		status  string
	}{{sessions, into.ID, "absent"}, {sessions, from.ID, "attended"}, {sessions + 1, from.ID, "attended"}} {
		if _, err := db.Raw(t).Exec(`INSERT INTO attendance VALUES (?, ?, ?, '2026-03-03 12:00:00')`,
			a.session, a.student, a.status); err != nil {
			t.Fatal(err)
		}
	}
	into.FirstName, from.FirstName = "Robin", "Rob"
	from.LastActive = start().Add(time.Hour)
	db.MustUpdate(t, func(tx college.Tx) error { return personalise(tx, into, from, chat) })
	sendOne(t, db, college.Telegram, chat)
	saveChatMessages(t, db, chat, phone)
	return into, from
}

// mustChatStudent creates a student reached on Telegram at chat.
func mustChatStudent(t *testing.T, db *TestDB, chat string) college.Student {
	t.Helper()
	var s college.Student
	db.MustUpdate(t, func(tx college.Tx) (err error) {
		s, _, err = tx.CreateStudent(college.Telegram, chat, "en")
		return err
	})
	return s
}

// dropped enrols a student on a course and drops them.
func dropped(t *testing.T, db *TestDB, studentID, courseID int64) {
	t.Helper()
	e := enrol(t, db, studentID, courseID, college.Waiting)
	e.Status = college.Dropped
	db.MustUpdate(t, func(tx college.Tx) error { return tx.SetEnrolment(e) })
}

// personalise saves both students' details, an answer each, from's
// dialogue and two messages to the chat: one due now, one later.
func personalise(tx college.Tx, into, from college.Student, chat string) error {
	for _, s := range []college.Student{into, from} {
		if err := tx.SaveStudent(s); err != nil {
			return err
		}
		if err := tx.SetEligibility(s.ID, college.Eligibility{Question: "age:18", Yes: true}); err != nil {
			return err
		}
	}
	if err := tx.SaveDialogue(college.Dialogue{StudentID: from.ID, State: "link.confirm"}); err != nil {
		return err
	}
	sent := message("chat:sent", from.ID, chat, college.Interactive, start())
	later := message("chat:later", from.ID, chat, college.Routine, start().Add(time.Hour))
	sent.Channel, later.Channel = college.Telegram, college.Telegram
	return enqueueAll(tx, sent, later)
}

// sendOne claims the one message due to addr and records it sent.
func sendOne(t *testing.T, db *TestDB, ch college.Channel, addr string) {
	t.Helper()
	qs := claim(t, db, college.ClaimFilter{Channel: ch, Address: addr})
	if len(qs) != 1 {
		t.Fatalf("claimed %v, want one", keys(qs))
	}
	if err := db.MarkSent(context.Background(), qs[0].ID, college.Receipt{ProviderID: "1"}); err != nil {
		t.Fatal(err)
	}
}

// saveChatMessages stores a message the chat sent and processed, and the
// contact it shared, not yet processed.
func saveChatMessages(t *testing.T, db *TestDB, chat, phone string) {
	t.Helper()
	ctx := context.Background()
	ins := []college.Inbound{
		{Channel: college.Telegram, Address: chat, ProviderID: "100", Text: "/courses"},
		{Channel: college.Telegram, Address: chat, ProviderID: "101", Text: "shared",
			Event: college.EventContact, Phone: phone},
	}
	for i, in := range ins {
		id, _, err := db.SaveInbound(ctx, in, "{}")
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			db.MustUpdate(t, func(tx college.Tx) error { return tx.MarkProcessed(id) })
		}
	}
}

func TestMergeStudentRefuses(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	sms := db.MustStudent(t, "+447700900071")
	chat := mustChatStudent(t, db, "5550002")
	gone := mustChatStudent(t, db, "5550003")
	db.MustUpdate(t, func(tx college.Tx) error { return tx.EraseStudent(gone.ID) })
	anx := db.MustCourse(t, "ANX1").ID
	enrol(t, db, sms.ID, anx, college.Booked)
	enrol(t, db, chat.ID, anx, college.Waiting)

	tests := []struct {
		label      string
		from, into int64
		want       error
	}{
		{"no such student to merge", 9999, sms.ID, college.ErrNotFound},
		{"no such student to merge into", chat.ID, 9999, college.ErrNotFound},
		{"into an erased student", chat.ID, gone.ID, college.ErrNotFound},
		{"into themself", sms.ID, sms.ID, college.ErrConflict},
		{"both still on a course", chat.ID, sms.ID, college.ErrConflict},
	}
	for _, tc := range tests {
		err := db.Update(context.Background(), func(tx college.Tx) error {
			return tx.MergeStudent(tc.from, tc.into)
		})
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.label, err, tc.want)
		}
	}
	if n := db.Int(t, `SELECT count(*) FROM contact WHERE student_id = ?`, chat.ID); n != 1 {
		t.Errorf("the chat's contacts after refusals: %d, want 1", n)
	}
}
