//go:build !unix

package conversation_test

import "time"

// cpuTime is not measured here: it is always zero.
func cpuTime() time.Duration { return 0 }
