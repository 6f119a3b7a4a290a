//go:build linux || darwin

package adversarial

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the driver sqlite.Open uses, for PRAGMA integrity_check

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/sqlite"
)

// killRoundsEnv sets how many kill-and-resume rounds TestKillResume runs.
const killRoundsEnv = "REDLINE_KILL_ROUNDS"

// writeNewsCorpus writes n synthetic news documents that code into events,
// many of them the same event reported by several sources on nearby days,
// so that the store merges mentions across documents and batches.
func writeNewsCorpus(path string, n int, seed uint64) error {
	actors := strings.Fields("Russia Ukraine France Germany China Japan Iran Israel Egypt Turkey Poland India")
	verbs := []string{"attacked", "criticized", "praised", "threatened", "met with", "accused",
		"signed a trade agreement with", "sent humanitarian aid to", "expelled diplomats from", "condemned"}
	r := rand.New(rand.NewPCG(seed, 7))
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for i := range n {
		day := time.Date(2024, 3, 1+r.IntN(20), 0, 0, 0, 0, time.UTC)
		var text strings.Builder
		for range 1 + r.IntN(4) {
			a, b := actors[r.IntN(len(actors))], actors[r.IntN(len(actors))]
			if a == b {
				b = actors[(r.IntN(len(actors)-1)+1+indexOf(actors, a))%len(actors)]
			}
			fmt.Fprintf(&text, "%s %s %s on %s. ", a, verbs[r.IntN(len(verbs))], b, day.Weekday())
			if r.IntN(3) == 0 {
				text.WriteString("Officials gave no further details. ")
			}
		}
		fmt.Fprintf(w, `{"id":"k-%05d","date":%q,"url":"https://source%d.example.org/%d","text":%q}`+"\n",
			i, day.AddDate(0, 0, r.IntN(2)).Format("2006-01-02"), r.IntN(7), i, strings.TrimSpace(text.String()))
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func indexOf(xs []string, s string) int {
	for i, x := range xs {
		if x == s {
			return i
		}
	}
	return -1
}

// storeSignature is everything a resumed store must share with a store
// filled in one uninterrupted run.
type storeSignature struct {
	stats  redline.StoreStats
	events []string
}

func signatureOf(t *testing.T, path string) storeSignature {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	var check string
	err = db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check)
	db.Close()
	if err != nil || check != "ok" {
		t.Fatalf("%s: integrity check %q %v", filepath.Base(path), check, err)
	}
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var sig storeSignature
	if sig.stats, err = s.Stats(ctx); err != nil {
		t.Fatal(err)
	}
	f := redline.EventFilter{Limit: 10000}
	for {
		p, err := s.Events(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range p.Events {
			sig.events = append(sig.events, fmt.Sprintf("%s %s#%d %s %s>%s %s %s m%d a%d s%d [%d,%d)",
				e.ID, e.DocID, e.Sentence, e.Code, actorCode(e.Source), actorCode(e.Target), e.Mode,
				e.Date.Format("2006-01-02"), e.NumMentions, e.NumArticles, e.NumSources, e.Evidence.Start, e.Evidence.End))
		}
		if p.Next == "" {
			break
		}
		f.Cursor = p.Next
	}
	sort.Strings(sig.events)
	return sig
}

func actorCode(a *redline.Actor) string {
	if a == nil {
		return "-"
	}
	return a.Code
}

func storedDocs(t *testing.T, path string) int {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("opening the store after a kill: %v", err)
	}
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st.Documents
}

// startIngest starts "redline ingest" into db; batches are small so that a
// kill usually lands between and inside many transactions. The begun
// channel is closed when ingesting has started (the progress counter first
// writes), after the start-up that loads dictionaries and models.
func startIngest(t *testing.T, db, corpus string) (cmd *exec.Cmd, stderr *strings.Builder, begun <-chan struct{}, exited <-chan error) {
	t.Helper()
	cmd = exec.Command(redlineBinary(t), "ingest", "--db", db, "--batch-docs", "10", "-j", "2", "--progress", "always", corpus)
	pipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	errb := new(strings.Builder)
	b, x := make(chan struct{}), make(chan error, 1)
	go func() {
		buf := make([]byte, 4096)
		first := true
		for {
			n, err := pipe.Read(buf)
			errb.Write(buf[:n])
			if n > 0 && first {
				close(b)
				first = false
			}
			if err != nil {
				break
			}
		}
		if first {
			close(b)
		}
		x <- cmd.Wait()
	}()
	// errb is read only after exited delivers: the copy loop has ended.
	return cmd, errb, b, x
}

// TestKillResume kills "redline ingest" with SIGKILL at random moments, one
// to three times per round, runs it again to the end, and compares the
// store with one filled by an uninterrupted run: the same documents and the
// same events with the same mention counts, none lost and none twice.
func TestKillResume(t *testing.T) {
	rounds := 1
	if s := os.Getenv(killRoundsEnv); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			t.Fatalf("%s=%q: want a number", killRoundsEnv, s)
		}
		rounds = n
	}
	if testing.Short() || rounds == 0 {
		t.Skip("runs redline ingest several times (set " + killRoundsEnv + " for more rounds)")
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "news.jsonl")
	const nDocs = 2000
	if err := writeNewsCorpus(corpus, nDocs, 1); err != nil {
		t.Fatal(err)
	}
	clean := filepath.Join(dir, "clean.db")
	start := time.Now()
	_, errb, begun, exited := startIngest(t, clean, corpus)
	<-begun
	startup := time.Since(start)
	if err := <-exited; err != nil {
		t.Fatalf("uninterrupted ingest: %v\n%s", err, tail(errb.String(), 2000))
	}
	ingesting := time.Since(start) - startup
	want := signatureOf(t, clean)
	if want.stats.Documents != nDocs || len(want.events) < nDocs/2 {
		t.Fatalf("the uninterrupted run stored %d documents and %d events; the corpus is not what this test needs", want.stats.Documents, len(want.events))
	}
	t.Logf("uninterrupted: %d documents, %d events, %d mentions; start-up %.1f s, ingesting %.1f s",
		want.stats.Documents, want.stats.Events, want.stats.Mentions, startup.Seconds(), ingesting.Seconds())

	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	passed, kills, midway := 0, 0, 0
	for round := range rounds {
		db := filepath.Join(dir, fmt.Sprintf("round%d.db", round))
		var at []string
		for range 1 + r.IntN(3) {
			cmd, errb, begun, exited := startIngest(t, db, corpus)
			<-begun
			// Anywhere while documents are being coded and stored.
			delay := time.Duration(r.Int64N(int64(ingesting)))
			select {
			case <-exited:
				at = append(at, "finished first")
				continue
			case <-time.After(delay):
			}
			cmd.Process.Signal(syscall.SIGKILL)
			<-exited
			checkNoCrash(t, []string{"ingest"}, result{stderr: errb.String()})
			kills++
			n := 0
			if _, err := os.Stat(db); err == nil {
				n = storedDocs(t, db)
			}
			if n > 0 && n < nDocs {
				midway++
			}
			at = append(at, fmt.Sprintf("+%.2fs/%d docs stored", delay.Seconds(), n))
		}
		res := run(t, 10*time.Minute, "ingest", "--db", db, "--batch-docs", "10", "-j", "2", "--progress", "never", corpus)
		if res.exit != 0 {
			t.Errorf("round %d: the resumed ingest failed with exit %d\n%s", round, res.exit, tail(res.stderr, 2000))
			continue
		}
		got := signatureOf(t, db)
		if ok := sameStore(t, round, got, want); ok {
			passed++
		}
		t.Logf("round %d: killed at %s; resumed: %s", round, strings.Join(at, ", "), lastLine(res.stderr))
	}
	t.Logf("%d of %d kill-and-resume rounds passed (%d kills, %d of them with the store part-filled)", passed, rounds, kills, midway)
}

func sameStore(t *testing.T, round int, got, want storeSignature) bool {
	t.Helper()
	ok := true
	if got.stats != want.stats {
		t.Errorf("round %d: resumed store %+v, uninterrupted %+v", round, got.stats, want.stats)
		ok = false
	}
	g, w := map[string]bool{}, map[string]bool{}
	for _, e := range got.events {
		g[e] = true
	}
	for _, e := range want.events {
		w[e] = true
	}
	shown := 0
	for _, e := range want.events {
		if !g[e] && shown < 5 {
			t.Errorf("round %d: lost or changed: %s", round, e)
			shown++
			ok = false
		}
	}
	for _, e := range got.events {
		if !w[e] && shown < 10 {
			t.Errorf("round %d: extra or changed: %s", round, e)
			shown++
			ok = false
		}
	}
	if len(got.events) != len(want.events) {
		t.Errorf("round %d: %d events after resume, %d uninterrupted", round, len(got.events), len(want.events))
		ok = false
	}
	return ok
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
