package college

// RegisterTx reads and marks registers.
type RegisterTx interface {
}
