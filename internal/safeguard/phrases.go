package safeguard

// A group is a list of phrases for one kind of risk, with the context
// rules that silence an idiom. Several groups may share a name.
type group struct {
	name         string   // what Finding.Rule starts with: "suicide", "self-harm"...
	phrases      []string // patterns (see pattern): any one is a crisis
	unlessBefore []string // ...unless one of these ends right before it
	unlessAfter  []string // ...or one of these starts right after it
}

// context applies to every group: a phrase followed by a topic word
// ("suicidal thoughts training", "thinking about suicide prevention") or
// introduced as a subject ("understanding suicidal feelings", "a session
// on suicidal thoughts") is course talk about a subject, not a person.
// Bare subject words ("suicide", "self-harm", "overdose") are never
// phrases on their own, so "Suicide prevention" or "the self-harm
// awareness session" stay quiet without help.
var context = group{
	unlessBefore: []string{
		"@topiclead",
		"course|courses|session|sessions|class|classes|workshop|workshops|module|leaflet|leaflets|training|webinar|lecture|information|info|resources|book|books|film|video|article|podcast about|on|around|covering|regarding",
	},
	unlessAfter: []string{
		"@topic",
		"first aid",
		"thoughts|feelings|ideation|behaviour|behaviours|behavior|risk @topic",
		"thoughts|feelings|ideation|behaviour|behaviours|behavior|risk first aid",
	},
}

// injury are the words after "hurt myself", "cut myself" that make it an
// accident ("cut myself shaving", "hurt myself at walking football").
var injury = []string{
	"@activity", "while|when|during|from|by @activity", "by accident",
	"on|at the|a|some", "in the garden|kitchen|gym|allotment|shed|class|session|yard",
	"at @activity",
}

// negated desire to die is a wish to live: "I don't want to die young".
// Only a negation right before it counts ("I don't really want to die"
// triggers: ambivalence is a warning sign). Negation silences nothing
// else: "I'm not suicidal, just asking about the course" and "I won't kill
// myself" still trigger, because people in crisis often minimise, and a
// denial that names the act is still worth the contacts.
var negated = []string{"@negation"}

