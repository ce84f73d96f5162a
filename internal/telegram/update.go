package telegram

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"

	"collegebot/internal/college"
	"collegebot/internal/phone"
)

// errMalformed marks a body that is not an update at all: not JSON, or no
// update_id.
var errMalformed = errors.New("malformed update")

// decodeUpdate reads an update leniently: fields it does not know are
// ignored, and fields the Bot API calls required may be missing (Telegram's
// own examples omit chat.type and chat_instance). It fails only when raw
// is not JSON or has no update_id. go-telegram/bot's models refuse some
// well-formed updates, as their custom decoders reject kinds they do not
// know (a new MessageOrigin type, models/reply.go; a new ChatMember status,
// models/chat_member.go): what the bot needs is then salvaged, and partial
// is true.
func decodeUpdate(raw []byte) (u *models.Update, partial bool, err error) {
	var envelope struct {
		ID *int64 `json:"update_id"`
	}
	if err := json.Unmarshal(raw, &envelope); err != nil {
		return nil, false, fmt.Errorf("%w: %w", errMalformed, err)
	}
	if envelope.ID == nil {
		return nil, false, fmt.Errorf("%w: no update_id", errMalformed)
	}
	u = &models.Update{}
	if err := json.Unmarshal(raw, u); err != nil {
		return salvage(raw, *envelope.ID), true, nil
	}
	return u, false, nil
}

// leanMessage is what the bot reads of a message, in types with no custom
// decoders.
type leanMessage struct {
	Chat    models.Chat     `json:"chat"`
	From    *models.User    `json:"from"`
	Text    string          `json:"text"`
	Caption string          `json:"caption"`
	Contact *models.Contact `json:"contact"`
}

// message returns the lean message as go-telegram/bot's, or nil.
func (m *leanMessage) message() *models.Message {
	if m == nil {
		return nil
	}
	return &models.Message{Chat: m.Chat, From: m.From, Text: m.Text, Caption: m.Caption, Contact: m.Contact}
}

// salvage reads the text, contact or button press of an update that
// go-telegram/bot's models refused, so that something new elsewhere in it
// does not cost the student their message. Anything else comes back bare,
// with the update's id alone, and is ignored.
func salvage(raw []byte, id int64) *models.Update {
	var lean struct {
		Message       *leanMessage `json:"message"`
		EditedMessage *leanMessage `json:"edited_message"`
		CallbackQuery *struct {
			ID      string       `json:"id"`
			From    models.User  `json:"from"`
			Data    string       `json:"data"`
			Message *leanMessage `json:"message"`
		} `json:"callback_query"`
	}
	u := &models.Update{ID: id}
	if json.Unmarshal(raw, &lean) != nil {
		return u
	}
	u.Message, u.EditedMessage = lean.Message.message(), lean.EditedMessage.message()
	if cq := lean.CallbackQuery; cq != nil {
		u.CallbackQuery = &models.CallbackQuery{ID: cq.ID, From: cq.From, Data: cq.Data,
			Message: models.MaybeInaccessibleMessage{Message: cq.Message.message()}}
	}
	return u
}

// Inbound reads an update as a message from a student. It reports false
// for what the bot ignores, since it answers private chats only: groups,
// supergroups, channels and their posts, inline queries, service messages
// and update kinds it does not know.
func Inbound(u *models.Update) (college.Inbound, bool) {
	if u == nil {
		return college.Inbound{}, false
	}
	in := college.Inbound{Channel: college.Telegram, ProviderID: strconv.FormatInt(u.ID, 10),
		Received: time.Now().UTC()}
	// from is who sent it: their language_code (an IETF tag such as "cy"
	// or "en-GB", or "" when not given) is the language their app is set to.
	// https://core.telegram.org/bots/api#user
	var from *models.User
	var ok bool
	switch {
	case u.Message != nil:
		ok, from = fromMessage(&in, u.Message), u.Message.From
	case u.EditedMessage != nil:
		ok, from = fromEdit(&in, u.EditedMessage), u.EditedMessage.From
	case u.CallbackQuery != nil:
		ok, from = fromCallback(&in, u.CallbackQuery), &u.CallbackQuery.From
	case u.MyChatMember != nil:
		ok, from = fromMembership(&in, u.MyChatMember), &u.MyChatMember.From
	}
	if !ok {
		return college.Inbound{}, false
	}
	if from != nil {
		in.Lang = from.LanguageCode
	}
	return in, true
}

