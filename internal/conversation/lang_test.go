package conversation_test

import (
	"strings"
	"testing"

	"collegebot/internal/college"
)

// These transcripts choose a language with LANG and check that what the
// student gets from then on, replies and what the jobs send, is in it.

const (
	cymraegSet = "Iawn, byddwn ni'n ysgrifennu atoch chi yn Gymraeg o hyn ymlaen."
	englishSet = "OK, we'll write to you in English from now on."
)

// replies sends text and checks the student gets exactly the texts that
// contain each of want, in order.
func (h *harness) replies(from, text string, want ...string) []string {
	h.t.Helper()
	got := h.send(from, text)
	if len(got) != len(want) {
		h.t.Fatalf("%s sends %q: got %d replies %q, want %d", from, text, len(got), got, len(want))
	}
	for i, w := range want {
		checkText(h.t, from+" sends "+text, got[i], w)
	}
	return got
}

func TestLangListsAndChoosesByNumber(t *testing.T) {
	h := newHarness(t)
	h.says(sam, "hi", "Hi from")
	h.says(sam, "lang", "Which language would you like us to write to you in?\n1 English\n2 Cymraeg\n3 Polski\n4 اردو\nReply with a number.")
	h.says(sam, "2", cymraegSet, "Anfonwch IAITH i newid hyn.")
	if got := h.student(sam).Lang; got != "cy" {
		t.Errorf("stored language %q, want cy", got)
	}
	h.says(sam, "cyrsiau", "Ein cyrsiau fesul pwnc:\n1 Mental health\n2 Get active\nAtebwch gyda rhif.")
	h.says(sam, "1", "MH1 Understanding anxiety, Maw 12 Ion", "MH2 Hearing voices, Mer 13 Ion")
	h.says(sam, "info mh1", "4 sesiwn o Maw 12 Ion 10:00 i 2 Chwef", "10 lle yn weddill.", "Yn agored i unrhyw un 16+.", "1 Archebu")
	h.says(sam, "iaith", "Ym mha iaith hoffech chi i ni ysgrifennu atoch chi?\n1 English\n2 Cymraeg\n3 Polski\n4 اردو\nAtebwch gyda rhif.")
	h.says(sam, "1", englishSet)
	h.says(sam, "courses", "Our courses by topic:")
}

func TestLangByCodeAndName(t *testing.T) {
	h := newHarness(t)
	h.says(sam, "hi", "Hi from")
	for _, tt := range []struct{ send, want, lang string }{
		{"LANG cy", cymraegSet, "cy"},
		{"lang english", englishSet, "en"},
		{"Lang Welsh", cymraegSet, "cy"},
		{"language EN", englishSet, "en"},
		{"iaith cymraeg", cymraegSet, "cy"},
		{"Saesneg", "Sori, wnes i ddim deall hynny.", "cy"}, // not a name the catalogs give English
		{"English", englishSet, "en"},
		{"Cymraeg!", cymraegSet, "cy"},
		{"język english", englishSet, "en"},
		{"زبان cy", cymraegSet, "cy"},
	} {
		h.says(sam, tt.send, tt.want)
		if got := h.student(sam).Lang; got != tt.lang {
			t.Errorf("after %q the language is %q, want %q", tt.send, got, tt.lang)
		}
	}
	h.says(sam, "lang klingon", "Sori, allwn ni ddim ysgrifennu yn yr iaith honno eto.", "1 English\n2 Cymraeg")
	h.says(sam, "2", cymraegSet)
}

func TestFirstMessageCymraegWelcomesInWelsh(t *testing.T) {
	h := newHarness(t)
	h.replies(sam, "Cymraeg", "Helo gan Calderbrook Recovery College: cyrsiau am ddim", cymraegSet)
	h.replies(alex, "lang", "Hi from", "1 English\n2 Cymraeg")
}

