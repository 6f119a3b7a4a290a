package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/rollup"
	"github.com/redline-events/redline/storetest"
)

// FuzzCursor: any string given as a cursor is either a valid position or
// ErrInvalid, never a panic; valid cursors round-trip.
func FuzzCursor(f *testing.F) {
	for _, s := range []string{"", makeCursor(19800, 12), makeCursor(-719162, 0), "MTIzNDU", "%%%", "LjE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, c string) {
		d, r, err := parseCursor(c)
		if err != nil {
			if !errors.Is(err, redline.ErrInvalid) {
				t.Fatalf("%q: %v is not ErrInvalid", c, err)
			}
			return
		}
		d2, r2, err := parseCursor(makeCursor(d, r))
		if err != nil || d2 != d || r2 != r {
			t.Fatalf("%q → (%d, %d) does not round-trip: (%d, %d) %v", c, d, r, d2, r2, err)
		}
	})
}

// FuzzStoredID: event ids parse back to their key and day; other strings
// are refused without a panic.
func FuzzStoredID(f *testing.F) {
	f.Add(int64(12345), int64(19800), "e")
	f.Add(int64(-1), int64(-719162), "e00000000000000000000000000")
	f.Fuzz(func(t *testing.T, key, day int64, s string) {
		day = day % (1 << 30)
		k, d, ok := rollup.ParseStoredID(rollup.StoredID(key, day))
		if !ok || k != key || d != day {
			t.Fatalf("storedID(%d, %d) parses to %d, %d, %v", key, day, k, d, ok)
		}
		rollup.ParseStoredID(s)
	})
}

// FuzzTextFilter: whatever a user types in a text search, the store
// answers (FTS5 syntax cannot leak through) and finds only sentences that
// hold the words.
func FuzzTextFilter(f *testing.F) {
	s, err := Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Put(context.Background(), storetest.Corpus(storetest.CorpusOptions{Docs: 30, Seed: 2})); err != nil {
		f.Fatal(err)
	}
	for _, q := range []string{"Moscow", `"NATO`, "AND OR NOT", "fire*", "(", "a:b", "NEAR(a b)", "^x", "-", "*", `""`, "ü\x00"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := s.Events(context.Background(), redline.EventFilter{Text: q, Limit: 5}); err != nil {
			t.Fatalf("text %q: %v", q, err)
		}
	})
}

// FuzzMonthBlob: any bytes decode without a panic, and what decodes
// encodes and decodes to the same month.
func FuzzMonthBlob(f *testing.F) {
	var m [31]redline.DayCount
	m[0] = redline.DayCount{Quad: [5]int{0, 1, 2, 3, 4}, Mentions: 12, GoldsteinSum: -12.3, Conflict: 40.5}
	m[30].Quad[4] = 1 << 40
	f.Add(encodeMonth(&m))
	f.Add([]byte{})
	f.Add([]byte{0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		d := decodeMonth(b)
		again := decodeMonth(encodeMonth(&d))
		if again != d {
			t.Fatalf("round trip changed the month:\n%v\n%v", d, again)
		}
	})
}
