package main

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestServeUsage(t *testing.T) {
	dir := t.TempDir()
	short := filepath.Join(dir, "short")
	os.WriteFile(short, []byte("abc\n"), 0o600)
	for _, args := range [][]string{
		{"serve", "--addr", "nowhere"},
		{"serve", "--token-file", filepath.Join(dir, "missing")},
		{"serve", "--token-file", short},
		{"serve", "--dict", "x.txt"},
		{"serve", "--window", "3"},
		{"serve", "extra"},
	} {
		_, errOut, st := run(t, "", append(args, "--db", filepath.Join(dir, "x.db"))...)
		if st != exitUsage {
			t.Errorf("%v: status %d, want %d: %s", args, st, exitUsage, errOut)
		}
	}
}

// TestServeSignal starts the server on a free port, reads the address it
// prints, asks /healthz, then stops it with SIGTERM: it must shut down
// gracefully and exit 0.
func TestServeSignal(t *testing.T) {
	cmd := exec.Command(binary, "serve", "--db", filepath.Join(t.TempDir(), "s.db"), "--addr", "127.0.0.1:0")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	sc := bufio.NewScanner(stderr)
	addrRe := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)
	var addr string
	for sc.Scan() {
		if m := addrRe.FindStringSubmatch(sc.Text()); m != nil {
			addr = m[1]
			break
		}
	}
	if addr == "" {
		t.Fatal("the server did not print its address")
	}
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"read_only":true`) {
		t.Fatalf("healthz: %d %s", resp.StatusCode, body)
	}
	resp, err = http.Post("http://"+addr+"/api/documents", "application/x-ndjson", strings.NewReader(`{"id":"a","text":"x"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST to a read-only server: %d", resp.StatusCode)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// Read stderr to its end (the process exited) before Wait closes it.
	type result struct {
		out string
		err error
	}
	done := make(chan result, 1)
	go func() {
		var b strings.Builder
		for sc.Scan() {
			b.WriteString(sc.Text() + "\n")
		}
		done <- result{b.String(), cmd.Wait()}
	}()
	select {
	case r := <-done:
		if r.err != nil || !strings.Contains(r.out, "server stopped") {
			t.Errorf("after SIGTERM: %v, stderr %q", r.err, r.out)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the server did not stop on SIGTERM")
	}
}
