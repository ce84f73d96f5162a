package demo

import (
	"time"

	"collegebot/internal/college"
)

// mentalHealth returns the courses on understanding and managing mental
// health.
func mentalHealth() []course {
	return []course{
		{Course: college.Course{
			Code: "MH1", Title: "Understanding anxiety", Topic: topicMental, Capacity: 16,
			Summary: "What anxiety is, why it happens and ways to manage it.",
			Description: "For anyone who lives with anxiety or supports someone who does. " +
				"We look at what happens in body and mind when we feel anxious, and share practical ways to cope.",
			Facilitators: "Sam Reid (peer trainer); Dr Priya Shah (clinical psychologist)",
			Partner:      partnerNHS,
		}, slot: slot{time.Tuesday, 1800, 1930}, week: 0, count: 3},

		{Course: college.Course{
			Code: "MH2", Title: "Living with low mood", Topic: topicMental, Capacity: 12,
			Summary: "Understanding low mood and small steps that can help.",
			Description: "For anyone who has felt low for a while, or wants to understand depression better. " +
				"A friendly group where we share what helps, from daily routines to reaching out. " +
				"No need to speak unless you want to.",
			Facilitators: "Lou Marsh (peer trainer); Tom Okafor (mental health nurse)",
			Partner:      partnerNHS,
		}, venue: "library", slot: slot{time.Wednesday, 1000, 1200}, week: 1, count: 3},

		{Course: college.Course{
			Code: SensitiveCourse, Title: "Hearing voices", Topic: topicMental, Capacity: 10, Sensitive: true,
			Summary: "A safe space to understand and live well with voices.",
			Description: "For anyone who hears voices or sees things others don't, and for people who support them. " +
				"Co-produced with voice hearers, we explore different ways of making sense of voices and coping day to day. " +
				"You are welcome just to listen.",
			Facilitators: "Jade Whitworth (peer trainer); Dr Alan Brierley (psychologist)",
			Partner:      partnerVoices,
		}, venue: "church", slot: slot{time.Thursday, 1330, 1530}, week: 2, count: 4},

		{Course: college.Course{
			Code: "MH4", Title: "Recovery and hope", Topic: topicMental, Capacity: 14,
			Summary: "What recovery can mean for you and how to keep hope going.",
			Description: "For anyone starting out on their own recovery, whatever that looks like for you. " +
				"Peer trainers share their stories and we explore hope, control and opportunity. " +
				"A good first course if you are new to the college.",
			Facilitators: "Kerry Dale (peer trainer); Mo Hussain (occupational therapist)",
			Partner:      partnerPeers,
		}, venue: "base", slot: slot{time.Monday, 1000, 1200}, week: 0, count: 2},

		{Course: college.Course{
			Code: "MH5", Title: "WRAP: your wellness plan", Topic: topicMental, Capacity: 12,
			Summary: "Write your own Wellness Recovery Action Plan.",
			Description: "For anyone who wants to stay well and feel more in control when things get hard. " +
				"Over six weeks you build your own plan: what keeps you well, your early warning signs and who you want to help. " +
				"Your plan belongs to you and you share only what you choose.",
			Facilitators: "Pat Greenwood (peer trainer); Ruth Allen (WRAP facilitator)",
			Partner:      partnerPeers,
		}, venue: "base", slot: slot{time.Friday, 1000, 1200}, week: 1, count: 6},

		{Course: college.Course{
			Code: "MH6", Title: "Mindfulness for beginners", Topic: topicMental, Capacity: 20,
			Summary: "Simple mindfulness practices to try at home.",
			Description: "For anyone curious about mindfulness, with no experience needed. " +
				"Short guided practices, time to talk about how they went, and ideas for fitting them into a busy day. " +
				"Cameras can stay off.",
			Facilitators: "Ellis Crowther (peer trainer); Nadia Rahman (mindfulness teacher)",
			Partner:      partnerNHS,
		}, slot: slot{time.Monday, 1800, 1930}, week: 3, count: 3},

		{Course: college.Course{
			Code: "MH7", Title: "Carers' wellbeing", Topic: topicMental, Capacity: 16, Cohort: "carers",
			Summary: "Looking after yourself while you care for someone else.",
			Description: "For anyone who cares for a family member or friend. " +
				"A space to think about your own wellbeing, set limits and find support near you. " +
				"Run with carers who know how it feels.",
			Facilitators: "Bev Lockwood (peer trainer); Joel Ince (carers' support worker)",
			Partner:      partnerCarers,
		}, slot: slot{time.Wednesday, 1330, 1500}, week: 4, count: 2},
	}
}
