package sms

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"collegebot/internal/corpustest"
)

// segmentsCorpus is ../shared/corpus/segments.json: Twilio's segment
// calculator test cases and data tables.
type segmentsCorpus struct {
	Cases     []corpusCase      `json:"cases"`
	Smart     map[string]string `json:"smart_encoding_map"`
	Table     map[string][]int  `json:"gsm7_table_unicode_to_septets"`
	Extension map[string][]int  `json:"gsm7_extension_chars"`
}

type corpusCase struct {
	ID         string                     `json:"id"`
	Body       string                     `json:"body"`
	UTF16      int                        `json:"utf16_code_units"`
	Codepoints []string                   `json:"body_codepoints"`
	Expect     map[string]json.RawMessage `json:"expect"`
}

// loadSegments reads the corpus, or skips the test when it is not there.
func loadSegments(t *testing.T) segmentsCorpus {
	t.Helper()
	var c segmentsCorpus
	corpustest.Load(t, "segments.json", &c)
	if len(c.Cases) != 54 || len(c.Table) != 137 || len(c.Extension) != 10 || len(c.Smart) != 270 {
		t.Fatalf("segments.json holds %d cases, %d table entries, %d extension characters and %d smart encodings; want 54, 137, 10, 270",
			len(c.Cases), len(c.Table), len(c.Extension), len(c.Smart))
	}
	return c
}

// codepoint decodes "U+20AC".
func codepoint(t *testing.T, s string) rune {
	t.Helper()
	n, err := strconv.ParseUint(strings.TrimPrefix(s, "U+"), 16, 32)
	if err != nil {
		t.Fatalf("bad code point %q", s)
	}
	return rune(n)
}

func TestCorpusCases(t *testing.T) {
	for _, c := range loadSegments(t).Cases {
		t.Run(c.ID, func(t *testing.T) {
			checkBody(t, c)
			checked := 0
			for key, raw := range c.Expect {
				check, ok := expectations[key]
				if !ok {
					t.Fatalf("expectation %q is not understood by this test", key)
				}
				check(t, c.Body, raw)
				checked++
			}
			if checked == 0 {
				t.Fatal("case asserts nothing")
			}
		})
	}
}

// checkBody makes sure the body survived JSON decoding intact.
func checkBody(t *testing.T, c corpusCase) {
	t.Helper()
	if got := len(utf16.Encode([]rune(c.Body))); got != c.UTF16 {
		t.Fatalf("body has %d UTF-16 units, corpus says %d", got, c.UTF16)
	}
	if c.Codepoints == nil {
		return
	}
	want := make([]rune, len(c.Codepoints))
	for i, cp := range c.Codepoints {
		want[i] = codepoint(t, cp)
	}
	if got := []rune(c.Body); !slices.Equal(got, want) {
		t.Fatalf("body code points %U, corpus lists %U", got, want)
	}
}

// bitsPerUnit is the size of a septet or a UCS-2 code unit in bits.
func bitsPerUnit(e Encoding) int {
	if e == GSM7 {
		return 7
	}
	return 16
}

const udhOctets = 6

