// Package sqlite is the embedded event store: one SQLite file (modernc.org/sqlite,
// pure Go) in WAL mode, so that a server reads while the CLI ingests. It
// implements redline.Store; storetest holds the suite it passes.
//
// Every Put is one IMMEDIATE transaction: documents, their evidence sentences
// (indexed with FTS5), their mentions, the deduplicated events and the
// rollups are written together, so a crash loses at most the batch in flight
// and a resumed ingest skips the documents already committed (same id and
// hash). synchronous=NORMAL in WAL mode survives a killed process; only a
// power loss can drop the last commits.
//
// A Put at least as large as the store (a first load) is a bulk Put: within
// its transaction it drops the event and mention indexes, appends, and makes
// them again, which writes the same rows and costs less than maintaining
// every index row by row. Larger batches are cheaper per event in any case:
// each commit rewrites every index page its events touched.
package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/redline-events/redline"
)

// DB is a redline.Store in one SQLite file.
type DB struct {
	db *sql.DB

	// actors caches committed actor rows by code; ids never change.
	mu     sync.Mutex
	actors map[string]actorRow

	dayScanAbove int64 // see defaultDayScanAbove; tests lower it
	// bulkAbove: a Put of more mentions than this, and at least as many
	// as the store holds events, is a bulk Put (see dropIndexes). 0: never.
	bulkAbove int
	bulkPuts  int // bulk Puts committed, for tests; under mu
}

// defaultBulkAbove: below some thousands of rows, dropping and making the
// indexes again costs more than it saves.
const defaultBulkAbove = 10000

type actorRow struct {
	id      int64
	country string
}

var _ redline.Store = (*DB)(nil)

// Open opens (creating when missing) the store in the file at path.
// ":memory:" is refused: WAL and several connections need a file.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" || path == ":memory:" {
		return nil, fmt.Errorf("sqlite: a database file is required")
	}
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "cache_size(-65536)")
	q.Add("_pragma", "temp_store(MEMORY)")
	// A checkpoint every 10,000 pages (40 MB of WAL) rather than 1,000:
	// index pages that successive batches dirty again are copied into the
	// database once, not once per batch (6% of ingest CPU at 30 batches).
	q.Add("_pragma", "wal_autocheckpoint(10000)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	db.SetConnMaxIdleTime(time.Minute)
	if _, err := db.ExecContext(ctx, schema+indexSchema+monthSchema); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	s := &DB{db: db, actors: map[string]actorRow{"": {}}, dayScanAbove: defaultDayScanAbove, bulkAbove: defaultBulkAbove}
	err = s.migrate(ctx)
	if err == nil {
		err = s.migratePlaces(ctx)
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	return s, nil
}

// Close closes the database.
func (s *DB) Close() error { return s.db.Close() }

// Ping checks that the database answers a query.
func (s *DB) Ping(ctx context.Context) error {
	var n int
	return s.db.QueryRowContext(ctx, "SELECT v FROM meta WHERE k='schema'").Scan(&n)
}

// Stats reads the counters Put maintains.
func (s *DB) Stats(ctx context.Context) (redline.StoreStats, error) {
	var st redline.StoreStats
	rows, err := s.db.QueryContext(ctx, "SELECT k, v FROM meta WHERE k IN ('docs', 'events', 'mentions', 'min_day', 'max_day')")
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var v int
		if err := rows.Scan(&k, &v); err != nil {
			return st, err
		}
		switch k {
		case "docs":
			st.Documents = v
		case "events":
			st.Events = v
		case "mentions":
			st.Mentions = v
		case "min_day":
			st.FirstDay = dayTime(int64(v))
		case "max_day":
			st.LastDay = dayTime(int64(v))
		}
	}
	return st, rows.Err()
}

// day is the number of days since 1970-01-01 of t's UTC date.
func day(t time.Time) int64 {
	u := t.Unix()
	if u < 0 {
		return (u - 86399) / 86400
	}
	return u / 86400
}

func dayTime(d int64) time.Time { return time.Unix(d*86400, 0).UTC() }

var modes = []redline.Mode{redline.Asserted, redline.Negated, redline.Hypothetical, redline.Future}

// modeNum maps a mode to its stored number; the empty mode is asserted.
func modeNum(m redline.Mode) (int64, bool) {
	if m == "" {
		return 0, true
	}
	for i, x := range modes {
		if x == m {
			return int64(i), true
		}
	}
	return 0, false
}

func modeOf(n int64) redline.Mode {
	if n >= 0 && int(n) < len(modes) {
		return modes[n]
	}
	return redline.Asserted
}

// rootNum is the CAMEO root as a number ("14" → 14), 0 when not numeric.
func rootNum(c redline.Code) int64 {
	r := c.Root()
	if len(r) != 2 || r[0] < '0' || r[0] > '9' || r[1] < '0' || r[1] > '9' {
		return 0
	}
	return int64(r[0]-'0')*10 + int64(r[1]-'0')
}

// quadOfRoot is CAMEO's QuadClass by root: 01–05 verbal cooperation, 06–08
// material cooperation, 09–13 verbal conflict, 14–20 material conflict.
func quadOfRoot(r int64) int {
	switch {
	case r >= 1 && r <= 5:
		return 1
	case r >= 6 && r <= 8:
		return 2
	case r >= 9 && r <= 13:
		return 3
	case r >= 14 && r <= 20:
		return 4
	}
	return 0
}
