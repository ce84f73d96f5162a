package main

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"collegebot/internal/twilio"
)

// bareCmd is the ceiling: a server that only checks each webhook is
// genuine and answers 200, with nothing stored. It runs in a process of
// its own, as collegebot does, so the two are measured alike.
func bareCmd() *cobra.Command {
	var addr string
	cmd := &cobra.Command{
		Use:    "bare",
		Short:  "Serve webhooks that are only checked and answered (the ceiling), until killed",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			srv := &http.Server{Addr: addr, Handler: bareRoutes(), ReadHeaderTimeout: 10 * time.Second}
			go func() {
				<-cmd.Context().Done() // SIGTERM from the run that started it
				srv.Close()
			}()
			if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:0", "where to listen")
	return cmd
}

// bareRoutes checks signatures and secrets exactly as collegebot does,
// and stores nothing.
func bareRoutes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /sms/twilio", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 64<<10))
		form, perr := url.ParseQuery(string(body))
		if err != nil || perr != nil {
			http.Error(w, "malformed", http.StatusBadRequest)
			return
		}
		if !twilio.Valid(authToken, publicURL+r.URL.RequestURI(), form, r.Header.Get("X-Twilio-Signature")) {
			http.Error(w, "bad signature", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/xml")
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Response/>`)
	})
	want := sha256.Sum256([]byte(secret))
	mux.HandleFunc("POST /telegram/webhook", func(w http.ResponseWriter, r *http.Request) {
		got := sha256.Sum256([]byte(r.Header.Get("X-Telegram-Bot-Api-Secret-Token")))
		if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			http.Error(w, "bad secret", http.StatusUnauthorized)
			return
		}
		var u map[string]any
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&u); err != nil {
			http.Error(w, "malformed", http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok\n") })
	return mux
}

// bare is the ceiling server running in its own process.
type bare struct {
	cmd  *exec.Cmd
	addr string
}

// startBare runs this program's bare command on a free loopback port.
func startBare(ctx context.Context) (*bare, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	b := &bare{addr: fmt.Sprintf("127.0.0.1:%d", port)}
	b.cmd = exec.Command(self, "bare", "--addr", b.addr)
	b.cmd.Stderr = os.Stderr
	b.cmd.SysProcAttr = dieWithParent()
	if err := b.cmd.Start(); err != nil {
		return nil, err
	}
	up, err := poll(ctx, 5*time.Second, 10*time.Millisecond, func() (bool, error) { return healthy(b.base()), nil })
	if err == nil && !up {
		err = fmt.Errorf("the bare server did not start")
	}
	if err != nil {
		b.stop()
		return nil, err
	}
	return b, nil
}

func (b *bare) base() string { return "http://" + b.addr }

func (b *bare) stop() {
	b.cmd.Process.Signal(syscall.SIGTERM)
	b.cmd.Wait()
}
