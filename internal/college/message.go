package college

import "time"

// Choice is one option offered with a reply. SMS shows choices as numbered
// lines and maps a bare number back to the command; Telegram shows buttons
// whose callback data is the command.
type Choice struct {
	Label   string `json:"l"`
	Command string `json:"c"`
}

// ShareContact is the command of a choice that asks the student to share
// their phone number: Telegram shows it as its contact-request button.
const ShareContact = "#share-contact"

// Reply is what the engine says back: text plus optional choices.
type Reply struct {
	Text    string
	Choices []Choice
}

// Kind says why a message is sent, which decides who may get it.
type Kind string

// The kinds of outbound message. Replies answer the student; service
// messages concern something they booked; news needs their yes.
const (
	KindReply   Kind = "reply"
	KindService Kind = "service"
	KindNews    Kind = "news"
)

// Priority orders the outbox: interactive replies go before bulk sends.
type Priority int

// The priorities of outbound messages, lowest value first.
const (
	Interactive Priority = 0
	Routine     Priority = 1
	Bulk        Priority = 2
)

// Outgoing is a message to be written to the outbox. Key is unique per
// purpose, so queuing the same purpose twice sends once.
type Outgoing struct {
	Key       string
	StudentID int64
	Channel   Channel
	Address   string
	Kind      Kind
	Priority  Priority
	Lang      string // the student's language, for rendering choices
	SessionID int64  // the session a reminder or change is about, if any
	Reply
	Segments  int // SMS segments of the text as the student sees it; 0 off SMS
	NotBefore time.Time
	// BroadcastID is the broadcast the message belongs to, if any.
	BroadcastID int64
	// Edit is the provider's id of an earlier message this one rewrites in
	// place (Telegram's editMessageText), such as a broadcast's progress.
	Edit string
	// Photo is a PNG picture sent with Text as its caption (Telegram only).
	Photo []byte
	// CourseID is the course the message is about, if any: INFO on its own
	// answers the last message a student was sent with that course.
	CourseID int64
	// Protect asks Telegram to stop the message being forwarded or saved
	// (protect_content): set for a student who asked for discreet texts and
	// for a course marked sensitive.
	Protect bool
}

// AboutTx finds what the messages to a student were about, so a student
// sent a text that names no course can ask what it was.
type AboutTx interface {
	// LastAbout returns the course the latest message sent to a student
	// was about: 0 when it was about no course, or nothing was sent.
	LastAbout(studentID int64) (int64, error)
}

// Queued is a message in the outbox, as claimed for sending.
type Queued struct {
	ID int64
	Outgoing
	Attempts int
	Created  time.Time // when it was queued: earlier attempts were made after it
}

// Inbound is one message from a student, as stored in the inbox.
type Inbound struct {
	ID         int64 // inbox row
	Channel    Channel
	Address    string
	ProviderID string // Twilio's MessageSid, Telegram's update_id, or the terminal's own
	Text       string
	Received   time.Time
	// OptOut is the provider's own reading of an opt-out keyword (Twilio's
	// OptOutType: STOP, START or HELP), when it gives one.
	OptOut string
	// Event is something other than a text the student sent: Telegram's
	// updates that are not messages, or messages that are not text.
	Event Event
	// Phone is, with EventContact, the phone number (E.164) the student
	// shared as their own: the provider vouches it is theirs.
	Phone string
	// Lang is the language the student's app is set to, as a language tag
	// ("cy", "en-GB"): Telegram's language_code. A new student starts in
	// it when the catalog has it; empty when the channel does not say.
	Lang string
}

// Event says what kind of thing arrived, when it is not plain text.
type Event string

// The events a channel adapter reports.
const (
	// EventStart: the student opened the chat (Telegram's /start), perhaps
	// from a poster's link; Text then holds the command it links to.
	EventStart Event = "start"
	// EventBlocked: the student blocked the bot. They are opted out on
	// that channel and get no reply.
	EventBlocked Event = "blocked"
	// EventContact: the student shared their own phone number (Phone).
	EventContact Event = "contact"
	// EventContactNotOwn: the student shared someone else's number.
	EventContactNotOwn Event = "contact_not_own"
	// EventNotText: a voice note, sticker, photo or the like.
	EventNotText Event = "not_text"
	// EventEdited: an edit of an earlier message, never acted on again.
	EventEdited Event = "edited"
	// EventCommand: the text is a bot command (Telegram's /name, or a
	// button whose data is one), read as its name and arguments. Only staff
	// commands care; for students it is plain text.
	EventCommand Event = "command"
)

// ClaimFilter says which due messages a sender claims from the outbox.
type ClaimFilter struct {
	Channel Channel       // the channel they are sent on
	Address string        // only messages to this address, when set
	Limit   int           // at most this many; 0 or less means one
	Lease   time.Duration // how long the claim holds before another may retake it
}
