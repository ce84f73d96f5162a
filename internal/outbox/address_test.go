package outbox_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/outbox"
)

// TestPerAddressLimitHoldsOneChatOnly: Telegram allows a chat one message a
// second. A chat's next message waits for its second without holding up a
// message to another chat, and without taking the channel's tokens while
// it waits; the chat's messages go out in order, a second apart on the
// dispatcher's clock.
func TestPerAddressLimitHoldsOneChatOnly(t *testing.T) {
	e := newEnv(t)
	const busy, other = "100", "200"
	tg := func(key, addr string) college.Outgoing {
		return college.Outgoing{Key: key, Channel: college.Telegram, Address: addr, Priority: college.Interactive}
	}
	var events, times []string
	s := &sender{events: &events}
	s.onSend = func(q college.Queued) { times = append(times, fmt.Sprint(q.Key, "@", e.now().Sub(start()))) }
	d := e.dispatcher(outbox.Channel{Name: college.Telegram, Sender: s,
		Limiter: &limiter{burst: 30, events: &events}, PerAddress: 1, PerAddressBurst: 1})

	ids := []int64{e.queue(tg("a1", busy))}
	e.flush(d)
	// Claimed together: a2 first, since it was queued first.
	ids = append(ids, e.queue(tg("a2", busy)), e.queue(tg("a3", busy)), e.queue(tg("b1", other)))
	e.flush(d)
	if r := e.row(ids[1]); r.Status != "pending" || r.Attempts != 0 || !r.NotBefore.Equal(start().Add(time.Second)) {
		t.Errorf("a2 within a second of a1: %s due %v, want pending due at +1s, no attempt", describe(r), r.NotBefore)
	}
	for range 3 {
		e.advance(time.Second)
		e.flush(d)
	}

	if want := []string{"a1@0s", "b1@0s", "a2@1s", "a3@2s"}; !reflect.DeepEqual(times, want) {
		t.Errorf("sent %v, want %v", times, want)
	}
	want := []string{"wait 1", "send a1", "wait 1", "send b1", "wait 1", "send a2", "wait 1", "send a3"}
	if !reflect.DeepEqual(events, want) {
		t.Errorf("events %v\nwant   %v", events, want)
	}
	for _, id := range ids {
		if r := e.row(id); r.Status != "sent" || r.Attempts != 1 {
			t.Errorf("%s, want sent at the first attempt", describe(r))
		}
	}
}

// TestPerAddressBurst: a burst lets that many messages go to one address
// at once before the rate holds the next.
func TestPerAddressBurst(t *testing.T) {
	e := newEnv(t)
	for _, key := range []string{"m1", "m2", "m3"} {
		e.queue(college.Outgoing{Key: key, Channel: college.Telegram, Address: "300", Priority: college.Routine})
	}
	var times []string
	s := &sender{}
	s.onSend = func(q college.Queued) { times = append(times, fmt.Sprint(q.Key, "@", e.now().Sub(start()))) }
	d := e.dispatcher(outbox.Channel{Name: college.Telegram, Sender: s, PerAddress: 0.5, PerAddressBurst: 2})
	for range 3 {
		e.flush(d)
		e.advance(time.Second)
	}
	if want := []string{"m1@0s", "m2@0s", "m3@2s"}; !reflect.DeepEqual(times, want) {
		t.Errorf("sent %v, want %v", times, want)
	}
}
