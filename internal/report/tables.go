package report

// Table is one table of a report: written as NAME.csv, printed under its
// title.
type Table struct {
	Name    string
	Title   string
	Columns []string
	Rows    [][]Value
}

// Tables returns the report's tables, in the order they are printed:
// summary, months, by_topic, by_course, by_partner, by_district,
// describes, heard and fft. Unless exact, answers to "how did you hear
// about us" (free text) given by fewer than 5 new students are put
// together as OtherAnswers, since the words themselves could name someone.
func (r Report) Tables(exact bool) []Table {
	return []Table{
		r.summary(), r.monthTable(),
		groupTable("by_topic", "By topic", "Topic", r.Topics),
		groupTable("by_course", "By course", "Course", r.Courses),
		groupTable("by_partner", "By partner", "Partner", r.Partners),
		groupTable("by_district", "By postcode district of the student", "District", r.Districts),
		answerTable("describes", "New students: which best describes them", r.Describes),
		answerTable("heard", "New students: how they heard about the college", heardAnswers(r.Heard, exact)),
		r.fftTable(),
	}
}

// summary is the report's key figures, one a row.
func (r Report) summary() Table {
	t, s := r.Totals, r.Sums()
	public, answered := r.PublicShare()
	positive, responses := r.FFTPositive()
	row := func(name string, v Value) []Value { return []Value{Label(name), v} }
	return Table{Name: "summary", Title: "Summary", Columns: []string{"Figure", "Value"}, Rows: [][]Value{
		row("New students", Count(r.NewStudents)),
		row("Active students", Count(r.ActiveStudents)),
		row("Enrolments (places booked)", Count(t.Enrolments)),
		row("Session bookings", Count(t.Bookings)),
		row("Register marks", Count(t.Marked())),
		row("Attended", Count(t.Attended)),
		row("Attendance rate (attended / marks)", Percent(t.Attended, t.Marked())),
		row("Missed sessions (absent, no apologies)", Count(t.Missed)),
		row("Apologies", Count(t.Apologies)),
		row("Waiting-list offers made", Count(r.OffersMade)),
		row("Waiting-list offers taken", Count(r.OffersTaken)),
		row("Courses finished", Count(r.CoursesFinished)),
		row("Places on finished courses", Count(t.Finishers)),
		row("Completed (graduated)", Count(t.Completed)),
		row("Completion rate", Percent(t.Completed, t.Finishers)),
		row("New students who said what describes them", Count(answered)),
		row("... of them members of the public", Count(public)),
		row("Members of the public (share of those)", Percent(public, answered)),
		row("Friends and Family Test responses", Count(responses)),
		row("FFT positive (very good or good)", Percent(positive, responses)),
		row("FFT negative (poor or very poor)", Percent(r.FFT[4]+r.FFT[5], responses)),
		row("Messages sent", Count(s.Messages)),
		row("SMS sent", Count(s.SMS)),
		row("SMS segments", Count(s.Segments)),
		row("SMS cost (GBP)", Money(s.Cost, s.Segments)),
	}}
}

// monthTable is new students and messages by calendar month.
func (r Report) monthTable() Table {
	t := Table{Name: "months", Title: "By month", Columns: []string{"Month", "New students",
		"Messages sent", "SMS sent", "SMS segments", "SMS cost (GBP)", "Telegram sent"}}
	for _, m := range r.Months {
		t.Rows = append(t.Rows, []Value{Label(m.Start.Format("2006-01")), Count(m.NewStudents),
			Count(m.Messages), Count(m.SMS), Count(m.Segments), Money(m.Cost, m.Segments), Count(m.Telegram)})
	}
	return t
}

// groupColumns head every breakdown after its first column.
var groupColumns = []string{"Students", "Enrolments", "Session bookings", "Attended", "Missed",
	"Apologies", "Attendance rate", "Places on finished courses", "Completed", "Completion rate",
	"FFT responses", "FFT positive"}

// groupTable is a breakdown: a row a group.
func groupTable(name, title, first string, gs []Group) Table {
	t := Table{Name: name, Title: title, Columns: append([]string{first}, groupColumns...)}
	for _, g := range gs {
		t.Rows = append(t.Rows, []Value{Label(g.Name), Count(g.Students), Count(g.Enrolments),
			Count(g.Bookings), Count(g.Attended), Count(g.Missed), Count(g.Apologies),
			Percent(g.Attended, g.Marked()), Count(g.Finishers), Count(g.Completed),
			Percent(g.Completed, g.Finishers), Count(g.Responses), Percent(g.Positive, g.Responses)})
	}
	return t
}

// answerTable is the new students' answers to one question, each with its
// share of the answers given (skipping and not being asked are not answers).
func answerTable(name, title string, as []Answer) Table {
	given := 0
	for _, a := range as {
		if a.Answer != Skipped && a.Answer != NotAsked {
			given += a.N
		}
	}
	t := Table{Name: name, Title: title, Columns: []string{"Answer", "New students", "Share of answers"}}
	for _, a := range as {
		share := Percent(a.N, given)
		if a.Answer == Skipped || a.Answer == NotAsked {
			share = Label("-")
		}
		t.Rows = append(t.Rows, []Value{Label(a.Answer), Count(a.N), share})
	}
	return t
}

// OtherAnswers gathers the answers to a free-text question that too few
// gave to show.
const OtherAnswers = "(other answers, each under 5)"

// heardAnswers folds the free-text answers fewer than 5 gave into one,
// unless exact.
func heardAnswers(as []Answer, exact bool) []Answer {
	if exact {
		return as
	}
	var out []Answer
	other := Answer{Answer: OtherAnswers}
	for _, a := range as {
		if Small(a.N) && a.Answer != Skipped && a.Answer != NotAsked {
			other.N += a.N
			continue
		}
		out = append(out, a)
	}
	if other.N > 0 {
		out = append(out, other)
	}
	return byCount(answerMap(out))
}

func answerMap(as []Answer) map[string]int {
	m := map[string]int{}
	for _, a := range as {
		m[a.Answer] += a.N
	}
	return m
}

// fftScores words the Friends and Family Test's answers, 1 to 6.
var fftScores = [7]string{1: "Very good", 2: "Good", 3: "Neither good nor poor", 4: "Poor",
	5: "Very poor", 6: "Don't know"}

// fftTable is the Friends and Family Test answers by score, each a share
// of all answers, "don't know" included.
func (r Report) fftTable() Table {
	_, responses := r.FFTPositive()
	t := Table{Name: "fft", Title: "Friends and Family Test", Columns: []string{"Answer", "Responses", "Share"}}
	for s := 1; s <= 6; s++ {
		t.Rows = append(t.Rows, []Value{Label(fftScores[s]), Count(r.FFT[s]), Percent(r.FFT[s], responses)})
	}
	return t
}
