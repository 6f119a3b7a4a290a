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
	"github.com/redline-events/redline/rollup"
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
			st.FirstDay = rollup.DayTime(int64(v))
		case "max_day":
			st.LastDay = rollup.DayTime(int64(v))
		}
	}
	return st, rows.Err()
}
