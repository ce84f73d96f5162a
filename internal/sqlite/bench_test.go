package sqlite_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"collegebot/internal/college"
)

// BenchmarkUpdate measures the engine's commonest write: a transaction that
// finds the sender's contact and queues one reply, committed to a file.
func BenchmarkUpdate(b *testing.B) {
	db := MustOpenDB(b)
	db.MustStudent(b, "+447700900900")
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		if err := db.Update(ctx, replyTo("+447700900900", fmt.Sprint("reply:", i))); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUpdateParallel is BenchmarkUpdate from many goroutines at once,
// all queuing behind the one writer.
func BenchmarkUpdateParallel(b *testing.B) {
	db := MustOpenDB(b)
	db.MustStudent(b, "+447700900900")
	ctx := context.Background()
	var n atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			key := fmt.Sprint("reply:", n.Add(1))
			if err := db.Update(ctx, replyTo("+447700900900", key)); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// replyTo returns an update that queues a reply to an SMS address.
func replyTo(addr, key string) func(college.Tx) error {
	return func(tx college.Tx) error {
		c, err := tx.FindContact(college.SMS, addr)
		if err != nil {
			return err
		}
		return tx.Enqueue(message(key, c.StudentID, addr, college.Interactive, tx.Now()))
	}
}

// BenchmarkEnrol measures booking a place: the capacity check, the insert
// under the trigger and the read-back with the waiting position. Bookings
// are spread over 200 courses, as a term's would be.
func BenchmarkEnrol(b *testing.B) {
	db := MustOpenDB(b)
	courses := manyCourses(b, db, 200)
	ids := make([]int64, 0, b.N)
	db.MustUpdate(b, func(tx college.Tx) error {
		for i := range b.N {
			s, _, err := tx.CreateStudent(college.SMS, fmt.Sprintf("+44770%07d", i), "en")
			if err != nil {
				return err
			}
			ids = append(ids, s.ID)
		}
		return nil
	})
	ctx := context.Background()
	b.ResetTimer()
	for i, id := range ids {
		err := db.Update(ctx, func(tx college.Tx) error {
			_, err := tx.Enrol(id, courses[i%len(courses)], college.Booked)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// manyCourses imports n courses of one session each and returns their ids.
func manyCourses(b *testing.B, db *TestDB, n int) []int64 {
	var p college.Prospectus
	for i := range n {
		p.Courses = append(p.Courses, college.CourseSpec{
			Course: college.Course{Code: fmt.Sprintf("C%d", i), Title: "Course", Topic: "Topic",
				Mode: college.Online, Capacity: 1 << 20},
			Sessions: []college.SessionSpec{meeting(1+i%30, 10, nil)},
		})
	}
	db.MustImport(b, p, nil)
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = int64(db.Int(b, `SELECT id FROM course WHERE code = ?`, fmt.Sprintf("C%d", i)))
	}
	return ids
}
