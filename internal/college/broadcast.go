package college

// BroadcastTx keeps broadcasts: drafts, their audiences, queuing and
// progress.
type BroadcastTx interface {
}
