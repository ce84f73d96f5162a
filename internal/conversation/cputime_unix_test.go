//go:build unix

package conversation_test

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time this process has used, user and system, so
// that a benchmark can report its own cost on a machine others share.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
