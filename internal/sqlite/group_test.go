package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"collegebot/internal/college"
)

// Changes asked for together are committed together, but a change that
// fails is undone alone: the others are stored and its caller hears its
// own error.
func TestConcurrentChangesFailAlone(t *testing.T) {
	db := MustOpenDB(t)
	boom := errors.New("boom")
	const n = 200
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			errs[i] = db.Update(context.Background(), func(tx college.Tx) error {
				if _, _, err := tx.CreateStudent(college.SMS, fmt.Sprintf("+4477009%05d", i), "en"); err != nil {
					return err
				}
				if i%5 == 0 {
					return boom
				}
				return nil
			})
		})
	}
	wg.Wait()
	for i, err := range errs {
		if want := i%5 == 0; errors.Is(err, boom) != want || (!want && err != nil) {
			t.Errorf("change %d: err = %v", i, err)
		}
	}
	if got := db.Int(t, `SELECT count(*) FROM student`); got != n-n/5 {
		t.Errorf("%d students stored, want %d", got, n-n/5)
	}
	if got := db.Int(t, `SELECT count(*) FROM contact WHERE address LIKE '%0' OR address LIKE '%5'`); got != 0 {
		t.Errorf("%d contacts of failed changes stored", got)
	}
}

// A panic in a change is raised again in the goroutine that asked for it,
// and the writer carries on.
func TestChangePanicsInCaller(t *testing.T) {
	db := MustOpenDB(t)
	func() {
		defer func() {
			if p := recover(); p == nil {
				t.Error("the panic was lost")
			}
		}()
		db.Update(context.Background(), func(tx college.Tx) error { panic("oops") })
	}()
	err := db.Update(context.Background(), func(tx college.Tx) error {
		_, _, err := tx.CreateStudent(college.SMS, "+447700900001", "en")
		return err
	})
	if err != nil || db.Int(t, `SELECT count(*) FROM student`) != 1 {
		t.Errorf("after a panic: err %v, students %d", err, db.Int(t, `SELECT count(*) FROM student`))
	}
}

// A change asked for after Close is refused, not left waiting.
func TestChangeAfterClose(t *testing.T) {
	db := MustOpenDB(t)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	err := db.Update(context.Background(), func(tx college.Tx) error { return nil })
	if err == nil {
		t.Error("a change after Close succeeded")
	}
}

// A change whose caller has given up before it starts is not made.
func TestCancelledChangeNotMade(t *testing.T) {
	db := MustOpenDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := db.Update(ctx, func(tx college.Tx) error {
		_, _, err := tx.CreateStudent(college.SMS, "+447700900001", "en")
		return err
	})
	if !errors.Is(err, context.Canceled) || db.Int(t, `SELECT count(*) FROM student`) != 0 {
		t.Errorf("err %v, students %d", err, db.Int(t, `SELECT count(*) FROM student`))
	}
}
