package rollup

import (
	"slices"
	"testing"
	"time"

	"github.com/redline-events/redline"
)

func TestDeltas(t *testing.T) {
	fight := Event{Day: 10, Src: 1, Tgt: 2, Root: 19, Mode: 0, Goldstein: -10}
	aid := Event{Day: 10, Src: 1, Tgt: 2, Root: 7, Mode: 0, Goldstein: 7.5}
	type op struct {
		e          Event
		event      bool // AddEvent, else AddMentions
		n          int64
		quad       redline.QuadClass
		srcC, tgtC string
	}
	for _, tc := range []struct {
		name    string
		ops     []op
		roll    map[Key]Counts
		country map[CountryKey]CountryCounts
	}{
		{"one event, two mentions", []op{
			{fight, true, 1, redline.MaterialConflict, "RUS", "UKR"},
			{fight, false, 1, 0, "RUS", "UKR"},
			{fight, false, 1, 0, "RUS", "UKR"},
		}, map[Key]Counts{
			{1, 2, 10, 19, 0}: {Events: 1, Mentions: 2, GSum: -10, CSum: 10},
		}, map[CountryKey]CountryCounts{
			{"RUS", "UKR", 10, 0}: {Q: [5]int64{0, 0, 0, 0, 1}, Mentions: 2, GSum: -10, CSum: 10},
		}},
		{"two roots share a country cell; cooperation adds no conflict", []op{
			{fight, true, 1, redline.MaterialConflict, "RUS", "UKR"},
			{aid, true, 1, redline.MaterialCooperation, "RUS", "UKR"},
			{aid, false, 1, 0, "RUS", "UKR"},
		}, map[Key]Counts{
			{1, 2, 10, 19, 0}: {Events: 1, GSum: -10, CSum: 10},
			{1, 2, 10, 7, 0}:  {Events: 1, Mentions: 1, GSum: 7.5},
		}, map[CountryKey]CountryCounts{
			{"RUS", "UKR", 10, 0}: {Q: [5]int64{0, 0, 1, 0, 1}, Mentions: 1, GSum: -2.5, CSum: 10},
		}},
		{"removal cancels; out-of-range quad counts in no class", []op{
			{fight, true, 1, 0, "", "UKR"},
			{fight, false, 1, 0, "", "UKR"},
			{fight, true, -1, 0, "", "UKR"},
			{fight, false, -1, 0, "", "UKR"},
			{Event{Day: 11, Mode: 2, Goldstein: -2}, false, -3, 0, "", ""},
		}, map[Key]Counts{
			{1, 2, 10, 19, 0}: {},
			{0, 0, 11, 0, 2}:  {Mentions: -3},
		}, map[CountryKey]CountryCounts{
			{"", "UKR", 10, 0}: {},
			{"", "", 11, 2}:    {Mentions: -3},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d Deltas
			for _, o := range tc.ops {
				if o.event {
					d.AddEvent(o.e, o.srcC, o.tgtC, o.n, o.quad)
				} else {
					d.AddMentions(o.e, o.srcC, o.tgtC, o.n)
				}
			}
			if len(d.Roll) != len(tc.roll) {
				t.Errorf("%d actor cells, want %d", len(d.Roll), len(tc.roll))
			}
			for k, want := range tc.roll {
				if got := d.Roll[k]; got == nil || *got != want {
					t.Errorf("cell %v = %v, want %v", k, got, want)
				}
			}
			if len(d.Country) != len(tc.country) {
				t.Errorf("%d country cells, want %d", len(d.Country), len(tc.country))
			}
			for k, want := range tc.country {
				if got := d.Country[k]; got == nil || *got != want {
					t.Errorf("country cell %v = %v, want %v", k, got, want)
				}
			}
		})
	}
}

func TestKeysOrder(t *testing.T) {
	var d Deltas
	for _, e := range []Event{
		{Day: 5, Src: 2, Tgt: 1, Root: 1, Goldstein: 1},
		{Day: 5, Src: 1, Tgt: 3, Root: 1, Goldstein: 1},
		{Day: 4, Src: 1, Tgt: 3, Root: 2, Mode: 1, Goldstein: 1},
		{Day: 4, Src: 1, Tgt: 3, Root: 2, Goldstein: 1},
		{Day: 4, Src: 1, Tgt: 3, Root: 1, Goldstein: 1},
	} {
		d.AddEvent(e, "B", "A", 1, 1)
	}
	// A cell whose changes cancel is not written.
	gone := Event{Day: 9, Src: 9, Tgt: 9, Goldstein: -1}
	d.AddEvent(gone, "A", "Z", 1, 4)
	d.AddEvent(gone, "A", "Z", -1, 4)
	want := []Key{{1, 3, 4, 1, 0}, {1, 3, 4, 2, 0}, {1, 3, 4, 2, 1}, {1, 3, 5, 1, 0}, {2, 1, 5, 1, 0}}
	if got := d.Keys(); !slices.Equal(got, want) {
		t.Errorf("Keys = %v, want %v", got, want)
	}
	// Country cells are all kept, even one that cancels.
	wantC := []CountryKey{{"A", "Z", 9, 0}, {"B", "A", 4, 0}, {"B", "A", 4, 1}, {"B", "A", 5, 0}}
	if got := d.CountryKeys(); !slices.Equal(got, wantC) {
		t.Errorf("CountryKeys = %v, want %v", got, wantC)
	}
}

