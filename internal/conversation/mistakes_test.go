package conversation_test

import (
	"strconv"
	"strings"
	"testing"
)

// Transcripts of what students get wrong, or say in their own way.

func TestWaitingListAnsweredWithYesOrNo(t *testing.T) {
	h := newHarness(t)
	h.fullGA1()
	h.register(jo, "Jo", "MH1")
	h.says(jo, "join ga1", "is full", "join the waiting list?")
	h.says(jo, "no", "not on the waiting list for GA1")
	h.says(jo, "my", "MH1")
	h.says(jo, "join ga1", "is full")
	h.says(jo, "yes", "You're number 1 on the waiting list for GA1")
}

func TestNoAtAnOptionalQuestionSkipsIt(t *testing.T) {
	h := newHarness(t)
	h.says(sam, "join mh1", "first name")
	h.says(sam, "no", "just your first name")
	h.says(sam, "hi", "just your first name")
	h.says(sam, "it\u2019s Siân x", "Thanks Sian.") // texted in GSM-7
	if st := h.student(sam); st.FirstName != "Siân" {
		t.Errorf("stored name %q, want it as typed", st.FirstName)
	}
	h.says(sam, "yes", "16 or over")
	h.says(sam, "34", "hear about us")
	h.says(sam, "no", "describes you")
	h.says(sam, "9", "number from the list, or SKIP")
	h.says(sam, "rather not", "postcode")
	h.says(sam, "wf 1", "You're booked on MH1")
	st := h.student(sam)
	if !st.Heard.Asked || st.Heard.Value != "" || st.Describes.Value != "rather_not" || st.District.Value != "WF1" {
		t.Errorf("answers %+v %+v %+v", st.Heard, st.Describes, st.District)
	}
}

func TestHelpInTheMiddleKeepsTheQuestion(t *testing.T) {
	h := newHarness(t)
	h.says(sam, "join mh1", "first name")
	h.says(sam, "Sam", "Is that OK?")
	h.says(sam, "help", "01924 000 000")
	h.says(sam, "yes", "16 or over")
}

func TestAgeAnswers(t *testing.T) {
	h := newHarness(t)
	h.says(sam, "join mh1", "first name")
	h.says(sam, "Sam", "Is that OK?")
	h.says(sam, "yes", "16 or over")
	h.says(sam, "15", "our courses are for people aged 16 and over", "01924 000 000")
	h.says(sam, "join mh1", "16 or over") // asked again, not refused for ever
	h.says(sam, "yes", "hear about us")
}

func TestNumbersOutOfRangeKeepTheList(t *testing.T) {
	h := newHarness(t)
	h.says(sam, "courses", "Our courses by topic:")
	h.says(sam, "5", "number from 1 to 2")
	h.says(sam, "hmm", "didn't get that")
	h.says(sam, "2", "Get active:")
}

func TestExpiredOfferPassesToTheNextPerson(t *testing.T) {
	h := newHarness(t)
	h.offerToJo()
	h.now = h.now.Add(25 * 3600e9)
	h.says(jo, "yes", "offer ended")
	h.says(jo, "my", "MH1")
	checkText(t, "offer to Kim", strings.Join(h.received(kim), ""), "Good news Kim")
}

func TestTwoOffersAskWhich(t *testing.T) {
	h := newHarness(t)
	h.register(jo, "Jo", "MH1")
	h.offerPlace(jo, "GA1")
	h.offerPlace(jo, "GA3")
	h.says(jo, "no", "Which one do you want to pass on?", "1 GA1 Walking football", "2 GA3 Boxing fitness")
	h.says(jo, "2", "passed the place on", "GA3")
	h.says(jo, "my", "GA1 Walking football: place offered")
	h.says(jo, "no ga1", "passed the place on", "GA1")
	h.says(jo, "no", "Nothing is waiting")
}

func TestMyPagesWithMore(t *testing.T) {
	h := newHarness(t)
	h.addCourses(t, 12)
	h.register(sam, "Sam", "MH1")
	for i := 1; i <= 10; i++ {
		h.says(sam, "join sk"+strconv.Itoa(i), "booked on SK")
	}
	first := h.says(sam, "my", "Your courses:", "MORE for the rest")
	all := first
	for page := h.says(sam, "more", "Your courses:"); ; page = h.says(sam, "more", "Your courses:") {
		all += page
		if !strings.Contains(page, "MORE for the rest") {
			break
		}
	}
	if strings.Count(all, "SK") != 10 || !strings.Contains(all, "MH1") {
		t.Errorf("MY pages missed a course:\n%s", all)
	}
	if !strings.HasPrefix(strings.Split(first, "\n")[1], "MH1 ") {
		t.Errorf("MY is not soonest first:\n%s", first)
	}
}

func TestStopPassesAnOfferOn(t *testing.T) {
	h := newHarness(t)
	h.offerToJo()
	h.says(jo, "stop", "won't get any more texts")
	checkText(t, "offer to Kim", strings.Join(h.received(kim), ""), "Good news Kim")
	h.send(jo, "delete me") // opted out: done without a reply
	if st := h.student(kim); st.FirstName != "Kim" {
		t.Fatalf("wrong student erased")
	}
}
