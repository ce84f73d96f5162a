// Command loadgen measures collegebot serve under load and checks that it
// loses nothing. It starts serve in a process of its own on a loopback
// port, on a demo college in a temporary directory, with stub Twilio and
// Telegram APIs beside it, drives signed webhooks at it from simulated
// students, and reports throughput and latency, against a bare handler
// that only checks signatures (the ceiling). It only ever talks to
// loopback, and every run is bounded in time.
//
//	loadgen run [--students N] [--rate R] [--duration D] [--conns C]
//	loadgen broadcast [--recipients N]
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := root().ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func root() *cobra.Command {
	var o loadOptions
	cmd := &cobra.Command{
		Use:           "loadgen",
		Short:         "Measure collegebot serve under load, on loopback, with stub providers",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	cmd.AddCommand(runCmd(&o), broadcastCmd(), bareCmd(), crashCmd(), faultyCmd())
	return cmd
}
