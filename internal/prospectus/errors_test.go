package prospectus

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"collegebot/internal/college"
)

// row2 returns a good in-person row as column values, with some replaced.
func row2(with map[string]string) map[string]string {
	r := map[string]string{
		colCode: "TAI1", colTitle: "Tai Chi", colTopic: "Physical health", colMode: "in_person",
		colCapacity: "12", colStart: "2026-03-03 10:00", colEnd: "2026-03-03 11:30",
		colVenue: "Wakefield Library", colPostcode: "WF1 2DA",
	}
	for k, v := range with {
		r[k] = v
	}
	return r
}

// online returns a good online row, with some values replaced.
func online(with map[string]string) map[string]string {
	r := row2(map[string]string{colCode: "ANX2", colMode: "online", colVenue: "", colPostcode: "",
		colOnlineURL: "https://meet.example.org/anx2"})
	for k, v := range with {
		r[k] = v
	}
	return r
}

// csvFile writes rows under the standard header plus venue_access.
func csvFile(rows ...map[string]string) string {
	cols := append(Columns(), colAccess)
	var b strings.Builder
	b.WriteString(strings.Join(cols, ",") + "\n")
	for _, r := range rows {
		vals := make([]string, len(cols))
		for i, c := range cols {
			vals[i] = r[c]
		}
		b.WriteString(strings.Join(vals, ",") + "\n")
	}
	return b.String()
}

func assertError(t *testing.T, err error, want string) {
	t.Helper()
	var perr *Error
	if !errors.As(err, &perr) {
		t.Fatalf("err = %v (%T), want *Error:\n%s", err, err, want)
	}
	if got := perr.Error(); got != want {
		t.Errorf("errors:\n%s\nwant:\n%s", got, want)
	}
}

func TestParseBadRow(t *testing.T) {
	tests := []struct {
		name string
		row  map[string]string
		want string
	}{
		{"no course code", row2(map[string]string{colCode: " "}), `course_code is empty`},
		{"code with a dash", row2(map[string]string{colCode: "TAI-1"}), `course_code "TAI-1" is not 2 to 8 letters and digits`},
		{"code too short", row2(map[string]string{colCode: "T"}), `course_code "T" is not 2 to 8 letters and digits`},
		{"code too long", row2(map[string]string{colCode: "TAICHI123"}), `course_code "TAICHI123" is not 2 to 8 letters and digits`},
		{"code with an accent", row2(map[string]string{colCode: "CAFÉ"}), `course_code "CAFÉ" is not 2 to 8 letters and digits`},
		{"no title", row2(map[string]string{colTitle: ""}), `title is empty`},
		{"no topic", row2(map[string]string{colTopic: ""}), `topic is empty`},
		{"no mode", row2(map[string]string{colMode: ""}), `mode is empty`},
		{"unknown mode", row2(map[string]string{colMode: "hybrid"}), `mode "hybrid" is not in_person or online`},
		{"capacity in words", row2(map[string]string{colCapacity: "ten"}), `capacity "ten" is not a positive whole number`},
		{"capacity zero", row2(map[string]string{colCapacity: "0"}), `capacity "0" is not a positive whole number`},
		{"capacity negative", row2(map[string]string{colCapacity: "-3"}), `capacity "-3" is not a positive whole number`},
		{"capacity fraction", row2(map[string]string{colCapacity: "1.5"}), `capacity "1.5" is not a positive whole number`},
		{"capacity huge", row2(map[string]string{colCapacity: "99999999999999999999"}), `capacity "99999999999999999999" is not a positive whole number`},
		{"no capacity", row2(map[string]string{colCapacity: ""}), `capacity is empty`},
		{"min age in words", row2(map[string]string{colMinAge: "adults"}), `min_age "adults" is not a whole number from 0 to 120`},
		{"min age too high", row2(map[string]string{colMinAge: "121"}), `min_age "121" is not a whole number from 0 to 120`},
		{"min age negative", row2(map[string]string{colMinAge: "-1"}), `min_age "-1" is not a whole number from 0 to 120`},
		{"sensitive maybe", row2(map[string]string{colSensitive: "maybe"}), `sensitive "maybe" is not yes, no or empty`},
		{"start in another format", row2(map[string]string{colStart: "03/03/2026 10:00"}), `session_start "03/03/2026 10:00" is not a date and time like 2026-03-03 10:00`},
		{"start on a day that does not exist", row2(map[string]string{colStart: "2026-02-30 10:00"}), `session_start "2026-02-30 10:00" is not a date and time like 2026-03-03 10:00`},
		{"no start", row2(map[string]string{colStart: ""}), `session_start is empty`},
		{"no end", row2(map[string]string{colEnd: ""}), `session_end is empty`},
		{"end without a time", row2(map[string]string{colEnd: "2026-03-03"}), `session_end "2026-03-03" is not a date and time like 2026-03-03 10:00`},
		{"end before start", row2(map[string]string{colEnd: "2026-03-03 09:00"}), `session_end 2026-03-03 09:00 is not after session_start 2026-03-03 10:00`},
		{"end at start", row2(map[string]string{colEnd: "2026-03-03T10:00"}), `session_end 2026-03-03T10:00 is not after session_start 2026-03-03 10:00`},
		{"online without link", online(map[string]string{colOnlineURL: ""}), `online_url is empty, but the course is online`},
		{"online link without scheme", online(map[string]string{colOnlineURL: "zoom.us/j/123"}), `online_url "zoom.us/j/123" is not an http or https link`},
		{"online link by ftp", online(map[string]string{colOnlineURL: "ftp://example.org/x"}), `online_url "ftp://example.org/x" is not an http or https link`},
		{"online link with a space", online(map[string]string{colOnlineURL: "https://example.org/a b"}), `online_url "https://example.org/a b" is not an http or https link`},
		{"online with a venue", online(map[string]string{colVenue: "Library"}), `venue details are given, but the course is online; leave the venue columns empty`},
		{"in person without venue", row2(map[string]string{colVenue: "", colPostcode: ""}), `venue is empty, but the course is in_person`},
		{"in person with a bad link", row2(map[string]string{colOnlineURL: "meet"}), `online_url "meet" is not an http or https link`},
		{"postcode not UK", row2(map[string]string{colPostcode: "90210"}), `venue_postcode "90210" is not a UK postcode`},
		{"postcode half", row2(map[string]string{colPostcode: "WF1"}), `venue_postcode "WF1" is not a UK postcode`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(strings.NewReader(csvFile(row2(map[string]string{colCode: "OK1"}), tt.row)), london(t))
			assertError(t, err, "line 3: "+tt.want)
			if !reflect.DeepEqual(p, college.Prospectus{}) {
				t.Errorf("Parse returned part of a prospectus: %+v", p)
			}
		})
	}
}

