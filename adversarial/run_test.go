//go:build linux || darwin

package adversarial

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The binary under test is built once per test binary from this module,
// unless REDLINE_BIN names one.
var (
	binOnce sync.Once
	binDir  string
	binPath string
	binErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

func redlineBinary(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		if p := os.Getenv("REDLINE_BIN"); p != "" {
			binPath = p
			return
		}
		// go test puts GOROOT/bin first on PATH.
		goTool, err := exec.LookPath("go")
		if err != nil {
			binErr = err
			return
		}
		if binDir, binErr = os.MkdirTemp("", "redline-adversarial"); binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "redline")
		out, err := exec.Command(goTool, "build", "-o", binPath, "github.com/redline-events/redline/cmd/redline").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("building redline: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// result is what one run of the binary left behind.
type result struct {
	stdout, stderr string
	exit           int
	maxRSS         int64 // bytes, the child's peak resident set
	elapsed        time.Duration
	killed         bool // ended by a signal
}

// run runs redline with args and fails the test if it does not end within
// timeout (a hang) or if it panicked.
func run(t testing.TB, timeout time.Duration, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, redlineBinary(t), args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.WaitDelay = 5 * time.Second
	start := time.Now()
	err := cmd.Run()
	res := result{stdout: out.String(), stderr: errb.String(), elapsed: time.Since(start)}
	if ctx.Err() != nil {
		t.Fatalf("redline %s: still running after %v (a hang?); stderr ends:\n%s", strings.Join(args, " "), timeout, tail(res.stderr, 2000))
	}
	if cmd.ProcessState == nil {
		t.Fatalf("redline %s: %v", strings.Join(args, " "), err)
	}
	res.exit = cmd.ProcessState.ExitCode()
	res.maxRSS = maxRSS(cmd.ProcessState)
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		res.killed = true
	}
	checkNoCrash(t, args, res)
	return res
}

// checkNoCrash fails on a Go panic or runtime fatal error in stderr.
func checkNoCrash(t testing.TB, args []string, res result) {
	t.Helper()
	for _, sign := range []string{"panic: ", "fatal error: ", "goroutine 1 [", "SIGSEGV"} {
		if strings.Contains(res.stderr, sign) {
			t.Fatalf("redline %s crashed (%q in stderr):\n%s", strings.Join(args, " "), sign, tail(res.stderr, 4000))
		}
	}
}

func maxRSS(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" {
		return int64(ru.Maxrss) // bytes there
	}
	return int64(ru.Maxrss) << 10 // KiB on Linux
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "..." + s[len(s)-n:]
}

func mib(n int64) float64 { return float64(n) / (1 << 20) }
