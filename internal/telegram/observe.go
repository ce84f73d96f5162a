package telegram

import "collegebot/internal/college"

// notify tells an Observe hook, if set, what became of an update.
func notify(observe func(string), result string) {
	if observe != nil {
		observe(result)
	}
}

// storedOrDuplicate is the result of an update stored: stored when fresh.
func storedOrDuplicate(fresh bool) string {
	if fresh {
		return college.InboundStored
	}
	return college.InboundDuplicate
}
