package conversation_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"collegebot/internal/college"
)

// addRegistered stores n students who have registered already, as if each
// had booked before, so a JOIN books at once.
func (h *harness) addRegistered(n int) []string {
	h.t.Helper()
	addrs := make([]string, n)
	err := h.db.Update(context.Background(), func(tx college.Tx) error {
		for i := range addrs {
			addrs[i] = fmt.Sprintf("+4477009005%02d", i)
			st, _, err := tx.CreateStudent(college.Terminal, addrs[i], "en")
			if err != nil {
				return err
			}
			now := tx.Now()
			st.FirstName, st.ConsentAt, st.ConsentVersion = fmt.Sprintf("Student%d", i), &now, "2026-09"
			st.Heard, st.Describes, st.District = college.Answer{Asked: true}, college.Answer{Asked: true}, college.Answer{Asked: true}
			if err := tx.SaveStudent(st); err != nil {
				return err
			}
			if err := tx.SetEligibility(st.ID, college.Eligibility{Question: college.AgeQuestion(16), Yes: true}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return addrs
}

// TestLastPlacesUnderContention sends 200 JOINs at once for the last 5
// places of a course: exactly 5 are booked, everyone else is offered the
// waiting list, and nobody sees an error.
func TestLastPlacesUnderContention(t *testing.T) {
	h := newHarness(t)
	early := h.addRegistered(205)
	for _, a := range early[:5] {
		h.says(a, "join MH1", "You're booked on MH1") // 5 of 10 places gone
	}
	crowd := early[5:]
	var wg sync.WaitGroup
	errs := make(chan error, len(crowd))
	for i, addr := range crowd {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in := college.Inbound{Channel: college.Terminal, Address: addr, Text: "JOIN MH1",
				ProviderID: fmt.Sprintf("crowd%d", i), Received: time.Now()}
			id, _, err := h.db.SaveInbound(context.Background(), in, "")
			if err == nil {
				in.ID = id
				err = h.eng.Handle(context.Background(), in)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	booked, full := 0, 0
	for _, addr := range crowd {
		got := h.received(addr)
		if len(got) != 1 {
			t.Fatalf("%s got %d replies", addr, len(got))
		}
		switch {
		case strings.Contains(got[0], "You're booked on MH1"):
			booked++
		case strings.Contains(got[0], "is full") && strings.Contains(got[0], "1 Join waiting list"):
			full++
		default:
			t.Errorf("%s got %q", addr, got[0])
		}
	}
	if booked != 5 || full != 195 {
		t.Errorf("booked %d, offered the waiting list %d; want 5 and 195", booked, full)
	}
	h.says(jo, "info mh1", "Full: join the waiting list.")
}
