package conversation_test

import (
	"collegebot/internal/college"
	"collegebot/internal/conversation"
	"strings"
	"testing"
)

const (
	sam  = "+447700900001"
	alex = "+447700900002"
	jo   = "+447700900003"
)

func TestFirstContactWelcomes(t *testing.T) {
	h := newHarness(t)
	h.says(sam, "hello?", "Hi from Calderbrook Recovery College", "COURSES", "HELP", "STOP")
	h.says(sam, "hello again", "Sorry, I didn't get that", "COURSES", "not read all the time")
}

func TestBrowseTopicsCoursesDetails(t *testing.T) {
	h := newHarness(t)
	for _, word := range []string{"courses", "LIST", " Menu ", "prospectus!", "cources", "COURSSE"} {
		h.says(sam, word, "Our courses by topic:", "1 Mental health", "2 Get active", "Reply with a number.")
	}
	got := h.says(sam, "2", "Get active:", "GA1 Walking football, Sat 16 Jan", "GA2 Menopause and mood")
	if strings.Contains(got, "OLD1") {
		t.Errorf("a course with no session to come is listed:\n%s", got)
	}
	h.says(sam, "3", "GA1 Walking football.", "6 sessions from Sat 16 Jan 10:00 to 20 Feb", "Calder Library, WF1 2DD", "2 places left", "Open to anyone 16+", "1 Book")
	h.says(sam, "2", "Please reply with a number from 1 to 1.")
	h.says(sam, "back", "Our courses by topic:")
}

func TestCodeAndInfo(t *testing.T) {
	h := newHarness(t)
	h.says(sam, "MH1", "MH1 Understanding anxiety.", "4 sessions")
	h.says(sam, "info mh1", "MH1 Understanding anxiety.")
	h.says(sam, "INFOMH2", "MH2 Hearing voices.", "online")
	h.says(sam, "info ga2", "For women.")
	h.says(sam, "info ga3", "For ages 18+.")
	h.says(sam, "info zz9", "no course ZZ9")
	h.says(sam, "info", "Which course?", "INFO")
	h.says(sam, "join", "Which course?", "JOIN")
	h.says(sam, "info mh1", "MH1 Understanding anxiety.")
	h.says(sam, "join", "first name")
}

func TestMorePagesThroughALongTopic(t *testing.T) {
	h := newHarness(t)
	h.addCourses(t, 12)
	h.send(sam, "courses")
	first := h.says(sam, "3", "Skills and hobbies:", "More courses")
	second := h.says(sam, "more")
	if first == second || !strings.Contains(second, "SK") {
		t.Fatalf("MORE did not move on:\n%s\n---\n%s", first, second)
	}
	seen := map[string]bool{}
	for _, page := range []string{first, second, h.send(sam, "more")[0], h.send(sam, "more")[0]} {
		for _, line := range strings.Split(page, "\n") {
			if f := strings.Fields(line); len(f) > 1 && strings.HasPrefix(f[1], "SK") {
				if seen[f[1]] {
					t.Errorf("%s shown twice", f[1])
				}
				seen[f[1]] = true
			}
		}
	}
	if len(seen) != 12 {
		t.Errorf("paging showed %d of 12 courses", len(seen))
	}
	h.says(sam, "more", "That's all")
}

func TestRegistrationWithOptionalQuestions(t *testing.T) {
	h := newHarness(t)
	h.says(sam, "Join MH1", "what's your first name?")
	h.says(sam, "my name is sam", "Thanks Sam.", "calderbrook.example/privacy", "YES or NO")
	h.says(sam, "y", "Are you 16 or over?")
	h.says(sam, "yeah", "how did you hear about us?")
	h.says(sam, "Leaflet at my GP", "which best describes you?", "1 Member of the public", "5 Rather not say")
	h.says(sam, "3", "first part of your postcode")
	h.says(sam, "near the park", "doesn't look like")
	h.says(sam, "wf2 8qr", "You're booked on MH1 Understanding anxiety.", "First session Tue 12 Jan 10:00, Calder Library, WF1 2DD")
	st := h.student(sam)
	if st.FirstName != "Sam" || st.ConsentAt == nil || st.Heard.Value != "Leaflet at my GP" || st.Describes.Value != "carer" || st.District.Value != "WF2" {
		t.Errorf("stored student %+v", st)
	}
	// Asked once: the next booking goes straight through.
	h.says(sam, "book ga1", "You're booked on GA1")
}

