package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"collegebot/internal/college"
	"collegebot/internal/conversation"
	"collegebot/internal/jobs"
	"collegebot/internal/metrics"
	"collegebot/internal/outbox"
	"collegebot/internal/sqlite"
	"collegebot/internal/telegram"
	"collegebot/internal/twilio"
)

func serveCmd(e env) *cobra.Command {
	return &cobra.Command{
		Use:   "serve",
		Short: "Run the HTTP server (webhooks, health), the inbox worker and the outbox sender",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(cmd, e)
			if err != nil {
				return err
			}
			log := slog.New(slog.NewTextHandler(e.stderr, nil))
			log.Debug("garbage collector", "comp", "main", "gogc", tuneGC(e.getenv))
			m, err := newMain(cmd.Context(), cfg, log)
			if err != nil {
				return err
			}
			if err := m.Run(cmd.Context()); err != nil {
				m.Close()
				return err
			}
			<-cmd.Context().Done()
			log.Info("shutting down", "comp", "main")
			return m.Close()
		},
	}
}

// Main is collegebot serve: the webhooks, the inbox worker, the outbox
// dispatcher and the scheduled jobs on one database. Run starts it; Close
// stops taking webhooks, lets the sends and job runs in flight finish, and
// closes the database.
type Main struct {
	*app
	log    *slog.Logger
	srv    *http.Server
	ln     net.Listener
	worker *conversation.Worker
	disp   *outbox.Dispatcher
	jobs   *jobs.Runner
	tg     *telegram.Sender // nil when Telegram is off
	cancel context.CancelFunc
	wg     sync.WaitGroup
	// metrics counts what the server does, for GET /metrics.
	metrics *metrics.Metrics
	// started is when Run began, which /readyz allows the first due run.
	started time.Time
	// metricsLn is the metrics' own listener, with COLLEGEBOT_METRICS_ADDR.
	metricsLn net.Listener
	// sendLock is held while this process alone sends the outbox.
	sendLock *sqlite.Lock
}

func newMain(ctx context.Context, cfg Config, log *slog.Logger) (*Main, error) {
	a, err := openApp(ctx, cfg)
	if err != nil {
		return nil, err
	}
	a.desk.SetLog(log)
	log.Info("starting", "comp", "main", "config", a.cfg.String())
	m := &Main{app: a, log: log}
	channels, err := m.channels()
	if err != nil {
		a.Close()
		return nil, err
	}
	m.disp = outbox.New(a.db, log, channels...)
	m.disp.SendTimeout = cfg.SendTimeout
	m.worker = a.engine.NewWorker(a.db, m.disp.Wake, log).Through(a.desk)
	if m.jobs, err = a.runner(log); err != nil {
		a.Close()
		return nil, err
	}
	m.observe()
	m.srv = &http.Server{Handler: m.routes(), ReadHeaderTimeout: 10 * time.Second}
	return m, nil
}

// channels builds the senders of the channels that are turned on.
func (m *Main) channels() ([]outbox.Channel, error) {
	var out []outbox.Channel
	if m.cfg.SMS() {
		ch, err := m.smsChannel()
		if err != nil {
			return nil, err
		}
		out = append(out, ch)
	} else {
		m.log.Warn("SMS is off: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM to turn it on", "comp", "main")
	}
	if m.cfg.Telegram() {
		ch, err := m.telegramChannel()
		if err != nil {
			return nil, err
		}
		out = append(out, ch)
	}
	return out, nil
}

// smsChannel sends through Twilio at TWILIO_MPS segments a second.
func (m *Main) smsChannel() (outbox.Channel, error) {
	t := m.cfg.Twilio
	s, err := twilio.NewSender(twilio.SenderConfig{
		AccountSID: t.AccountSID, AuthToken: t.AuthToken, From: t.From,
		APIURL: t.APIURL, StatusURL: m.cfg.PublicURL,
		Render: func(q college.Queued) string { return conversation.RenderSMS(m.cat, q.Lang, q.Reply) },
	})
	if err != nil {
		return outbox.Channel{}, err
	}
	return outbox.Channel{Name: college.SMS, Sender: s, Reconciler: s, SegmentsPerSecond: t.MPS, Burst: max(1, int(t.MPS))}, nil
}

// routes is every HTTP route collegebot serves.
func (m *Main) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", m.healthz)
	mux.HandleFunc("GET /readyz", m.readyz)
	if m.cfg.MetricsAddr == "" {
		mux.Handle("GET /metrics", m.metrics.Handler(m.cfg.MetricsToken))
	}
	if m.cfg.SMS() {
		h := &twilio.Handler{AuthToken: m.cfg.Twilio.AuthToken, PublicURL: m.cfg.PublicURL,
			Inbox: m.db, Deliveries: m.db, Wake: m.worker.Wake, Log: m.log,
			Observe: m.metrics.Inbound(college.SMS), ObserveStatus: m.metrics.DeliveryReport(college.SMS)}
		h.Register(mux)
	}
	if m.tg != nil && m.cfg.Tg.Mode == telegram.ModeWebhook {
		h := &telegram.Handler{Secret: m.cfg.Tg.Secret, Inbox: m.db, Answer: telegram.Answerer(m.tg.Bot(), m.log),
			Wake: m.worker.Wake, Log: m.log, Observe: m.metrics.Inbound(college.Telegram)}
		h.Register(mux)
	}
	return mux
}

// healthz answers 200 while the process serves HTTP, and touches nothing
// else: Fly's health check calls it every few seconds, and what a database
// check would find (a full disk, a held lock) no restart or re-routing
// mends. /readyz checks the database, the dispatcher and the jobs.
func (m *Main) healthz(w http.ResponseWriter, _ *http.Request) {
	fmt.Fprintln(w, "ok")
}

// Run listens on the configured address and starts the worker, the
// dispatcher and the job schedule. It returns once the server is listening.
func (m *Main) Run(ctx context.Context) error {
	if err := m.lockSending(); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", m.cfg.Addr)
	if err != nil {
		return fmt.Errorf("COLLEGEBOT_ADDR=%s: %w", m.cfg.Addr, err)
	}
	m.ln = ln
	m.started = time.Now()
	ctx, m.cancel = context.WithCancel(context.WithoutCancel(ctx))
	if err := m.serveMetrics(ctx); err != nil {
		return err
	}
	if err := m.startTelegram(ctx); err != nil {
		return err
	}
	m.start(func() error { return m.worker.Run(ctx) })
	m.start(func() error { return m.disp.Run(ctx) })
	m.start(func() error { return m.jobs.Run(ctx) })
	m.start(func() error { return m.desk.WatchBroadcasts(ctx, 5*time.Second) })
	m.start(func() error {
		if err := m.srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
	m.log.Info("listening", "comp", "main", "addr", ln.Addr().String())
	return nil
}

func (m *Main) start(fn func() error) {
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		if err := fn(); err != nil {
			m.log.Error("stopped", "comp", "main", "err", err)
		}
	}()
}

// Addr is the address the server listens on, once it runs.
func (m *Main) Addr() string { return m.ln.Addr().String() }

// Close stops taking webhooks, stops the worker, the dispatcher and the job
// schedule once the sends and runs in flight are recorded, and closes the
// database.
func (m *Main) Close() error {
	if m.ln != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := m.srv.Shutdown(ctx); err != nil {
			m.log.Error("stopping the server", "comp", "main", "err", err)
		}
		m.cancel()
		m.wg.Wait()
	}
	m.sendLock.Close()
	return m.app.Close()
}
