package conversation_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"collegebot/internal/college"
	"collegebot/internal/conversation"
)

// A member of staff whose message is set aside is told, and no student
// record or hand-off is made for them.
func TestWorkerSetsAsideAStaffMessage(t *testing.T) {
	h, staff := newStaffHarness(t)
	err := h.db.Update(context.Background(), func(tx college.Tx) error {
		_, err := tx.AddStaff(college.StaffMember{Name: "Pat", Role: college.Admin, Phone: alex})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	h.store(t, college.Terminal, alex, "a1", "#broadcast")
	p := &poison{next: h.eng, bad: map[string]bool{"a1": true}, tries: map[string]int{}}
	stop := running(t, fastWorker(h, h.db, p, nil))
	waitFor(t, "the message set aside", func() bool { return h.pending(t) == 0 })
	stop()
	if got := h.received(alex); len(got) != 1 || got[0] != setAsideText {
		t.Errorf("the member of staff got %q, want word of the message set aside", got)
	}
	if len(staff.alerts)+len(staff.asides) != 0 {
		t.Errorf("%d hand-offs for a member of staff, want none", len(staff.alerts)+len(staff.asides))
	}
	err = h.db.Update(context.Background(), func(tx college.Tx) error {
		_, err := tx.FindContact(college.Terminal, alex)
		if !errors.Is(err, college.ErrNotFound) {
			return errors.New("a student record was made for a member of staff")
		}
		return nil
	})
	if err != nil {
		t.Error(err)
	}
}

// lockedStore is the engine's store while the database cannot be written:
// every transaction fails until open.
type lockedStore struct {
	college.Store
	open atomic.Bool
}

func (s *lockedStore) Update(ctx context.Context, fn func(college.Tx) error) error {
	if !s.open.Load() {
		return errors.New("database is locked")
	}
	return s.Store.Update(ctx, fn)
}

// A message whose tries are all counted but which cannot then be set
// aside (the write fails) stays in the inbox, and nobody is told, until
// the write succeeds: then it is set aside and told of once.
func TestWorkerLeavesAMessageWhenSettingItAsideFails(t *testing.T) {
	h, staff := newStaffHarness(t)
	store := &lockedStore{Store: h.db}
	eng, err := conversation.New(store, h.cat, college.DefaultProfile(), london, conversation.Alerts(staff))
	if err != nil {
		t.Fatal(err)
	}
	h.store(t, college.Terminal, sam, "s1", "??")
	p := &poison{next: h.eng, bad: map[string]bool{"s1": true}, tries: map[string]int{}}
	h.eng = eng
	stop := running(t, fastWorker(h, h.db, p, nil))
	waitFor(t, "many tries", func() bool { return p.triesAt("s1") >= 3*conversation.DefaultAttempts })
	if h.pending(t) != 1 || len(h.setAside(t)) != 0 || len(h.received(sam)) != 0 {
		t.Fatalf("set aside though it could not be written")
	}
	store.open.Store(true)
	waitFor(t, "the message set aside", func() bool { return h.pending(t) == 0 })
	stop()
	if got := h.received(sam); count(got, setAsideText) != 1 || len(staff.asides) != 1 || len(staff.alerts) != 0 {
		t.Errorf("sam got %q and staff %d set-aside alerts (%d hand-offs), want word of the message set aside once and one alert",
			got, len(staff.asides), len(staff.alerts))
	}
}