// groups are the phrase lists. Patterns are written in plain words; the
// normaliser maps text-speak onto them ("kms" is "kill myself", "im" is
// "i am", "dont"/"do not"/"don't" are "dont", "cannot"/"can't" are "cant").
var groups = []group{
	{name: "suicide", phrases: []string{
		"suicidal",
		"unalive|unalived|unaliving",
		"commit|commits|committed|committing|attempt|attempted|attempting|attempts|tried ~1 suicide|suicides",
		"consider|considering|considered|contemplate|contemplating|contemplated|thinking|thought|thoughts|think|urge|urges|plan|planning|planned ~3 suicide",
		"suicide attempt|attempts|note|notes|plan|plans|pact|bid|method|methods|thoughts",
		"my|her|his|their suicide",
		"end|ends|ending|ended|take|takes|taking|took @poss own life|lives",
		"end|ends|ending|ended @poss life|lives",
		"take|taking @poss life $|tonight|today|now|soon|anymore",
		"end|ending it all",
		"end|ending it tonight|forever",
		"want|wants|going|ready|planning|plan|decided|need|like|thinking|thought|considering ~2 end|ending it $|tonight|now|today|forever|soon",
		"end|ending things $|tonight|now|forever|soon",
	}},
	{name: "suicide", phrases: []string{
		"kill|kills|killing|killed @self",
	}, unlessAfter: []string{"laughing|trying|working|studying|revising", "at|with work",
		"at the gym", "to get this|it|there|everything", "to finish", "to keep up"}},
	{name: "wish-to-die", phrases: []string{
		"want|wants|wanted|wanting|wish|wishing|wished|ready|deserve|deserves ~2 die|dead",
	}, unlessBefore: negated, unlessAfter: []string{
		"down|out|off|away|back|laughing|for|young|old|happy|leaves|heading|batteries",
		"of embarrassment|shame|boredom|laughter|laughing|cringe|envy|jealousy|old",
		"my|her|his|their|the @dyed", "@dyed",
	}},
	{name: "wish-to-die", phrases: []string{
		"thinking|thoughts|think|thought ~2 dying",
	}, unlessAfter: []string{"my|her|his|their|the|some @dyed", "@dyed"}},
	{name: "wish-to-die", phrases: []string{
		"better off dead|gone",
		"better ~1 without me|us",
		"better off if i ~1 here|around|alive|dead|gone|born",
		"wish ~2 never|not|wasnt|werent|hadnt ~1 born",
		"sleep ~2 never|not wake up",
		"hope|wish|praying|pray ~2 dont|never|not|wont|wouldnt|didnt wake up",
		"never wake up again",
		"stop existing",
		"dont|not|never|doesnt want|wants ~1 live $|anymore|like|longer|any",
		"dont|not|never|doesnt want|wants ~2 exist|existing|alive",
		"dont|not|doesnt want|wants ~2 here|around $|anymore|longer|any",
		"dont|not|doesnt want|wants ~2 wake up $|anymore|again|tomorrow",
		"dont|not|doesnt want|wants ~1 go|carry on $|anymore|living|like|longer|any",
		"cant go|carry on $|anymore|living|like|longer|any",
		"cant keep going $|anymore|like|on",
		"cant do|take|handle this|it anymore|longer|any",
		"cant cope anymore|longer|any",
		"cant live like this|that",
		"cant live with @self",
		"no|nothing|zero|any|without reason|reasons ~1 to live|exist|living",
		"no|nothing|zero|any reason|reasons ~1 to be|stay alive",
		"nothing|noone|nobody|nowt ~2 live for",
		"not|isnt|aint|never|no worth living",
		"no point ~2 going|carrying on $|anymore|living|like|any",
		"wont|not be around|here ~1 longer|anymore",
		"want|wish ~2 disappear $|forever|permanently",
		"disappear for good",
	}},
	{name: "wish-to-die", phrases: []string{
		"life|living ~1 not|isnt|aint worth it",
		"no point ~2 living|existing|anything|life|alive",
		"what is ~1 point ~2 living|life|existing|alive|anything",
		"give|giving|given|gave up on|with life|living",
	}, unlessAfter: []string{"@lifething"}},
	{name: "wish-to-die", phrases: []string{
		"tired|sick|done|finished|enough ~2 living|life|existing|alive",
	}, unlessAfter: []string{"in|with|at|on|near|off|under|alone|here|there|out", "@lifething"}},
	{name: "wish-to-die", phrases: []string{
		"nobody|noone would|will|wouldnt ~1 miss me",
	}, unlessAfter: []string{"if i skip|miss|leave|go|dont|am|come|swap|change|move|drop|cancel|stay"}},
	{name: "wish-to-die", phrases: []string{
		"rather ~1 die|dead",
	}, unlessAfter: []string{"than", "for"}},
	{name: "self-harm", phrases: []string{
		"selfharmed",
		"i|he|she|they|not|never|still|started|start|starting|keep|keeps|kept|stop|stopped|stopping|quit|relapsed|my|her|his|their selfharm|selfharms|selfharming|selfharmed",
		"am|is|are|was|were|been|be selfharming",
		"urge|urges|urging|want|wants|wanted|wanting|need|needed|tempted|going ~1 selfharm|selfharming",
		"thoughts|thinking|thought ~1 selfharm|selfharming",
		"selfharm|selfharming again|tonight",
		"cutting again",
		"urge|urges|urging|tempted ~2 cut|cutting $|again|tonight|is",
		"slit|slitting|slash|slashing|slashed @poss @body",
		"cut|cuts|cutting @poss wrists|wrist|throat",
	}},
	{name: "self-harm", phrases: []string{
		"hurt|hurts|hurting|harm|harms|harming|injure|injuring|injured|punish|punishing|punished|burn|burns|burning|burned|burnt|scratch|scratching|scratched|hit|hitting|starve|starving|cut|cuts|cutting @self",
		"cutting @poss @body",
	}, unlessAfter: injury},
	{name: "overdose", phrases: []string{
		"overdosed|overdosing",
		"took|taken|take|taking|had|done|tried|attempted|attempt|do ~2 overdose|overdoses",
		"want|wants|wanted|going|planning|plan|tempted|thinking|thought|might|could|will|ready ~2 overdose",
	}, unlessAfter: []string{"on|of @treat"}},
	{name: "overdose", phrases: []string{
		"took|taken|swallowed|popped|downed|necked ~1 all|every|many|loads|lots|lot|handful|bunch|load|# ~2 @drug",
		"took|taken|swallowed|popped|downed|necked ~2 box|boxes|bottle|bottles|packet|packets|pack|packs|strip|strips|tub|tubs ~2 @drug",
		"going|want|planning|tempted|thinking ~2 take|taking|swallow|swallowing ~1 all|every|# ~2 @drug",
		"stockpiling|stockpiled|stockpile|hoarding|hoarded ~2 @drug",
		"saving|saved|collecting|collected up ~2 @drug",
	}},
	{name: "means", phrases: []string{
		"jump|jumping|jumped|leap|leaping off|of|from ~2 @height",
		"jump|jumping off $",
		"jump|jumping|jumped out ~1 of ~2 window|windows",
		"throw|throwing|threw @self off|from|under",
		"throw|throwing|threw @self in front",
		"jump|jumping|step|stepping|stepped|walk|walking|lie|lying|lay|run|running in front ~1 of ~2 @vehicle",
		"hang|hanging|hanged @self",
		"noose|nooses",
		"drown|drowning|poison|poisoning|gas|gassing|shoot|shooting|stab|stabbing|suffocate|suffocating|electrocute|strangle @self",
		"set|setting @self on fire",
		"set|setting @self alight",
		"walk|walking|walked into the sea|river|canal",
		"standing|stood|sitting|sat|stand on ~1 ledge|roof|rooftop|bridge|railing|railings|parapet",
	}, unlessAfter: []string{"station|stop|stops|garage|depot|ticket|driver|pass"}},
	{name: "means", phrases: []string{
		"going|might|could|will|about|afraid|scared|worried|frightened ~3 do something stupid",
	}, unlessAfter: []string{"like|with"}},
	{name: "not-safe", phrases: []string{
		"dont|not|never|cant feel safe",
		"i am not safe",
		"feel|feeling|felt unsafe",
	}, unlessAfter: []string{
		"walking|going|getting|travelling|traveling|driving|using|sharing|leaving|coming|doing|giving|posting|paying|parking|cycling|online|about|sending|meeting|joining|talking|speaking|booking",
		"on|in|at the|a|zoom|teams|this|that",
		"with the|zoom|teams|strangers|this|that|people",
	}},
	{name: "not-safe", phrases: []string{
		"not safe with|around|from @self",
		"fear|fearing|feared|scared|afraid|frightened|terrified for @poss life|lives|safety",
		"life|lives ~1 in danger",
		"threatened|threatening|threatens ~1 to kill|stab|strangle me|her|him|us|them|my",
		"strangled|strangling|choked|choking me|her",
	}, unlessAfter: []string{"of"}},
	{name: "not-safe", phrases: []string{
		"cant|unable|dont|not|struggling|struggle ~3 keep @self safe",
	}, unlessAfter: []string{"online|on|when|while|at|in|with|using|from|by"}},
	{name: "goodbye", phrases: []string{
		"goodbye everyone|everybody|forever|world",
		"this is goodbye",
		"final|last goodbye|goodbyes",
		"say|saying|said my goodbyes",
		"goodbye|farewell note|notes|letter|letters|message|messages|texts",
		"giving away ~1 my things|stuff|belongings|possessions",
		"tell ~1 family|kids|children|mum|mom|dad|parents|partner|wife|husband i love them|her|him|you $|so|very|always|x|xx|xxx|and|dearly|forever|more",
		"wont see me again|anymore",
	}, unlessAfter: []string{"of"}},
}
