package conversation

import (
	"maps"
	"reflect"
	"slices"
	"time"

	"collegebot/internal/college"
)

// keep notes the student and dialogue as read, before the turn changes
// them, for save.
func (t *turn) keep() {
	t.readSt, t.readD = t.st, t.d
	t.readD.Data = maps.Clone(t.d.Data)
	t.readD.Choices = slices.Clone(t.d.Choices)
}

// save stores the student and dialogue, skipping a write that would store
// what is there already: the same student active the same second, or the
// same dialogue (a dialogue read is live, so an equal one is stored as
// it is), or clearing one that was never stored. One statement fewer in
// the writer is most of a turn's cost saved for a message that only reads.
func (t *turn) save() error {
	if !sameStudent(t.st, t.readSt) {
		if err := t.tx.SaveStudent(t.st); err != nil {
			return err
		}
	}
	if t.d.State == "" && !t.stored && t.d.StudentID == t.readD.StudentID {
		return nil
	}
	if t.d.State != "" && sameDialogue(t.d, t.readD) {
		return nil
	}
	return t.tx.SaveDialogue(t.d)
}

// sameStudent reports whether two students would be stored alike. It may
// say no of two that would (a time read back is a different value), which
// costs only a write.
func sameStudent(a, b college.Student) bool {
	if !a.LastActive.Equal(b.LastActive) {
		return false
	}
	a.LastActive, b.LastActive = time.Time{}, time.Time{}
	return reflect.DeepEqual(a, b)
}

// sameDialogue reports whether two dialogues would be stored alike.
func sameDialogue(a, b college.Dialogue) bool {
	return a.StudentID == b.StudentID && a.State == b.State && a.Expires.Equal(b.Expires) &&
		!a.Expires.IsZero() && maps.Equal(a.Data, b.Data) && slices.Equal(a.Choices, b.Choices)
}
