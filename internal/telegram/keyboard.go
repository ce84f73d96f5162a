package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"unicode/utf8"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"collegebot/internal/college"
)

// inlineKeyboard is an inline keyboard of callback buttons.
// https://core.telegram.org/bots/api#inlinekeyboardmarkup
//
// go-telegram/bot's models.InlineKeyboardButton is not used: its CopyText
// field is a struct, which encoding/json's omitempty never omits, so every
// button would carry "copy_text":{"text":""} (models/reply_markup.go),
// which the Bot API has refused as BUTTON_COPY_TEXT_INVALID
// (go-telegram/bot pull request 167).
type inlineKeyboard struct {
	InlineKeyboard [][]callbackButton `json:"inline_keyboard"`
}

// callbackButton is a button whose press sends its data back to the bot.
type callbackButton struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data"`
}

// maxCallbackData is the most callback data a button may carry, in bytes.
const maxCallbackData = 64

// replyMarkup returns the keyboard for a reply's choices: buttons whose
// press sends the choice's command, or, when one choice asks for the
// student's phone number, a keyboard with Telegram's share-contact button.
// No choices, no keyboard (a nil interface, which go-telegram/bot leaves
// out of the request).
func replyMarkup(choices []college.Choice) (models.ReplyMarkup, error) {
	if len(choices) == 0 {
		return nil, nil
	}
	asksContact := false
	for _, c := range choices {
		if err := checkChoice(c); err != nil {
			return nil, err
		}
		asksContact = asksContact || c.Command == college.ShareContact
	}
	if asksContact {
		return contactKeyboard(choices), nil
	}
	return buttons(choices), nil
}

// checkChoice reports what would make Telegram refuse a choice's button.
// A command over 64 bytes is refused, never cut short: a shortened command
// could do something else.
func checkChoice(c college.Choice) error {
	switch {
	case c.Label == "":
		return errors.New("a choice has no label")
	case c.Command == "":
		return fmt.Errorf("choice %q has no command", c.Label)
	case len(c.Command) > maxCallbackData:
		return fmt.Errorf("choice %q has a command of %d bytes, over Telegram's %d for callback data",
			c.Label, len(c.Command), maxCallbackData)
	}
	return nil
}

// buttons lays choices out as inline buttons, several to a row when their
// labels are short enough to share a phone's width.
func buttons(choices []college.Choice) inlineKeyboard {
	per := perRow(choices)
	var kb inlineKeyboard
	for i, c := range choices {
		if i%per == 0 {
			kb.InlineKeyboard = append(kb.InlineKeyboard, nil)
		}
		row := &kb.InlineKeyboard[len(kb.InlineKeyboard)-1]
		*row = append(*row, callbackButton{Text: c.Label, CallbackData: c.Command})
	}
	return kb
}

// perRow returns how many buttons go on a row: three for labels of a word
// ("Yes", "No", "Skip"), two for a few words, else one.
func perRow(choices []college.Choice) int {
	longest := 0
	for _, c := range choices {
		longest = max(longest, utf8.RuneCountInString(c.Label))
	}
	switch {
	case longest <= 6:
		return 3
	case longest <= 14:
		return 2
	}
	return 1
}

// contactKeyboard is a keyboard under the text box with Telegram's
// share-contact button. Such a keyboard cannot carry callback buttons, and
// its buttons send their own text, so any other choice shows its command.
// https://core.telegram.org/bots/api#replykeyboardmarkup
func contactKeyboard(choices []college.Choice) models.ReplyKeyboardMarkup {
	kb := models.ReplyKeyboardMarkup{ResizeKeyboard: true, OneTimeKeyboard: true}
	for _, c := range choices {
		b := models.KeyboardButton{Text: c.Command}
		if c.Command == college.ShareContact {
			b = models.KeyboardButton{Text: c.Label, RequestContact: true}
		}
		kb.Keyboard = append(kb.Keyboard, []models.KeyboardButton{b})
	}
	return kb
}

// Answerer returns a function that answers button presses through b, for
// Handler.Answer and Poller.Answer. A failure is logged and left there:
// the student's client stops its spinner by itself after a while.
func Answerer(b *tgbot.Bot, log *slog.Logger) func(callbackID string) {
	log = logger(log)
	return func(callbackID string) {
		ctx, cancel := context.WithTimeout(context.Background(), defaultTimeout)
		defer cancel()
		// https://core.telegram.org/bots/api#answercallbackquery
		_, err := b.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: callbackID})
		if err != nil {
			log.Warn("answering a button press", "callback", callbackID, "err", err)
		}
	}
}
