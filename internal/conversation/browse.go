package conversation

import (
	"strconv"
	"strings"

	"collegebot/internal/college"
	"collegebot/internal/sms"
)

// pageSegments is the most a page of a list may cost as an SMS.
const pageSegments = 2

// topics lists the topic areas that have courses to book.
func (t *turn) topics() error {
	ts, err := t.tx.ListedTopics()
	if err != nil {
		return err
	}
	var cs []college.Choice
	for _, tp := range ts {
		cs = append(cs, college.Choice{Label: tp.Name, Command: "TOPIC " + strconv.FormatInt(tp.ID, 10)})
	}
	t.clear()
	if len(cs) == 0 {
		t.say("topics.empty", nil)
		return nil
	}
	t.say("topics.list", nil, cs...)
	return nil
}

// topic shows a page of a topic's courses, starting at from, with as many
// as fit the page's SMS budget and a MORE choice if any are left.
func (t *turn) topic(arg string, from int) error {
	id, _ := strconv.ParseInt(arg, 10, 64)
	tp, ls, err := t.listings(id)
	if err != nil {
		return err
	}
	t.clear()
	if from >= len(ls) {
		t.say("unknown.more", nil)
		return nil
	}
	if len(ls) == 0 {
		t.say("courses.empty", map[string]any{"Topic": tp.Name})
		return nil
	}
	r, n := t.page(tp, ls[from:])
	t.out = append(t.out, r)
	t.d.Choices = commands(r.Choices)
	t.d.Set("topic", arg)
	t.d.Set("next", strconv.Itoa(from+n))
	return nil
}

func (t *turn) listings(id int64) (college.Topic, []college.CourseListing, error) {
	ts, err := t.tx.Topics()
	if err != nil {
		return college.Topic{}, nil, err
	}
	for _, tp := range ts {
		if tp.ID == id {
			ls, err := t.tx.Listings(id)
			return tp, ls, err
		}
	}
	return college.Topic{}, nil, nil
}

// page fills one reply with listings and reports how many it took.
func (t *turn) page(tp college.Topic, ls []college.CourseListing) (college.Reply, int) {
	r := college.Reply{Text: t.text("courses.list", map[string]any{"Topic": tp.Name})}
	more := college.Choice{Label: t.text("topics.more", nil), Command: "MORE"}
	n := 0
	for n < len(ls) {
		c := college.Choice{Label: t.listingLabel(ls[n]), Command: "INFO " + ls[n].Code}
		try := r
		try.Choices = append(append([]college.Choice{}, r.Choices...), c)
		if n+1 < len(ls) {
			try.Choices = append(try.Choices, more)
		}
		if n > 0 && sms.Count(RenderSMS(t.cat, t.lang(), try)).Segments > pageSegments {
			break
		}
		r.Choices = append(r.Choices, c)
		n++
	}
	if n < len(ls) {
		r.Choices = append(r.Choices, more)
	}
	return r, n
}

func (t *turn) listingLabel(l college.CourseListing) string {
	return t.text("courses.item", map[string]any{"Code": l.Code, "Title": l.Title, "Date": t.day(l.Next.Start)})
}

// more shows the next page of what was last listed: a topic's courses or
// the student's own.
func (t *turn) more() error {
	if rest, ok := strings.CutPrefix(t.d.Get("more"), "my:"); ok {
		from, _ := strconv.Atoi(rest)
		return t.my(from)
	}
	topic := t.d.Get("topic")
	if topic == "" {
		t.say("unknown.more", nil)
		return nil
	}
	from, _ := strconv.Atoi(t.d.Get("next"))
	return t.topic(topic, from)
}

// info shows a course's details, with a choice to book or wait.
func (t *turn) info(cmd Command) error {
	code := t.resolveCode(cmd)
	if code == "" {
		return t.infoAlone()
	}
	c, ok, err := t.course(code)
	if !ok || err != nil {
		return err
	}
	return t.details(c)
}
