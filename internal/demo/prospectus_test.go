package demo

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/London on machines without a zone database

	"collegebot/internal/college"
)

// dates the prospectus is checked on: the start of each season, just before
// both clock changes, and a term that runs over Christmas.
var dates = []string{"2026-09-01", "2026-10-20", "2026-12-10", "2027-03-20", "2027-06-15"}

func london(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// day returns local noon on a date such as "2027-03-20".
func day(t *testing.T, date string, loc *time.Location) time.Time {
	t.Helper()
	d, err := time.ParseInLocation("2006-01-02 15:04", date+" 12:00", loc)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestProspectusMeetsRequirements(t *testing.T) {
	loc := london(t)
	for _, date := range dates {
		t.Run(date, func(t *testing.T) {
			today := day(t, date, loc)
			p := Prospectus(today, loc)
			checkCounts(t, p)
			checkTopics(t, p)
			checkSpecialCourses(t, p)
			checkCourseText(t, p)
			checkPartners(t, p)
			checkVenues(t, p)
			checkDates(t, p, today, loc)
			checkGSM7(t, p)
		})
	}
}

func checkCounts(t *testing.T, p college.Prospectus) {
	t.Helper()
	sessions, online := 0, 0
	for _, c := range p.Courses {
		sessions += len(c.Sessions)
		if c.Mode == college.Online {
			online++
		}
		if n := len(c.Sessions); n < 1 || n > 6 {
			t.Errorf("%s has %d sessions, want 1 to 6", c.Code, n)
		}
		if c.Capacity <= 0 {
			t.Errorf("%s has capacity %d", c.Code, c.Capacity)
		}
	}
	if len(p.Courses) < 16 || sessions < 40 {
		t.Errorf("%d courses and %d sessions, want at least 16 and 40", len(p.Courses), sessions)
	}
	if share := 100 * online / len(p.Courses); share < 30 || share > 50 {
		t.Errorf("%d%% of courses online (%d of %d), want 30%% to 50%%", share, online, len(p.Courses))
	}
}

func checkTopics(t *testing.T, p college.Prospectus) {
	t.Helper()
	var order []string
	count := map[string]int{}
	for _, c := range p.Courses {
		if count[c.Topic] == 0 {
			order = append(order, c.Topic)
		}
		count[c.Topic]++
	}
	want := []string{"Mental health", "Physical health", "Get active", "Skills and hobbies"}
	if !reflect.DeepEqual(order, want) {
		t.Errorf("topics in order %q, want %q", order, want)
	}
	for topic, n := range count {
		if n < 3 {
			t.Errorf("topic %q has %d courses, want at least 3", topic, n)
		}
	}
}

func checkSpecialCourses(t *testing.T, p college.Prospectus) {
	t.Helper()
	byCode := map[string]college.Course{}
	for _, c := range p.Courses {
		byCode[c.Code] = c.Course
	}
	full, ok := byCode[FullCourse]
	if !ok || full.Capacity+waitingSeed > len(people()) {
		t.Errorf("FullCourse %s: capacity %d cannot be filled by %d demo students with a waiting list",
			FullCourse, full.Capacity, len(people()))
	}
	if c := byCode[WomenOnlyCourse]; c.Cohort != "women" {
		t.Errorf("WomenOnlyCourse %s has cohort %q, want women", WomenOnlyCourse, c.Cohort)
	}
	if c := byCode[AdultsOnlyCourse]; c.MinAge != 18 || college.MinAgeFor(c, college.DefaultProfile().MinAge) != 18 {
		t.Errorf("AdultsOnlyCourse %s has minimum age %d, want 18 above the college's own", AdultsOnlyCourse, c.MinAge)
	}
	if c := byCode[SensitiveCourse]; !c.Sensitive {
		t.Errorf("SensitiveCourse %s is not marked sensitive", SensitiveCourse)
	}
}

var (
	codeRE = regexp.MustCompile(`^[A-Z]{1,3}[0-9]{1,2}$`)
	termRE = regexp.MustCompile(`^(Spring|Summer|Autumn) 20[0-9]{2}$`)
)

func checkCourseText(t *testing.T, p college.Prospectus) {
	t.Helper()
	seen := map[string]bool{}
	for _, c := range p.Courses {
		if seen[strings.ToUpper(c.Code)] || !codeRE.MatchString(c.Code) {
			t.Errorf("course code %q is repeated or not short letters and digits", c.Code)
		}
		seen[strings.ToUpper(c.Code)] = true
		if c.Title == "" || len(c.Title) > 28 {
			t.Errorf("%s: title %q is empty or longer than 28", c.Code, c.Title)
		}
		if n := sentences(c.Summary); n != 1 || len(c.Summary) > 70 {
			t.Errorf("%s: summary %q is %d sentences of %d characters, want one of at most 70", c.Code, c.Summary, n, len(c.Summary))
		}
		if n := sentences(c.Description); n < 1 || n > 3 {
			t.Errorf("%s: description has %d sentences, want 1 to 3", c.Code, n)
		}
		if !strings.Contains(c.Facilitators, "(peer trainer); ") {
			t.Errorf("%s: facilitators %q are not a peer trainer and a subject expert", c.Code, c.Facilitators)
		}
		if c.Term != p.Courses[0].Term || !termRE.MatchString(c.Term) {
			t.Errorf("%s: term %q, want one term named like Spring 2027", c.Code, c.Term)
		}
	}
}

// sentences counts the full stops ending sentences in s; s must end in one.
func sentences(s string) int {
	if !strings.HasSuffix(s, ".") {
		return 0
	}
	return strings.Count(s, ". ") + 1
}

// realNames are organisations the demo must not borrow a name from.
var realNames = []string{
	"mind", "samaritans", "age uk", "rethink", "mencap", "macmillan", "diabetes uk",
	"citizens advice", "stepchange", "carers uk", "carers trust", "hearing voices network",
	"turning point", "shout", "sane", "papyrus", "calm", "scope", "barnardo", "sport england",
	"parkrun", "we are undefeatable", "recovery college", "nhs england", "action for happiness",
}

var partnerKinds = []string{"NHS", "charity", "council", "library", "club", "university", "business"}

func checkPartners(t *testing.T, p college.Prospectus) {
	t.Helper()
	kinds, seen := map[string]string{}, map[string]bool{}
	for _, pt := range p.Partners {
		kinds[pt.Name] = pt.Kind
		seen[pt.Kind] = true
		words := " " + strings.Join(strings.FieldsFunc(strings.ToLower(pt.Name), notLetter), " ") + " "
		for _, real := range realNames {
			if strings.Contains(words, " "+real+" ") {
				t.Errorf("partner %q borrows the name of %q", pt.Name, real)
			}
		}
	}
	for _, k := range partnerKinds {
		if !seen[k] {
			t.Errorf("no partner of kind %q", k)
		}
	}
	for _, c := range p.Courses {
		if kind, ok := kinds[c.Partner]; !ok || !slices.Contains(partnerKinds, kind) {
			t.Errorf("%s: partner %q is not listed with a known kind", c.Code, c.Partner)
		}
	}
}

func notLetter(r rune) bool { return !('a' <= r && r <= 'z') && !('0' <= r && r <= '9') }

func TestProspectusEveryDayOfAYear(t *testing.T) {
	loc := london(t)
	start := day(t, "2026-09-01", loc)
	for i := 0; i < 366; i++ {
		today := start.AddDate(0, 0, i)
		p := Prospectus(today, loc)
		checkCounts(t, p)
		checkCourseText(t, p)
		checkDates(t, p, today, loc)
		if t.Failed() {
			t.Fatalf("on %s", today.Format(time.DateOnly))
		}
	}
}
