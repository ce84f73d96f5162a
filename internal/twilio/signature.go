package twilio

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"maps"
	"net/url"
	"slices"
	"strings"
)

// Valid reports whether signature is Twilio's X-Twilio-Signature for a
// form-encoded webhook posted to url with form as its body: HMAC-SHA1, keyed
// with the account's auth token, over the full URL followed by every form
// key in byte order, each key followed by one of its values (all the values
// of a repeated key, sorted), in standard padded base64.
//
// Like Twilio's own validators it accepts a signature over the URL with its
// port removed, or with the scheme's default port (:443, :80) added, since
// Twilio may sign either spelling of the URL it was given.
//
// twilio-go's RequestValidator is not used: it keeps only the first value of
// a repeated form key, so it rejects requests Twilio signed correctly (the
// py/duplicate-keys vector in ../shared/corpus/twilio_signatures.json).
// See https://www.twilio.com/docs/usage/webhooks/webhooks-security.
func Valid(authToken, url string, form url.Values, signature string) bool {
	if authToken == "" || signature == "" {
		return false
	}
	params := canonicalParams(form)
	for _, u := range urlVariants(url) {
		want := sign(authToken, u, params)
		if hmac.Equal([]byte(want), []byte(signature)) {
			return true
		}
	}
	return false
}

// sign returns the base64 HMAC-SHA1 of url followed by the canonical
// parameters.
func sign(authToken, url, params string) string {
	mac := hmac.New(sha1.New, []byte(authToken))
	mac.Write([]byte(url))
	mac.Write([]byte(params))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// canonicalParams concatenates the form's keys in byte order, each followed
// by its value, once per value, values sorted.
func canonicalParams(form url.Values) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(form)) {
		for _, v := range slices.Sorted(slices.Values(form[k])) {
			b.WriteString(k)
			b.WriteString(v)
		}
	}
	return b.String()
}

// urlVariants returns the spellings of raw a signature may have been computed
// over: as given; and without its port when it has one, or with the scheme's
// default port when it has none. The rest of the URL is kept byte for byte.
func urlVariants(raw string) []string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return []string{raw}
	}
	scheme, rest, _ := strings.Cut(raw, "://")
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	authority, tail := rest[:end], rest[end:]
	userinfo := ""
	if i := strings.LastIndex(authority, "@"); i >= 0 {
		userinfo = authority[:i+1]
	}
	host := u.Hostname()
	if strings.Contains(host, ":") {
		host = "[" + host + "]" // an IPv6 literal
	}
	prefix := scheme + "://" + userinfo + host
	if u.Port() != "" {
		return []string{raw, prefix + tail}
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return []string{raw, prefix + ":443" + tail}
	case "http":
		return []string{raw, prefix + ":80" + tail}
	}
	return []string{raw}
}

// Sign returns the X-Twilio-Signature Twilio sends with a form-encoded
// webhook posted to url: for simulators and tests that play Twilio.
func Sign(authToken, url string, form url.Values) string {
	return sign(authToken, url, canonicalParams(form))
}