func TestRegistrationSkippingOptionalQuestions(t *testing.T) {
	h := newHarness(t)
	h.register(alex, "alex", "MH1")
	st := h.student(alex)
	if !st.Heard.Asked || st.Heard.Value != "" || !st.District.Asked {
		t.Errorf("skips not recorded: %+v", st)
	}
}

func TestConsentRefusedBooksNothing(t *testing.T) {
	h := newHarness(t)
	h.says(sam, "enrol mh1", "first name")
	h.says(sam, "Sam", "Is that OK?")
	h.says(sam, "what?", "please reply YES or NO")
	h.says(sam, "nope", "we can't book you")
	h.says(sam, "my", "no bookings")
	if st := h.student(sam); st.FirstName != "" || st.ConsentAt != nil {
		t.Errorf("kept details without consent: %+v", st)
	}
}

func TestEligibility(t *testing.T) {
	h := newHarness(t)
	h.register(sam, "Sam", "MH1")
	h.says(sam, "join GA2", "This course is for women. Is that you?")
	h.says(sam, "no", "for women only")
	h.says(sam, "join GA2", "Is that you?") // asked again: a mistaken no is not for ever
	h.says(sam, "no", "for women only")
	h.says(sam, "join ga3", "Are you 18 or over?")
	h.says(sam, "n", "for ages 18+")

	h.says(jo, "join ga3", "first name")
	h.registerAs(jo, "Jo", "Are you 18 or over?", "You're booked on GA3")
	// Saying yes to 18 answered the college's 16 too.
	h.says(jo, "join mh1", "You're booked on MH1")
}

func TestRestartMidRegistration(t *testing.T) {
	h := newHarness(t)
	h.says(sam, "join mh1", "first name")
	h.says(sam, "Sam", "Is that OK?")
	h = h.restart(t)
	h.says(sam, "yes", "16 or over")
	h = h.restart(t)
	h.says(sam, "yes", "how did you hear")
}

func TestMyAndDrop(t *testing.T) {
	h := newHarness(t)
	h.says(sam, "my", "no bookings")
	h.register(sam, "Sam", "MH1")
	h.says(sam, "join ga1", "You're booked on GA1")
	h.says(sam, "bookings", "Your courses:", "MH1 Understanding anxiety: next Tue 12 Jan 10:00", "GA1 Walking football: next Sat 16 Jan 10:00")
	h.says(sam, "join mh1", "already booked")
	h.says(sam, "drop", "Which course do you want to leave?", "1 MH1 Understanding anxiety", "2 GA1 Walking football")
	h.says(sam, "drop mh1", "Leave MH1 Understanding anxiety", "YES or NO")
	h.says(sam, "no", "still on MH1")
	h.says(sam, "leave mh1", "Leave MH1")
	h.says(sam, "yes", "you've left MH1", "JOIN MH1")
	h.says(sam, "my", "GA1 Walking football")
	h.says(sam, "drop mh1", "not booked on MH1")
	h.says(sam, "drop", "Leave GA1")
}

