// Command collegebot is a messaging-first enrolment and reminder service for
// Recovery and Wellbeing Colleges. Run "collegebot help" for its commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // the college's time zone must load on a bare container

	"github.com/spf13/cobra"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	var exit exitError
	switch {
	case errors.As(err, &exit):
		os.Exit(int(exit))
	case err != nil:
		fmt.Fprintln(os.Stderr, "collegebot:", err)
		os.Exit(1)
	}
}

// exitError ends the program with a status after its own message was shown.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// env is what every command is given: the configuration source and the
// standard streams, so tests can run commands in-process.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// run parses the command line and runs the command it names.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:           "collegebot",
		Short:         "Enrolment and reminders by text message for a Recovery and Wellbeing College",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().String("db", "", "SQLite database file (default $COLLEGEBOT_DB or collegebot.db)")
	root.AddCommand(demoCmd(e), chatCmd(e), importCmd(e), serveCmd(e), linkCmd(e), jobsCmd(e), staffCmd(e), reportCmd(e))
	root.AddCommand(sessionCmd(e), courseCmd(e), registerCmd(e))
	root.AddCommand(broadcastCmd(e), alertsCmd(e))
	root.AddCommand(backupCmd(e), restoreCmd(e), doctorCmd(e))
	root.AddCommand(inboxCmd(e))
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	return root.ExecuteContext(ctx)
}
