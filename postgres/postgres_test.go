package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/rollup"
	"github.com/redline-events/redline/storetest"
)

// testDSN returns REDLINE_PG_DSN or skips the test.
func testDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("REDLINE_PG_DSN")
	if dsn == "" {
		t.Skip("REDLINE_PG_DSN is unset: no PostgreSQL to test against (.ci/services starts one)")
	}
	return dsn
}

// SchemaDSN returns dsn with a search_path naming a fresh schema, and a
// function that drops it: each test stores into its own schema.
func schemaDSN(t testing.TB, dsn string) string {
	t.Helper()
	var b [6]byte
	rand.Read(b[:])
	schema := "rl_test_" + hex.EncodeToString(b[:])
	u, err := url.Parse(dsn)
	if err != nil || u.Scheme == "" {
		t.Fatalf("REDLINE_PG_DSN %q: want a postgres:// URL", dsn)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	t.Cleanup(func() {
		conn, err := pgx.Connect(context.Background(), dsn)
		if err != nil {
			t.Logf("dropping schema %s: %v", schema, err)
			return
		}
		defer conn.Close(context.Background())
		if _, err := conn.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Logf("dropping schema %s: %v", schema, err)
		}
	})
	return u.String()
}

func open(t *testing.T) redline.Store {
	t.Helper()
	s, err := Open(context.Background(), schemaDSN(t, testDSN(t)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestStore(t *testing.T) { storetest.Run(t, open) }

// TestReopen applies no migration twice and keeps the data.
func TestReopen(t *testing.T) {
	dsn := schemaDSN(t, testDSN(t))
	ctx := context.Background()
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	docs := storetest.Corpus(storetest.CorpusOptions{Docs: 10, Days: 5, Sources: 2, MaxEvents: 3, Seed: 3})
	if _, err := s.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Stats(ctx)
	s.Close()
	s, err = Open(ctx, dsn)
	if err != nil {
		t.Fatalf("reopening: %v", err)
	}
	defer s.Close()
	if after, _ := s.Stats(ctx); after != before || after.Documents != 10 {
		t.Errorf("stats %+v after reopening, %+v before", after, before)
	}
}

// TestConcurrentWriters stores one corpus from several writers at once, in
// overlapping batches (each document given to two writers, as a redelivered
// queue message is): the result must equal one writer's.
func TestConcurrentWriters(t *testing.T) {
	dsn := testDSN(t)
	ctx := context.Background()
	docs := storetest.Corpus(storetest.CorpusOptions{Docs: 240, Days: 6, Sources: 4, MaxEvents: 5, Seed: 7})
	one, err := Open(ctx, schemaDSN(t, dsn))
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	if _, err := one.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	many, err := Open(ctx, schemaDSN(t, dsn))
	if err != nil {
		t.Fatal(err)
	}
	defer many.Close()
	const writers, batch = 4, 8
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Writer w takes batches w and w+1 of every round of
			// `writers` batches: every batch goes to two writers.
			for i := 0; i*batch < len(docs); i++ {
				if i%writers != w && i%writers != (w+1)%writers {
					continue
				}
				// Date order, as the dedup rule needs for the same
				// clustering as one Put: batches are by date.
				end := min((i+1)*batch, len(docs))
				if _, err := many.Put(ctx, docs[i*batch:end]); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	a, _ := one.Stats(ctx)
	b, _ := many.Stats(ctx)
	if a.Documents != b.Documents || a.Mentions != b.Mentions {
		t.Errorf("concurrent writers stored %+v, one writer %+v", b, a)
	}
	// Without the key locks two writers found the same event twice; the
	// batches are not in date order across writers, so the count may
	// differ only where chains of days were split.
	ma := mentionsPerEvent(t, one)
	mb := mentionsPerEvent(t, many)
	if sum(ma) != sum(mb) || b.Events != len(mb) {
		t.Errorf("mentions over events: %d in %d events concurrently, %d in %d from one writer; counter %d",
			sum(mb), len(mb), sum(ma), len(ma), b.Events)
	}
	if len(mb) > len(ma)*11/10 {
		t.Errorf("%d events from concurrent writers, %d from one: dedup failed under concurrency", len(mb), len(ma))
	}
}

func mentionsPerEvent(t *testing.T, s *DB) []int {
	rows, err := s.pool.Query(context.Background(), "SELECT n_mentions FROM event")
	if err != nil {
		t.Fatal(err)
	}
	n, err := pgx.CollectRows(rows, pgx.RowTo[int])
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

func TestTSQuery(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"shipped", "'shipped'"},
		{"SHIPPED ship*", "'shipped' & 'ship':*"},
		{`"unbalanced`, "'unbalanced'"},
		{"100%_", "'100'"},
		{"state-run*", "'state' & 'run':*"},
		{"' | ! & :* \\", ""},
		{"Киев", "'киев'"},
	} {
		if got := tsQuery(tc.in); got != tc.want {
			t.Errorf("tsQuery(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzTSQuery: whatever the user types, PostgreSQL parses the tsquery
// (checked against the server when one is configured).
func FuzzTSQuery(f *testing.F) {
	for _, s := range []string{"shipped", `"a b" c*`, "x'y", "a\\b", "100%_", "\x00", "ü*"} {
		f.Add(s)
	}
	var conn *pgx.Conn
	if dsn := os.Getenv("REDLINE_PG_DSN"); dsn != "" {
		c, err := pgx.Connect(context.Background(), dsn)
		if err == nil {
			conn = c
			f.Cleanup(func() { c.Close(context.Background()) })
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := tsQuery(s)
		if strings.ContainsAny(q, "\\|!()<>\x00") {
			t.Fatalf("tsQuery(%q) = %q holds an operator", s, q)
		}
		if conn != nil && q != "" {
			var out string
			if err := conn.QueryRow(context.Background(), "SELECT $1::tsquery::text", q).Scan(&out); err != nil {
				t.Fatalf("tsQuery(%q) = %q: %v", s, q, err)
			}
		}
	})
}

// FuzzStoredID: parseStoredID inverts storedID and refuses anything else
// without panicking.
func FuzzStoredID(f *testing.F) {
	f.Add("e0000000000000001800049e3", int64(5), int64(19000))
	f.Fuzz(func(t *testing.T, s string, key, d int64) {
		rollup.ParseStoredID(s)
		key &= 1<<63 - 1
		d = d % (1 << 30)
		if k, dd, ok := rollup.ParseStoredID(rollup.StoredID(key, d)); !ok || k != key || dd != d {
			t.Fatalf("storedID(%d, %d) round trip: %d %d %v", key, d, k, dd, ok)
		}
	})
}
