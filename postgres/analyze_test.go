package postgres

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/redline-events/redline/storetest"
)

// A store that grows analyses its tables itself (the planner chose hash
// joins over whole tables without statistics), and not on every Put.
func TestAnalyzeOnGrowth(t *testing.T) {
	dsn := schemaDSN(t, testDSN(t))
	ctx := context.Background()
	analysed := func() bool {
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		var ok bool
		if err := conn.QueryRow(ctx, `SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relid = 'mention'::regclass`).Scan(&ok); err != nil {
			t.Fatal(err)
		}
		return ok
	}
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	small := storetest.Corpus(storetest.CorpusOptions{Docs: 5, Days: 3, Sources: 2, MaxEvents: 2, Seed: 1})
	if _, err := s.Put(ctx, small); err != nil {
		t.Fatal(err)
	}
	s.background.Wait()
	if analysed() {
		t.Fatal("a few rows were enough to analyse the tables")
	}
	docs := storetest.Corpus(storetest.CorpusOptions{Docs: 600, Days: 30, Sources: 5, MaxEvents: 4, Seed: 2})
	for i := 0; i < len(docs); i += 100 {
		if _, err := s.Put(ctx, docs[i:min(i+100, len(docs))]); err != nil {
			t.Fatal(err)
		}
	}
	s.Close() // waits for the analysis in flight
	if !analysed() {
		s.statsMu.Lock()
		t.Fatalf("no ANALYZE after the store grew (grown %d, analysed %d)", s.grown, s.analysed)
	}
}