// expectations checks each kind of corpus expectation against the package.
var expectations = map[string]func(t *testing.T, body string, raw json.RawMessage){
	"encoding": func(t *testing.T, body string, raw json.RawMessage) {
		assertEqual(t, "encoding", string(Count(body).Encoding), decode[string](t, raw))
	},
	"segments": func(t *testing.T, body string, raw json.RawMessage) {
		assertEqual(t, "segments", Count(body).Segments, decode[int](t, raw))
	},
	"message_size_bits": func(t *testing.T, body string, raw json.RawMessage) {
		s := Count(body)
		assertEqual(t, "message size in bits", s.Units*bitsPerUnit(s.Encoding), decode[int](t, raw))
	},
	"total_size_bits": func(t *testing.T, body string, raw json.RawMessage) {
		s := Count(body)
		total := s.Units * bitsPerUnit(s.Encoding)
		if s.Segments > 1 {
			total += s.Segments * udhOctets * 8
		}
		assertEqual(t, "total size in bits", total, decode[int](t, raw))
	},
	"number_of_characters": func(t *testing.T, body string, raw json.RawMessage) {
		s := Count(body)
		n := s.Units
		if s.Encoding == UCS2 {
			n = len(chars(body, UCS2))
		}
		assertEqual(t, "number of characters", n, decode[int](t, raw))
	},
	"unicode_scalars": func(t *testing.T, body string, raw json.RawMessage) {
		assertEqual(t, "unicode scalars", utf8.RuneCountInString(body), decode[int](t, raw))
	},
	"all_chars_non_gsm7": func(t *testing.T, body string, raw json.RawMessage) {
		assertEqual(t, "every character outside GSM-7", len(nonGSM7(body)) == utf8.RuneCountInString(body), decode[bool](t, raw))
	},
	"non_gsm7_characters": func(t *testing.T, body string, raw json.RawMessage) {
		assertEqual(t, "characters outside GSM-7", strings.Join(nonGSM7(body), " "), strings.Join(decode[[]string](t, raw), " "))
	},
	"udh_octets_per_segment": func(t *testing.T, body string, raw json.RawMessage) {
		udh := decode[int](t, raw)
		for _, e := range []Encoding{GSM7, UCS2} {
			single, part := limits(e)
			bits := bitsPerUnit(e)
			if part*bits+udh*8 > single*bits || (part+1)*bits+udh*8 <= single*bits {
				t.Errorf("%s: %d units a part do not fill a segment less a %d-octet header", e, part, udh)
			}
		}
	},
	"last_segment_entries_including_udh": func(t *testing.T, body string, raw json.RawMessage) {
		last := lastPart(body)
		assertEqual(t, "entries in the last segment", udhOctets+len(chars(last, Count(body).Encoding)), decode[int](t, raw))
	},
	"last_segment_payload": func(t *testing.T, body string, raw json.RawMessage) {
		assertEqual(t, "last segment", lastPart(body), decode[string](t, raw))
	},
}

func decode[T any](t *testing.T, raw json.RawMessage) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("expectation %s: %v", raw, err)
	}
	return v
}

func assertEqual[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// nonGSM7 lists the characters of s outside GSM-7.
func nonGSM7(s string) []string {
	var out []string
	for _, r := range s {
		if !IsGSM7(string(r)) {
			out = append(out, string(r))
		}
	}
	return out
}

// lastPart returns the text of the last part s is sent in.
func lastPart(s string) string {
	enc := Count(s).Encoding
	cs := chars(s, enc)
	starts := partStarts(cs, Count(s).Units, enc)
	return s[cs[starts[len(starts)-1]].off:]
}

func TestCorpusGSM7Table(t *testing.T) {
	c := loadSegments(t)
	inTable := make(map[rune]bool, len(c.Table))
	for cp, want := range c.Table {
		r := codepoint(t, cp)
		inTable[r] = true
		got, ok := septets(r)
		if !ok || !slices.Equal(ints(got), want) {
			t.Errorf("%s %q: septets %v, %v; want %v", cp, r, got, ok, want)
		}
	}
	for r := rune(0); r <= 0x2FFFF; r++ {
		if IsGSM7(string(r)) != inTable[r] {
			t.Errorf("IsGSM7(%U) = %v, corpus table says %v", r, !inTable[r], inTable[r])
		}
	}
}

func TestCorpusExtensionChars(t *testing.T) {
	c := loadSegments(t)
	for cp, want := range c.Extension {
		r := codepoint(t, cp)
		if !IsGSM7(string(r)) || septetCount(r) != 2 {
			t.Errorf("%s %q: IsGSM7 %v, %d septets; want GSM-7 in 2", cp, r, IsGSM7(string(r)), septetCount(r))
		}
		if got, _ := septets(r); !slices.Equal(ints(got), want) {
			t.Errorf("%s %q: septets %v, want %v", cp, r, got, want)
		}
	}
	extended := 0
	for r := range gsm7Codes {
		if septetCount(r) == 2 {
			extended++
		}
	}
	if extended != len(c.Extension) {
		t.Errorf("%d characters take two septets, corpus lists %d", extended, len(c.Extension))
	}
}

func ints(b []byte) []int {
	out := make([]int, len(b))
	for i, v := range b {
		out[i] = int(v)
	}
	return out
}
