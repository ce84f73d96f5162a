package college

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// OfficeHours are the days and hours the college's office is staffed, as
// the profile's office_hours says them: "Mon-Fri 9-5", "Mon-Fri
// 09:00-17:00", "Mon-Thu 9am-5pm; Fri 9-4:30", "Mon, Wed 10-2". A bare
// closing hour no later than the opening one is in the afternoon (9-5 is
// 09:00 to 17:00). Students are shown the text as written; alerts repeat
// only within these hours.
type OfficeHours struct {
	always bool
	days   [7][]span // by time.Weekday
}

// span is a stretch of a day, as durations since midnight.
type span struct{ from, to time.Duration }

var weekdays = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// ParseOfficeHours reads office hours; "" is always open.
func ParseOfficeHours(s string) (OfficeHours, error) {
	var oh OfficeHours
	s = strings.NewReplacer("\u2013", "-", "\u2014", "-", " to ", "-", " - ", "-").Replace(strings.ToLower(s))
	if strings.TrimSpace(s) == "" {
		return OfficeHours{always: true}, nil
	}
	var pending []time.Weekday // days named before their hours: "Mon, Wed 9-5"
	for _, group := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' }) {
		days, hours, err := splitGroup(group)
		if err != nil {
			return oh, err
		}
		pending = append(pending, days...)
		if hours == "" {
			continue
		}
		sp, err := parseSpan(hours)
		if err != nil {
			return oh, err
		}
		for _, d := range pending {
			oh.days[d] = append(oh.days[d], sp)
		}
		pending = nil
	}
	if len(pending) > 0 {
		return oh, fmt.Errorf("no hours given for the last days")
	}
	return oh, nil
}

// Contain reports whether a local time is within the office hours.
func (oh OfficeHours) Contain(local time.Time) bool {
	if oh.always {
		return true
	}
	at := sinceMidnight(local)
	for _, sp := range oh.days[local.Weekday()] {
		if at >= sp.from && at < sp.to {
			return true
		}
	}
	return false
}

// splitGroup splits "mon-fri 9-5" into its days and its hours, which
// start at the first word that starts with a digit.
func splitGroup(g string) ([]time.Weekday, string, error) {
	words := strings.Fields(g)
	i := 0
	for i < len(words) && (words[i][0] < '0' || words[i][0] > '9') {
		i++
	}
	if i == 0 {
		return nil, "", fmt.Errorf("%q names no days", strings.TrimSpace(g))
	}
	days, err := parseDays(strings.Join(words[:i], ""))
	return days, strings.Join(words[i:], ""), err
}

// parseDays reads "mon-fri", "mon", "monday-friday", "weekdays" or
// "daily"; a range may wrap the week ("fri-mon").
func parseDays(s string) ([]time.Weekday, error) {
	switch s {
	case "weekdays":
		s = "mon-fri"
	case "daily", "everyday":
		s = "sun-sat"
	}
	from, to, isRange := strings.Cut(s, "-")
	a, ok := weekdays[prefix3(from)]
	b, ok2 := weekdays[prefix3(to)]
	if !isRange {
		b, ok2 = a, true
	}
	if !ok || !ok2 {
		return nil, fmt.Errorf("%q is not a day or days such as Mon-Fri", s)
	}
	var out []time.Weekday
	for d := a; ; d = (d + 1) % 7 {
		out = append(out, d)
		if d == b {
			return out, nil
		}
	}
}

func prefix3(s string) string {
	if len(s) < 3 {
		return s
	}
	return s[:3]
}

// parseSpan reads "9-5", "09:00-17:00", "9am-5pm" or "9.30-4.30".
func parseSpan(s string) (span, error) {
	from, to, ok := strings.Cut(s, "-")
	if !ok {
		return span{}, fmt.Errorf("%q is not hours such as 9-5", s)
	}
	f, fBare, err := parseHour(from)
	if err != nil {
		return span{}, err
	}
	t, tBare, err := parseHour(to)
	if err != nil {
		return span{}, err
	}
	if tBare && fBare && t <= f && t < 12*time.Hour {
		t += 12 * time.Hour // 9-5
	}
	if t <= f {
		return span{}, fmt.Errorf("%q ends before it starts", s)
	}
	return span{f, t}, nil
}

// parseHour reads "9", "09:30", "9.30", "5pm" or "12am"; bare is true when
// it has no am or pm.
func parseHour(s string) (d time.Duration, bare bool, err error) {
	suffix := ""
	if strings.HasSuffix(s, "am") || strings.HasSuffix(s, "pm") {
		s, suffix = s[:len(s)-2], s[len(s)-2:]
	}
	hs, ms, hasMin := strings.Cut(strings.ReplaceAll(s, ".", ":"), ":")
	h, err := strconv.Atoi(hs)
	m := 0
	if err == nil && hasMin {
		if len(ms) != 2 {
			err = fmt.Errorf("minutes %q", ms)
		} else {
			m, err = strconv.Atoi(ms)
		}
	}
	if err != nil || h < 0 || h > 24 || m < 0 || m > 59 || (suffix != "" && (h < 1 || h > 12)) {
		return 0, false, fmt.Errorf("%q is not an hour such as 9, 17:00 or 5pm", s+suffix)
	}
	if h == 24 && m > 0 {
		return 0, false, fmt.Errorf("%q is past midnight", s+suffix)
	}
	switch {
	case suffix == "pm" && h < 12:
		h += 12
	case suffix == "am" && h == 12:
		h = 0
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, suffix == "", nil
}
