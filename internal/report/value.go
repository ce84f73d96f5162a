package report

import (
	"fmt"
	"math"
	"strconv"
)

// Small numbers: a count from 1 to 4 could pick out a person, so anything
// that leaves the server (CSV files, the chart, the staff chat answer)
// shows it as "<5", and a percentage or cost worked out from such a count
// as "*". Zero is shown: it identifies no one.

// Under is the least count shown as it is.
const Under = 5

// Hidden is how a small count is shown; HiddenDerived a figure worked out
// from one.
const (
	Hidden        = "<5"
	HiddenDerived = "*"
)

// Small reports whether a count must be hidden outside the server. It is
// the one rule of suppression: every Value is shown through it.
func Small(n int) bool { return n > 0 && n < Under }

// Value is one cell of a report: a count, a percentage of two counts, an
// amount of money or a label, and whether it must be hidden.
type Value struct {
	text   string // as shown on the server
	hidden string // as shown elsewhere, "" when not hidden
	num    float64
}

// Count is a count of people, places or messages.
func Count(n int) Value {
	v := Value{text: strconv.Itoa(n), num: float64(n)}
	if Small(n) {
		v.hidden = Hidden
	}
	return v
}

// Percent is part as a share of whole, hidden when either is small; "-"
// when whole is zero.
func Percent(part, whole int) Value {
	if whole == 0 {
		return Value{text: "-"}
	}
	pc := 100 * float64(part) / float64(whole)
	v := Value{text: fmt.Sprintf("%.0f%%", math.Round(pc)), num: pc}
	if Small(part) || Small(whole) {
		v.hidden = HiddenDerived
	}
	return v
}

// Money is an amount in pounds (written 12.40) worked out from a count
// (SMS segments), hidden when the count is small.
func Money(pounds float64, from int) Value {
	v := Value{text: fmt.Sprintf("%.2f", pounds), num: pounds}
	if Small(from) {
		v.hidden = HiddenDerived
	}
	return v
}

// Label is text: a name or a heading, never hidden.
func Label(s string) Value { return Value{text: s} }

// Show returns the value as shown: exactly on the server when exact is
// true, else with small numbers hidden.
func (v Value) Show(exact bool) string {
	if v.hidden != "" && !exact {
		return v.hidden
	}
	return v.text
}

// Public returns the value as shown outside the server.
func (v Value) Public() string { return v.Show(false) }

// Hidden reports whether the value is hidden outside the server.
func (v Value) Hidden() bool { return v.hidden != "" }

// Number returns the value's number, for drawing; 0 for a label.
func (v Value) Number() float64 { return v.num }