func TestLangMidRegistrationAsksAgainInTheNewLanguage(t *testing.T) {
	h := newHarness(t)
	h.says(sam, "join mh1", "what's your first name?")
	h.replies(sam, "lang cy", cymraegSet, "Gwych. Yn gyntaf, beth yw eich enw cyntaf?")
	h.says(sam, "Siân", "Diolch Siân. Rydyn ni'n cadw eich enw", "Ydy hynny'n iawn? IE neu NA")
	h.says(sam, "ie", "Ydych chi'n 16 oed neu drosodd? IE neu NA")
	h.says(sam, "ydw", "Dewisol: sut clywsoch chi amdanom ni?")
	h.says(sam, "o ffrind", "Dewisol: pa un sy'n eich disgrifio orau? Neu HEPGOR.\n1 Aelod o'r cyhoedd")
	// The list of languages in the middle of a numbered question: its
	// numbers choose a language, and the question is asked again.
	h.says(sam, "iaith", "Ym mha iaith", "1 English\n2 Cymraeg")
	h.replies(sam, "1", englishSet, "Optional: which best describes you? Or SKIP.\n1 Member of the public")
	h.says(sam, "3", "Last one, optional: the first part of your postcode")
	h.says(sam, "skip", "You're booked on MH1 Understanding anxiety. First session Tue 12 Jan 10:00")
	if st := h.student(sam); st.Lang != "en" || st.FirstName != "Siân" || st.Describes.Value != "carer" {
		t.Errorf("stored %q, %q, %q", st.Lang, st.FirstName, st.Describes.Value)
	}
}

func TestLangListIgnoredAnswersTheQuestion(t *testing.T) {
	h := newHarness(t)
	h.says(sam, "join mh1", "first name")
	h.says(sam, "Sam", "Is that OK?")
	h.says(sam, "lang", "1 English\n2 Cymraeg")
	h.says(sam, "yes", "16 or over") // the consent question stood
	if h.student(sam).ConsentAt == nil {
		t.Error("consent not recorded")
	}
}

func TestLangMidBrowsingKeepsTheList(t *testing.T) {
	h := newHarness(t)
	h.says(sam, "courses", "1 Mental health\n2 Get active")
	h.says(sam, "lang cy", cymraegSet)
	h.says(sam, "2", "Get active:", "GA1 Walking football, Sad 16 Ion", "Atebwch gyda rhif.")
	h.says(sam, "lang en", englishSet)
	h.says(sam, "more", "That's all for now.")
}

func TestJobsWriteInTheStudentsLanguage(t *testing.T) {
	h := newHarness(t)
	h.register(sam, "Sam", "MH1")
	h.says(sam, "iaith cy", cymraegSet)
	r := college.Reminder{Booking: h.booking(sam, "MH1"), Kind: college.DayBefore}
	h.job(func(tx college.Tx) error { return h.eng.Remind(tx, r, h.now) })
	got := h.received(sam)
	if len(got) != 1 {
		t.Fatalf("reminders %q", got)
	}
	checkText(t, "reminder", got[0], "Nodyn atgoffa: mae MH1 Understanding anxiety yfory, Maw 12 Ion 10:00, yn Calder Library", "Atebwch NA os na allwch chi ddod.")
	h.says(sam, "na", "Rydyn ni wedi dweud wrth yr hwylusydd na allwch chi ddod ar Maw 12 Ion 10:00.")
	if n := h.staffChange("MH1", 2, cancel); n != 1 {
		t.Fatalf("told %d", n)
	}
	checkText(t, "cancelled", strings.Join(h.received(sam), "\n"), "Sori, mae sesiwn MH1 Understanding anxiety ar Maw 19 Ion 10:00 wedi'i chanslo.")
	b := h.booking(sam, "MH1")
	h.job(func(tx college.Tx) error { return h.eng.AskFeedback(tx, b, h.now) })
	checkText(t, "survey", strings.Join(h.received(sam), "\n"), "Diolch am ddod i MH1 Understanding anxiety.",
		"1 Da iawn\n2 Da\n3 Ddim yn dda nac yn wael", "Atebwch gyda rhif.")
	h.says(sam, "1", "Diolch. Oes unrhyw beth hoffech chi ei ddweud wrthym am y cwrs?")
}

