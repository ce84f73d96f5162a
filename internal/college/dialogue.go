package college

import "time"

// DialogueTTL is how long a half-finished dialogue waits for the student.
const DialogueTTL = 24 * time.Hour

// Dialogue is where a student is in a conversation: the question awaiting an
// answer, what has been gathered so far, and the commands behind the numbers
// of the list last shown. It is stored, so a restart loses nothing.
type Dialogue struct {
	StudentID int64
	State     string
	Data      map[string]string
	Choices   []string
	Expires   time.Time
}

// Get returns a value gathered earlier in the dialogue.
func (d Dialogue) Get(key string) string { return d.Data[key] }

// Set records a value for later in the dialogue.
func (d *Dialogue) Set(key, value string) {
	if d.Data == nil {
		d.Data = map[string]string{}
	}
	d.Data[key] = value
}
