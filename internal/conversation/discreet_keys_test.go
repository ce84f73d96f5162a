package conversation

import (
	"regexp"
	"strings"
	"testing"

	"collegebot/messages"
)

// names matches a placeholder that names a course or what it is about.
var names = regexp.MustCompile(`\{\{[^}]*\.(Course|Code|Title|Topic|Summary|Cohort)\b`)

// TestEveryCourseTextHasDiscreetWording: every English text that names a
// course has a discreet wording, or is on the short list of texts that
// name one because the student asked; and no discreet wording names one.
func TestEveryCourseTextHasDiscreetWording(t *testing.T) {
	cat, err := messages.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range cat.Keys(messages.Default) {
		tmpl, _ := cat.Template(messages.Default, k)
		if strings.HasPrefix(k, "discreet.") {
			if m := names.FindString(tmpl); m != "" {
				t.Errorf("%s is discreet wording but names the course (%s}}): %q", k, m, tmpl)
			}
			continue
		}
		if !strings.Contains(tmpl, ".Course") && !strings.Contains(tmpl, ".Code") && !strings.Contains(tmpl, ".Title") {
			continue
		}
		_, discreet := discreetKeys[k]
		_, asked := revealing[k]
		if !discreet && !asked {
			t.Errorf("%s names a course but has no discreet wording in discreetKeys: %q", k, tmpl)
		}
	}
	for k, d := range discreetKeys {
		if _, ok := cat.Template(messages.Default, k); !ok {
			t.Errorf("discreetKeys has %s, which the catalog does not", k)
		}
		if _, ok := cat.Template(messages.Default, d); !ok {
			t.Errorf("%s's discreet wording %s is not in the catalog", k, d)
		}
	}
}
