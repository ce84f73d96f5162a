package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	tgbot "github.com/go-telegram/bot"

	"collegebot/internal/telegram"
)

// telegramWebhookPath is where collegebot serve takes Telegram's updates
// in webhook mode (internal/telegram, Handler.Register and Setup).
const telegramWebhookPath = "/telegram/webhook"

// recentWebhookError is how long ago a failed delivery to the webhook
// still needs looking into.
const recentWebhookError = time.Hour

// checkProviders checks what only the providers can tell: that the public
// URL answers, and the Twilio and Telegram accounts.
func (d *doctor) checkProviders(ctx context.Context) {
	if !d.cfgOK {
		d.fix("providers", "not checked until the configuration is fixed")
		return
	}
	if d.cfg.SMS() || (d.cfg.Telegram() && d.cfg.Tg.Mode == telegram.ModeWebhook) {
		d.checkReachable(ctx)
	}
	if d.cfg.SMS() {
		d.checkTwilio()
	} else {
		d.ok("Twilio: SMS is off (TWILIO_ACCOUNT_SID is not set), nothing to check")
	}
	if d.cfg.Telegram() {
		d.checkTelegram(ctx)
	} else {
		d.ok("Telegram: off (TELEGRAM_BOT_TOKEN is not set), nothing to check")
	}
}

// checkReachable fetches the public URL's /healthz, as the providers
// would reach it.
func (d *doctor) checkReachable(ctx context.Context) {
	ctx, cancel := withTimeout(ctx)
	defer cancel()
	u := d.cfg.PublicURL + "/healthz"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		d.fix("public URL", "%v", err)
		return
	}
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<10))
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("HTTP %d", resp.StatusCode)
		}
	}
	if err != nil {
		d.fix("public URL", "%s did not answer (%v): check that collegebot serve is running and that "+
			"COLLEGEBOT_PUBLIC_URL is this app's address (https://<app>.fly.dev)", u, err)
		return
	}
	d.ok("public URL: %s answers", u)
}

// checkTelegram asks Telegram whether the token works and where it sends
// the bot's updates.
func (d *doctor) checkTelegram(ctx context.Context) {
	ctx, cancel := withTimeout(ctx)
	defer cancel()
	b, err := telegram.NewBot(telegram.Config{Token: d.cfg.Tg.Token, ServerURL: d.cfg.Tg.APIURL,
		HTTPClient: &http.Client{Timeout: 20 * time.Second}, Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		d.fix("Telegram bot", "%v", err)
		return
	}
	// https://core.telegram.org/bots/api#getme
	me, err := b.GetMe(ctx)
	if errors.Is(err, tgbot.ErrorUnauthorized) || errors.Is(err, tgbot.ErrorNotFound) {
		d.fix("Telegram bot", "Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized): copy the bot's token "+
			"from BotFather (/mybots, API Token) into TELEGRAM_BOT_TOKEN")
		return
	}
	if err != nil {
		d.fix("Telegram bot", "Telegram could not be reached (%v): check the network, or try again", err)
		return
	}
	d.ok("Telegram bot @%s: token accepted", me.Username)
	// https://core.telegram.org/bots/api#getwebhookinfo
	info, err := b.GetWebhookInfo(ctx)
	if err != nil {
		d.fix("Telegram webhook", "Telegram could not say where it sends updates (%v): try again", err)
		return
	}
	if d.cfg.Tg.Mode == telegram.ModeWebhook {
		d.checkWebhook(info.URL, info.PendingUpdateCount, info.LastErrorDate, info.LastErrorMessage)
		return
	}
	if info.URL != "" {
		d.fix("Telegram webhook", "one is set (%s), so polling receives nothing: restart collegebot serve, which "+
			"removes it in polling mode, or set TELEGRAM_MODE=webhook", info.URL)
		return
	}
	d.ok("Telegram: no webhook set, as polling needs; %d updates waiting", info.PendingUpdateCount)
}

// checkWebhook checks that Telegram posts updates to collegebot, and has
// not been failing to lately.
func (d *doctor) checkWebhook(got string, pending, lastErrorDate int, lastError string) {
	want := d.cfg.PublicURL + telegramWebhookPath
	if got != want {
		if got == "" {
			got = "nowhere (no webhook is set)"
		}
		d.fix("Telegram webhook", "Telegram sends the bot's updates to %s, not %s: restart collegebot serve, "+
			"which sets the webhook at start (fly machine restart)", got, want)
		return
	}
	if at := time.Unix(int64(lastErrorDate), 0); lastErrorDate > 0 && d.now.Sub(at) < recentWebhookError {
		d.fix("Telegram webhook", "Telegram failed to deliver an update %s ago (%s), %d waiting: check that %s "+
			"answers and that TELEGRAM_WEBHOOK_SECRET has not changed since collegebot serve started", age(d.now.Sub(at)),
			lastError, pending, want)
		return
	}
	d.ok("Telegram webhook is %s; %d updates waiting", want, pending)
}
