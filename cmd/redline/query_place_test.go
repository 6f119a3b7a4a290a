package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/sqlite"
	"github.com/redline-events/redline/storetest"
)

// TestQueryPlaces: the place flags reach the store (every listed event is
// placed as asked, and as many as the store finds), and bad values are
// usage errors.
func TestQueryPlaces(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "p.db")
	s, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put(ctx, storetest.Corpus(storetest.CorpusOptions{Docs: 150, Days: 20, Seed: 3})); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		f    redline.EventFilter
		ok   func(p *redline.Place) bool
	}{
		{[]string{"--in-country", "ukr"}, redline.EventFilter{PlaceCountry: "UKR"},
			func(p *redline.Place) bool { return p.Country == "UKR" }},
		{[]string{"--adm1", "UA-14"}, redline.EventFilter{ADM1: "UA-14"},
			func(p *redline.Place) bool { return p.ADM1 == "UA-14" }},
		{[]string{"--in-country", "UKR", "--adm1", "UA-30", "--quad", "4"}, redline.EventFilter{PlaceCountry: "UKR", ADM1: "UA-30", Quad: 4},
			func(p *redline.Place) bool { return p.ADM1 == "UA-30" }},
		{[]string{"--bbox", "30,45,40,56"}, redline.EventFilter{BBox: &[4]float64{30, 45, 40, 56}},
			func(p *redline.Place) bool { return p.Lon >= 30 && p.Lon <= 40 && p.Lat >= 45 && p.Lat <= 56 }},
		{[]string{"--bbox", "170,-25,-170,-10"}, redline.EventFilter{BBox: &[4]float64{170, -25, -170, -10}},
			func(p *redline.Place) bool { return p.Country == "FJI" || p.Country == "WSM" }},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			tc.f.Limit = 10000
			page, err := s.Events(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			lines := queryLines(t, append([]string{"--db", db, "--limit", "0"}, tc.args...)...)
			if len(lines) == 0 || len(lines) != len(page.Events) {
				t.Fatalf("%d events listed, the store has %d", len(lines), len(page.Events))
			}
			for _, l := range lines {
				var ev struct{ Place *redline.Place }
				if err := json.Unmarshal([]byte(l), &ev); err != nil {
					t.Fatal(err)
				}
				if ev.Place == nil || !tc.ok(ev.Place) {
					t.Errorf("event placed at %+v listed: %s", ev.Place, l)
				}
			}
		})
	}
	s.Close()
	for _, args := range [][]string{
		{"--in-country", "UK"}, {"--in-country", "U1R"}, {"--adm1", "UA14"}, {"--adm1", "UKR-14"},
		{"--bbox", "1,2,3"}, {"--bbox", "0,10,10,0"}, {"--bbox", "0,0,200,10"}, {"--bbox", "a,b,c,d"}, {"--bbox", "NaN,0,1,1"},
	} {
		if _, errOut, st := run(t, "", append([]string{"query", "--db", db}, args...)...); st != 2 {
			t.Errorf("query %v: status %d, want 2 (%s)", args, st, strings.TrimSpace(errOut))
		}
	}
}
