package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"collegebot/internal/demo"
	"collegebot/internal/providerstub"
	"collegebot/internal/sqlite"
)

// The made-up credentials the stubs and collegebot share. The public URL
// is only what the signatures are made over: requests go to loopback.
const (
	account   = "AC00000000000000000000000000000001"
	authToken = "10adf00d10adf00d10adf00d10adf00d"
	collegeNo = "+447700900000"
	botToken  = "123456:LOADGEN-stub-token-0000"
	secret    = "loadgen-webhook-secret"
	publicURL = "https://college.loadgen.invalid"
)

// target is `collegebot serve` in a process of its own on a loopback port,
// on a demo college in a temporary directory, talking to stub providers.
type target struct {
	bin, dir, db, addr string
	metricsAddr        string  // the private port: /metrics and /debug/pprof
	mps                float64 // TWILIO_MPS
	twilio             *providerstub.Twilio
	telegram           *providerstub.Telegram
	cmd                *exec.Cmd
	exited             chan error
	log                *os.File
}

// newTarget builds collegebot (unless bin is given), seeds a demo college
// and starts the stubs; start runs the server.
func newTarget(ctx context.Context, bin string, faults providerstub.Faults, mps float64) (*target, error) {
	dir, err := os.MkdirTemp("", "loadgen-")
	if err != nil {
		return nil, err
	}
	t := &target{bin: bin, dir: dir, db: filepath.Join(dir, "college.db"), mps: mps}
	if t.bin == "" {
		if t.bin, err = build(ctx, dir); err != nil {
			return nil, err
		}
	}
	if err := seed(ctx, t.db); err != nil {
		return nil, err
	}
	if t.twilio, err = providerstub.StartTwilio("", account, authToken, faults); err != nil {
		return nil, err
	}
	if t.telegram, err = providerstub.StartTelegram("", botToken, faults); err != nil {
		return nil, err
	}
	if t.log, err = os.Create(filepath.Join(dir, "serve.log")); err != nil {
		return nil, err
	}
	return t, nil
}

// build compiles collegebot into dir.
func build(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "collegebot")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "collegebot/cmd/collegebot")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("building collegebot (run loadgen inside the repository, or give -bin): %w", err)
	}
	return bin, nil
}

// seed creates the demo college in a new database.
func seed(ctx context.Context, path string) error {
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return err
	}
	return demo.Seed(ctx, db, time.Now().In(loc), loc)
}

// env is the server's configuration.
func (t *target) env() []string {
	return append(os.Environ(),
		"COLLEGEBOT_DB="+t.db, "COLLEGEBOT_ADDR="+t.addr, "COLLEGEBOT_METRICS_ADDR="+t.metricsAddr, "COLLEGEBOT_PUBLIC_URL="+publicURL,
		"TWILIO_ACCOUNT_SID="+account, "TWILIO_AUTH_TOKEN="+authToken, "TWILIO_FROM="+collegeNo,
		"TWILIO_API_URL="+t.twilio.URL(), fmt.Sprintf("TWILIO_MPS=%g", t.mps),
		"TELEGRAM_BOT_TOKEN="+botToken, "TELEGRAM_MODE=webhook", "TELEGRAM_WEBHOOK_SECRET="+secret,
		"TELEGRAM_API_URL="+t.telegram.URL())
}

// start runs the server and waits until it answers /healthz. A restart
// keeps the address.
func (t *target) start(ctx context.Context) error { return t.startWith(ctx, nil) }

// waitHealthy polls /healthz for up to 30 seconds.
func (t *target) waitHealthy(ctx context.Context) error {
	up, err := poll(ctx, 30*time.Second, 20*time.Millisecond, func() (bool, error) {
		select {
		case err := <-t.exited:
			return false, fmt.Errorf("collegebot serve exited at start (%v): see %s", err, t.log.Name())
		default:
			return healthy(t.base()), nil
		}
	})
	if err == nil && !up {
		err = fmt.Errorf("collegebot serve did not become healthy in 30 s: see %s", t.log.Name())
	}
	return err
}

// healthy says whether the server at base answers /healthz with 200.
func healthy(base string) bool {
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// base is the server's URL on loopback.
func (t *target) base() string { return "http://" + t.addr }

// kill stops the server at once, as a crash or a power cut would.
func (t *target) kill() error {
	if t.cmd == nil {
		return nil
	}
	defer func() { t.cmd = nil }()
	if err := t.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		return err
	}
	<-t.exited
	return nil
}

// stop asks the server to shut down as Fly does (SIGTERM) and waits up to
// a minute.
func (t *target) stop() error {
	if t.cmd == nil {
		return nil
	}
	defer func() { t.cmd = nil }()
	if err := t.cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return err
	}
	select {
	case err := <-t.exited:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return fmt.Errorf("collegebot serve: %w", err)
		}
		return nil
	case <-time.After(time.Minute):
		t.cmd.Process.Kill()
		return errors.New("collegebot serve did not stop within a minute of SIGTERM")
	}
}

// close stops everything and removes the directory unless keep is set.
func (t *target) close(keep bool, w io.Writer) {
	t.stop()
	t.twilio.Close()
	t.telegram.Close()
	t.log.Close()
	if keep {
		fmt.Fprintf(w, "kept %s (database, serve.log)\n", t.dir)
		return
	}
	os.RemoveAll(t.dir)
}

// freePort returns a loopback port nothing listens on just now.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// profile records the server's CPU profile for d into path.
func (t *target) profile(ctx context.Context, d time.Duration, path string) error {
	url := fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", t.metricsAddr, int(d.Seconds()))
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("profiling collegebot serve: %w", err)
	}
	defer resp.Body.Close()
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
