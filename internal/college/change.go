package college

// SessionTx changes sessions and courses on staff's word: cancelled or
// moved.
type SessionTx interface {
}
