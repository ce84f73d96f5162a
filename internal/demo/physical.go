package demo

import (
	"time"

	"collegebot/internal/college"
)

// physicalHealth returns the courses on understanding and managing physical
// health.
func physicalHealth() []course {
	return []course{
		{Course: college.Course{
			Code: "PH1", Title: "Sleep well", Topic: topicPhysical, Capacity: 20,
			Summary: "Why sleep goes wrong and what helps you sleep better.",
			Description: "For anyone who struggles to get to sleep, stay asleep or wakes up tired. " +
				"We look at how sleep works, how mood and sleep affect each other, and small changes worth trying.",
			Facilitators: "Dan Firth (peer trainer); Dr Helen Moss (sleep physiologist)",
			Partner:      partnerNHS,
		}, slot: slot{time.Tuesday, 1330, 1500}, week: 2, count: 2},

		{Course: college.Course{
			Code: "PH2", Title: "Managing pain", Topic: topicPhysical, Capacity: 12,
			Summary: "Living well alongside long-term pain.",
			Description: "For anyone living with pain that has lasted three months or more. " +
				"Learn how pain works, how to pace yourself and handle flare-ups, with others who understand.",
			Facilitators: "Chris Naylor (peer trainer); Anita Kaur (physiotherapist)",
			Partner:      partnerNHS,
		}, venue: "centre", slot: slot{time.Thursday, 1000, 1200}, week: 1, count: 4},

		{Course: college.Course{
			Code: "PH3", Title: "Living well with diabetes", Topic: topicPhysical, Capacity: 12,
			Summary: "Understanding type 2 diabetes and taking charge of it.",
			Description: "For anyone living with type 2 diabetes or at risk of it, and the people close to them. " +
				"Food, activity, medicines and mood in plain language, with a specialist nurse and someone who has lived it.",
			Facilitators: "Raj Patel (peer trainer); Gemma Holt (diabetes specialist nurse)",
			Partner:      partnerNHS,
		}, venue: "library", slot: slot{time.Tuesday, 1000, 1200}, week: 5, count: 2},

		{Course: college.Course{
			Code: WomenOnlyCourse, Title: "Menopause and mood", Topic: topicPhysical, Capacity: 16, Cohort: "women",
			Summary: "How menopause affects mood, and what can help.",
			Description: "For women going through perimenopause or menopause, or who want to know what to expect. " +
				"We talk openly about symptoms, mood, sleep and getting the most from your GP, in a women-only group.",
			Facilitators: "Michelle Ward (peer trainer); Dr Fiona Beck (GP)",
			Partner:      partnerWomen,
		}, slot: slot{time.Wednesday, 1800, 1930}, week: 2, count: 2},

		{Course: college.Course{
			Code: "PH5", Title: "Healthy eating on a budget", Topic: topicPhysical, Capacity: 10,
			Summary: "Cheap, tasty and healthy meals, cooked together.",
			Description: "For anyone who wants to eat better without spending more. " +
				"We plan and cook simple meals in the centre's kitchen, and you take home the recipes and what you make.",
			Facilitators: "Steph Brook (peer trainer); Liam Carr (dietitian)",
			Partner:      partnerCouncil,
		}, venue: "centre", slot: slot{time.Monday, 1330, 1530}, week: 4, count: 2},

		{Course: college.Course{
			Code: AdultsOnlyCourse, Title: "Cutting down on alcohol", Topic: topicPhysical, Capacity: 14, MinAge: 18,
			Summary: "Looking at your drinking and how to cut down safely.",
			Description: "For adults who want to think about their drinking, with no judgement and no pressure to stop. " +
				"We look at how alcohol affects mood and sleep, and plan small changes. " +
				"If you drink heavily, talk to your GP before stopping suddenly.",
			Facilitators: "Gary Horne (peer trainer); Zara Ali (alcohol recovery worker)",
			Partner:      partnerCouncil,
		}, slot: slot{time.Thursday, 1800, 1930}, week: 6, count: 2},
	}
}
