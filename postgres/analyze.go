package postgres

import (
	"context"
	"time"
)

// The planner chooses its joins from the tables' statistics. A store fills
// from empty, and without statistics PostgreSQL guessed hundreds of
// mentions per event and recounted a batch's events by hashing the whole
// doc, event and mention tables: a third of the server's CPU at 20,000
// documents. Autovacuum would analyse the tables, but it is off on some
// servers and lags a bulk load on others, so the store analyses its own
// tables each time its rows have doubled since the last analysis.

// minAnalyzeRows is the growth below which statistics are not refreshed.
const minAnalyzeRows = 1000

// initStats sets the growth bookkeeping when the store is opened: tables
// that hold rows but were never analysed count as all new.
func (s *DB) initStats(ctx context.Context) error {
	var rows int64
	var analysed bool
	err := s.pool.QueryRow(ctx, `SELECT (SELECT COALESCE(SUM(v), 0) FROM meta WHERE k IN ('docs', 'events', 'mentions'))::bigint,
		COALESCE((SELECT last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL FROM pg_stat_user_tables WHERE relid = 'mention'::regclass), false)`).
		Scan(&rows, &analysed)
	if err != nil {
		return err
	}
	if analysed {
		s.analysed = rows
	} else {
		s.grown = rows
	}
	return nil
}

// grew records n rows written by a committed Put and starts an ANALYZE in
// the background when the store has doubled since the last one.
func (s *DB) grew(n int64) {
	s.statsMu.Lock()
	s.grown += n
	if s.analysing || s.closed || s.grown < max(minAnalyzeRows, s.analysed) {
		s.statsMu.Unlock()
		return
	}
	s.analysing = true
	took := s.grown
	s.statsMu.Unlock()
	s.background.Add(1)
	go func() {
		defer s.background.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		// The tables the writers' joins read; sentence (a tsvector column,
		// costly to analyse) and the rollups are only appended or upserted.
		_, err := s.pool.Exec(ctx, "ANALYZE doc, event, mention")
		s.statsMu.Lock()
		defer s.statsMu.Unlock()
		s.analysing = false
		if err == nil { // else the next Put tries again
			s.analysed += took
			s.grown -= took
		}
	}()
}