func TestOfferIsInTheLanguageOfWhoIsOffered(t *testing.T) {
	h := newHarness(t)
	h.fillGA1()
	h.says(jo, "lang cy", cymraegSet)
	h.send(sam, "drop ga1")
	h.says(sam, "yes", "Done, you've left GA1") // Sam, who left, reads English
	got := strings.Join(h.received(jo), "\n")
	checkText(t, "offer to Jo", got, "Newyddion da Jo: mae lle yn rhydd ar GA1 Walking football, yn dechrau Sad 16 Ion 10:00.", "Atebwch IE erbyn")
	h.says(jo, "ie", "Mae gennych chi le ar GA1 Walking football. Sesiwn gyntaf Sad 16 Ion 10:00")
}

func TestTelegramStartsInTheAppsLanguage(t *testing.T) {
	h := newHarness(t)
	for _, tt := range []struct{ chat, code, want string }{
		{"5550001", "cy", "Helo gan Calderbrook Recovery College"},
		{"5550002", "cy-GB", "Helo gan"},
		{"5550003", "en-GB", "Hi from"},
		{"5550004", "pt-br", "Hi from"}, // no catalog: English
		{"5550005", "", "Hi from"},
	} {
		in := college.Inbound{Channel: college.Telegram, Address: tt.chat, Event: college.EventStart, Lang: tt.code}
		got := h.sendAs(in)
		if len(got) != 1 || !strings.HasPrefix(got[0], tt.want) {
			t.Errorf("%s: %q, want %q", tt.code, got, tt.want)
		}
	}
	// An existing student keeps their language, whatever the app says;
	// LANG changes it.
	in := college.Inbound{Channel: college.Telegram, Address: "5550001", Text: "courses", Lang: "en"}
	if got := h.sendAs(in); len(got) != 1 || !strings.HasPrefix(got[0], "Ein cyrsiau fesul pwnc:") {
		t.Errorf("courses: %q", got)
	}
	in.Text = "LANG en"
	if got := h.sendAs(in); len(got) != 1 || !strings.HasPrefix(got[0], englishSet) {
		t.Errorf("LANG en: %q", got)
	}
	in.Text, in.Lang = "courses", "cy"
	if got := h.sendAs(in); len(got) != 1 || !strings.HasPrefix(got[0], "Our courses by topic:") {
		t.Errorf("courses after LANG en: %q", got)
	}
}

func TestWelshKeywords(t *testing.T) {
	h := newHarness(t)
	h.register(sam, "Sam", "GA1")
	h.says(sam, "iaith cy", cymraegSet)
	h.says(sam, "archebion", "Eich cyrsiau:\nGA1 Walking football: nesaf Sad 16 Ion 10:00", "GADAEL a chod i adael cwrs.")
	h.says(sam, "gadael ga1", "Gadael GA1 Walking football a rhoi'r gorau i'ch lle? IE neu NA")
	h.says(sam, "nac ydw", "Iawn, mae gennych chi le ar GA1 Walking football o hyd.")
	h.says(sam, "ymuno mh1", "Mae gennych chi le ar MH1 Understanding anxiety.")
	h.says(sam, "help", "tecstiwch CYRSIAU i bori, YMUNO a chod i archebu")
}

func TestCrisisReplyIsInTheStudentsLanguage(t *testing.T) {
	h := newHarness(t)
	h.says(sam, "hi", "Hi from")
	h.says(sam, "iaith cy", cymraegSet)
	h.says(sam, "I want to kill myself", "Rydyn ni'n falch eich bod wedi dweud wrthym.", "Samariaid 116 123, am ddim, unrhyw bryd.")
}
