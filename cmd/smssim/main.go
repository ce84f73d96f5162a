// Command smssim plays Twilio on this machine, so `collegebot serve` can be
// tried with no Twilio account and no network: it serves the stub Twilio of
// internal/providerstub (TWILIO_API_URL), prints the texts sent to the
// student, answers each with signed delivery statuses, and sends what you
// type as the student's text, as a signed inbound webhook.
//
//	TWILIO_AUTH_TOKEN=... smssim --as 07700900123
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync/atomic"
	"time"

	"collegebot/internal/phone"
	"collegebot/internal/providerstub"
)

func main() {
	var c sim
	flag.StringVar(&c.listen, "listen", "127.0.0.1:8099", "where to serve Twilio's API (collegebot's TWILIO_API_URL)")
	flag.StringVar(&c.serve, "serve", "http://127.0.0.1:8080", "where collegebot serve listens")
	flag.StringVar(&c.public, "public-url", "http://localhost:8080", "collegebot's COLLEGEBOT_PUBLIC_URL, which Twilio signs")
	flag.StringVar(&c.as, "as", "07700 900123", "the student's phone number")
	flag.StringVar(&c.college, "college", "+447700900999", "the college's number (collegebot's TWILIO_FROM)")
	flag.Parse()
	c.token = os.Getenv("TWILIO_AUTH_TOKEN")
	c.account = os.Getenv("TWILIO_ACCOUNT_SID")
	if c.token == "" {
		log.Fatal("smssim: set TWILIO_AUTH_TOKEN to the token collegebot serve uses")
	}
	addr, err := phone.Normalize(c.as)
	if err != nil {
		log.Fatalf("smssim: --as: %v", err)
	}
	c.as, c.out = addr, os.Stdout
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := c.run(ctx, os.Stdin); err != nil {
		log.Fatal("smssim: ", err)
	}
}

// sim is one simulated Twilio account with one student at a phone.
type sim struct {
	listen, serve, public, as, college, token, account string
	out                                                io.Writer
	seq                                                atomic.Int64
}

func (c *sim) run(ctx context.Context, in io.Reader) error {
	tw, err := c.start()
	if err != nil {
		return err
	}
	defer tw.Close()
	fmt.Fprintf(c.out, "Twilio simulator on %s. Type as %s; Ctrl-D to stop.\n", c.listen, c.as)
	sc := bufio.NewScanner(in)
	for sc.Scan() && ctx.Err() == nil {
		if text := strings.TrimSpace(sc.Text()); text != "" {
			if err := c.text(text); err != nil {
				fmt.Fprintln(c.out, "!", err)
			}
		}
	}
	time.Sleep(2 * time.Second) // let the last replies arrive before closing
	return sc.Err()
}

// start serves the stub Twilio, which shows each text collegebot sends.
func (c *sim) start() (*providerstub.Twilio, error) {
	tw, err := providerstub.StartTwilio(c.listen, c.account, c.token, providerstub.Faults{})
	if err != nil {
		return nil, err
	}
	// The college's number posts what it receives to collegebot, so that
	// collegebot doctor --providers passes against the simulator too.
	tw.AddNumber(c.college, c.public+"/sms/twilio")
	tw.OnAccept(c.show)
	return tw, nil
}

// show prints a text collegebot sent, and reports it delivered through its
// status callback.
func (c *sim) show(m providerstub.Sent) {
	if m.To == c.as {
		fmt.Fprintf(c.out, "\n%s\n\n", m.Text)
	} else {
		fmt.Fprintf(c.out, "[to %s] %s\n", m.To, strings.ReplaceAll(m.Text, "\n", " / "))
	}
	if m.Callback != "" {
		go c.report(m)
	}
}

// report posts the statuses Twilio would, signed.
func (c *sim) report(m providerstub.Sent) {
	time.Sleep(200 * time.Millisecond)
	for _, status := range []string{"sent", "delivered"} {
		if err := c.post(providerstub.Status(c.serve, c.public, c.token, c.account, m, status)); err != nil {
			fmt.Fprintln(c.out, "! status callback:", err)
		}
	}
}

// text sends one line as the student's SMS, as Twilio's inbound webhook.
func (c *sim) text(body string) error {
	sid := fmt.Sprintf("SMf%031d", c.seq.Add(1)) // apart from the stub's SM0...: its sends
	form := providerstub.SMSForm(c.account, c.as, c.college, sid, body)
	if word := strings.ToUpper(strings.TrimSpace(body)); word == "STOP" || word == "START" || word == "HELP" {
		form.Set("OptOutType", word) // as Twilio's opt-out handling adds it
	}
	return c.post(providerstub.Signed(c.serve, c.public, c.token, "/sms/twilio", form))
}

// post sends a webhook to collegebot.
func (c *sim) post(req *http.Request) error {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("collegebot answered %s", resp.Status)
	}
	return nil
}
