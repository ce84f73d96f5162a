package telegram

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/go-telegram/bot/models"

	"collegebot/internal/college"
)

// Inbox stores updates before Telegram is told they arrived. An update
// already stored (same update_id) is not stored again: fresh is false.
type Inbox interface {
	SaveInbound(ctx context.Context, in college.Inbound, payload string) (id int64, fresh bool, err error)
	// LastProviderID returns the largest update_id stored for a channel, or
	// 0 for none: long polling resumes after it.
	LastProviderID(ctx context.Context, ch college.Channel) (int64, error)
}

// intake is what the webhook and the poller do with each update: store
// what the bot reads, then answer a button press and wake the inbox worker.
type intake struct {
	inbox  Inbox
	answer func(callbackID string)
	wake   func()
	log    *slog.Logger
	// observe, when set, is told what became of each update: stored,
	// duplicate, ignored or error (college.Inbound*).
	observe func(result string)
}

// take stores one update, if the bot reads it. It fails only when storing
// failed: the update must then not be confirmed to Telegram, which will
// deliver it again.
func (t intake) take(ctx context.Context, raw []byte, u *models.Update, partial bool) error {
	if partial {
		t.log.Warn("update only partly readable by go-telegram/bot's models", "update", u.ID)
	}
	in, ok := Inbound(u)
	if !ok {
		t.log.Debug("update ignored: not from a private chat, or not a kind the bot reads", "update", u.ID)
		t.after(u, false)
		notify(t.observe, college.InboundIgnored)
		return nil
	}
	id, fresh, err := t.inbox.SaveInbound(ctx, in, string(raw))
	if err != nil {
		notify(t.observe, college.InboundError)
		return fmt.Errorf("telegram: storing update %d: %w", u.ID, err)
	}
	t.log.Info("inbound update", "update", u.ID, "inbox", id, "fresh", fresh, "event", in.Event)
	t.after(u, fresh)
	notify(t.observe, storedOrDuplicate(fresh))
	return nil
}

// after answers a button press, on its own goroutine so that no call to
// the Bot API holds up the update, and wakes the worker for a new message.
// Every press is answered, a repeat too (a second answer is harmless),
// or the student's client shows a spinner until it gives up.
// https://core.telegram.org/bots/api#answercallbackquery
func (t intake) after(u *models.Update, fresh bool) {
	if id := CallbackID(u); id != "" && t.answer != nil {
		go t.answer(id)
	}
	if fresh && t.wake != nil {
		t.wake()
	}
}