func TestParseGoodValues(t *testing.T) {
	p, err := Parse(strings.NewReader(csvFile(
		row2(map[string]string{colCode: "ab12", colMode: "IN-PERSON", colSensitive: "YES", colMinAge: "0", colPostcode: "  sw1a   1aa "}),
		online(map[string]string{colOnlineURL: "http://example.org", colMode: "Online", colSensitive: "No"}),
	)), london(t))
	if err != nil {
		t.Fatal(err)
	}
	a, b := p.Courses[0], p.Courses[1]
	if a.Code != "AB12" || a.Mode != college.InPerson || !a.Sensitive || a.MinAge != 0 || a.Sessions[0].Venue.Postcode != "SW1A 1AA" {
		t.Errorf("first course %+v, venue %+v", a.Course, a.Sessions[0].Venue)
	}
	if b.Mode != college.Online || b.Sensitive || b.Sessions[0].Venue != nil || b.Sessions[0].OnlineURL != "http://example.org" {
		t.Errorf("second course %+v, session %+v", b.Course, b.Sessions[0])
	}
}

func TestParseConflictingCourse(t *testing.T) {
	file := csvFile(
		row2(nil),
		row2(map[string]string{colCode: "tai1", colStart: "2026-03-10 10:00", colEnd: "2026-03-10 11:30"}),
		row2(map[string]string{colTitle: "Tai chi", colCapacity: "10", colSensitive: "yes",
			colStart: "2026-03-17 10:00", colEnd: "2026-03-17 11:30"}),
		row2(map[string]string{colMode: "online", colOnlineURL: "https://example.org", colVenue: "", colPostcode: "",
			colStart: "2026-03-24 10:00", colEnd: "2026-03-24 11:30"}),
	)
	_, err := Parse(strings.NewReader(file), london(t))
	assertError(t, err, `line 4: course TAI1 has title "Tai chi" here but "Tai Chi" on line 2
line 4: course TAI1 has capacity "10" here but "12" on line 2
line 4: course TAI1 has sensitive "yes" here but "" on line 2
line 5: course TAI1 has mode "online" here but "in_person" on line 2`)
}

func TestParseSeveralBadRows(t *testing.T) {
	file := csvFile(
		row2(nil),
		row2(map[string]string{colCapacity: "ten", colDescription: `"Two` + "\n" + `lines"`,
			colStart: "2026-03-10 10:00", colEnd: "2026-03-10 11:30"}),
		online(nil),
		row2(map[string]string{colCode: "B2", colMinAge: "200", colSensitive: "perhaps"}),
		row2(map[string]string{colCode: "C3"}),
	) + "D4,too,few\n" + csvFile(row2(map[string]string{colCode: "E5", colEnd: "soon"}))[len(strings.Join(append(Columns(), colAccess), ","))+1:]
	p, err := Parse(strings.NewReader(file), london(t))
	assertError(t, err, `line 3: capacity "ten" is not a positive whole number
line 3: course TAI1 has description "Two\nlines." here but "" on line 2
line 6: min_age "200" is not a whole number from 0 to 120
line 6: sensitive "perhaps" is not yes, no or empty
line 8: the row has 3 fields but the header has 20
line 9: session_end "soon" is not a date and time like 2026-03-03 10:00`)
	if len(p.Courses) != 0 || p.Partners != nil {
		t.Errorf("Parse returned part of a prospectus: %+v", p)
	}
}

