package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/storetest"
)

func open(t *testing.T) redline.Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestStore(t *testing.T) { storetest.Run(t, open) }

// TestStoreDayScan runs the suite with every actor filter taken as
// frequent, so that listings walk the day index: the same answers.
func TestStoreDayScan(t *testing.T) {
	storetest.Run(t, func(t *testing.T) redline.Store {
		s := open(t).(*DB)
		s.dayScanAbove = -1
		return s
	})
}

// TestReadWhileIngesting: a second handle on the same file (a server) reads
// while the first (redline ingest) writes batches: WAL mode lets it.
func TestReadWhileIngesting(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "wal.db")
	w, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	r, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	docs := storetest.Corpus(storetest.CorpusOptions{Docs: 600, Days: 30, Seed: 4})
	done := make(chan error, 1)
	go func() {
		for i := 0; i < len(docs); i += 100 {
			if _, err := w.Put(ctx, docs[i:i+100]); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	reads, last := 0, 0
	for {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			st, err := r.Stats(ctx)
			if err != nil || st.Documents != len(docs) {
				t.Fatalf("reader sees %+v, %v after the ingest", st, err)
			}
			t.Logf("%d reads during the ingest", reads)
			return
		default:
		}
		st, err := r.Stats(ctx)
		if err != nil {
			t.Fatalf("read during ingest: %v", err)
		}
		if st.Documents < last || st.Documents%100 != 0 {
			t.Fatalf("reader saw %d documents: not a committed batch boundary", st.Documents)
		}
		last = st.Documents
		if _, err := r.Events(ctx, redline.EventFilter{Limit: 10}); err != nil {
			t.Fatalf("read during ingest: %v", err)
		}
		reads++
	}
}

// TestMigrateMonths: a version-1 store gets its dyad_month blobs rebuilt
// from country_day, and alerts read the same days as before.
func TestMigrateMonths(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put(ctx, storetest.Corpus(storetest.CorpusOptions{Docs: 200, Days: 70, Seed: 8})); err != nil {
		t.Fatal(err)
	}
	before, err := s.DyadDays(ctx, time.Time{}, time.Time{})
	if err != nil || len(before) == 0 {
		t.Fatalf("%d dyad days, %v", len(before), err)
	}
	if _, err := s.db.Exec("UPDATE meta SET v = 1 WHERE k = 'schema'; UPDATE dyad_month SET days = x'00'"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	after, err := s.DyadDays(ctx, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("after migration %d dyad days, before %d", len(after), len(before))
	}
}
