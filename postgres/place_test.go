package postgres

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/storetest"
)

// TestMigratePlaces opens a store made before migration 0002 (made here by
// undoing it) and checks that reopening fills the place columns from the
// mentions: the filters then answer as before.
func TestMigratePlaces(t *testing.T) {
	ctx := context.Background()
	dsn := schemaDSN(t, testDSN(t))
	s, err := Open(ctx, dsn)
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
		f.Limit = 10000
		p, err := s.Events(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if want[i] = len(p.Events); want[i] == 0 {
			t.Fatalf("%+v matches nothing: the test would not see a failed migration", f)
		}
	}
	s.Close()

	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"DROP INDEX event_pcountry", "DROP INDEX event_padm1",
		"ALTER TABLE event DROP COLUMN p_name, DROP COLUMN p_country, DROP COLUMN p_adm1, DROP COLUMN p_kind, DROP COLUMN p_lat, DROP COLUMN p_lon",
		"DELETE FROM schema_migrations WHERE version = '0002_place'",
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	conn.Close(ctx)

	s, err = Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i, f := range filters {
		f.Limit = 10000
		p, err := s.Events(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Events) != want[i] {
			t.Errorf("%+v: %d events after migrating, %d before", f, len(p.Events), want[i])
		}
	}
}

// BenchmarkPlaceFilters times place-filtered listings and Places on a store
// of 100,000 synthetic documents (as sqlite's benchmark of the same name).
func BenchmarkPlaceFilters(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, schemaDSN(b, testDSN(b)))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for i := 0; i < 20; i++ {
		docs := storetest.Corpus(storetest.CorpusOptions{Docs: 5000, Days: 365, Sources: 50, MaxEvents: 4,
			Seed: uint64(i), Prefix: fmt.Sprintf("p%d-", i)})
		if _, err := s.Put(ctx, docs); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := s.pool.Exec(ctx, "ANALYZE"); err != nil {
		b.Fatal(err)
	}
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
