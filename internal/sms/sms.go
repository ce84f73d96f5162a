// Package sms counts what a text message costs: which encoding it travels in
// and how many segments a provider bills for it, as Twilio counts them. It
// also turns the look-alike punctuation that word processors insert (curly
// quotes, dashes, non-breaking spaces) into plain GSM-7 characters, so that
// one smart quote does not double the price of a message.
//
// The rules follow Twilio's message segment calculator
// (https://twiliodeved.github.io/message-segment-calculator/): a text that
// fits the GSM-7 alphabet travels at 160 septets in one segment or 153 per
// part; any other character switches the whole text to UCS-2, at 70 UTF-16
// code units in one segment or 67 per part. A part never ends in the middle of
// a character: an escape pair, a surrogate pair or a character built from
// several code points (an accent, a flag, a family emoji) moves whole to the
// next part.
package sms

// Encoding is the alphabet a message travels in.
type Encoding string

// The two encodings a UK operator accepts for text messages.
const (
	GSM7 Encoding = "GSM-7"
	UCS2 Encoding = "UCS-2"
)

// Segments is what a message costs to send.
type Segments struct {
	Encoding Encoding
	// Units is the length of the message in its encoding: septets for GSM-7,
	// where each of the ten extension characters counts 2, and UTF-16 code
	// units for UCS-2.
	Units int
	// Segments is how many billed parts the message goes out in; 0 for an
	// empty text.
	Segments int
}

// Capacity of a segment in units: a lone segment, and each part of a
// concatenated message (which loses six octets to the part header).
const (
	gsm7Single = 160
	gsm7Part   = 153
	ucs2Single = 70
	ucs2Part   = 67
)

// Count reports the encoding, length and number of segments of text.
func Count(text string) Segments {
	enc := encodingOf(text)
	cs := chars(text, enc)
	total := 0
	for _, c := range cs {
		total += c.size
	}
	return Segments{Encoding: enc, Units: total, Segments: len(partStarts(cs, total, enc))}
}

// encodingOf returns the encoding text must travel in.
func encodingOf(text string) Encoding {
	if IsGSM7(text) {
		return GSM7
	}
	return UCS2
}

// limits returns the capacity of a lone segment and of each part.
func limits(enc Encoding) (single, part int) {
	if enc == GSM7 {
		return gsm7Single, gsm7Part
	}
	return ucs2Single, ucs2Part
}

// partStarts returns the index in cs of the first character of each part.
// Characters are packed greedily, and one that does not fit whole in what is
// left of a part starts the next.
func partStarts(cs []char, total int, enc Encoding) []int {
	if total == 0 {
		return nil
	}
	single, part := limits(enc)
	if total <= single {
		return []int{0}
	}
	starts := []int{0}
	used := 0
	for i, c := range cs {
		if used+c.size > part {
			starts = append(starts, i)
			used = 0
		}
		used += c.size
	}
	return starts
}
