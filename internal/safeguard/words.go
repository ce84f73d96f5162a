package safeguard

import "strings"

// spelling reads text-speak, common misspellings and dropped letters as
// the plain words the lists use. Keys are lower case; a key with an
// apostrophe is looked up before apostrophes are dropped ("od'd" is not
// "odd"); other keys after, with runs of 3+ letters shortened ("kmsss").
var spelling = map[string]string{
	"kms": "kill myself", "kmss": "kill myself", "kys": "kill yourself",
	"sui": "suicidal", "suii": "suicidal", "sewerslide": "suicide", "suicid": "suicide",
	"od": "overdose", "od'd": "overdosed", "od'ed": "overdosed", "oded": "overdosed",
	"od'ing": "overdosing", "oding": "overdosing", "ods": "overdoses",
	"wanna": "want to", "wana": "want to", "wanta": "want to", "wnna": "want to", "wnt": "want",
	"wnat": "want", "gonna": "going to", "gona": "going to", "gunna": "going to",
	"gna": "going to", "gonnna": "going to", "gotta": "got to", "imma": "i am going to",
	"ima": "i am going to", "im": "i am", "iam": "i am", "m": "am", "ive": "i have",
	"cant": "cant", "cannot": "cant", "cnt": "cant", "carnt": "cant", "kant": "cant",
	"dont": "dont", "dnt": "dont", "doesnt": "doesnt", "dosent": "doesnt", "didnt": "didnt",
	"wont": "wont", "wudnt": "wouldnt", "wouldnt": "wouldnt",
	"u": "you", "ya": "you", "yu": "you", "ur": "your", "youre": "you are", "r": "are",
	"urself": "yourself", "urselves": "yourselves", "myslf": "myself", "meself": "myself",
	"2": "to", "2nite": "tonight", "2night": "tonight", "tonite": "tonight", "tnight": "tonight",
	"2day": "today", "2moro": "tomorrow", "tmrw": "tomorrow", "tomoz": "tomorrow",
	"n": "and", "rn": "right now", "cos": "because", "coz": "because", "cuz": "because",
	"bc": "because", "wiv": "with", "wat": "what", "wot": "what", "whats": "what is",
	"wats": "what is", "wots": "what is", "whts": "what is", "ppl": "people",
	"every1": "everyone", "evry1": "everyone", "evryone": "everyone", "some1": "someone",
	"sum1": "someone", "any1": "anyone", "no1": "noone", "lyf": "life", "lyfe": "life",
	"luv": "love", "pls": "please", "plz": "please", "tabs": "tablets",
	"dyin": "dying", "dieing": "dying", "killin": "killing", "cuttin": "cutting",
	"hurtin": "hurting", "harmin": "harming", "endin": "ending", "goin": "going",
	"takin": "taking", "livin": "living", "nothin": "nothing", "thinkin": "thinking",
	"ded": "dead", "anymor": "anymore", "nemore": "anymore", "wud": "would", "cud": "could",
	"shud": "should", "bout": "about", "abt": "about", "jst": "just", "jus": "just",
	"jsut": "just", "alot": "a lot", "bye": "goodbye", "gbye": "goodbye", "goodby": "goodbye",
	"bridg": "bridge",
}

// joins are two-word forms read as one word, as the lists write them.
var joins = map[string]string{
	"my self": "myself", "her self": "herself", "him self": "himself", "your self": "yourself",
	"them selves": "themselves", "them self": "themself", "it self": "itself",
	"self harm": "selfharm", "self harming": "selfharming", "self harmed": "selfharmed",
	"self harms": "selfharms", "do not": "dont", "does not": "doesnt", "did not": "didnt",
	"can not": "cant", "will not": "wont", "would not": "wouldnt", "any more": "anymore",
	"no one": "noone", "every one": "everyone", "good bye": "goodbye",
	"over dose": "overdose", "over dosed": "overdosed", "over dosing": "overdosing",
	"un alive": "unalive", "car park": "carpark", "multi storey": "multistorey",
}

// typoTargets are the long, distinctive words that are read through one
// typo ("sucide", "myslef", "overdoes"). Short or everyday words are not
// here on purpose: "living" is one letter from "giving", "cutting" from
// "putting", "tablets" from "tables".
var typoTargets = []string{
	"suicide", "suicidal", "overdose", "overdosed", "overdosing", "myself", "herself",
	"himself", "yourself", "themselves", "selfharm", "selfharming", "selfharmed",
	"paracetamol", "painkillers", "medication", "antidepressants", "anymore", "goodbye",
	"everyone", "unalive",
}

