package main

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	twilioapi "github.com/twilio/twilio-go"
	twclient "github.com/twilio/twilio-go/client"
	msgapi "github.com/twilio/twilio-go/rest/api/v2010"

	"collegebot/internal/twilio"
)

// twilioInboundPath is where collegebot serve takes Twilio's inbound SMS
// webhook (internal/twilio, Handler.Register).
const twilioInboundPath = "/sms/twilio"

// checkTwilio asks Twilio whether the credentials work, whether the
// account can text anyone, and whether TWILIO_FROM is the account's and
// sends its texts here.
func (d *doctor) checkTwilio() {
	t := d.cfg.Twilio
	rc, err := twilio.NewRestClient(t.AccountSID, t.AuthToken, t.APIURL, &http.Client{Timeout: 20 * time.Second})
	if err != nil {
		d.fix("Twilio account "+t.AccountSID, "%v", err)
		return
	}
	// https://www.twilio.com/docs/iam/api/account#fetch-an-account-resource
	acct, err := rc.Api.FetchAccount(t.AccountSID)
	if err != nil {
		d.fix("Twilio account "+t.AccountSID, "%s", twilioFix(err))
		return
	}
	status, kind := deref(acct.Status), deref(acct.Type)
	switch {
	case status != "active":
		d.fix("Twilio account "+t.AccountSID, "it is %s: reactivate it in the Twilio console", status)
		return
	case kind == "Trial":
		d.fix("Twilio account "+t.AccountSID, "it is a trial, which texts only verified numbers and adds a trial "+
			"notice to every text: upgrade it in the Twilio console before students use it")
	default:
		d.ok("Twilio account %s (%s): credentials accepted, active", t.AccountSID, deref(acct.FriendlyName))
	}
	if serviceSID.MatchString(t.From) {
		d.checkMessagingService(rc)
		return
	}
	d.checkNumber(rc)
}

// checkNumber checks that TWILIO_FROM is one of the account's numbers and
// that Twilio posts the texts it receives to collegebot.
func (d *doctor) checkNumber(rc *twilioapi.RestClient) {
	t, want := d.cfg.Twilio, d.cfg.PublicURL+twilioInboundPath
	what := "TWILIO_FROM " + t.From
	// https://www.twilio.com/docs/phone-numbers/api/incomingphonenumber-resource#read-multiple-incomingphonenumber-resources
	nums, err := rc.Api.ListIncomingPhoneNumber((&msgapi.ListIncomingPhoneNumberParams{}).
		SetPhoneNumber(t.From).SetPageSize(20).SetLimit(20))
	if err != nil {
		d.fix(what, "%s", twilioFix(err))
		return
	}
	i := slices.IndexFunc(nums, func(n msgapi.ApiV2010IncomingPhoneNumber) bool { return deref(n.PhoneNumber) == t.From })
	if i < 0 {
		d.fix(what, "it is not a number of account %s: set TWILIO_FROM to one of the account's numbers "+
			"(Twilio console, Phone Numbers, Active numbers), or buy one", t.AccountSID)
		return
	}
	got, method := deref(nums[i].SmsUrl), strings.ToUpper(deref(nums[i].SmsMethod))
	if got != want || method != http.MethodPost {
		d.fix(what, "Twilio sends the texts it receives to %q (%s): in the Twilio console, under this number's "+
			"Messaging Configuration, set A MESSAGE COMES IN to Webhook %s, HTTP POST", got, method, want)
		return
	}
	d.ok("%s is the account's, and Twilio posts the texts it receives to %s", what, want)
}

// checkMessagingService checks that TWILIO_FROM is one of the account's
// Messaging Services, and where it posts the texts it receives.
func (d *doctor) checkMessagingService(rc *twilioapi.RestClient) {
	t, want := d.cfg.Twilio, d.cfg.PublicURL+twilioInboundPath
	what := "TWILIO_FROM " + t.From
	// https://www.twilio.com/docs/messaging/api/service-resource#fetch-a-service-resource
	svc, err := rc.MessagingV1.FetchService(t.From)
	if err != nil {
		d.fix(what, "%s", twilioFix(err))
		return
	}
	if svc.UseInboundWebhookOnNumber != nil && *svc.UseInboundWebhookOnNumber {
		d.ok("%s is the account's Messaging Service %q; each of its numbers must post its texts to %s",
			what, deref(svc.FriendlyName), want)
		return
	}
	if got := deref(svc.InboundRequestUrl); got != want {
		d.fix(what, "the Messaging Service sends the texts it receives to %q: in the Twilio console, under the "+
			"service's Integration, choose Send a webhook and set the request URL to %s, HTTP POST", got, want)
		return
	}
	d.ok("%s is the account's Messaging Service %q, and it posts the texts it receives to %s",
		what, deref(svc.FriendlyName), want)
}

// twilioFix says what to do about a failed call to Twilio.
func twilioFix(err error) string {
	var te *twclient.TwilioRestError
	switch {
	case errors.As(err, &te) && te.Status == http.StatusUnauthorized:
		return "Twilio refused the credentials (error " + strconv.Itoa(te.Code) + "): copy the Account SID and Auth Token " +
			"from the Twilio console's Account Info into TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN"
	case errors.As(err, &te) && te.Status == http.StatusNotFound:
		return "Twilio does not know it (error " + strconv.Itoa(te.Code) + "): check TWILIO_ACCOUNT_SID and TWILIO_FROM"
	case errors.As(err, &te):
		return "Twilio answered " + te.Message + " (error " + strconv.Itoa(te.Code) + "): see " + te.MoreInfo
	}
	return "Twilio could not be reached (" + err.Error() + "): check the network, or try again"
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
