package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"
)

// botAPI calls the Bot API directly, for the one method go-telegram/bot
// does not offer: getUpdates.
type botAPI struct {
	base   string // the server URL, no trailing slash
	token  string
	client *http.Client
}

// apiError is the Bot API's refusal of a call.
type apiError struct {
	Method      string
	Code        int
	Description string
	RetryAfter  time.Duration
}

func (e *apiError) Error() string {
	return fmt.Sprintf("%s: %d %s", e.Method, e.Code, e.Description)
}

// maxUpdatesAnswer bounds an answer to getUpdates: at most 100 updates.
const maxUpdatesAnswer = 64 << 20

// getUpdates asks for the updates from offset (0: from the oldest not yet
// confirmed), waiting up to timeout for one to come. Each update comes
// back raw, to be decoded and stored on its own.
// https://core.telegram.org/bots/api#getupdates
func (a *botAPI) getUpdates(ctx context.Context, offset int64, timeout time.Duration) ([]json.RawMessage, error) {
	params := struct {
		Offset         int64    `json:"offset,omitempty"`
		Timeout        int      `json:"timeout"`
		AllowedUpdates []string `json:"allowed_updates"`
	}{offset, int(timeout / time.Second), allowedUpdates()}
	var updates []json.RawMessage
	if err := a.call(ctx, "getUpdates", params, &updates); err != nil {
		return nil, err
	}
	return updates, nil
}

// call posts params as JSON to a method and decodes its result into dest.
func (a *botAPI) call(ctx context.Context, method string, params, dest any) error {
	body, err := json.Marshal(params)
	if err != nil {
		return fmt.Errorf("telegram: %s: %w", method, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.base+"/bot"+a.token+"/"+method, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("telegram: %s: %w", method, a.redact(err))
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := a.client.Do(req)
	if err != nil {
		return fmt.Errorf("telegram: %s: %w", method, a.redact(err))
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxUpdatesAnswer))
	if err != nil {
		return fmt.Errorf("telegram: %s: reading the answer: %w", method, err)
	}
	return answered(method, resp.StatusCode, raw, dest)
}

// answered reads the Bot API's answer to a call.
func answered(method string, status int, raw []byte, dest any) error {
	var ans apiAnswer
	if err := json.Unmarshal(raw, &ans); err != nil {
		return &apiError{Method: method, Code: status, Description: "an answer that is not the Bot API's JSON"}
	}
	if !ans.OK {
		return &apiError{Method: method, Code: ans.ErrorCode, Description: ans.Description,
			RetryAfter: time.Duration(ans.Parameters.RetryAfter) * time.Second}
	}
	if err := json.Unmarshal(ans.Result, dest); err != nil {
		return fmt.Errorf("telegram: %s: reading the result: %w", method, err)
	}
	return nil
}

// redact takes the token out of a failed request's URL, which net/http
// puts in its errors.
func (a *botAPI) redact(err error) error {
	if ue, ok := errors.AsType[*url.Error](err); ok {
		ue.URL = strings.ReplaceAll(ue.URL, a.token, "<token>")
	}
	return err
}

// allowedUpdates lists the update kinds the bot reads, for setWebhook and
// getUpdates alike.
func allowedUpdates() []string {
	return []string{models.AllowedUpdateMessage, models.AllowedUpdateEditedMessage,
		models.AllowedUpdateCallbackQuery, models.AllowedUpdateMyChatMember}
}
