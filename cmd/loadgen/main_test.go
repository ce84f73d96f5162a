package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"testing"
)

// testBin is collegebot built once for the package's tests, or "" under
// -short, where the tests that run it are skipped.
var testBin string

func TestMain(m *testing.M) {
	// The ceiling runs this program again as "loadgen bare": in tests, the
	// program is the test binary.
	if len(os.Args) > 1 && os.Args[1] == "bare" {
		main()
		return
	}
	flag.Parse()
	os.Exit(func() int {
		dir, err := os.MkdirTemp("", "loadgen-test-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		if !testing.Short() {
			if testBin, err = build(context.Background(), dir); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 1
			}
		}
		return m.Run()
	}())
}

// needServe skips a test that runs collegebot serve under -short.
func needServe(t *testing.T) {
	t.Helper()
	if testBin == "" {
		t.Skip("runs collegebot serve: not with -short")
	}
}
