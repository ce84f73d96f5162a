package twilio

import "collegebot/internal/college"

// observe tells Observe, if set, what became of an inbound request.
func (h *Handler) observe(result string) {
	if h.Observe != nil {
		h.Observe(result)
	}
}

// observeStatus tells ObserveStatus, if set, of a status callback.
func (h *Handler) observeStatus(status string) {
	if h.ObserveStatus != nil {
		h.ObserveStatus(status)
	}
}

// storedOrDuplicate is the result of a message taken: stored when fresh.
func storedOrDuplicate(fresh bool) string {
	if fresh {
		return college.InboundStored
	}
	return college.InboundDuplicate
}
