// Command redline turns news into political event data: it reads articles,
// finds who did what to whom, when and where, codes the events in CAMEO and
// stores, analyses and serves them.
//
// Each command lives in its own file and registers itself on rootCmd.
package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

// Exit statuses: 0 when everything was read, 1 when some documents were
// rejected (or another runtime failure), 2 on usage errors.
const (
	exitOK       = 0
	exitRejected = 1
	exitUsage    = 2
)

var rootCmd = &cobra.Command{
	Use:   "redline",
	Short: "Turn news into CAMEO event data and escalation alerts",
	Long: `redline reads news (plain text, HTML, RSS/Atom feeds, JSON lines), finds who did
what to whom, when and where, codes each event in CAMEO with its Goldstein score,
QuadClass and PLOVER type, keeps the sentence that justifies it, and turns events
into dyad time series, escalation alerts and a dashboard.`,
	SilenceUsage:  true,
	SilenceErrors: true,
}

// usageError marks errors in how redline was called (exit status 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// rejectedError reports that a run finished but some input was rejected
// (exit status 1); the details were already printed.
type rejectedError struct{ n int }

func (e rejectedError) Error() string { return fmt.Sprintf("%d documents rejected", e.n) }

func main() {
	rootCmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	err := rootCmd.Execute()
	os.Exit(exitStatus(err))
}

func exitStatus(err error) int {
	if err == nil {
		return exitOK
	}
	var rej rejectedError
	if errors.As(err, &rej) {
		return exitRejected
	}
	fmt.Fprintln(os.Stderr, "redline:", err)
	var ue usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		return exitUsage
	}
	return exitRejected
}

// isCobraUsage recognises cobra's own argument errors, which it does not type.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires at least", "invalid argument"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}
