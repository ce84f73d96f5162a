package college

import "time"

// What became of one inbound webhook request or Telegram update: the words
// the adapters report to their Observe hooks, and the metrics count.
const (
	// InboundStored: stored in the inbox for the first time.
	InboundStored = "stored"
	// InboundDuplicate: the provider delivered it again; already stored.
	InboundDuplicate = "duplicate"
	// InboundIgnored: a Telegram update the bot does not read (a group
	// chat, an edit of nothing it keeps); acknowledged, not stored.
	InboundIgnored = "ignored"
	// InboundForged: a bad or missing signature or secret token (403, 401).
	InboundForged = "forged"
	// InboundMalformed: unreadable, too large or missing a field (400, 413).
	InboundMalformed = "malformed"
	// InboundError: could not be stored (500); the provider retries.
	InboundError = "error"
)

// What became of one call to a provider to send a message: the words the
// outbox reports to its Observe hook, and the metrics count.
const (
	// SendSent: the provider accepted the message.
	SendSent = "sent"
	// SendFailed: refused for good, or given up on after the last attempt.
	SendFailed = "failed"
	// SendRetry: a temporary failure (network, 5xx); tried again later.
	SendRetry = "retry"
	// SendThrottled: the provider answered 429; tried again when it says.
	SendThrottled = "throttled"
	// SendUncertain: no answer came (a time-out); reconciled with the
	// provider before any second try.
	SendUncertain = "uncertain"
	// SendOptedOut: the recipient opted out or blocked the bot (Twilio
	// 21610, Telegram 403); their contact is marked opted out.
	SendOptedOut = "opted_out"
)

// Backlog is one reading of what waits in the database, for monitoring:
// the queues' depth and age, open safeguarding alerts and the jobs' last
// successes. Times are in UTC; a zero time means there is none.
type Backlog struct {
	At           time.Time               // when it was read, by the database's clock
	Outbox       map[Channel]OutboxDepth // unsent messages, by channel; channels with none are absent
	InboxPending int                     // inbound messages not yet processed
	InboxOldest  time.Time               // when the oldest of them was received
	InboxAside   int                     // inbound messages set aside after their last failed try
	AlertsOpen   int                     // safeguarding alerts not cleared
	AlertsUnseen int                     // of those, not yet acknowledged by staff
	LastSuccess  map[string]time.Time    // when each job asked about last finished without failing
}

// OutboxDepth is one channel's share of the outbox in a Backlog.
type OutboxDepth struct {
	Pending   int       // messages not yet sent: waiting, due or being sent
	OldestDue time.Time // when the longest-due unsent message fell due
}
