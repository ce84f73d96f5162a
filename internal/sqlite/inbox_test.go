package sqlite_test

import (
	"context"
	"testing"

	"collegebot/internal/college"
)

func TestSaveInboundStoresAProviderMessageOnce(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	in := college.Inbound{Channel: college.SMS, Address: "+447700900040", ProviderID: "SM100", Text: "COURSES"}
	id, fresh, err := db.SaveInbound(ctx, in, "Body=COURSES")
	if err != nil || !fresh || id == 0 {
		t.Fatalf("first SaveInbound = %d, %v, %v; want a fresh id", id, fresh, err)
	}
	again, fresh, err := db.SaveInbound(ctx, in, "Body=COURSES")
	if err != nil || fresh || again != id {
		t.Fatalf("repeat SaveInbound = %d, %v, %v; want %d, not fresh", again, fresh, err, id)
	}
	// The same id on another channel is another message.
	tg := in
	tg.Channel = college.Telegram
	if _, fresh, err := db.SaveInbound(ctx, tg, "{}"); err != nil || !fresh {
		t.Fatalf("same id on Telegram: fresh %v, err %v", fresh, err)
	}
	if n := db.Int(t, `SELECT count(*) FROM inbox`); n != 2 {
		t.Errorf("inbox rows = %d, want 2", n)
	}
}

func TestPendingInboundOldestFirstUntilProcessed(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	var ids []int64
	for _, pid := range []string{"a", "b", "c"} {
		in := college.Inbound{Channel: college.Terminal, Address: "me", ProviderID: pid, Text: "hi " + pid}
		id, _, err := db.SaveInbound(ctx, in, "")
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	db.MustUpdate(t, func(tx college.Tx) error { return tx.MarkProcessed(ids[0]) })

	got, err := db.PendingInbound(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != ids[1] || got[1].ID != ids[2] {
		t.Fatalf("PendingInbound = %+v, want ids %v", got, ids[1:])
	}
	if got[0].Text != "hi b" || got[0].Address != "me" || !got[0].Received.Equal(start()) {
		t.Errorf("PendingInbound[0] = %+v", got[0])
	}
	if one, _ := db.PendingInbound(ctx, 1); len(one) != 1 || one[0].ID != ids[1] {
		t.Errorf("PendingInbound(1) = %+v", one)
	}
}

func TestInboundKeepsTheProvidersOptOutReading(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	ins := []college.Inbound{
		{Channel: college.SMS, Address: "+447700900041", ProviderID: "SM1", Text: "Stop", OptOut: "STOP"},
		{Channel: college.SMS, Address: "+447700900041", ProviderID: "SM2", Text: "courses"},
	}
	for _, in := range ins {
		if _, _, err := db.SaveInbound(ctx, in, ""); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.PendingInbound(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].OptOut != "STOP" || got[1].OptOut != "" {
		t.Errorf("PendingInbound = %+v, want OptOut STOP then none", got)
	}
}

func TestInboundKeepsEventAndSharedPhone(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	ins := []college.Inbound{
		{Channel: college.Telegram, Address: "5550020", ProviderID: "7", Text: "c_ANX1", Event: college.EventStart},
		{Channel: college.Telegram, Address: "5550020", ProviderID: "8", Event: college.EventContact, Phone: "+447700900042"},
		{Channel: college.Telegram, Address: "5550020", ProviderID: "9", Text: "courses"},
	}
	for _, in := range ins {
		if _, _, err := db.SaveInbound(ctx, in, "{}"); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.PendingInbound(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("PendingInbound = %+v, want 3", got)
	}
	for i, in := range ins {
		if got[i].Event != in.Event || got[i].Phone != in.Phone || got[i].Text != in.Text {
			t.Errorf("PendingInbound[%d] = %+v, want event %q phone %q text %q", i, got[i], in.Event, in.Phone, in.Text)
		}
	}
}

func TestLastProviderIDIsTheLargestNumberOnTheChannel(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if last, err := db.LastProviderID(ctx, college.Telegram); err != nil || last != 0 {
		t.Fatalf("empty inbox: LastProviderID = %d, %v; want 0", last, err)
	}
	// As text "999" sorts after "1000"; as numbers it does not.
	saves := []struct {
		ch  college.Channel
		pid string
	}{
		{college.Telegram, "999"}, {college.Telegram, "1000"}, {college.Telegram, "998"},
		{college.SMS, "SM5000"}, {college.Terminal, "2000"},
	}
	for _, s := range saves {
		in := college.Inbound{Channel: s.ch, Address: "5550021", ProviderID: s.pid, Text: "hi"}
		if _, _, err := db.SaveInbound(ctx, in, ""); err != nil {
			t.Fatal(err)
		}
	}
	if last, err := db.LastProviderID(ctx, college.Telegram); err != nil || last != 1000 {
		t.Errorf("LastProviderID = %d, %v; want 1000", last, err)
	}
}
