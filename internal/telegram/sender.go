package telegram

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"collegebot/internal/college"
)

// Sender sends messages to private chats through the Bot API's
// sendMessage (or sendPhoto for a picture, editMessageText for an edit).
// It never retries: a classified *college.SendError tells
// the outbox what to do, and the outbox keeps to Telegram's limits (about
// 30 messages a second in all, 1 a second to one chat).
//
// Telegram offers neither an idempotency key nor a way to look a message
// up, so Sender is no college.Reconciler: a send that ended in
// ErrUncertain (a time-out after the request went out) is retried by the
// outbox, and only then can a student get a message twice.
type Sender struct {
	bot     *tgbot.Bot
	timeout time.Duration
}

var _ college.Sender = (*Sender)(nil)

// NewSender returns a Sender on cfg. It makes no request.
func NewSender(cfg Config) (*Sender, error) {
	b, err := NewBot(cfg)
	if err != nil {
		return nil, err
	}
	s := &Sender{bot: b, timeout: defaultTimeout}
	if cfg.HTTPClient != nil {
		s.timeout = cfg.HTTPClient.Timeout
	}
	return s, nil
}

// Bot returns the go-telegram/bot client the sender uses, for Setup,
// Username and Answerer.
func (s *Sender) Bot() *tgbot.Bot { return s.bot }

// Send sends a queued message to the chat whose id is its address, its
// choices as buttons, and returns Telegram's message id. Failures are
// *college.SendError.
func (s *Sender) Send(ctx context.Context, q college.Queued) (college.Receipt, error) {
	chat, err := strconv.ParseInt(q.Address, 10, 64)
	if err != nil || strconv.FormatInt(chat, 10) != q.Address {
		return college.Receipt{}, s.failed(q, &college.SendError{Kind: college.ErrBadRecipient,
			Message: fmt.Sprintf("%q is not a Telegram chat id", q.Address)})
	}
	edit, err := strconv.Atoi(q.Edit)
	if q.Edit != "" && err != nil {
		return college.Receipt{}, s.failed(q, &college.SendError{Kind: college.ErrRejected,
			Message: fmt.Sprintf("%q is not a Telegram message id to edit", q.Edit)})
	}
	markup, err := replyMarkup(q.Choices)
	if err != nil {
		return college.Receipt{}, s.failed(q, &college.SendError{Kind: college.ErrRejected, Message: err.Error()})
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	ctx, ex := noting(ctx)
	m, err := s.deliver(ctx, chat, edit, q, markup)
	if q.Edit != "" && err != nil && unchanged(err) {
		return college.Receipt{ProviderID: q.Edit}, nil
	}
	if err != nil {
		return college.Receipt{}, s.failed(q, classify(err, ex))
	}
	if m == nil || m.ID == 0 {
		return college.Receipt{}, s.failed(q, &college.SendError{Kind: college.ErrUncertain,
			Message: "Telegram's answer has no message id"})
	}
	return college.Receipt{ProviderID: strconv.Itoa(m.ID)}, nil
}

// deliver makes the call a queued message needs: a new text, a picture with
// its text as caption, or, when q.Edit is set, an edit of message edit
// already sent. A protected message (q.Protect) is sent with
// protect_content, so it cannot be forwarded or saved; an edit keeps the
// protection of what it edits.
func (s *Sender) deliver(ctx context.Context, chat int64, edit int, q college.Queued, markup models.ReplyMarkup) (*models.Message, error) {
	switch {
	case q.Edit != "":
		// https://core.telegram.org/bots/api#editmessagetext
		return s.bot.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: chat, MessageID: edit,
			Text: q.Text, ReplyMarkup: markup})
	case len(q.Photo) > 0:
		// https://core.telegram.org/bots/api#sendphoto
		return s.bot.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: chat, Caption: caption(q.Text),
			Photo:       &models.InputFileUpload{Filename: "chart.png", Data: bytes.NewReader(q.Photo)},
			ReplyMarkup: markup, ProtectContent: q.Protect})
	}
	// https://core.telegram.org/bots/api#sendmessage
	return s.bot.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: chat, Text: q.Text, ReplyMarkup: markup,
		ProtectContent: q.Protect})
}

// maxCaption is the longest caption Telegram takes on a picture, in
// characters.
const maxCaption = 1024

// caption shortens a text to fit under a picture.
func caption(text string) string {
	r := []rune(text)
	if len(r) <= maxCaption {
		return text
	}
	return string(r[:maxCaption-3]) + "..."
}

// unchanged reports Telegram refusing an edit that changes nothing: the
// message already says it, so the edit has done its job.
func unchanged(err error) bool {
	return errors.Is(err, tgbot.ErrorBadRequest) && mentions(err.Error(), "message is not modified")
}

// failed wraps a send failure with the outbox message it concerns.
func (s *Sender) failed(q college.Queued, se *college.SendError) error {
	return fmt.Errorf("telegram: sending outbox message %d: %w", q.ID, se)
}

// bound applies the configured time-out to a call, on the context so the
// exchange still sees whether the request went out.
func (s *Sender) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	if s.timeout <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, s.timeout)
}
