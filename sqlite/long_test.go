package sqlite

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/analysis"
	"github.com/redline-events/redline/rollup"
	"github.com/redline-events/redline/storetest"
)

var (
	long       = flag.Bool("long", false, "build a large store (see -long.events) and time series, alerts and listings on it")
	longEvents = flag.Int("long.events", 10_000_000, "events in the -long store")
	longDB     = flag.String("long.db", "", "file of the -long store; an existing one is reused (default: a temporary file)")
)

// TestLargeStore measures the queries the dashboard makes on a store of
// -long.events events (10⁷ by default): dyad series and alerts must answer
// within 100 ms at the 95th percentile. The store is built with a bulk path
// (bulkLoad below) since Put would take long: same tables, same rollups.
//
//	go test ./sqlite -run LargeStore -long -v [-long.db /tmp/big.db]
func TestLargeStore(t *testing.T) {
	if !*long {
		t.Skip("a 10⁷-event store takes minutes to build: run with -long")
	}
	ctx := context.Background()
	path := *longDB
	if path == "" {
		path = t.TempDir() + "/large.db"
	}
	_, statErr := os.Stat(path)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if statErr != nil {
		start := time.Now()
		if err := bulkLoad(ctx, s, *longEvents); err != nil {
			t.Fatal(err)
		}
		fi, _ := os.Stat(path)
		t.Logf("built %d events in %s (%d MB)", *longEvents, time.Since(start).Round(time.Second), fi.Size()>>20)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("store: %+v", st)
	last := st.LastDay
	cases := []struct {
		name string
		run  func() error
	}{
		{"series country dyad, all days", func() error {
			_, err := analysis.Series(ctx, s, redline.SeriesQuery{Source: "C00", Target: "C01"}, analysis.Day)
			return err
		}},
		{"series country dyad, 90 days by week", func() error {
			_, err := analysis.Series(ctx, s, redline.SeriesQuery{Source: "C02", Target: "C00", From: last.AddDate(0, 0, -90), To: last}, analysis.Week)
			return err
		}},
		{"series actor dyad, all days", func() error {
			_, err := analysis.Series(ctx, s, redline.SeriesQuery{Source: "C00GOV", Target: "C01MIL"}, analysis.Day)
			return err
		}},
		{"series actor prefix vs country, all modes", func() error {
			_, err := analysis.Series(ctx, s, redline.SeriesQuery{Source: "C03", Target: "C00MIL", Mode: redline.AllModes}, analysis.Month)
			return err
		}},
		{"alerts (last 7 days, driving events of the top 10)", func() error {
			_, err := analysis.Detect(ctx, s, analysis.AlertOptions{})
			return err
		}},
		{"dyad days, 77 days (the input of alerts)", func() error {
			_, err := s.DyadDays(ctx, last.AddDate(0, 0, -76), last)
			return err
		}},
		{"top events of an alert: country dyad, 7 days, by impact", func() error {
			_, err := s.Events(ctx, redline.EventFilter{SourceCountry: "C00", TargetCountry: "C01", From: last.AddDate(0, 0, -6), To: last,
				Mode: redline.Asserted, Order: redline.ByImpact, Limit: 5})
			return err
		}},
		{"top dyads, 30 days", func() error {
			_, err := s.TopDyads(ctx, redline.DyadQuery{From: last.AddDate(0, 0, -30), To: last, By: redline.ByConflict})
			return err
		}},
		{"events, first page", func() error {
			_, err := s.Events(ctx, redline.EventFilter{Limit: 50})
			return err
		}},
		{"events, dyad and quad, first page", func() error {
			_, err := s.Events(ctx, redline.EventFilter{Source: "C01", Target: "C00", Quad: 4, Limit: 50})
			return err
		}},
		{"actors by prefix", func() error {
			_, err := s.Actors(ctx, "C0", 20)
			return err
		}},
	}
	for _, c := range cases {
		var times []time.Duration
		for i := 0; i < 21; i++ {
			start := time.Now()
			if err := c.run(); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			times = append(times, time.Since(start))
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		p50, p95 := times[len(times)/2], times[len(times)*95/100]
		t.Logf("%-50s p50 %8s  p95 %8s", c.name, p50.Round(100*time.Microsecond), p95.Round(100*time.Microsecond))
	}
}

// bulkLoad fills an empty store with n synthetic events: 40 countries with
// five roles each, Zipf-distributed dyads, three years of days. Each event
// has one mention; documents and sentences are shared pools (their contents
// do not matter to the timed queries). Rollups are summed in memory and the
// secondary indexes built after the rows, as a bulk import would.
func bulkLoad(ctx context.Context, s *DB, n int) error {
	const countries, days = 40, 1096
	roles := []string{"GOV", "MIL", "REB", "OPP", "BUS"}
	first := rollup.Day(time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC))
	r := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(r, 1.3, 2, countries-1)
	// One connection throughout: the bulk load is the only writer.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	drop := []string{"event_key", "event_day", "event_dyad", "event_tgt", "mention_event", "mention_doc", "mention_mid"}
	for _, ix := range drop {
		if _, err := conn.ExecContext(ctx, "DROP INDEX IF EXISTS "+ix); err != nil {
			return err
		}
	}
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	t := &tx{s: s, tx: sqlTx, ctx: ctx}
	t.events = t.batcher(`INSERT INTO event(id, key, day, src, tgt, code, root, goldstein, mode, n_mentions, n_articles, n_sources, rep)`, "", 13)
	t.mentions = t.batcher(`INSERT INTO mention(id, event, doc, sent, idx, mid, day, date_from, src_text, tgt_text,
		said_code, said_text, said_country, verb, verb_start, verb_end, place)`, "", 17)
	actorIDs := make([]int64, 0, countries*len(roles))
	for c := 0; c < countries; c++ {
		for _, role := range roles {
			res, err := sqlTx.ExecContext(ctx, "INSERT INTO actor(code, country, name) VALUES(?,?,?)",
				fmt.Sprintf("C%02d%s", c, role), fmt.Sprintf("C%02d", c), fmt.Sprintf("Country %d %s", c, role))
			if err != nil {
				return err
			}
			id, _ := res.LastInsertId()
			actorIDs = append(actorIDs, id)
		}
	}
	const docs, sents = 100_000, 1000
	for i := 0; i < docs; i++ {
		if _, err := sqlTx.ExecContext(ctx, "INSERT INTO doc(doc_id, hash, title, url, source, day, origin) VALUES(?,?,?,?,?,?,?)",
			fmt.Sprintf("bulk-%d", i), []byte{byte(i)}, "", fmt.Sprintf("https://s%d.example/%d", i%50, i), fmt.Sprintf("s%d.example", i%50), first+int64(i%days), "bulk"); err != nil {
			return err
		}
	}
	for i := 1; i <= sents; i++ {
		text := fmt.Sprintf("Synthetic sentence %d: forces of one country clashed with another near the border.", i)
		if _, err := sqlTx.ExecContext(ctx, "INSERT INTO sentence(id, doc, idx, start, end, text) VALUES(?,?,?,?,?,?)", i, 1+i%docs, 0, 0, len(text), text); err != nil {
			return err
		}
		if _, err := sqlTx.ExecContext(ctx, "INSERT INTO sentence_fts(rowid, text) VALUES(?,?)", i, text); err != nil {
			return err
		}
	}
	actorN := make([]int64, len(actorIDs)+1)
	for i := 1; i <= n; i++ {
		si, ti := int(zipf.Uint64())*len(roles)+r.IntN(len(roles)), int(zipf.Uint64())*len(roles)+r.IntN(len(roles))
		src, tgt := actorIDs[si], actorIDs[ti]
		code := storetest.Codes[r.IntN(len(storetest.Codes))]
		mode := int64(0)
		if r.IntN(5) == 0 {
			mode = 1 + int64(r.IntN(3))
		}
		d := first + int64(r.IntN(days))
		key := int64(r.Uint64() >> 1)
		g, root := code.Goldstein(), rollup.RootNum(code)
		if err := t.events.add(int64(i), key, d, src, tgt, string(code), root, g, mode, 1, 1, 1, int64(i)); err != nil {
			return err
		}
		if err := t.mentions.add(int64(i), int64(i), 1+int64(i%docs), 1+int64(i%sents), 0, fmt.Sprintf("m%d", i), d, "text",
			"", "", nil, nil, nil, "clashed", 0, 0, nil); err != nil {
			return err
		}
		e := rollup.Event{Day: d, Src: src, Tgt: tgt, Root: root, Mode: mode, Goldstein: g}
		sc, tc := fmt.Sprintf("C%02d", si/len(roles)), fmt.Sprintf("C%02d", ti/len(roles))
		t.roll.AddEvent(e, sc, tc, 1, code.Quad())
		t.roll.AddMentions(e, sc, tc, 1)
		actorN[si]++
		actorN[ti]++
		if i%200_000 == 0 {
			// Commit in slices so that the WAL stays small.
			if err := t.events.flush(); err != nil {
				return err
			}
			if err := t.mentions.flush(); err != nil {
				return err
			}
			if err := sqlTx.Commit(); err != nil {
				return fmt.Errorf("commit at %d: %w", i, err)
			}
			if sqlTx, err = conn.BeginTx(ctx, nil); err != nil {
				return fmt.Errorf("begin at %d: %w", i, err)
			}
			t.tx = sqlTx
			t.events.full, t.mentions.full = nil, nil
		}
	}
	t.touched = map[int64]bool{}
	t.actorN = map[int64]int64{}
	for i, c := range actorN[:len(actorIDs)] {
		t.actorN[actorIDs[i]] = c
	}
	t.dDocs, t.dEvents, t.dMent = docs, int64(n), int64(n)
	t.st.NewEvents, t.minDay, t.maxDay = n, first, first+days-1
	for _, b := range []*batcher{t.events, t.mentions} {
		if err := b.flush(); err != nil {
			return err
		}
	}
	if err := t.flush(); err != nil {
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, indexSchema) // recreates the dropped indexes
	return err
}
