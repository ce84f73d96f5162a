package college

// HandoffTx keeps hand-offs: students who asked for a person.
type HandoffTx interface {
}