func TestFullCourseWaitingListOfferAndYes(t *testing.T) {
	h := newHarness(t)
	h.fullGA1()
	// Told it is full before being asked anything.
	h.says(jo, "join ga1", "GA1 Walking football is full", "join the waiting list?", "1 Join waiting list")
	h.says(jo, "1", "first name")
	h.registerAs(jo, "Jo", "16 or over", "You're number 1 on the waiting list for GA1")
	h.says(jo, "join ga1", "already on the waiting list", "number 1")
	h.says(jo, "info ga1", "You're on its waiting list.", "1 Leave")
	h.says(jo, "info ga1", "You're on its waiting list.")
	h.says(alex, "info ga1", "You're booked on it.", "1 Leave")
	h.says(alex, "hello", "didn't get that") // the list stays answerable after a slip
	h.says(alex, "1", "Leave GA1")
	h.says(alex, "no", "still on GA1")

	h.says(alex, "drop ga1", "Leave GA1")
	h.says(alex, "yes", "you've left GA1")
	offer := h.received(jo)
	if len(offer) != 1 {
		t.Fatalf("jo got %q, want one offer", offer)
	}
	checkText(t, "offer", offer[0], "Good news Jo: a place is free on GA1 Walking football", "Reply YES by")
	h.says(jo, "my", "GA1 Walking football: place offered")
	h.says(jo, "yes", "You're booked on GA1")
	h.says(jo, "my", "GA1 Walking football: next Sat 16 Jan")
}

func TestDeclinedOfferGoesToNext(t *testing.T) {
	h := newHarness(t)
	h.offerToJo()
	h.says(jo, "no", "passed the place on")
	checkText(t, "offer to Kim", strings.Join(h.received(kim), ""), "Good news Kim")
}

func TestNewsPrivateHelp(t *testing.T) {
	h := newHarness(t)
	h.register(sam, "Sam", "MH1")
	h.says(sam, "news", "We'll text you college news", "NO NEWS")
	if st := h.student(sam); st.NewsAt == nil || st.NewsVersion == "" {
		t.Errorf("news consent not recorded: %+v", st)
	}
	h.says(sam, "no news", "no more news")
	if st := h.student(sam); st.NewsAt != nil {
		t.Errorf("news consent kept after NO NEWS")
	}
	h.says(sam, "private", "won't name your courses", "PRIVATE OFF")
	if !h.student(sam).Discreet {
		t.Error("PRIVATE not stored")
	}
	got := h.says(sam, "join ga1", "You're booked. First session Sat 16 Jan 10:00")
	got += h.says(sam, "my", "Course: next Sat 16 Jan 10:00", "Course: next Tue 12 Jan 10:00")
	got += h.says(sam, "drop ga1", "Leave your course on Sat 16 Jan 10:00")
	got += h.says(sam, "no", "nothing has changed")
	if strings.Contains(got, "Walking") || strings.Contains(got, "GA1") || strings.Contains(got, "MH1") {
		t.Errorf("discreet texts name a course: %s", got)
	}
	h.says(sam, "private off", "will name your courses again")
	h.says(sam, "help", "COURSES", "JOIN", "MY", "DROP", "01924 000 000", "not read all the time")
	h.says(sam, "hlep", "01924 000 000")
}

func TestSensitiveCourseBookingIsDiscreet(t *testing.T) {
	h := newHarness(t)
	h.register(sam, "Sam", "MH1")
	var texts []string
	texts = append(texts, h.says(sam, "join mh2", "You're booked. First session Wed 13 Jan 18:00, online"))
	texts = append(texts, h.says(sam, "join mh2", "already booked on that course."))
	texts = append(texts, h.says(sam, "my", "Course: next Wed 13 Jan 18:00, online", "MH1 Understanding anxiety: next"))
	texts = append(texts, h.says(sam, "drop mh2", "Leave your course on Wed 13 Jan 18:00"))
	texts = append(texts, h.says(sam, "yes", "you've left that course."))
	for _, got := range texts {
		if strings.Contains(got, "Hearing voices") || strings.Contains(got, "MH2") {
			t.Errorf("a text names a sensitive course: %s", got)
		}
	}
	h.says(sam, "info mh2", "MH2 Hearing voices.") // details on request name it
}

