package outbox

import (
	"container/list"
	"time"

	"golang.org/x/time/rate"
)

// maxAddressLimiters is how many addresses' limiters a channel keeps. The
// least recently used goes first; at Telegram's 30 messages a second that
// is a chat not sent to for two minutes or more, whose limiter is long full
// again and so no different from a new one.
const maxAddressLimiters = 4096

// addressLimits paces the messages to each address of a channel, on the
// dispatcher's clock. Only the lane that owns it uses it.
type addressLimits struct {
	limit rate.Limit
	burst int
	max   int
	byKey map[string]*list.Element // of *addressLimiter
	lru   *list.List               // most recently used at the front
}

// addressLimiter is one address's token bucket.
type addressLimiter struct {
	addr string
	lim  *rate.Limiter
}

// newAddressLimits returns limits of perSecond messages to each address in
// bursts of burst (0: one second's worth), or nil when perSecond is 0:
// no limit.
func newAddressLimits(perSecond float64, burst int) *addressLimits {
	if perSecond <= 0 {
		return nil
	}
	lim := newLimiter(perSecond, burst)
	return &addressLimits{limit: lim.Limit(), burst: lim.Burst(), max: maxAddressLimiters,
		byKey: map[string]*list.Element{}, lru: list.New()}
}

// delay takes a token for a message to addr at now and returns 0, or, when
// none is left, takes nothing and returns how long until one is.
func (a *addressLimits) delay(addr string, now time.Time) time.Duration {
	if a == nil {
		return 0
	}
	lim := a.get(addr)
	r := lim.ReserveN(now, 1)
	d := r.DelayFrom(now)
	if d > 0 {
		r.CancelAt(now)
	}
	return d
}

// get returns addr's limiter, making it if need be and forgetting the
// least recently used beyond max.
func (a *addressLimits) get(addr string) *rate.Limiter {
	if e, ok := a.byKey[addr]; ok {
		a.lru.MoveToFront(e)
		return e.Value.(*addressLimiter).lim
	}
	al := &addressLimiter{addr: addr, lim: rate.NewLimiter(a.limit, a.burst)}
	a.byKey[addr] = a.lru.PushFront(al)
	if a.lru.Len() > a.max {
		oldest := a.lru.Remove(a.lru.Back()).(*addressLimiter)
		delete(a.byKey, oldest.addr)
	}
	return al.lim
}
