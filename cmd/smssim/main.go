// Command smssim plays Twilio on this machine, so `collegebot serve` can be
// tried with no Twilio account and no network: it serves the Messages API
// that collegebot sends through (TWILIO_API_URL), prints the texts sent to
// the student, answers each with signed delivery statuses, and sends what
// you type as the student's text, as a signed inbound webhook.
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
	srv := &http.Server{Addr: c.listen, Handler: c.api(), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := srv.ListenAndServe(); err != http.ErrServerClosed {
			log.Fatal("smssim: ", err)
		}
	}()
	defer srv.Close()
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
