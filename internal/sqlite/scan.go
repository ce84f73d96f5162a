package sqlite

import (
	"encoding/json"
	"fmt"
	"time"

	"collegebot/internal/college"
)

// timeLayout is how times are stored: TEXT in UTC, which sorts and compares
// as time does.
const timeLayout = "2006-01-02 15:04:05"

// milliLayout is how an inbound message's arrival is stored, to the
// millisecond, so that the time it waited in the inbox can be measured.
// It sorts and compares with timeLayout, and parseTime reads it.
const milliLayout = timeLayout + ".000"

// formatTime returns t as stored.
func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// parseTime reads a stored time.
func parseTime(s string) (time.Time, error) {
	t, err := time.ParseInLocation(timeLayout, s, time.UTC)
	if err != nil {
		return time.Time{}, fmt.Errorf("sqlite: reading time %q: %w", s, err)
	}
	return t, nil
}

// nullTime returns t as stored, or NULL for nil.
func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return formatTime(*t)
}

// nullID returns id, or NULL for 0, the zero value of a missing reference.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// jsonIDs returns ids as a JSON array, for `IN (SELECT value FROM json_each(?))`.
func jsonIDs(ids []int64) string { return "[" + formatIDs(ids) + "]" }

// text returns a TEXT column's value; ok is false for NULL.
func text(src any) (s string, ok bool, err error) {
	switch v := src.(type) {
	case nil:
		return "", false, nil
	case string:
		return v, true, nil
	case []byte:
		return string(v), true, nil
	}
	return "", false, fmt.Errorf("sqlite: want text, got %T", src)
}

// timeCol scans a NOT NULL time column.
type timeCol struct{ t *time.Time }

// Scan implements sql.Scanner.
func (c timeCol) Scan(src any) error {
	s, ok, err := text(src)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("sqlite: reading time: NULL")
	}
	*c.t, err = parseTime(s)
	return err
}

// nullTimeCol scans a nullable time column; NULL leaves nil.
type nullTimeCol struct{ t **time.Time }

// Scan implements sql.Scanner.
func (c nullTimeCol) Scan(src any) error {
	s, ok, err := text(src)
	if err != nil || !ok {
		*c.t = nil
		return err
	}
	t, err := parseTime(s)
	*c.t = &t
	return err
}

// answerCol scans an optional answer: NULL when never asked, empty when skipped.
type answerCol struct{ a *college.Answer }

// Scan implements sql.Scanner.
func (c answerCol) Scan(src any) error {
	s, ok, err := text(src)
	*c.a = college.Answer{Asked: ok, Value: s}
	return err
}

// answerValue returns an answer as stored.
func answerValue(a college.Answer) any {
	if !a.Asked {
		return nil
	}
	return a.Value
}

// jsonCol scans a JSON column into v, a pointer.
type jsonCol struct{ v any }

// Scan implements sql.Scanner.
func (c jsonCol) Scan(src any) error {
	s, _, err := text(src)
	if err != nil || s == "" {
		return err
	}
	if err := json.Unmarshal([]byte(s), c.v); err != nil {
		return fmt.Errorf("sqlite: reading JSON: %w", err)
	}
	return nil
}

// jsonValue returns v as stored JSON, with empty for nil.
func jsonValue(v any, empty string) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("sqlite: writing JSON: %w", err)
	}
	if string(b) == "null" {
		return empty, nil
	}
	return string(b), nil
}
