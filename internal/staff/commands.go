package staff

import (
	"maps"
	"slices"
	"strings"

	"collegebot/internal/college"
)

// command is one staff command: the least role that may run it, how it is
// typed (without its prefix), what it does, and the function that runs it.
type command struct {
	role  college.Role
	usage string
	about string
	run   func(*request) error
	// reads is set for a command that only reads: it runs in a read
	// transaction, which holds up no one's writes.
	reads bool
}

// table gathers every staff command. Each area of work keeps its own in
// its own file.
func (d *Desk) table() map[string]command {
	t := map[string]command{
		"help": {role: college.Facilitator, usage: "help", about: "the commands you can use", run: (*request).help},
	}
	for _, part := range []map[string]command{
		memberCommands(), broadcastCommands(), sessionCommands(), registerCommands(),
		handoffCommands(), reportCommands(), alertCommands(),
	} {
		maps.Copy(t, part)
	}
	return t
}

// help lists the commands the member's role allows.
func (r *request) help() error {
	var b strings.Builder
	b.WriteString("Staff commands:")
	for _, name := range slices.Sorted(maps.Keys(r.commands)) {
		c := r.commands[name]
		if !r.member.Role.Can(c.role) {
			continue
		}
		b.WriteString("\n" + prefix(r.in.Channel) + c.usage + " - " + c.about)
	}
	r.say("%s", b.String())
	return nil
}