func TestParseBadFile(t *testing.T) {
	header := strings.Join(append(Columns(), colAccess), ",")
	good := csvFile(row2(nil))
	body := good[len(header):]
	tests := []struct {
		name, file, want string
	}{
		{"empty", "", "line 1: the file is empty: it needs a header row naming the columns"},
		{"byte-order mark only", "\uFEFF", "line 1: the file is empty: it needs a header row naming the columns"},
		{"header only", header + "\n", "line 2: no rows below the header: a prospectus needs at least one session"},
		{"UTF-16", "\xff\xfec\x00o\x00", "line 1: the file is UTF-16 text; save it as CSV UTF-8"},
		{"unknown column", strings.Replace(good, "cohort", "Colour", 1), `line 1: unknown column "Colour"`},
		{"missing columns", strings.Replace(strings.Replace(good, "capacity,", "", 1), "course_code,", "", 1),
			"line 1: missing column \"course_code\"\nline 1: missing column \"capacity\""},
		{"column twice", strings.Replace(good, "cohort", "TITLE ", 1), `line 1: column "title" appears twice`},
		{"column twice in other words", strings.Replace(good, "cohort", "Course Code", 1), `line 1: column "course_code" appears twice`},
		{"column without a name", header + ",\n", "line 1: column 21 has no name"},
		{"not UTF-8", header + strings.Replace(body, "Tai Chi", "Tai Chi \xe9t\xe9", 1), "line 2: the row is not UTF-8 text; save the file as CSV UTF-8"},
		{"stray quote", header + strings.Replace(body, "Tai Chi", `Tai "Chi"`, 1), `line 2: a field that does not start with a quote has a " in it; quote the whole field and double the " inside`},
		{"unclosed quote", header + strings.Replace(body, "Tai Chi", `"Tai Chi`, 1) + "\n", `line 2: a quoted field is not closed: a " is missing, or text follows the closing "`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.file), london(t))
			assertError(t, err, tt.want)
		})
	}
}

func TestLineErrors(t *testing.T) {
	_, err := Parse(strings.NewReader(csvFile(row2(map[string]string{colCapacity: "ten"}))), london(t))
	var perr *Error
	if !errors.As(err, &perr) {
		t.Fatalf("err = %v, want *Error", err)
	}
	want := []LineError{{Line: 2, Msg: `capacity "ten" is not a positive whole number`}}
	if !reflect.DeepEqual(perr.Lines, want) {
		t.Errorf("Lines = %+v, want %+v", perr.Lines, want)
	}
}

func TestParseSessionsStartingTogether(t *testing.T) {
	file := csvFile(
		row2(map[string]string{colStart: "2027-04-01 10:00", colEnd: "2027-04-01 12:00"}),
		// Another course at the same time is no clash.
		row2(map[string]string{colCode: "B2", colStart: "2027-04-01 10:00", colEnd: "2027-04-01 12:00"}),
		row2(map[string]string{colStart: "2027-04-08 10:00", colEnd: "2027-04-08 12:00"}),
		// The same start however written, whatever the end.
		row2(map[string]string{colCode: "tai1", colStart: "2027-04-01T10:00:00", colEnd: "2027-04-01 11:00"}),
		row2(map[string]string{colCode: "B2", colStart: "2027-04-01 10:00", colEnd: "2027-04-01 12:00"}),
	)
	_, err := Parse(strings.NewReader(file), london(t))
	assertError(t, err, `line 5: course TAI1 already has a session starting 2027-04-01 10:00 (line 2)
line 6: course B2 already has a session starting 2027-04-01 10:00 (line 3)`)
}

func TestParseComparesRowsWithOtherProblems(t *testing.T) {
	file := csvFile(
		row2(map[string]string{colCapacity: "ten"}),
		row2(map[string]string{colTitle: "Tai chi", colCapacity: "10", colStart: "2026-03-10 10:00", colEnd: "2026-03-10 11:30"}),
		row2(map[string]string{colTopic: "", colMinAge: "old", colMode: "online", colOnlineURL: "https://example.org",
			colVenue: "", colPostcode: "", colStart: "2026-03-17 10:00", colEnd: "2026-03-17 11:30"}),
	)
	_, err := Parse(strings.NewReader(file), london(t))
	assertError(t, err, `line 2: capacity "ten" is not a positive whole number
line 3: course TAI1 has title "Tai chi" here but "Tai Chi" on line 2
line 4: topic is empty
line 4: min_age "old" is not a whole number from 0 to 120
line 4: course TAI1 has mode "online" here but "in_person" on line 2`)
}
