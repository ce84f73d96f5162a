package demo

import "time"

// closed reports whether the college is shut on a day (a UTC midnight): over
// Christmas and New Year and on England's other bank holidays, as colleges
// are. A weekly session that falls on one moves on a week.
func closed(day time.Time) bool {
	m, d := day.Month(), day.Day()
	switch {
	case (m == time.December && d >= 24) || (m == time.January && d == 1):
		return true
	case m == time.May && day.Weekday() == time.Monday && (d <= 7 || d > 31-7):
		return true // early May and spring bank holidays
	case m == time.August && day.Weekday() == time.Monday && d > 31-7:
		return true // summer bank holiday
	}
	easter := easterSunday(day.Year())
	return day.Equal(easter.AddDate(0, 0, -2)) || day.Equal(easter.AddDate(0, 0, 1))
}

// easterSunday returns Easter Day in the Gregorian calendar, as a UTC
// midnight, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
func easterSunday(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	n := h + l - 7*m + 114
	return time.Date(y, time.Month(n/31), n%31+1, 0, 0, 0, 0, time.UTC)
}