// CallbackID returns the id of a callback query (a button pressed), which
// must be answered with answerCallbackQuery, or "" for other updates.
func CallbackID(u *models.Update) string {
	if u == nil || u.CallbackQuery == nil {
		return ""
	}
	return u.CallbackQuery.ID
}

// private reports whether a chat is a private chat with a user. A chat
// with no type (as in Telegram's own examples) is private when its id is
// positive: groups and channels have negative ids.
func private(c models.Chat) bool {
	return c.Type == models.ChatTypePrivate || c.Type == "" && c.ID > 0
}

// chatAddress is a chat id as an inbox address.
func chatAddress(id int64) string { return strconv.FormatInt(id, 10) }

// fromMessage reads a new message in a private chat: text, a command, a
// shared contact, or something that is not text.
func fromMessage(in *college.Inbound, m *models.Message) bool {
	if !private(m.Chat) {
		return false
	}
	in.Address = chatAddress(m.Chat.ID)
	switch {
	case m.Contact != nil:
		fromContact(in, m)
	case m.Text != "":
		fromText(in, m.Text)
	case notText(m):
		in.Event = college.EventNotText
		in.Text = m.Caption // a photo's words still go through the crisis check
	default:
		return false // a service message: pinned, payment, and the like
	}
	return true
}

// notText reports whether a message carries something the bot cannot
// read, which earns the student a hint to type instead.
func notText(m *models.Message) bool {
	return m.Voice != nil || m.Sticker != nil || len(m.Photo) > 0 || m.Video != nil ||
		m.VideoNote != nil || m.Document != nil || m.Location != nil || m.Venue != nil ||
		m.Audio != nil || m.Animation != nil || m.Dice != nil || m.Poll != nil || m.Story != nil
}

// fromContact reads a shared contact. It is the student's own number only
// when Telegram says it belongs to the sender; a number that cannot be
// read as one counts as not theirs.
func fromContact(in *college.Inbound, m *models.Message) {
	in.Event = college.EventContactNotOwn
	c := m.Contact
	if m.From == nil || c.UserID == 0 || c.UserID != m.From.ID {
		return
	}
	// Telegram sends the digits in international form, mostly without a
	// '+' ("447700900123"), which read as a UK national number would be wrong.
	e164, err := phone.Normalize("+" + strings.TrimPrefix(strings.TrimSpace(c.PhoneNumber), "+"))
	if err != nil {
		return
	}
	in.Event, in.Phone = college.EventContact, e164
}

// fromEdit reads an edit of a message in a private chat. It is reported,
// never acted on again: an edited JOIN must not book twice. Its words are
// kept all the same, for the crisis check every message goes through.
// Live-location updates also arrive as edits, and are ignored.
func fromEdit(in *college.Inbound, m *models.Message) bool {
	if !private(m.Chat) || m.Text == "" && m.Caption == "" {
		return false
	}
	in.Address, in.Event = chatAddress(m.Chat.ID), college.EventEdited
	in.Text = cmp.Or(m.Text, m.Caption)
	return true
}

// fromCallback reads a button press. The button's data is the command it
// stands for. The chat is the one the button's message is in; a callback
// from a message sent in inline mode has none, and is read as coming from
// the user's private chat with the bot.
func fromCallback(in *college.Inbound, cq *models.CallbackQuery) bool {
	if cq.Data == "" {
		return false // a game's button
	}
	var chat *models.Chat
	switch {
	case cq.Message.Message != nil:
		chat = &cq.Message.Message.Chat
	case cq.Message.InaccessibleMessage != nil:
		chat = &cq.Message.InaccessibleMessage.Chat
	}
	switch {
	case chat == nil:
		in.Address = chatAddress(cq.From.ID)
	case private(*chat):
		in.Address = chatAddress(chat.ID)
	default:
		return false
	}
	fromText(in, cq.Data) // a staff button's data is a bot command
	return true
}

// fromMembership reads a change in the bot's membership of a private chat:
// the student blocked it (kicked), or unblocked it (member again).
func fromMembership(in *college.Inbound, cm *models.ChatMemberUpdated) bool {
	if !private(cm.Chat) {
		return false
	}
	switch {
	case cm.NewChatMember.Type == models.ChatMemberTypeBanned:
		in.Event = college.EventBlocked
	case cm.NewChatMember.Type == models.ChatMemberTypeMember && cm.OldChatMember.Type == models.ChatMemberTypeBanned:
		in.Event = college.EventStart
	default:
		return false
	}
	in.Address = chatAddress(cm.Chat.ID)
	return true
}