// classes are word sets a pattern names with @.
var classes = map[string][]string{
	"self": {"myself", "yourself", "herself", "himself", "themselves", "themself", "ourselves",
		"oneself", "yourselves"},
	"poss": {"my", "her", "his", "their", "your", "our"},
	"drug": {"pills", "pill", "tablets", "tablet", "meds", "medication", "medications",
		"medicine", "medicines", "paracetamol", "painkillers", "sleeping", "antidepressants",
		"sertraline", "citalopram", "fluoxetine", "mirtazapine", "amitriptyline", "diazepam",
		"codeine", "codamol", "cocodamol", "tramadol", "insulin", "lithium", "quetiapine",
		"olanzapine", "pregabalin", "gabapentin", "zopiclone", "propranolol", "ibuprofen",
		"aspirin", "morphine", "oxycodone", "heroin", "methadone"},
	// treat: "overdosed on chocolate" is an idiom. Anything else after
	// "overdosed on" (a drug, a medicine, a word we do not know) triggers.
	"treat": {"chocolate", "chocolates", "choc", "cake", "cakes", "sugar", "sweets", "biscuits",
		"crisps", "pizza", "cheese", "coffee", "tea", "chips", "ice", "netflix", "tv", "telly",
		"love", "sunshine", "carbs", "food", "mince",
		"candy", "doughnuts", "donuts", "custard", "pudding", "dessert", "cookies", "mindfulness",
		"yoga", "podcasts", "memes", "kindness", "books", "music", "tiktok", "gardening"},
	"height": {"bridge", "building", "roof", "rooftop", "cliff", "cliffs", "balcony", "tower",
		"block", "flats", "carpark", "multistorey", "ledge", "motorway", "flyover", "overpass",
		"viaduct", "pier", "floor", "storey", "top", "window"},
	"vehicle": {"train", "trains", "bus", "car", "cars", "lorry", "lorries", "truck", "trucks",
		"traffic", "tube", "tram", "van"},
	"body": {"wrists", "wrist", "throat", "arms", "arm", "legs", "leg", "thighs", "thigh", "skin",
		"stomach", "neck"},
	// activity: "I hurt myself gardening" is an accident, not self-harm.
	"activity": {"gardening", "cooking", "running", "walking", "playing", "lifting",
		"exercising", "digging", "cycling", "dancing", "shaving", "chopping", "slicing", "peeling",
		"baking", "ironing", "cleaning", "working", "training", "swimming", "climbing", "falling",
		"slipping", "tripping", "pruning", "weeding", "hiking", "jogging", "football", "yoga",
		"moving", "opening", "carrying", "doing", "sport", "gym", "work", "accidentally"},
	// dyed: "thinking about dying my hair" is about dye.
	"dyed": {"hair", "roots", "clothes", "jeans", "shirt", "top", "fabric", "wool", "eyebrows",
		"beard", "fringe"},
	// lifething: "done with life admin", "the point of life coaching".
	"lifething": {"admin", "skills", "coach", "coaching", "insurance", "story", "stories",
		"expectancy", "lessons", "drawing", "experience", "experiences", "room", "rooms", "wage",
		"costs", "cost", "standards", "arrangements", "space", "situation", "goals", "events",
		"changes", "plan", "plans", "hacks", "style", "savings", "cycle", "science", "sciences"},
	// topic and topiclead make a match a subject of study, not a person.
	"topic": {"prevention", "awareness", "training", "course", "courses", "session", "sessions",
		"workshop", "workshops", "module", "modules", "class", "classes", "leaflet", "leaflets",
		"research", "statistics", "stats", "rates", "charity", "charities", "helpline",
		"helplines", "hotline", "policy", "policies", "bereavement", "survivors", "survivor",
		"conference", "webinar", "webinars", "lecture", "lectures", "documentary", "podcast",
		"article", "articles", "campaign", "intervention", "interventions", "toolkit", "lesson",
		"lessons", "topic", "topics", "talk", "talks", "champion", "champions", "trainer", "guidance", "resources",
		"studies", "study"},
	"topiclead": {"understanding", "preventing", "prevent", "recognising", "recognizing",
		"spotting", "discussing", "covering", "covers", "teaching", "teaches", "explaining",
		"explains"},
	"negation": {"dont", "not", "never", "doesnt", "didnt", "nobody", "noone", "wont", "wouldnt"},
}

// words canonicalises the spelling, joins and typo tables.
func (d *detector) words() {
	d.spelling = map[string][]string{}
	for k, v := range spelling {
		var ws []string
		for _, w := range strings.Fields(v) {
			ws = append(ws, canonical(w))
		}
		d.spelling[k] = ws
	}
	d.joins = map[string]string{}
	for k, v := range joins {
		a, b, _ := strings.Cut(k, " ")
		d.joins[canonical(a)+" "+canonical(b)] = canonical(v)
	}
	for _, w := range typoTargets {
		d.targets = append(d.targets, canonical(w))
	}
}
