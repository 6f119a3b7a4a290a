package storetest

import (
	"context"
	"errors"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/redline-events/redline"
)

// inBox is the reference for the BBox filter.
func inBox(p *redline.Place, b *[4]float64) bool {
	if p.Lat < b[1] || p.Lat > b[3] {
		return false
	}
	if b[0] <= b[2] {
		return p.Lon >= b[0] && p.Lon <= b[2]
	}
	return p.Lon >= b[0] || p.Lon <= b[2]
}

// matchPlace is the reference for the place filters of f.
func matchPlace(e *redline.StoredEvent, f *redline.EventFilter) bool {
	p := e.Place
	if f.PlaceCountry == "" && f.ADM1 == "" && f.BBox == nil {
		return true
	}
	if p == nil {
		return false
	}
	return (f.PlaceCountry == "" || strings.EqualFold(p.Country, f.PlaceCountry)) &&
		(f.ADM1 == "" || strings.EqualFold(p.ADM1, f.ADM1)) &&
		(f.BBox == nil || inBox(p, f.BBox))
}

// replacePlaces rewrites some documents of docs so that their events move
// (a new content hash): their stored events get new representatives, whose
// places the filters must follow.
func replacePlaces(docs []redline.DocEvents) []redline.DocEvents {
	var out []redline.DocEvents
	for i := 0; i < len(docs); i += 3 {
		d := *docs[i].Doc
		d.Title += " (corrected)"
		evs := append([]redline.Event(nil), docs[i].Events...)
		for j := range evs {
			if j%2 == 0 {
				evs[j].Place = nil
			} else {
				p := Places[(i+j)%len(Places)]
				evs[j].Place = &p
			}
		}
		out = append(out, redline.DocEvents{Doc: &d, Events: evs})
	}
	return out
}

func testPlaceFilters(t *testing.T, s redline.Store) {
	docs := smallCorpus()
	put(t, s, docs)
	check := func(t *testing.T) {
		every := all(t, s, redline.EventFilter{Limit: 10000})
		placed := 0
		for i := range every {
			if every[i].Place != nil {
				placed++
			}
		}
		if placed == 0 || placed == len(every) {
			t.Fatalf("%d of %d events have a place: the corpus should have both", placed, len(every))
		}
		for _, tc := range []struct {
			name string
			f    redline.EventFilter
			none bool // expect no match
		}{
			{"country", redline.EventFilter{PlaceCountry: "UKR"}, false},
			{"country lower case", redline.EventFilter{PlaceCountry: "rus"}, false},
			{"unknown country", redline.EventFilter{PlaceCountry: "ZZZ"}, true},
			{"adm1", redline.EventFilter{ADM1: "UA-14"}, false},
			{"country and adm1", redline.EventFilter{PlaceCountry: "UKR", ADM1: "UA-30"}, false},
			{"adm1 of another country", redline.EventFilter{PlaceCountry: "RUS", ADM1: "UA-30"}, true},
			{"bbox europe", redline.EventFilter{BBox: &[4]float64{-10, 35, 40, 60}}, false},
			{"bbox antimeridian", redline.EventFilter{BBox: &[4]float64{170, -25, -170, -10}}, false},
			{"bbox on a point", redline.EventFilter{BBox: &[4]float64{116.4, 39.9, 116.4, 39.9}}, false},
			{"bbox empty sea", redline.EventFilter{BBox: &[4]float64{-40, -50, -30, -40}}, true},
			{"place and actor", redline.EventFilter{PlaceCountry: "UKR", Country: "RUS"}, false},
			{"place and dates", redline.EventFilter{ADM1: "UA-14", From: day(3), To: day(9)}, false},
			{"place by impact", redline.EventFilter{PlaceCountry: "UKR", Order: redline.ByImpact, Limit: 10000}, false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got := all(t, s, tc.f)
				want := map[string]bool{}
				ref := tc.f
				ref.PlaceCountry, ref.ADM1, ref.BBox = "", "", nil
				for _, e := range all(t, s, ref) {
					if matchPlace(&e, &tc.f) {
						want[e.ID] = true
					}
				}
				if tc.none != (len(want) == 0) {
					t.Fatalf("reference finds %d events: the case is not testing what it says", len(want))
				}
				seen := map[string]bool{}
				for _, e := range got {
					if !want[e.ID] {
						t.Errorf("%s (place %+v) should not match", e.ID, e.Place)
					}
					seen[e.ID] = true
				}
				if len(seen) != len(want) || len(got) != len(want) {
					t.Errorf("got %d events (%d distinct), want %d", len(got), len(seen), len(want))
				}
			})
		}
	}
	t.Run("stored", check)
	put(t, s, replacePlaces(docs))
	t.Run("replaced", check)

	for _, b := range [][4]float64{
		{math.NaN(), 0, 10, 10}, {0, 10, 10, 0}, {-181, 0, 0, 10}, {0, -91, 10, 0}, {0, 0, 10, math.Inf(1)},
	} {
		_, err := s.Events(context.Background(), redline.EventFilter{BBox: &b})
		if !errors.Is(err, redline.ErrInvalid) {
			t.Errorf("bbox %v: err %v, want ErrInvalid", b, err)
		}
	}
}

type placeKey struct{ country, adm1, name, kind string }

