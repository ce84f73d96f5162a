package twilio_test

import (
	"net/url"
	"strings"
	"testing"

	"collegebot/internal/corpustest"
	"collegebot/internal/twilio"
)

// sigVector is one X-Twilio-Signature vector from the shared corpus.
type sigVector struct {
	ID        string      `json:"id"`
	AuthToken string      `json:"auth_token"`
	URL       string      `json:"url"`
	Params    [][2]string `json:"params"`
	Body      string      `json:"body"`
	Signature string      `json:"x_twilio_signature"`
	Valid     bool        `json:"expected_valid"`
	Variant   string      `json:"signed_url_variant"`
}

// jsonBody reports whether a vector is a JSON-body webhook, signed over the
// URL with a bodySHA256 parameter instead of over form fields.
func (v sigVector) jsonBody() bool {
	return strings.HasPrefix(strings.TrimSpace(v.Body), "{") || strings.Contains(v.URL, "bodySHA256=")
}

// form returns the vector's POST parameters, repeated keys kept in order.
func (v sigVector) form() url.Values {
	form := url.Values{}
	for _, p := range v.Params {
		form.Add(p[0], p[1])
	}
	return form
}

func loadSignatures(t *testing.T) []sigVector {
	var corpus struct {
		Vectors []sigVector `json:"vectors"`
	}
	corpustest.Load(t, "twilio_signatures.json", &corpus)
	if len(corpus.Vectors) == 0 {
		t.Fatal("twilio_signatures.json holds no vectors")
	}
	return corpus.Vectors
}

func TestValidAgainstTwilioVectors(t *testing.T) {
	for _, v := range loadSignatures(t) {
		t.Run(v.ID, func(t *testing.T) {
			if v.jsonBody() {
				t.Skip("JSON-body webhook: the webhooks collegebot takes (inbound SMS, status callbacks) are form-encoded")
			}
			if got := twilio.Valid(v.AuthToken, v.URL, v.form(), v.Signature); got != v.Valid {
				t.Errorf("Valid = %v, want %v (signed over the URL %s)", got, v.Valid, v.Variant)
			}
		})
	}
}

// The tests' own signer must agree with Twilio's vectors before it may
// sign the requests the webhook tests send.
func TestTestSignerAgreesWithTwilioVectors(t *testing.T) {
	checked := 0
	for _, v := range loadSignatures(t) {
		if v.jsonBody() || !v.Valid || v.Variant != "as_given" {
			continue
		}
		if got := signPairs(v.AuthToken, v.URL, v.Params); got != v.Signature {
			t.Errorf("%s: signPairs = %s, want %s", v.ID, got, v.Signature)
		}
		checked++
	}
	if checked < 4 {
		t.Fatalf("only %d vectors checked the signer", checked)
	}
}

func TestValidPortsAndSchemes(t *testing.T) {
	form := url.Values{"MessageSid": {"SM1"}, "From": {"+447700900123"}, "Body": {"HELP"}}
	body := form.Encode()
	tests := []struct {
		label, signedURL, checkedURL string
		want                         bool
	}{
		{"as given", "https://college.example.org/sms/twilio", "https://college.example.org/sms/twilio", true},
		{"signed with :443", "https://college.example.org:443/sms/twilio", "https://college.example.org/sms/twilio", true},
		{"checked with :443", "https://college.example.org/sms/twilio", "https://college.example.org:443/sms/twilio", true},
		{"http with :80", "http://college.example.org:80/sms/twilio", "http://college.example.org/sms/twilio", true},
		{"signed over http", "http://college.example.org/sms/twilio", "https://college.example.org/sms/twilio", false},
		{"another host", "https://evil.example.org/sms/twilio", "https://college.example.org/sms/twilio", false},
		{"another path", "https://college.example.org/sms/twilio/status", "https://college.example.org/sms/twilio", false},
		{"query dropped", "https://college.example.org/sms/twilio/status", "https://college.example.org/sms/twilio/status?o=7", false},
		{"query kept", "https://college.example.org/sms/twilio/status?o=7", "https://college.example.org/sms/twilio/status?o=7", true},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			sig := signTwilio(authToken, tt.signedURL, body)
			if got := twilio.Valid(authToken, tt.checkedURL, form, sig); got != tt.want {
				t.Errorf("Valid = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestValidRefusesEmptyTokenAndSignature(t *testing.T) {
	form := url.Values{"MessageSid": {"SM1"}}
	u := "https://college.example.org/sms/twilio"
	if twilio.Valid("", u, form, signTwilio("", u, form.Encode())) {
		t.Error("an empty auth token validated a signature: anyone could forge one")
	}
	if twilio.Valid(authToken, u, form, "") {
		t.Error("an empty signature was valid")
	}
}

// TestSignAgreesWithTwilioVectors: Sign, which the simulator and the CLI's
// tests sign with, gives Twilio's own signature for each valid form vector
// signed over its URL as given.
func TestSignAgreesWithTwilioVectors(t *testing.T) {
	checked := 0
	for _, v := range loadSignatures(t) {
		if v.jsonBody() || !v.Valid || v.Variant != "as_given" {
			continue
		}
		if got := twilio.Sign(v.AuthToken, v.URL, v.form()); got != v.Signature {
			t.Errorf("%s: Sign = %s, want %s", v.ID, got, v.Signature)
		}
		checked++
	}
	if checked < 4 {
		t.Fatalf("only %d vectors checked Sign", checked)
	}
}
