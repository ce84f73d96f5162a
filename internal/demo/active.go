package demo

import (
	"time"

	"collegebot/internal/college"
)

// getActive returns the physical activity courses.
func getActive() []course {
	return []course{
		{Course: college.Course{
			Code: "GA1", Title: "Walking football", Topic: topicActive, Capacity: 16,
			Summary: "Football at walking pace: friendly, fun and for all.",
			Description: "For anyone who wants to get moving again, whatever your fitness or age. " +
				"No running, no tackling and no experience needed, just comfortable shoes. " +
				"Tea and a chat afterwards in the club's community room.",
			Facilitators: "Mick Senior (peer trainer); Jordan Pyke (community coach)",
			Partner:      partnerFootball,
		}, venue: "football", slot: slot{time.Friday, 1330, 1500}, week: 0, count: 4},

		{Course: college.Course{
			Code: "GA2", Title: "Gentle chair yoga", Topic: topicActive, Capacity: 20,
			Summary: "Seated yoga and breathing you can do at home.",
			Description: "For anyone who finds exercise hard to start, including people with limited mobility. " +
				"Every move can be done sitting down, and all you need is a sturdy chair without wheels.",
			Facilitators: "Sue Lumb (peer trainer); Dr Kofi Mensah (exercise scientist)",
			Partner:      partnerUniversity,
		}, slot: slot{time.Wednesday, 1000, 1100}, week: 3, count: 4},

		{Course: college.Course{
			Code: FullCourse, Title: "Allotment growing", Topic: topicActive, Capacity: 6,
			Summary: "Grow your own on our shared plot, with support.",
			Description: "For anyone who would like to grow fruit, veg or flowers, even if you have never gardened. " +
				"Fresh air, gentle activity and good company on the college's plot. " +
				"Tools and gloves provided; wear clothes you don't mind getting muddy.",
			Facilitators: "Alan Haigh (peer trainer); Rosie Bell (community gardener)",
			Partner:      partnerAllotments,
		}, venue: "allotment", slot: slot{time.Tuesday, 1000, 1200}, week: 2, count: 3},
	}
}

// skillsAndHobbies returns the courses on life skills and creative hobbies.
func skillsAndHobbies() []course {
	return []course{
		{Course: college.Course{
			Code: "SH1", Title: "Creative writing", Topic: topicSkills, Capacity: 12,
			Summary: "Write for fun and wellbeing, in a friendly group.",
			Description: "For anyone who enjoys words or wants to try writing, whatever your spelling. " +
				"Short exercises, poems and stories, and you only share if you want to.",
			Facilitators: "Nina Sykes (peer trainer); Owen Hale (writer in residence)",
			Partner:      partnerLibraries,
		}, venue: "church", slot: slot{time.Tuesday, 1330, 1530}, week: 5, count: 4},

		{Course: college.Course{
			Code: "SH2", Title: "Using your smartphone", Topic: topicSkills, Capacity: 8,
			Summary: "Get more from your phone: apps, video calls and staying safe.",
			Description: "For anyone who feels left behind by smartphones. " +
				"Bring your own phone and learn at your own pace: messages, video calls, the NHS App and spotting scams. " +
				"Loan phones are there if you don't have one.",
			Facilitators: "Ian Platt (peer trainer); Chloe Dyson (digital champion)",
			Partner:      partnerDigital,
		}, venue: "library", slot: slot{time.Thursday, 1000, 1200}, week: 7, count: 2},

		{Course: college.Course{
			Code: "SH3", Title: "Money and debt confidence", Topic: topicSkills, Capacity: 20,
			Summary: "Feel more in control of money, bills and debt.",
			Description: "For anyone worried about money or bills. " +
				"A one-off session on budgeting, dealing with debt and where to get free, confidential advice. " +
				"Nobody will ask about your own finances.",
			Facilitators: "Tess Hirst (peer trainer); Paul Oduya (money adviser)",
			Partner:      partnerMoney,
		}, slot: slot{time.Tuesday, 1800, 1930}, week: 9, count: 1},
	}
}
