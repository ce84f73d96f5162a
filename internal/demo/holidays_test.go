package demo

import (
	"testing"
	"time"
)

func TestClosed(t *testing.T) {
	// England's bank holidays as gov.uk lists them, and ordinary days beside them.
	shut := []string{
		"2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
		"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30",
		"2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28",
	}
	open := []string{"2026-04-07", "2026-05-11", "2026-08-24", "2026-12-23", "2027-01-02", "2027-03-22", "2027-04-05", "2027-05-24"}
	for _, list := range []struct {
		dates []string
		want  bool
	}{{shut, true}, {open, false}} {
		for _, s := range list.dates {
			d, err := time.Parse(time.DateOnly, s)
			if err != nil {
				t.Fatal(err)
			}
			if got := closed(d); got != list.want {
				t.Errorf("closed(%s) = %v, want %v", s, got, list.want)
			}
		}
	}
}
