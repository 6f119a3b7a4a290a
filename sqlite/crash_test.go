package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/storetest"
)

const (
	crashEnv     = "REDLINE_SQLITE_CRASH_DB"
	crashBulkEnv = "REDLINE_SQLITE_CRASH_BULK"
)

// crashCorpus is 1,500 documents in batches of 50, or, bulk, in batches
// that double the store each time, so that each is a bulk Put.
func crashCorpus(bulk bool) [][]redline.DocEvents {
	docs := storetest.Corpus(storetest.CorpusOptions{Docs: 1500, Days: 60, Sources: 5, MaxEvents: 6, Seed: 9})
	var batches [][]redline.DocEvents
	for i, n := 0, 50; i < len(docs); i += n {
		if bulk {
			n = max(i, 50)
		}
		batches = append(batches, docs[i:min(i+n, len(docs))])
	}
	return batches
}

// ingestAll stores every batch, reporting each commit on w.
func ingestAll(t testing.TB, s *DB, batches [][]redline.DocEvents, report func(int)) {
	for i, b := range batches {
		if _, err := s.Put(context.Background(), b); err != nil {
			t.Fatal(err)
		}
		if report != nil {
			report(i)
		}
	}
}

// TestCrashResume kills an ingest (a child process) with SIGKILL after some
// batches are committed, resumes it, and compares the store with an
// uninterrupted ingest of the same corpus: nothing lost, nothing twice.
func TestCrashResume(t *testing.T) { crashResume(t, false) }

// TestCrashBulk kills an ingest of bulk Puts, most likely within one, while
// its indexes are dropped: the store reopens with them, as committed.
func TestCrashBulk(t *testing.T) { crashResume(t, true) }

func crashResume(t *testing.T, bulk bool) {
	if path := os.Getenv(crashEnv); path != "" {
		// The child: ingest until killed.
		s, err := Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		if bulk {
			s.bulkAbove = 1
		}
		ingestAll(t, s, crashCorpus(bulk), func(i int) { fmt.Printf("committed %d\n", i) })
		s.Close()
		return
	}
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir := t.TempDir()
	crashed := filepath.Join(dir, "crashed.db")
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$")
	cmd.Env = append(os.Environ(), crashEnv+"="+crashed)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	commits := 0
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "committed ") {
			commits++
			if commits == 4 {
				// Mid-way through the fifth batch, most likely.
				cmd.Process.Signal(syscall.SIGKILL)
				break
			}
		}
	}
	cmd.Wait()
	if commits < 4 {
		t.Fatalf("the child committed %d batches before ending on its own", commits)
	}
	s, err := Open(context.Background(), crashed)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var check string
	if err := s.db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity after the kill: %q %v", check, err)
	}
	batches := crashCorpus(bulk)
	if st.Documents < 4*50 || st.Documents == 1500 {
		t.Fatalf("after the kill %d documents are stored; want the 200+ committed and not all", st.Documents)
	}
	ingestAll(t, s, batches, nil) // resume: the same command again

	clean, err := Open(context.Background(), filepath.Join(dir, "clean.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer clean.Close()
	ingestAll(t, clean, batches, nil)

	schema := "SELECT name, sql FROM sqlite_schema ORDER BY name"
	if a, b := dump(t, s.db, schema), dump(t, clean.db, schema); a != b {
		t.Errorf("resumed store's schema:\n%s\nuninterrupted:\n%s", a, b)
	}
	a, b := signature(t, s), signature(t, clean)
	if a.stats != b.stats {
		t.Errorf("resumed store %+v, uninterrupted %+v", a.stats, b.stats)
	}
	if len(a.events) != len(b.events) {
		t.Fatalf("%d events after resume, %d uninterrupted", len(a.events), len(b.events))
	}
	for i := range a.events {
		if a.events[i] != b.events[i] {
			t.Fatalf("event %d differs:\n%s\n%s", i, a.events[i], b.events[i])
		}
	}
}

type storeSig struct {
	stats  redline.StoreStats
	events []string
}

func signature(t *testing.T, s *DB) storeSig {
	t.Helper()
	var sig storeSig
	var err error
	if sig.stats, err = s.Stats(context.Background()); err != nil {
		t.Fatal(err)
	}
	f := redline.EventFilter{Limit: 10000}
	for {
		p, err := s.Events(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range p.Events {
			sig.events = append(sig.events, fmt.Sprintf("%s %s#%d %d/%d/%d", e.ID, e.DocID, e.Sentence, e.NumMentions, e.NumArticles, e.NumSources))
		}
		if p.Next == "" {
			break
		}
		f.Cursor = p.Next
	}
	sort.Strings(sig.events)
	return sig
}
