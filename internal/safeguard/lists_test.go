package safeguard

import (
	"slices"
	"strings"
	"testing"
)

// TestNormalise shows what the matcher sees: the lists are written against
// these words.
func TestNormalise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"I'm SOOOO done", "i am so done"},
		{"im gonna kms", "i am going to kil myself"},
		{"i wanna unalive my self", "i want to unalive myself"},
		{"k1ll mys3lf 2nite", "kil myself tonight"},
		{"I OD'd, that's odd", "i overdosed thats od"},
		{"my self-harm", "my selfharm"},
		{"I don’t want to be here any more", "i dont want to be here anymore"},
		{"I do not, can not", "i dont cant"},
		{"took 30 paracetamol", "tok 30 paracetamol"},
		{"sucide myslef overdoes", "suicide myself overdose"},
		{"putting giving tables", "puting giving tables"},
		{"MH1 WF1 2DD", "mhi wfi 2d"},
		{"ÉÉÉté", "été"},
		{"  extra   spaces\tand\nlines ", "extra spaces and lines"},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range std.tokens(tt.in) {
			got = append(got, tok.word)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("tokens(%q) = %q, want %q", tt.in, strings.Join(got, " "), tt.want)
		}
	}
}

// TestBreaks: a full stop or comma is a clause break, a hyphen is not.
func TestBreaks(t *testing.T) {
	toks := std.tokens("cut-off. Next, self-harm")
	var brk []bool
	for _, tok := range toks {
		brk = append(brk, tok.brk)
	}
	if want := []bool{false, false, true, true}; !slices.Equal(brk, want) {
		t.Errorf("breaks = %v, want %v", brk, want)
	}
}

// TestListWordsAreCanonical: every word in a list must be a word the
// normaliser can produce, or its phrase can never match ("don't" is read
// as "dont", "cannot" as "cant", "self harm" as "selfharm").
func TestListWordsAreCanonical(t *testing.T) {
	check := func(where, src string) {
		for _, f := range strings.Fields(src) {
			for _, alt := range strings.Split(f, "|") {
				if strings.ContainsAny(alt[:1], "~@$#") {
					continue
				}
				toks := std.tokens(alt)
				if len(toks) != 1 || toks[0].word != canonical(alt) {
					t.Errorf("%s: %q in %q is read as %v", where, alt, src, toks)
				}
			}
		}
	}
	for _, g := range append(slices.Clone(groups), context) {
		for _, list := range [][]string{g.phrases, g.unlessBefore, g.unlessAfter} {
			for _, src := range list {
				check(g.name, src)
			}
		}
	}
	for name, words := range classes {
		check("@"+name, strings.Join(words, " "))
	}
}

func TestTypoTargetsAreListWords(t *testing.T) {
	for _, w := range typoTargets {
		if !std.vocab[canonical(w)] {
			t.Errorf("typo target %q is in no list", w)
		}
	}
}

func TestBuildRejectsBadPatterns(t *testing.T) {
	bad := []group{
		{name: "x", phrases: []string{"~2 die"}},
		{name: "x", phrases: []string{"$ die"}},
		{name: "x", phrases: []string{"want @nosuch"}},
		{name: "x", phrases: []string{"want ~9 die"}},
		{name: "x", phrases: []string{"want || die"}},
		{name: "x", phrases: []string{"die"}, unlessAfter: []string{"of ~1 laughing"}},
		{name: "x", phrases: []string{"die"}, unlessBefore: []string{"not $"}},
	}
	for _, g := range bad {
		if _, err := build([]group{g}, group{}); err == nil {
			t.Errorf("build(%+v) accepted a bad pattern", g)
		}
	}
	if _, err := build([]group{{name: "x", phrases: []string{"want ~2 die|dead $"}}}, context); err != nil {
		t.Errorf("build rejected a good pattern: %v", err)
	}
}

func TestOneEdit(t *testing.T) {
	yes := [][2]string{{"suicide", "suicide"}, {"sucide", "suicide"}, {"suicidde", "suicide"},
		{"suicdie", "suicide"}, {"suixide", "suicide"}, {"myslef", "myself"}}
	no := [][2]string{{"scuidie", "suicide"}, {"suicides!!", "suicide"}, {"putting", "cutting!"}}
	for _, p := range yes {
		if !oneEdit(p[0], p[1]) {
			t.Errorf("oneEdit(%q, %q) = false", p[0], p[1])
		}
	}
	for _, p := range no {
		if oneEdit(p[0], p[1]) {
			t.Errorf("oneEdit(%q, %q) = true", p[0], p[1])
		}
	}
}
