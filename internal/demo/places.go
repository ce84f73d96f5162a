package demo

import "collegebot/internal/college"

// The demo college's partner organisations. All are invented; any likeness
// to a real organisation is chance.
const (
	partnerNHS        = "Calderbrook Health NHS Trust"
	partnerVoices     = "Hearthside Voices Collective"
	partnerPeers      = "Lanterns Peer Support"
	partnerCarers     = "Kingfisher Carers Network"
	partnerWomen      = "Brightwater Women's Centre"
	partnerCouncil    = "Calderbrook Council"
	partnerLibraries  = "Calderbrook Libraries"
	partnerFootball   = "Calderbrook Town FC Foundation"
	partnerAllotments = "Hollin Lane Allotment Society"
	partnerUniversity = "Calder Moor University"
	partnerDigital    = "Threadgold Digital"
	partnerMoney      = "Moorside Money Advice"
)

// partners returns the organisations that co-produce the demo courses or lend
// their rooms, each with its kind.
func partners() []college.Partner {
	return []college.Partner{
		{Name: partnerNHS, Kind: "NHS", Contact: "recovery@calderbrook-health.example"},
		{Name: partnerVoices, Kind: "charity", Contact: "hello@hearthside.example"},
		{Name: partnerPeers, Kind: "charity", Contact: "team@lanterns.example"},
		{Name: partnerCarers, Kind: "charity", Contact: "support@kingfisher-carers.example"},
		{Name: partnerWomen, Kind: "charity", Contact: "info@brightwater.example"},
		{Name: partnerCouncil, Kind: "council", Contact: "publichealth@calderbrook-council.example"},
		{Name: partnerLibraries, Kind: "library", Contact: "libraries@calderbrook-council.example"},
		{Name: partnerFootball, Kind: "club", Contact: "community@calderbrooktownfc.example"},
		{Name: partnerAllotments, Kind: "club", Contact: "secretary@hollinlane.example"},
		{Name: partnerUniversity, Kind: "university", Contact: "sport-science@caldermoor.example"},
		{Name: partnerDigital, Kind: "business", Contact: "community@threadgold.example"},
		{Name: partnerMoney, Kind: "charity", Contact: "advice@moorside-money.example"},
	}
}

// venues returns the rooms the demo courses meet in, by key. Names are short
// because SMS shows them; postcodes use real West Yorkshire districts with
// invented units.
func venues() map[string]college.Venue {
	return map[string]college.Venue{
		"library": {
			Name:     "Calderbrook Library",
			Address:  "Market Street, Calderbrook",
			Postcode: "WF1 2DD",
			Access:   "Step-free entrance and lift to all floors. Hearing loop. Accessible toilet. Blue badge parking at the rear.",
		},
		"football": {
			Name:     "Town FC Community Room",
			Address:  "Brookfield Stadium, Station Road, Calderbrook",
			Postcode: "WF2 8QR",
			Access:   "Ground-floor room, step-free from the car park. Accessible toilet. Free parking.",
		},
		"allotment": {
			Name:     "Hollin Lane Allotments",
			Address:  "Hollin Lane, Calderbrook",
			Postcode: "WF3 1HL",
			Access:   "Level paths to raised beds at seat height; some uneven ground. Accessible toilet in the pavilion. Parking by the gate.",
		},
		"centre": {
			Name:     "Orchard Community Centre",
			Address:  "12 Orchard Road, Eastfield, Calderbrook",
			Postcode: "WF4 3NB",
			Access:   "Step-free throughout. Hearing loop in the main hall. Accessible toilet. On-street parking.",
		},
		"church": {
			Name:     "St Anne's Church Hall",
			Address:  "Church Lane, Westgate, Calderbrook",
			Postcode: "WF1 4SA",
			Access:   "Ramp at the side door. Hearing loop. Accessible toilet. No parking on site; bus stop outside.",
		},
		"base": {
			Name:     "Bank House College Base",
			Address:  "3 Bank Street, Calderbrook",
			Postcode: "WF1 1EJ",
			Access:   "Lift to the first-floor rooms. Accessible toilet. Quiet room. Parking in Bank Street car park.",
		},
	}
}
