package main

import "runtime/debug"

// serveGCPercent is the garbage collector's target for serve unless GOGC
// says otherwise. Go's default (100) lets serve's small heap, about 20 MB
// under load, fill and be collected dozens of times a second, each time
// slowing the webhooks (mark assists); at 400 serve handled 10-25% more
// messages a second at 4,000 offered, for about 60 MB more memory.
// GOMEMLIMIT (fly.toml) makes the collector work harder near the machine's
// memory instead.
const serveGCPercent = 400

// tuneGC sets serve's garbage collector target unless GOGC is set, and
// returns the target in force.
func tuneGC(getenv func(string) string) int {
	if getenv("GOGC") != "" {
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p
	}
	debug.SetGCPercent(serveGCPercent)
	return serveGCPercent
}
