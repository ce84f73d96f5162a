package conversation

import (
	"context"
	"errors"
	"fmt"

	"collegebot/internal/college"
)

// giveUp sets an inbox message aside in one transaction and, with tell,
// tells the student and staff in the same one: all of it is stored, so
// sent, once, or none of it.
func (e *Engine) giveUp(ctx context.Context, in college.Inbound, reason string, tell bool) error {
	err := e.store.Update(ctx, func(tx college.Tx) error {
		sa, ok := tx.(setAsider)
		if !ok {
			return errors.New("the store cannot set a message aside")
		}
		if err := sa.SetAside(in.ID, reason); err != nil {
			return err
		}
		if !tell {
			return nil
		}
		return e.tellSetAside(tx, in)
	})
	if err != nil {
		return fmt.Errorf("conversation: setting %s message %d aside: %w", in.Channel, in.ID, err)
	}
	return nil
}

// tellSetAside tells the sender of a message set aside that it could not
// be dealt with and staff were told, and tells staff as a hand-off: a
// person answers instead, and sees the message among the student's last.
// A message that reads as a crisis is answered and alerted as one, as the
// engine would have (crisis.go). A student who opted out gets no reply,
// but staff are still told; a member of staff gets only the reply.
func (e *Engine) tellSetAside(tx college.Tx, in college.Inbound) error {
	t := &turn{Engine: e, tx: tx, now: tx.Now(), in: in}
	staff, err := fromStaff(tx, in)
	if err != nil {
		return err
	}
	if !staff {
		// The sender's student record, made as a first message would, so
		// staff can answer them through a hand-off.
		if t, err = e.begin(tx, in); err != nil {
			return err
		}
		crisis, err := t.crisis()
		if err != nil {
			return err
		}
		if !crisis {
			if t.ct.OptedOut == nil {
				t.sayAgain("talk.set_aside", nil)
			}
			if err := t.asideToStaff(); err != nil {
				return err
			}
		}
	} else {
		t.sayAgain("talk.set_aside", nil)
	}
	for i, r := range t.out {
		key := fmt.Sprintf("aside:%s:%s:%d", in.Channel, in.ProviderID, i)
		if err := tx.Enqueue(t.outgoing(key, in.Channel, in.Address, r)); err != nil {
			return err
		}
	}
	return nil
}

// fromStaff reports whether a message came from a member of staff.
func fromStaff(tx college.Tx, in college.Inbound) (bool, error) {
	ms, err := tx.StaffList()
	for _, m := range ms {
		if m.Address(in.Channel) == in.Address {
			return true, nil
		}
	}
	return false, err
}

// asideToStaff tells staff of a message set aside: passed on to those
// already talking with the student, or as a new hand-off.
func (t *turn) asideToStaff() error {
	h, live, err := t.handoff()
	if err != nil {
		return err
	}
	if live {
		return t.forward(h)
	}
	if h, err = t.reopen(h); err != nil || t.alerter == nil {
		return err
	}
	return t.alerter.SetAside(t.tx, h)
}