func TestStopAndStart(t *testing.T) {
	h := newHarness(t)
	h.register(sam, "Sam", "MH1")
	h.says(sam, "STOP", "You won't get any more texts", "START")
	if got := h.send(sam, "courses"); len(got) != 0 {
		t.Errorf("opted-out student got %q", got)
	}
	h.says(sam, "start", "Welcome back")
	h.says(sam, "start", "already getting our texts")
	for _, w := range []string{"stopall", "Unsubscribe", "cancel", "END", "quit", "revoke", "optout"} {
		h.says(sam, w, "You won't get any more texts")
		h.says(sam, "yes", "Welcome back")
	}
}

func TestDeleteMe(t *testing.T) {
	h := newHarness(t)
	h.fillGA1()
	h.says(sam, "delete me", "Delete everything? YES or NO")
	h.says(sam, "no", "kept your details")
	h.says(sam, "DELETE ME", "Delete everything?")
	h.says(sam, "yes", "deleted your details")
	checkText(t, "offer after deletion", strings.Join(h.received(jo), ""), "a place is free on GA1")
	h.says(sam, "hello", "Hi from") // a stranger now: welcomed afresh
	h.says(sam, "my", "no bookings")
}

func TestForgivingInput(t *testing.T) {
	h := newHarness(t)
	h.register(sam, "Sam", "MH1")
	h.says(sam, "  JOIN   ga1!!! ", "You're booked on GA1")
	h.says(sam, "drop ga1", "Leave GA1")
	h.says(sam, "Yes please", "you've left GA1")
	h.says(sam, "joinga1", "You're booked on GA1")
	h.says(sam, "courses", "Our courses")
	h.says(sam, "1", "Mental health:")
	h.says(sam, "join 2", "You're booked. First session Wed 13 Jan 18:00") // MH2 is sensitive
	h.says(sam, "JOIN GA2 please", "This course is for women.")
	h.says(sam, "cancel mh1", "Leave MH1")
	h.says(sam, "no", "still on MH1")
	h.says(sam, "cancel my booking", "Which course do you want to leave?")
	h.says(sam, "please stop", "send STOP on its own")
	h.says(sam, "👍", "Nothing is waiting for a yes or no")
	h.says(sam, "7", "no list to pick from")
	h.says(sam, "bokings", "Your courses:")
}

// TestProviderAnswersKeywords is SMS with Twilio's opt-out handling on:
// Twilio confirms STOP, START and HELP itself, so the bot records the
// opt-out and stays quiet rather than sending a second text.
func TestProviderAnswersKeywords(t *testing.T) {
	h := newHarness(t, conversation.ProviderReplies(college.Terminal))
	h.register(sam, "Sam", "MH1")
	if got := h.sendAs(college.Inbound{Address: sam, Text: "Stop", OptOut: "STOP"}); len(got) != 0 {
		t.Errorf("bot answered STOP itself: %q", got)
	}
	if h.student(sam).ID == 0 || !h.optedOut(sam) {
		t.Fatal("STOP not recorded")
	}
	if got := h.sendAs(college.Inbound{Address: sam, Text: "unstop", OptOut: "START"}); len(got) != 0 || h.optedOut(sam) {
		t.Errorf("START: replies %q, still opted out %v", got, h.optedOut(sam))
	}
	if got := h.sendAs(college.Inbound{Address: sam, Text: "help", OptOut: "HELP"}); len(got) != 0 {
		t.Errorf("bot answered HELP itself: %q", got)
	}
	h.says(sam, "help me please", "01924 000 000") // not Twilio's keyword: ours to answer
	// Twilio's reading wins: a STOP it matched is a STOP even if we read it otherwise.
	h.sendAs(college.Inbound{Address: sam, Text: "stop!", OptOut: "STOP"})
	if !h.optedOut(sam) {
		t.Error("OptOutType=STOP not honoured")
	}
}
