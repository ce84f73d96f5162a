package college_test

import (
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
)

func TestParseAudience(t *testing.T) {
	for _, c := range []struct {
		in   string
		want college.Audience
		str  string
	}{
		{"all", college.Audience{Scope: college.ScopeAll}, "all"},
		{" Everyone ", college.Audience{Scope: college.ScopeAll}, "all"},
		{"course:mh1", college.Audience{Scope: college.ScopeCourse, Name: "MH1"}, "course:MH1"},
		{"waiting:ga1", college.Audience{Scope: college.ScopeWaiting, Name: "GA1"}, "waiting:GA1"},
		{`term:"Spring 2026"`, college.Audience{Scope: college.ScopeTerm, Name: "Spring 2026"}, `term:"Spring 2026"`},
		{"term:\u201cSpring 2026\u201d", college.Audience{Scope: college.ScopeTerm, Name: "Spring 2026"}, `term:"Spring 2026"`},
		{"topic:\"Men's health\"", college.Audience{Scope: college.ScopeTopic, Name: "Men's health"}, `topic:"Men's health"`},
		{"topic:Sleep", college.Audience{Scope: college.ScopeTopic, Name: "Sleep"}, "topic:Sleep"},
		{"channel:SMS", college.Audience{Scope: college.ScopeAll, Channel: college.SMS}, "channel:sms"},
		{"course:MH1 channel:telegram", college.Audience{Scope: college.ScopeCourse, Name: "MH1", Channel: college.Telegram},
			"course:MH1 channel:telegram"},
		{"channel:sms  term:Spring", college.Audience{Scope: college.ScopeTerm, Name: "Spring", Channel: college.SMS},
			"term:Spring channel:sms"},
	} {
		got, err := college.ParseAudience(c.in)
		if err != nil || got != c.want || got.String() != c.str {
			t.Errorf("ParseAudience(%q) = %+v %q, %v; want %+v %q", c.in, got, got.String(), err, c.want, c.str)
		}
		if again, err := college.ParseAudience(got.String()); err != nil || again != got {
			t.Errorf("%q does not read back: %+v, %v", got.String(), again, err)
		}
	}
}

func TestParseAudienceRefuses(t *testing.T) {
	for in, says := range map[string]string{
		"":                          "say who it goes to",
		"students":                  "say who it goes to",
		"course:":                   "course: needs a name",
		"course:MH1 topic:Sleep":    "give one of all, course, term, topic or waiting",
		"channel:sms channel:sms":   "give one channel",
		"channel:whatsapp":          "channel:whatsapp is not a channel",
		"course:MH1 and their mums": `"and" is not an audience`,
	} {
		if _, err := college.ParseAudience(in); err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("ParseAudience(%q): %v, want %q", in, err, says)
		}
	}
}

func TestCutAudienceLeavesTheRest(t *testing.T) {
	a, rest, err := college.CutAudience(`term:"Spring 2026" channel:sms  news  Open day: "all welcome"`)
	if err != nil || a.String() != `term:"Spring 2026" channel:sms` || rest != `news  Open day: "all welcome"` {
		t.Errorf("CutAudience: %q, %q, %v", a, rest, err)
	}
}

func TestProgressLeft(t *testing.T) {
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	p := college.Progress{Total: 1240, Sent: 310, Failed: 2, Pending: 928, Start: start}
	// 312 went in 3 minutes: 928 more take about 8.9 minutes.
	if left, ok := p.Left(start.Add(3 * time.Minute)); !ok || left.Round(time.Second) != 8*time.Minute+55*time.Second {
		t.Errorf("Left = %v, %v; want 8m55s", left, ok)
	}
	if _, ok := p.Left(start); ok {
		t.Error("an estimate at the start, before anything could go")
	}
	if _, ok := (college.Progress{Total: 5, Pending: 5, Start: start}).Left(start.Add(time.Hour)); ok {
		t.Error("an estimate while nothing has gone")
	}
	if left, ok := (college.Progress{Total: 5, Sent: 5, Start: start}).Left(start); !ok || left != 0 {
		t.Errorf("done: %v, %v; want 0, true", left, ok)
	}
}
