package prospectus

import (
	"strings"
	"testing"
)

func TestParseTopicsDifferingInCase(t *testing.T) {
	file := csvFile(
		row2(map[string]string{colTopic: "Skills"}),
		row2(map[string]string{colCode: "B2", colTopic: "  skills  "}),
		row2(map[string]string{colCode: "B2", colTopic: "SKILLS", colStart: "2026-03-10 10:00", colEnd: "2026-03-10 11:30"}),
		row2(map[string]string{colCode: "C3"}),
	)
	p, err := Parse(strings.NewReader(file), london(t))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range p.Courses {
		got = append(got, c.Code+":"+c.Topic)
	}
	if want := "TAI1:Skills B2:Skills C3:Physical health"; strings.Join(got, " ") != want {
		t.Errorf("topics %q, want %q", got, want)
	}
}

func TestParseSummaryEndsAsSentence(t *testing.T) {
	file := csvFile(row2(map[string]string{colSummary: "  Gentle movement  ", colDescription: "Week one. Week two"}))
	p, err := Parse(strings.NewReader(file), london(t))
	if err != nil {
		t.Fatal(err)
	}
	if c := p.Courses[0]; c.Summary != "Gentle movement." || c.Description != "Week one. Week two." {
		t.Errorf("summary %q, description %q", c.Summary, c.Description)
	}
}

func TestSentence(t *testing.T) {
	for in, want := range map[string]string{
		"":                       "",
		"   ":                    "",
		"Learn to draw":          "Learn to draw.",
		" Learn to draw.\n":      "Learn to draw.",
		"Ready?":                 "Ready?",
		"Go!":                    "Go!",
		"And then...":            "And then...",
		"And then…":              "And then…",
		`Learn to say "no."`:     `Learn to say "no."`,
		"Learn to say ‘no!’":     "Learn to say ‘no!’",
		"(Bring water.)":         "(Bring water.)",
		"Bring water (and food)": "Bring water (and food).",
		"Times: 10:00":           "Times: 10:00.",
	} {
		if got := sentence(in); got != want {
			t.Errorf("sentence(%q) = %q, want %q", in, got, want)
		}
	}
}
