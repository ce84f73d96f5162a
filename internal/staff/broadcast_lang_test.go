package staff_test

import (
	"errors"
	"maps"
	"strings"
	"testing"

	"collegebot/internal/college"
	"collegebot/internal/staff"
)

// speaks sets the language students chose.
func (r *rig) speaks(lang string, names ...string) {
	r.t.Helper()
	for _, n := range names {
		if _, err := r.raw.Exec(`UPDATE student SET lang = ? WHERE id = ?`, lang, r.ids[n]); err != nil {
			r.t.Fatal(err)
		}
	}
}

// bodies returns each student's message of a broadcast: its text, its
// language and its segments, by name.
func (r *rig) bodies(id int64) map[string]string {
	r.t.Helper()
	names := map[int64]string{}
	for n, id := range r.ids {
		names[id] = n
	}
	rows, err := r.raw.Query(`SELECT student_id, lang, segments, body FROM outbox WHERE broadcast_id = ?`, id)
	if err != nil {
		r.t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var sid, segs int64
		var lang, body string
		if err := rows.Scan(&sid, &lang, &segs, &body); err != nil {
			r.t.Fatal(err)
		}
		out[names[sid]] = lang + " " + string(rune('0'+segs)) + " " + body
	}
	return out
}

// News with a Welsh text: ann (SMS) and dee (Telegram) chose Welsh, cal
// (SMS) English. The preview prices each language: the Welsh text has ŵ,
// so it is UCS-2, two segments; each student gets their language's text
// and news line.
func TestBroadcastTextPerLanguage(t *testing.T) {
	r := newCastRig(t)
	r.speaks("cy", "ann", "dee")
	r.send(college.SMS, raySMS, "#broadcast course:MH1 news The spring prospectus is out.\n"+
		"cy: Mae prospectws y gwanwyn allan.\nDewch i'r ŵyl!")
	r.reads(college.SMS, raySMS, `Broadcast 1, news to course:MH1: 3 students, 2 by SMS and 1 on Telegram.
By SMS: 3 segments in all, about £0.12.
English (en): 1 student (1 by SMS: 1 segment each, GSM-7).
Cymraeg (cy): 2 students (1 by SMS: 2 segments each, UCS-2).
The Cymraeg (cy) text has characters outside the SMS alphabet (such as ŵ, or another script), so a segment holds 70 characters, not 160.
Students will see:
The spring prospectus is out.
Send NO NEWS to stop college news.
In Cymraeg (cy):
Mae prospectws y gwanwyn allan.
Dewch i'r ŵyl!
Anfonwch DIM NEWYDDION i atal newyddion y coleg.
Send: send #broadcast send 1
Discard: send #broadcast discard 1`)
	if n := r.number(`SELECT count(*) FROM broadcast_text WHERE broadcast_id = 1 AND lang = 'cy'`); n != 1 {
		t.Errorf("Welsh texts stored: %d, want 1", n)
	}
	r.send(college.SMS, raySMS, "#broadcast send 1")
	r.reads(college.SMS, raySMS, "Broadcast 1 is queued for 3 students and starts now. "+
		"I will text you when it has finished. To stop it send #broadcast stop 1.")
	welsh := "Mae prospectws y gwanwyn allan.\nDewch i'r ŵyl!\nAnfonwch DIM NEWYDDION i atal newyddion y coleg."
	want := map[string]string{
		"ann": "cy 2 " + welsh,
		"cal": "en 1 The spring prospectus is out.\nSend NO NEWS to stop college news.",
		"dee": "cy 0 " + welsh,
	}
	if got := r.bodies(1); !maps.Equal(got, want) {
		t.Errorf("queued:\n%q\nwant\n%q", got, want)
	}
}

// Without a Welsh text, Welsh students get the English one, and the
// preview says so; on news, the news line is still theirs.
func TestBroadcastFallsBackToEnglish(t *testing.T) {
	r := newCastRig(t)
	r.speaks("cy", "ann")
	r.send(college.SMS, raySMS, "#broadcast course:MH1 service Bring a pen on Tuesday.")
	r.reads(college.SMS, raySMS, `Broadcast 1, service to course:MH1: 5 students, 3 by SMS and 2 on Telegram.
By SMS: 3 segments in all, about £0.12.
English (en): 4 students (2 by SMS: 1 segment each, GSM-7).
Cymraeg (cy): 1 student (1 by SMS: 1 segment each, GSM-7), given the English text: no cy: text.
Students will see:
Bring a pen on Tuesday.
Send: send #broadcast send 1
Discard: send #broadcast discard 1`)
	r.send(college.Telegram, sueTG, "/broadcast course:MH1 news Open day on Saturday.")
	preview := r.claim(college.Telegram, sueTG)
	if len(preview) != 1 {
		t.Fatalf("Sue got %q", textsOf(preview))
	}
	for _, want := range []string{"Cymraeg (cy): 1 student (1 by SMS: 1 segment each, GSM-7), given the English text: no cy: text.",
		"In Cymraeg (cy):\nOpen day on Saturday.\nAnfonwch DIM NEWYDDION i atal newyddion y coleg."} {
		if !strings.Contains(preview[0].Text, want) {
			t.Errorf("preview lacks %q:\n%s", want, preview[0].Text)
		}
	}
}

// A broadcast all in English to English students previews as before: no
// lines per language.
func TestBroadcastInOneLanguageHasNoLanguageLines(t *testing.T) {
	r := newCastRig(t)
	r.send(college.SMS, raySMS, "#broadcast course:MH1 service Bring a pen.\nNB: the lift is out.")
	r.reads(college.SMS, raySMS, `Broadcast 1, service to course:MH1: 5 students, 3 by SMS and 2 on Telegram.
By SMS: 1 segment each (GSM-7), 3 in all, about £0.12.
Students will see:
Bring a pen.
NB: the lift is out.
Send: send #broadcast send 1
Discard: send #broadcast discard 1`)
}

func TestSplitTexts(t *testing.T) {
	langs := []string{"cy", "ur"}
	for _, tt := range []struct {
		in, body string
		texts    map[string]string
	}{
		{"Hello", "Hello", map[string]string{}},
		{"Hello\ncy: Helo", "Hello", map[string]string{"cy": "Helo"}},
		{"Hello\nthere\nCY:Helo\n  yno\nur: سلام", "Hello\nthere", map[string]string{"cy": "Helo\n  yno", "ur": "سلام"}},
		{"en: Hello\ncy: Helo", "Hello", map[string]string{"cy": "Helo"}},
		{"Bring a pen\nNB: and paper\npl: Cześć", "Bring a pen\nNB: and paper\npl: Cześć", map[string]string{}},
	} {
		body, texts, err := staff.SplitTexts(tt.in, langs)
		if err != nil || body != tt.body || !maps.Equal(texts, tt.texts) {
			t.Errorf("SplitTexts(%q) = %q, %q, %v; want %q, %q", tt.in, body, texts, err, tt.body, tt.texts)
		}
	}
	for _, bad := range []string{"Hello\ncy: Helo\ncy: Shwmae", "Hello\ncy:", "Hello\nen: Hi"} {
		var p *staff.Problem
		if _, _, err := staff.SplitTexts(bad, langs); !errors.As(err, &p) {
			t.Errorf("SplitTexts(%q): %v, want a problem", bad, err)
		}
	}
}