func TestConflict(t *testing.T) {
	for _, tc := range []struct{ g, want float64 }{{-10, 10}, {-0.1, 0.1}, {0, 0}, {3.4, 0}} {
		if got := Conflict(tc.g); got != tc.want {
			t.Errorf("Conflict(%v) = %v, want %v", tc.g, got, tc.want)
		}
	}
}

func TestModes(t *testing.T) {
	for _, tc := range []struct {
		m    redline.Mode
		n    int64
		ok   bool
		back redline.Mode
	}{
		{"", 0, true, redline.Asserted},
		{redline.Asserted, 0, true, redline.Asserted},
		{redline.Negated, 1, true, redline.Negated},
		{redline.Hypothetical, 2, true, redline.Hypothetical},
		{redline.Future, 3, true, redline.Future},
		{redline.AllModes, 0, false, redline.Asserted},
		{"maybe", 0, false, redline.Asserted},
	} {
		n, ok := ModeNum(tc.m)
		if n != tc.n || ok != tc.ok {
			t.Errorf("ModeNum(%q) = %d, %v, want %d, %v", tc.m, n, ok, tc.n, tc.ok)
		}
		if back := ModeOf(n); back != tc.back {
			t.Errorf("ModeOf(%d) = %q, want %q", n, back, tc.back)
		}
	}
	for _, n := range []int64{-1, 4, 99} {
		if m := ModeOf(n); m != redline.Asserted {
			t.Errorf("ModeOf(%d) = %q, want asserted", n, m)
		}
	}
}

func TestRoots(t *testing.T) {
	for _, tc := range []struct {
		code redline.Code
		root int64
		quad int
	}{
		{"010", 1, 1}, {"05", 5, 1}, {"0874", 8, 2}, {"09", 9, 3}, {"130", 13, 3},
		{"14", 14, 4}, {"1823", 18, 4}, {"20", 20, 4}, {"21", 21, 0},
		{"", 0, 0}, {"1", 0, 0}, {"x4", 0, 0}, {"4x", 0, 0},
	} {
		r := RootNum(tc.code)
		if r != tc.root {
			t.Errorf("RootNum(%q) = %d, want %d", tc.code, r, tc.root)
		}
		if q := QuadOfRoot(r); q != tc.quad {
			t.Errorf("QuadOfRoot(%d) = %d, want %d", r, q, tc.quad)
		}
		// The numeric quad agrees with the codebook's where it has one.
		if info, ok := tc.code.Info(); ok && QuadOfRoot(r) != int(info.Quad) {
			t.Errorf("QuadOfRoot(%d) = %d, codebook says %d for %q", r, QuadOfRoot(r), info.Quad, tc.code)
		}
	}
}

func TestDays(t *testing.T) {
	for _, tc := range []struct {
		t   time.Time
		day int64
	}{
		{time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), 0},
		{time.Date(1970, 1, 1, 23, 59, 59, 0, time.UTC), 0},
		{time.Date(1970, 1, 2, 0, 0, 0, 0, time.UTC), 1},
		{time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC), -1},
		{time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC), -1},
		{time.Date(1969, 12, 30, 23, 0, 0, 0, time.UTC), -2},
		{time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC), 19782},
		// The UTC date counts, not the local one.
		{time.Date(2024, 3, 1, 0, 30, 0, 0, time.FixedZone("CET", 3600)), 19782},
		{time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), -719162},
	} {
		d := Day(tc.t)
		if d != tc.day {
			t.Errorf("Day(%s) = %d, want %d", tc.t, d, tc.day)
		}
		midnight := tc.t.UTC().Truncate(24 * time.Hour)
		if got := DayTime(d); !got.Equal(midnight) || got.Location() != time.UTC {
			t.Errorf("DayTime(%d) = %s, want %s", d, got, midnight)
		}
		if back := Day(DayTime(d)); back != d {
			t.Errorf("Day(DayTime(%d)) = %d", d, back)
		}
	}
}

func TestIsCountry(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{{"", true}, {"RUS", true}, {"rus", true}, {"RUSGOV", false}, {"RU", false}} {
		if got := IsCountry(tc.s); got != tc.want {
			t.Errorf("IsCountry(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}
