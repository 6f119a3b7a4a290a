package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/storetest"
)

// TestStoreBulk runs the suite with every Put that may be bulk taken as
// bulk (the indexes dropped and made again within it).
func TestStoreBulk(t *testing.T) {
	storetest.Run(t, func(t *testing.T) redline.Store {
		s := open(t).(*DB)
		s.bulkAbove = 1
		return s
	})
}

// TestBulkSameStore: a bulk Put writes exactly what a Put that maintains
// the indexes row by row writes, schema, rows and ids alike, whether the
// store is empty or not and whether documents are new, replaced or
// unchanged.
func TestBulkSameStore(t *testing.T) {
	corpus := func(docs int, seed uint64, prefix string) []redline.DocEvents {
		if testing.Short() { // a third of the documents: the same sizes relative to the store
			docs /= 3
		}
		return storetest.Corpus(storetest.CorpusOptions{Docs: docs, Days: 40, Sources: 7, MaxEvents: 6, Seed: seed, Prefix: prefix})
	}
	big := corpus(600, 9, "big-")
	batches := []struct {
		docs []redline.DocEvents
		bulk bool // when bulkAbove is 1
	}{
		{corpus(300, 1, "a-"), true},    // empty store
		{corpus(200, 2, "b-"), false},   // smaller than the store
		{corpus(200, 3, "a-"), false},   // replaces
		{big, true},                     // larger than the store
		{big[:len(big)/6], false},       // unchanged
		{corpus(1800, 4, "big-"), true}, // replaces 600 and adds more
	}
	ctx := context.Background()
	var dumps [2]string
	for i, bulkAbove := range []int{0, 1} {
		s, err := Open(ctx, filepath.Join(t.TempDir(), "s.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		s.bulkAbove = bulkAbove
		for j, b := range batches {
			before := s.bulkPuts
			if _, err := s.Put(ctx, b.docs); err != nil {
				t.Fatal(err)
			}
			if bulk := s.bulkPuts > before; bulk != (b.bulk && bulkAbove > 0) {
				t.Fatalf("bulkAbove %d, batch %d: bulk %v", bulkAbove, j, bulk)
			}
		}
		if _, err := s.db.Exec("INSERT INTO sentence_fts(sentence_fts) VALUES('integrity-check')"); err != nil {
			t.Fatal(err)
		}
		dumps[i] = dump(t, s.db, dumpQueries...)
	}
	if dumps[0] != dumps[1] {
		a, b := strings.Split(dumps[0], "\n"), strings.Split(dumps[1], "\n")
		for i := range min(len(a), len(b)) {
			if a[i] != b[i] {
				t.Fatalf("line %d differs:\n%s\n%s", i, a[i], b[i])
			}
		}
		t.Fatalf("%d lines row by row, %d bulk", len(a), len(b))
	}
}

// dumpQueries read the schema and every row of the store's tables.
var dumpQueries = []string{"SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name",
	"SELECT * FROM meta ORDER BY k", "SELECT * FROM doc ORDER BY id", "SELECT * FROM actor ORDER BY id",
	"SELECT * FROM sentence ORDER BY id", "SELECT * FROM event ORDER BY id", "SELECT * FROM mention ORDER BY id",
	"SELECT * FROM rollup ORDER BY 1, 2, 3, 4, 5", "SELECT * FROM country_day ORDER BY 1, 2, 3, 4",
	"SELECT month, src, tgt, hex(days) FROM dyad_month ORDER BY 1, 2, 3",
	"SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH 'accuse' ORDER BY rowid"}

// dump prints the rows the queries read.
func dump(t *testing.T, db *sql.DB, queries ...string) string {
	t.Helper()
	var sb strings.Builder
	for _, q := range queries {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		v := make([]any, len(cols))
		p := make([]any, len(cols))
		for i := range v {
			p[i] = &v[i]
		}
		for rows.Next() {
			if err := rows.Scan(p...); err != nil {
				t.Fatal(err)
			}
			for _, x := range v {
				if b, ok := x.([]byte); ok {
					x = string(b)
				}
				fmt.Fprintf(&sb, "%v|", x)
			}
			sb.WriteString("\n")
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return sb.String()
}
