package safeguard_test

import (
	"strings"
	"testing"

	"collegebot/internal/safeguard"
)

// crises must trigger: each names the list that should fire first. They
// mix case, typos, text-speak, missing punctuation, third-person worry and
// long messages with course codes and keywords around the words.
var crises = []struct{ msg, group string }{
	// suicidal thoughts and plans
	{"I want to kill myself", "suicide"},
	{"i wanna kms", "suicide"},
	{"KMS", "suicide"},
	{"I'm going to kill myself tonight", "suicide"},
	{"im gonna kill my self", "suicide"},
	{"I feel suicidal", "suicide"},
	{"FEELING SUICIDAL AGAIN", "suicide"},
	{"been really sui lately", "suicide"},
	// Hedged: naming it, even to deny it, still gets the contacts (see negated, phrases.go).
	{"I'm not suicidal, just asking about the course", "suicide"},
	{"I've been thinking about suicide a lot", "suicide"},
	{"i have thoughts of suicide every night", "suicide"},
	{"I tried to commit suicide last year and it's back", "suicide"},
	{"I attempted suicide in March", "suicide"},
	{"I'm considering suicide", "suicide"},
	{"i wrote a suicide note", "suicide"},
	{"I want to end my life", "suicide"},
	{"thinking of ending my own life", "suicide"},
	{"I'm going to take my own life", "suicide"},
	{"I want to end it all", "suicide"},
	{"going to end it tonight", "suicide"},
	{"I just want to end it.", "suicide"},
	{"i feel like ending it", "suicide"},
	{"I've been thinking about ending things", "suicide"},
	{"i want to unalive myself", "suicide"},
	{"k1ll mys3lf", "suicide"},
	{"I keep thinking about killing myself", "suicide"},
	{"kil myslef", "suicide"},
	{"I could kill myself for what I did", "suicide"},
	{"sucidal thoughts again", "suicide"},
	{"i am suicdal", "suicide"},
	{"Hi, it's Sam from MH2. I'm feeling suicidal tonight and I don't know who to talk to", "suicide"},
	{"YES. also i'm suicidal", "suicide"},
	{"JOIN MH1 but tbh i want to kill myself", "suicide"},
	{"my friend wants to kill herself, what do I do", "suicide"},
	{"My son said he wants to kill himself", "suicide"},
	{"my partner is suicidal", "suicide"},
	{"mum took her own life last year and I feel the same", "suicide"},
	{"been thinking about sewerslide", "suicide"},
	{"i wanna unalive", "suicide"},
	{"people at school keep telling me to kys", "suicide"},
	// wanting to die, not wanting to be here, no reason to live
	{"I want to die", "wish-to-die"},
	{"i just wanna die", "wish-to-die"},
	{"I WANT TO DIE", "wish-to-die"},
	{"i want 2 die", "wish-to-die"},
	{"i want to dieeee", "wish-to-die"},
	{"I wish I was dead", "wish-to-die"},
	{"wish i wasn't born", "wish-to-die"},
	{"I wish I could go to sleep and never wake up", "wish-to-die"},
	{"I hope I don't wake up tomorrow", "wish-to-die"},
	{"Everyone would be better off without me", "wish-to-die"},
	{"they'd be better off if I wasn't here", "wish-to-die"},
	{"I'd be better off dead", "wish-to-die"},
	{"I'd rather be dead", "wish-to-die"},
	{"I don't want to be here anymore", "wish-to-die"},
	{"dont wanna be alive", "wish-to-die"},
	{"I don't want to exist", "wish-to-die"},
	{"i dont want to live like this", "wish-to-die"},
	{"I can't go on anymore", "wish-to-die"},
	{"cant go on.", "wish-to-die"},
	{"I can't do this anymore", "wish-to-die"},
	{"i cant take it anymore", "wish-to-die"},
	{"I can't cope any more", "wish-to-die"},
	{"I have no reason to live", "wish-to-die"},
	{"there's nothing left to live for", "wish-to-die"},
	{"life isn't worth living", "wish-to-die"},
	{"there's no point in living", "wish-to-die"},
	{"what's the point of being alive", "wish-to-die"},
	{"I'm so tired of living", "wish-to-die"},
	{"done with life", "wish-to-die"},
	{"i've given up on life", "wish-to-die"},
	{"i won't be around much longer", "wish-to-die"},
	{"I just want to disappear forever", "wish-to-die"},
	{"i deserve to die", "wish-to-die"},
	{"i'm ready to die", "wish-to-die"},
	{"can't stop thinking about dying", "wish-to-die"},
	{"I don't want to die but I can't go on like this", "wish-to-die"},
	{"i dont want to wake up again", "wish-to-die"},
	{"nobody would even miss me", "wish-to-die"},
	{"I've had enough of life", "wish-to-die"},
	// self-harm
	{"I've been self harming again", "self-harm"},
	{"i self harm", "self-harm"},
	{"I self-harmed last night", "self-harm"},
	{"selfharmed again", "self-harm"},
	{"my daughter is self-harming", "self-harm"},
	{"I want to hurt myself", "self-harm"},
	{"im hurting myself again", "self-harm"},
	{"I cut myself on purpose", "self-harm"},
	{"started cutting again", "self-harm"},
	{"I'm cutting again", "self-harm"},
	{"i've been cutting my arms", "self-harm"},
	{"i have the urge to cut", "self-harm"},
	{"i keep hitting myself", "self-harm"},
	{"she's been burning herself", "self-harm"},
	{"I have urges to self harm", "self-harm"},
	{"I want to harm myself", "self-harm"},
	{"I slit my wrists", "self-harm"},
	{"Thoughts of self-harm are back", "self-harm"},
	// overdose and pills
	{"I took all my pills", "overdose"},
	{"i've taken too many tablets", "overdose"},
	{"took 30 paracetamol", "overdose"},
	{"i swallowed a whole box of paracetamol", "overdose"},
	{"I've taken an overdose", "overdose"},
	{"im gonna od", "overdose"},
	{"i OD'd last night", "overdose"},
	{"I overdosed on my meds", "overdose"},
	{"I'm thinking about overdosing", "overdose"},
	{"I've been stockpiling my tablets", "overdose"},
	{"saving up my pills", "overdose"},
	{"took loads of sleeping pills", "overdose"},
	{"I took twenty tablets", "overdose"},
	{"my mum has taken an overdose", "overdose"},
	{"i took 2 boxes of co-codamol", "overdose"},
	{"I took an 0verd0se", "overdose"},
	{"I'm thinking of taking all my tablets", "overdose"},
	// means
	{"I'm going to jump off a bridge", "means"},
	{"standing on the bridge now", "means"},
	{"i want to jump in front of a train", "means"},
	{"thinking of hanging myself", "means"},
	{"I bought a rope for a noose", "means"},
	{"I'm going to throw myself off the multi-storey car park", "means"},
	{"i might do something stupid tonight", "means"},
	{"Im going 2 jump off", "means"},
	{"I want to walk into the sea", "means"},
	// not being safe
	{"I don't feel safe", "not-safe"},
	{"i dont feel safe at home", "not-safe"},
	{"I'm not safe", "not-safe"},
	{"I can't keep myself safe tonight", "not-safe"},
	{"im not safe around myself", "not-safe"},
	{"he threatened to kill me", "not-safe"},
	{"I'm scared for my life", "not-safe"},
	{"my life is in danger", "not-safe"},
	{"feeling unsafe with myself", "not-safe"},
	// goodbyes
	{"goodbye everyone", "goodbye"},
	{"this is goodbye", "goodbye"},
	{"tell my kids i love them", "goodbye"},
	{"i've written my goodbye letters", "goodbye"},
	{"I'm giving away all my things", "goodbye"},
	// long messages, mid-sentence, with course codes and keywords
	{"Hiya, I'm booked on MH2 Living with low mood on Wednesday. To be honest I haven't been good, I keep thinking about ending my life and I don't know what to do.", "suicide"},
	{"yes thanks. cant stop thinking bout killing myself tho", "suicide"},
	{"STOP. i want to die", "wish-to-die"},
	{"JOIN MH6 im not ok i took all my tablets", "overdose"},
	{"hi its jade... i dont wanna be here anymore", "wish-to-die"},
	{"Re WF1 2DD venue: everything is too much, i think i might hurt myself", "self-harm"},
	{"i   want    to     die", "wish-to-die"},
	{"soooo done with life tbh", "wish-to-die"},
}

func TestCrisesTrigger(t *testing.T) {
	if len(crises) < 100 {
		t.Fatalf("only %d crisis phrasings; the issue asks for at least 100", len(crises))
	}
	for _, c := range crises {
		t.Run(c.msg, func(t *testing.T) {
			f := safeguard.Check(c.msg)
			if !f.Crisis {
				t.Fatalf("Check(%q) is not a crisis", c.msg)
			}
			if group, _, _ := strings.Cut(f.Rule, ": "); group != c.group {
				t.Errorf("Check(%q) fired %q, want the %s list", c.msg, f.Rule, c.group)
			}
			if f.Match == "" || !strings.Contains(c.msg, f.Match) {
				t.Errorf("Check(%q).Match = %q, not words of the message", c.msg, f.Match)
			}
		})
	}
}
