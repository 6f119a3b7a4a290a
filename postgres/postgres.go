// Package postgres is the event store on PostgreSQL (jackc/pgx v5), for
// deployments that outgrow one SQLite file: several ingesting processes or
// queue workers write to it at once. It implements redline.Store with the
// same dedup rule, rollups and idempotency as the sqlite package and passes
// the same storetest suite.
//
// Concurrency: a Put is one transaction that first takes transaction-scoped
// advisory locks on its documents and then on its event keys, each set in
// sorted order, so that two writers never both found the same event nor
// store the same document twice, and cannot deadlock on each other. Rollup
// and counter upserts are applied in sorted key order for the same reason; a
// deadlock or serialization failure the server reports anyway is retried.
// New rows go in with COPY.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/rollup"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is a redline.Store in a PostgreSQL database (one schema of it).
type DB struct {
	pool *pgxpool.Pool

	// actors caches committed actor rows by code; ids never change.
	mu     sync.Mutex
	actors map[string]actorRow

	// Statistics upkeep (analyze.go), under statsMu.
	statsMu           sync.Mutex
	grown, analysed   int64 // rows written since the last ANALYZE; rows then
	analysing, closed bool
	background        sync.WaitGroup
}

type actorRow struct {
	id      int64
	country string
}

var _ redline.Store = (*DB)(nil)

// Open connects to the database named by a libpq URL or DSN
// (postgres://user@127.0.0.1:5432/db?sslmode=disable) and applies the
// migrations it has not seen. A search_path parameter puts the store in that
// schema, created when missing: several stores can share a database.
func Open(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	schema := ""
	if sp := cfg.ConnConfig.RuntimeParams["search_path"]; sp != "" {
		schema = strings.TrimSpace(strings.Split(sp, ",")[0])
	}
	if cfg.MaxConns < 4 {
		cfg.MaxConns = 4
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	if err := migrate(ctx, pool, schema); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: migrating: %w", err)
	}
	db := &DB{pool: pool, actors: map[string]actorRow{"": {}}}
	if err := db.initStats(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: reading statistics: %w", err)
	}
	return db, nil
}

// migrate applies the embedded migrations in name order, each once, under
// an advisory lock so that workers starting together do not race.
func migrate(ctx context.Context, pool *pgxpool.Pool, schema string) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	// One lock for every schema: migrations are rare and quick.
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(7007001)"); err != nil {
		return err
	}
	if schema != "" {
		if _, err := tx.Exec(ctx, "CREATE SCHEMA IF NOT EXISTS "+pgx.Identifier{schema}.Sanitize()); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations(
		version TEXT PRIMARY KEY, applied TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		return err
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		v := strings.TrimSuffix(strings.TrimPrefix(name, "migrations/"), ".sql")
		var done bool
		if err := tx.QueryRow(ctx, "SELECT EXISTS(SELECT 1 FROM schema_migrations WHERE version = $1)", v).Scan(&done); err != nil {
			return err
		}
		if done {
			continue
		}
		sql, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, string(sql)); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO schema_migrations(version) VALUES($1)", v); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}

// Close closes the connections.
func (s *DB) Close() error {
	s.statsMu.Lock()
	s.closed = true
	s.statsMu.Unlock()
	s.background.Wait()
	s.pool.Close()
	return nil
}

// Ping checks that the database answers a query on the store's tables.
func (s *DB) Ping(ctx context.Context) error {
	var n int64
	return s.pool.QueryRow(ctx, "SELECT v FROM meta WHERE k = 'docs'").Scan(&n)
}

// Stats reads the counters Put maintains.
func (s *DB) Stats(ctx context.Context) (redline.StoreStats, error) {
	var st redline.StoreStats
	rows, err := s.pool.Query(ctx, "SELECT k, v FROM meta WHERE k IN ('docs', 'events', 'mentions', 'min_day', 'max_day')")
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var v int64
		if err := rows.Scan(&k, &v); err != nil {
			return st, err
		}
		switch k {
		case "docs":
			st.Documents = int(v)
		case "events":
			st.Events = int(v)
		case "mentions":
			st.Mentions = int(v)
		case "min_day":
			st.FirstDay = rollup.DayTime(v)
		case "max_day":
			st.LastDay = rollup.DayTime(v)
		}
	}
	return st, rows.Err()
}

// retryable says whether a transaction failed only because another one got
// in its way (deadlock, serialization failure, a unique key taken
// concurrently): running it again can succeed.
func retryable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "40P01", "40001", "23505":
			return true
		}
	}
	return false
}