// refPlaces is the reference Places, computed from the listed events.
func refPlaces(evs []redline.StoredEvent, q redline.PlaceQuery) map[placeKey]*redline.PlaceCount {
	out := map[placeKey]*redline.PlaceCount{}
	n := map[placeKey]int{}
	for i := range evs {
		e := &evs[i]
		p := e.Place
		if p == nil || p.Country == "" || (q.Country != "" && !strings.EqualFold(q.Country, p.Country)) {
			continue
		}
		var k placeKey
		switch q.Level {
		case redline.PlaceCountries:
			k = placeKey{p.Country, "", "", "country"}
		case redline.PlaceADM1:
			if p.ADM1 == "" {
				continue
			}
			k = placeKey{p.Country, p.ADM1, "", "adm1"}
		default:
			k = placeKey{p.Country, p.ADM1, p.Name, p.Kind}
		}
		c := out[k]
		if c == nil {
			c = &redline.PlaceCount{Country: k.country, ADM1: k.adm1, Name: k.name, Kind: k.kind}
			out[k] = c
		}
		if q.Level == redline.PlaceADM1 && p.Kind == "adm1" && p.Name > c.Name {
			c.Name = p.Name
		}
		c.Quad[e.Code.Quad()]++
		c.Mentions += e.NumMentions
		g := e.Code.Goldstein()
		c.GoldsteinSum += g
		c.Conflict += math.Max(0, -g)
		c.Lat += p.Lat
		c.Lon += p.Lon
		n[k]++
	}
	for k, c := range out {
		c.Lat /= float64(n[k])
		c.Lon /= float64(n[k])
	}
	return out
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func testPlaces(t *testing.T, s redline.Store) {
	put(t, s, smallCorpus())
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		q    redline.PlaceQuery
		f    redline.EventFilter // the same selection, for the reference
	}{
		{"countries", redline.PlaceQuery{}, redline.EventFilter{Mode: redline.Asserted}},
		{"adm1", redline.PlaceQuery{Level: redline.PlaceADM1}, redline.EventFilter{Mode: redline.Asserted}},
		{"places", redline.PlaceQuery{Level: redline.PlaceNames}, redline.EventFilter{Mode: redline.Asserted}},
		{"one country's places", redline.PlaceQuery{Level: redline.PlaceNames, Country: "ukr"}, redline.EventFilter{Mode: redline.Asserted}},
		{"dates", redline.PlaceQuery{From: day(5), To: day(12)}, redline.EventFilter{Mode: redline.Asserted, From: day(5), To: day(12)}},
		{"negated", redline.PlaceQuery{Level: redline.PlaceADM1, Mode: redline.Negated}, redline.EventFilter{Mode: redline.Negated}},
		{"all modes", redline.PlaceQuery{Level: redline.PlaceNames, Mode: redline.AllModes}, redline.EventFilter{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Places(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			want := refPlaces(all(t, s, tc.f), tc.q)
			if len(want) == 0 {
				t.Fatal("reference is empty: the case tests nothing")
			}
			if len(got) != len(want) {
				t.Errorf("%d places, want %d", len(got), len(want))
			}
			for i := range got {
				g := &got[i]
				if i > 0 && got[i-1].Events() < g.Events() {
					t.Errorf("not ordered by events: %d before %d", got[i-1].Events(), g.Events())
				}
				k := placeKey{g.Country, g.ADM1, g.Name, g.Kind}
				if tc.q.Level == redline.PlaceADM1 {
					k.name = ""
				}
				w := want[k]
				if w == nil || w.Name != g.Name {
					t.Errorf("unexpected place %+v", *g)
					continue
				}
				if g.Quad != w.Quad || g.Mentions != w.Mentions || !near(g.GoldsteinSum, w.GoldsteinSum) ||
					!near(g.Conflict, w.Conflict) || !near(g.Lat, w.Lat) || !near(g.Lon, w.Lon) ||
					!near(g.GoldsteinMean(), w.GoldsteinSum/float64(w.Events())) {
					t.Errorf("place %s/%s/%s:\n got %+v\nwant %+v", g.Country, g.ADM1, g.Name, *g, *w)
				}
			}
		})
	}
	t.Run("limit", func(t *testing.T) {
		full, err := s.Places(ctx, redline.PlaceQuery{Level: redline.PlaceNames})
		if err != nil {
			t.Fatal(err)
		}
		top, err := s.Places(ctx, redline.PlaceQuery{Level: redline.PlaceNames, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		if len(full) <= 3 || len(top) != 3 {
			t.Fatalf("%d places, %d with limit 3", len(full), len(top))
		}
		counts := func(p []redline.PlaceCount) []int {
			var n []int
			for i := range p {
				n = append(n, p[i].Events())
			}
			sort.Sort(sort.Reverse(sort.IntSlice(n)))
			return n
		}
		if a, b := counts(full)[:3], counts(top); a[0] != b[0] || a[1] != b[1] || a[2] != b[2] {
			t.Errorf("limit 3 gives counts %v, the top three are %v", b, a)
		}
	})
	for _, q := range []redline.PlaceQuery{{Level: "city"}, {Mode: "maybe"}} {
		if _, err := s.Places(ctx, q); !errors.Is(err, redline.ErrInvalid) {
			t.Errorf("%+v: err %v, want ErrInvalid", q, err)
		}
	}
}
