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

// TestMigratePlaces opens a store made before events had place columns
// (made here by dropping them) and checks that Open fills them from the
// mentions: the filters then answer as on a fresh store.
func TestMigratePlaces(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put(ctx, storetest.Corpus(storetest.CorpusOptions{Docs: 200, Days: 20, Seed: 9})); err != nil {
		t.Fatal(err)
	}
	filters := []redline.EventFilter{
		{PlaceCountry: "UKR"}, {ADM1: "UA-14"}, {BBox: &[4]float64{170, -25, -170, -10}}, {PlaceCountry: "CHN", Mode: redline.Asserted},
	}
	want := make([]int, len(filters))
	for i, f := range filters {
		want[i] = count(t, s, f)
		if want[i] == 0 {
			t.Fatalf("%+v matches nothing: the test would not see a failed migration", f)
		}
	}
	s.Close()

	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	stmts := []string{"DROP INDEX event_place", "DROP INDEX event_padm1"}
	for _, c := range strings.Split(placeCols, ", ") {
		stmts = append(stmts, "ALTER TABLE event DROP COLUMN "+c)
	}
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i, f := range filters {
		if got := count(t, s, f); got != want[i] {
			t.Errorf("%+v: %d events after migrating, %d before", f, got, want[i])
		}
	}
	if got := plan(t, s, redline.EventFilter{PlaceCountry: "UKR"}); !strings.Contains(got, "event_place") {
		t.Errorf("country filter after migrating does not use its index: %s", got)
	}
}

func count(t *testing.T, s redline.Store, f redline.EventFilter) int {
	t.Helper()
	f.Limit = 10000
	p, err := s.Events(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return len(p.Events)
}

// plan is SQLite's query plan for the page selection of f.
func plan(t *testing.T, s *DB, f redline.EventFilter) string {
	t.Helper()
	w, err := eventWhere(&f, false)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.db.Query("EXPLAIN QUERY PLAN SELECT e.id FROM event e"+w.String()+" ORDER BY e.day DESC, e.id DESC LIMIT 100", w.args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		b.WriteString(detail + "; ")
	}
	return b.String()
}

// TestPlacePlans: the place filters are served by their indexes, not a
// scan of every event.
func TestPlacePlans(t *testing.T) {
	s := open(t).(*DB)
	for _, tc := range []struct {
		f    redline.EventFilter
		want string
	}{
		{redline.EventFilter{PlaceCountry: "UKR"}, "event_place"},
		{redline.EventFilter{ADM1: "UA-14"}, "event_padm1"},
		{redline.EventFilter{PlaceCountry: "UKR", ADM1: "UA-14"}, "USING INDEX event_p"},
	} {
		if got := plan(t, s, tc.f); !strings.Contains(got, tc.want) {
			t.Errorf("%+v: plan %q, want %s", tc.f, got, tc.want)
		}
	}
}

// BenchmarkPlaceFilters times place-filtered listings and Places on a store
// of 100,000 synthetic documents (about 250,000 events). A benchmark with
// sub-benchmarks runs its body once: the store is built once.
func BenchmarkPlaceFilters(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "places.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	n := 0
	for i := 0; i < 20; i++ {
		docs := storetest.Corpus(storetest.CorpusOptions{Docs: 5000, Days: 365, Sources: 50, MaxEvents: 4,
			Seed: uint64(i), Prefix: fmt.Sprintf("p%d-", i)})
		st, err := s.Put(ctx, docs)
		if err != nil {
			b.Fatal(err)
		}
		n += st.NewEvents
	}
	b.Logf("%d events", n)
	for _, c := range []struct {
		name string
		f    redline.EventFilter
	}{
		{"country", redline.EventFilter{PlaceCountry: "UKR"}},
		{"adm1", redline.EventFilter{ADM1: "UA-14"}},
		{"rare-country", redline.EventFilter{PlaceCountry: "WSM", Source: "RUSMIL"}},
		{"bbox", redline.EventFilter{BBox: &[4]float64{30, 45, 40, 52}}},
		{"country-month-impact", redline.EventFilter{PlaceCountry: "UKR", From: storetest.Epoch, To: storetest.Epoch.AddDate(0, 1, 0), Order: redline.ByImpact}},
	} {
		b.Run("events/"+c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := s.Events(ctx, c.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, c := range []struct {
		name string
		q    redline.PlaceQuery
	}{
		{"countries-year", redline.PlaceQuery{}},
		{"places-month", redline.PlaceQuery{Level: redline.PlaceNames, From: storetest.Epoch, To: storetest.Epoch.AddDate(0, 1, 0)}},
		{"adm1-one-country", redline.PlaceQuery{Level: redline.PlaceADM1, Country: "UKR"}},
	} {
		b.Run("places/"+c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := s.Places(ctx, c.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
