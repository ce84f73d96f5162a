package main

import (
	"runtime/debug"
	"testing"
)

// serve sets its own collector target, unless the operator set GOGC.
func TestTuneGC(t *testing.T) {
	before := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(before) })
	if got := tuneGC(envOf()); got != serveGCPercent || debug.SetGCPercent(100) != serveGCPercent {
		t.Errorf("with GOGC unset the target is %d, want %d", got, serveGCPercent)
	}
	if got := tuneGC(envOf("GOGC", "150")); got != 100 || debug.SetGCPercent(100) != 100 {
		t.Errorf("with GOGC set serve changed the target to %d; Go's own reading of GOGC must stand", got)
	}
}
