package college

import "time"

// BroadcastTx keeps broadcasts: drafts, their audiences, queuing and
// progress. A broadcast's recipients are registered students (a name and
// consent given, not erased), each once, on the contact they last wrote
// from that has not opted out (the first such contact if they have not
// written from any); news goes only to those who said yes to news.
type BroadcastTx interface {
	// Reach counts who an audience reaches with a kind of message, by
	// channel. A course, term or topic that does not exist is ErrNotFound.
	Reach(a Audience, kind Kind) (Reach, error)
	// ReachByLang is Reach for each language the students reached chose
	// (their student language, "en" unless they chose another).
	ReachByLang(a Audience, kind Kind) (map[string]Reach, error)
	// SMSSegmentsSince sums the segments of the texts sent since a time:
	// what the college has spent on SMS.
	SMSSegmentsSince(since time.Time) (int, error)

	// AddBroadcast stores a draft and returns it with its id.
	AddBroadcast(b Broadcast) (Broadcast, error)
	// Broadcast returns a broadcast by id.
	Broadcast(id int64) (Broadcast, error)
	// Broadcasts returns the most recent broadcasts, newest first.
	Broadcasts(limit int) ([]Broadcast, error)
	// DiscardBroadcast drops a draft; a broadcast that is not a draft is
	// ErrConflict.
	DiscardBroadcast(id int64) error
	// QueueBroadcast writes a draft's message to the outbox for everyone
	// its audience reaches now, as bulk, each in their language (m.Langs,
	// else m.Text), and marks it queued, telling
	// b.NotifyChannel and b.NotifyAddress how it goes. It returns how many
	// messages it queued. A broadcast that is not a draft is ErrConflict.
	QueueBroadcast(b Broadcast, m BroadcastMessage) (int, error)
	// SetBroadcastProgress remembers the outbox message (by its key) that
	// tells staff how a broadcast goes, to edit as it does.
	SetBroadcastProgress(id int64, key string) error
	// StopBroadcast cancels the messages of a queued broadcast not yet
	// being sent, and returns how many; those being sent or sent stay. A
	// broadcast that is not queued is ErrConflict.
	StopBroadcast(id int64) (int, error)
	// RunningBroadcasts returns the queued or stopped broadcasts not yet
	// marked finished, oldest first.
	RunningBroadcasts() ([]Broadcast, error)
	// FinishBroadcast records that nothing of a broadcast is left to send
	// and staff have been told.
	FinishBroadcast(id int64) error
	// BroadcastProgress counts a broadcast's messages by how they went.
	BroadcastProgress(id int64) (Progress, error)
}

// BroadcastStatus says where a broadcast is in its life.
type BroadcastStatus string

// A broadcast is drafted with a preview, then queued or discarded; a
// queued broadcast may be stopped.
const (
	BroadcastDraft     BroadcastStatus = "draft"
	BroadcastQueued    BroadcastStatus = "queued"
	BroadcastStopped   BroadcastStatus = "stopped"
	BroadcastDiscarded BroadcastStatus = "discarded"
)

// Broadcast is one message from staff to an audience of students.
type Broadcast struct {
	ID       int64
	Audience Audience
	Kind     Kind   // KindService or KindNews
	Body     string // as staff wrote it, in the default language (English)
	// Texts holds the text staff wrote for the students of each other
	// language, by language ("cy"); students of a language without one
	// get Body.
	Texts map[string]string
	// CreatedBy names who drafted it: a member of staff, or "command line".
	CreatedBy  string
	Created    time.Time
	Status     BroadcastStatus
	Recipients int // as previewed, then as queued
	QueuedAt   *time.Time
	StoppedAt  *time.Time
	FinishedAt *time.Time
	// NotifyChannel and NotifyAddress reach the member of staff who
	// confirmed it, told how it goes; empty from the command line.
	NotifyChannel Channel
	NotifyAddress string
	// ProgressID is the outbox message that tells them on Telegram, and
	// ProgressSent the provider's id of it once sent, to edit it by.
	ProgressID   int64
	ProgressSent string
}

// Reach is who an audience reaches, by channel. Terminal counts students
// who talked only through collegebot chat (as in the demo): they see it
// when that chat next opens. Discreet counts those of them who asked that
// texts name no course.
type Reach struct {
	SMS      int
	Telegram int
	Terminal int
	Discreet int
}

// Total is how many students the audience reaches.
func (r Reach) Total() int { return r.SMS + r.Telegram + r.Terminal }

// BroadcastMessage is what each recipient of a broadcast is sent: Text on
// every channel, costing Segments on SMS, from NotBefore; a student whose
// language is in Langs is sent that language's message instead.
type BroadcastMessage struct {
	Text      string
	Segments  int
	NotBefore time.Time
	Langs     map[string]LangMessage
}

// LangMessage is a broadcast's message in one language: Text, costing
// Segments on SMS.
type LangMessage struct {
	Text     string `json:"text"`
	Segments int    `json:"segments"`
}

// Progress counts a broadcast's messages by how they went. Sent counts
// those sent or delivered, Failed those that failed or were not
// delivered, Pending those waiting or being sent.
type Progress struct {
	Total     int
	Sent      int
	Failed    int
	Cancelled int
	Pending   int
	// Start is when the messages could first go: when queued, or the end
	// of quiet hours then.
	Start time.Time
}

// Done reports whether nothing is left to send.
func (p Progress) Done() bool { return p.Pending == 0 }

// Left estimates how long the messages still pending take, at the rate
// messages went since Start. It reports false while none has gone, or
// none could yet.
func (p Progress) Left(now time.Time) (time.Duration, bool) {
	gone, took := p.Sent+p.Failed, now.Sub(p.Start)
	if p.Pending == 0 {
		return 0, true
	}
	if gone == 0 || took <= 0 {
		return 0, false
	}
	return time.Duration(float64(took) * float64(p.Pending) / float64(gone)), true
}
