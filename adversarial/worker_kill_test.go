//go:build linux || darwin

package adversarial

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redline-events/redline/sqlite"
)

// startNATS starts a JetStream server of the test's own on 127.0.0.1 and
// returns its URL; it is stopped with the test.
func startNATS(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("nats-server")
	if err != nil {
		t.Skip("nats-server is not installed: no queue to test against")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cmd := exec.Command(bin, "-js", "-a", "127.0.0.1", "-p", fmt.Sprint(port), "-sd", t.TempDir())
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(50 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return "nats://" + addr
		}
	}
	t.Fatal("nats-server did not start")
	return ""
}

// mentionSignature lists every stored mention (document, sentence, code,
// actors, mode): unlike event ids and merges, it does not depend on the order
// in which concurrent coders stored the documents.
func mentionSignature(t *testing.T, path string) (docs int, mentions []string) {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range signatureOf(t, path).ids() {
		se, err := s.Event(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range se.MentionList {
			mentions = append(mentions, fmt.Sprintf("%s#%d %s %s>%s %s [%d,%d)", m.DocID, m.Sentence, m.Code,
				actorCode(m.Source), actorCode(m.Target), m.Mode, m.Evidence.Start, m.Evidence.End))
		}
	}
	sort.Strings(mentions)
	return st.Documents, mentions
}

func (s storeSignature) ids() []string {
	ids := make([]string, len(s.events))
	for i, e := range s.events {
		ids[i], _, _ = strings.Cut(e, " ")
	}
	return ids
}

// TestWorkerKillResume publishes a corpus to a NATS queue, kills "redline
// worker" with SIGKILL at random moments, then drains the queue with a last
// worker: every document is stored once, with the same mentions as a direct
// "redline ingest" of the same corpus (none lost, none twice).
func TestWorkerKillResume(t *testing.T) {
	rounds := 1
	if s := os.Getenv(killRoundsEnv); s != "" {
		fmt.Sscan(s, &rounds)
	}
	if testing.Short() || rounds == 0 {
		t.Skip("runs redline worker against a NATS server")
	}
	natsURL := startNATS(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "news.jsonl")
	const nDocs = 3000
	if err := writeNewsCorpus(corpus, nDocs, 2); err != nil {
		t.Fatal(err)
	}
	clean := filepath.Join(dir, "clean.db")
	res := run(t, 10*time.Minute, "ingest", "--db", clean, "--progress", "never", corpus)
	if res.exit != 0 {
		t.Fatalf("direct ingest: exit %d\n%s", res.exit, tail(res.stderr, 2000))
	}
	// A worker takes about as long as a direct ingest: kill within that.
	full := res.elapsed
	wantDocs, want := mentionSignature(t, clean)
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 3))
	passed, kills := 0, 0
	for round := range rounds {
		q := fmt.Sprintf("%s?stream=KILL%d", natsURL, round)
		db := filepath.Join(dir, fmt.Sprintf("worker%d.db", round))
		if res := run(t, 5*time.Minute, "ingest", "--queue", q, "--progress", "never", corpus); res.exit != 0 {
			t.Fatalf("publishing: exit %d\n%s", res.exit, tail(res.stderr, 2000))
		}
		var at []string
		for range 1 + r.IntN(3) {
			cmd := exec.Command(redlineBinary(t), "worker", "--queue", q, "--db", db, "--batch", "10", "-j", "2", "--ack-wait", "2s", "--drain")
			var errb strings.Builder
			cmd.Stderr = &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			delay := time.Duration(r.Int64N(int64(full)))
			select {
			case <-exited:
				at = append(at, "drained first")
				continue
			case <-time.After(delay):
			}
			cmd.Process.Signal(syscall.SIGKILL)
			<-exited
			checkNoCrash(t, []string{"worker"}, result{stderr: errb.String()})
			kills++
			n := 0
			if _, err := os.Stat(db); err == nil {
				n = storedDocs(t, db)
			}
			at = append(at, fmt.Sprintf("%.2fs/%d docs stored", delay.Seconds(), n))
		}
		// The last worker waits out the ack wait of what the killed ones held.
		res := run(t, 10*time.Minute, "worker", "--queue", q, "--db", db, "--batch", "10", "-j", "2", "--ack-wait", "2s", "--drain")
		if res.exit != 0 {
			t.Errorf("round %d: draining worker: exit %d\n%s", round, res.exit, tail(res.stderr, 2000))
			continue
		}
		gotDocs, got := mentionSignature(t, db)
		ok := gotDocs == wantDocs && len(got) == len(want)
		if ok {
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("round %d: first difference: %s, direct ingest %s", round, got[i], want[i])
					ok = false
					break
				}
			}
		} else {
			t.Errorf("round %d: %d documents and %d mentions through the killed workers, %d and %d by direct ingest",
				round, gotDocs, len(got), wantDocs, len(want))
		}
		if ok {
			passed++
		}
		t.Logf("round %d: killed at %s; drained: %s", round, strings.Join(at, ", "), lastLine(res.stderr))
	}
	t.Logf("%d of %d worker kill-and-resume rounds passed (%d kills; %d documents, %d mentions each)", passed, rounds, kills, wantDocs, len(want))
}
