// Package phone turns the ways people write UK phone numbers into E.164, the
// form Twilio sends and expects ("+447700900123"), and says whether a number
// is real and can take a text. Normalising and validating are kept apart:
// Normalize only reshapes, Valid and Mobile judge, so a number the library
// does not know (such as Ofcom's drama range) is still stored the same way.
package phone

import (
	"errors"
	"fmt"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// DefaultRegion is the country assumed for numbers written without a
// country code.
const DefaultRegion = "GB"

// ErrNotPhoneNumber reports text that cannot be read as a phone number.
var ErrNotPhoneNumber = errors.New("not a phone number")

// Normalize returns s in E.164 form. It accepts UK numbers written with or
// without spaces, dashes, dots and brackets, with a leading 0, +44, 0044, 44
// or "+44 (0)", in full-width digits or as a tel: URI, and numbers of other
// countries written with + or 00. An extension is dropped. Normalize does not
// judge whether the number exists: use Valid for that.
func Normalize(s string) (string, error) {
	n, err := phonenumbers.Parse(s, DefaultRegion)
	if err != nil {
		return "", fmt.Errorf("phone: %q is %w: %w", s, ErrNotPhoneNumber, err)
	}
	return phonenumbers.Format(n, phonenumbers.E164), nil
}

// Valid reports whether e164 is a phone number in canonical E.164 form (as
// Normalize returns it) that libphonenumber knows to exist, or a number in
// Ofcom's drama range for mobiles, which libphonenumber calls invalid but
// which tests and demonstrations use.
func Valid(e164 string) bool {
	n, ok := parseE164(e164)
	return ok && (phonenumbers.IsValidNumber(n) || Drama(e164))
}

// Mobile reports whether e164 is a valid number of a type that can receive
// text messages: a mobile, a number that may be mobile (as in North
// America), or a drama-range mobile. UK landlines, pagers and personal
// numbers are not.
func Mobile(e164 string) bool {
	if Drama(e164) {
		return true
	}
	n, ok := parseE164(e164)
	if !ok || !phonenumbers.IsValidNumber(n) {
		return false
	}
	switch phonenumbers.GetNumberType(n) {
	case phonenumbers.MOBILE, phonenumbers.FIXED_LINE_OR_MOBILE:
		return true
	default:
		return false
	}
}

// dramaPrefix is Ofcom's range of mobile numbers for drama, 07700 900000 to
// 07700 900999, which will never be given to a subscriber.
const dramaPrefix = "+447700900"

// Drama reports whether e164 is in Ofcom's drama range for mobiles,
// +447700900000 to +447700900999.
func Drama(e164 string) bool {
	rest, ok := strings.CutPrefix(e164, dramaPrefix)
	return ok && len(rest) == 3 && allDigits(rest)
}

// parseE164 parses s, which must be canonical E.164: a plus sign and the
// digits of a number, exactly as Normalize would write it.
func parseE164(s string) (*phonenumbers.PhoneNumber, bool) {
	if len(s) < 2 || s[0] != '+' || !allDigits(s[1:]) {
		return nil, false
	}
	n, err := phonenumbers.Parse(s, DefaultRegion)
	if err != nil || phonenumbers.Format(n, phonenumbers.E164) != s {
		return nil, false
	}
	return n, true
}

// allDigits reports whether s is made of ASCII digits only.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
