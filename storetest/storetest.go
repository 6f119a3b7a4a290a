package storetest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/redline-events/redline"
)

// Run runs the suite against fresh stores made by open (one per subtest;
// open closes them through t.Cleanup).
func Run(t *testing.T, open func(t *testing.T) redline.Store) {
	for _, tc := range []struct {
		name string
		fn   func(*testing.T, redline.Store)
	}{
		{"Idempotent", testIdempotent},
		{"Dedup", testDedup},
		{"BatchOrder", func(t *testing.T, s redline.Store) { testBatchOrder(t, s, open(t)) }},
		{"Replace", testReplace},
		{"RollupsMatchEvents", testRollups},
		{"Pagination", testPagination},
		{"Filters", testFilters},
		{"EventByID", testEventByID},
		{"Series", testSeries},
		{"Actors", testActors},
		{"BadInput", testBadInput},
		{"PlaceFilters", testPlaceFilters},
		{"Places", testPlaces},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open(t)) })
	}
}

func put(t *testing.T, s redline.Store, docs []redline.DocEvents) redline.PutStats {
	t.Helper()
	st, err := s.Put(context.Background(), docs)
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	return st
}

func stats(t *testing.T, s redline.Store) redline.StoreStats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// all lists every stored event matching f through the pages.
func all(t *testing.T, s redline.Store, f redline.EventFilter) []redline.StoredEvent {
	t.Helper()
	var out []redline.StoredEvent
	for pages := 0; ; pages++ {
		p, err := s.Events(context.Background(), f)
		if err != nil {
			t.Fatalf("Events(%+v): %v", f, err)
		}
		out = append(out, p.Events...)
		if p.Next == "" {
			return out
		}
		if pages > 100000 {
			t.Fatal("pagination does not end")
		}
		f.Cursor = p.Next
	}
}

func smallCorpus() []redline.DocEvents {
	return Corpus(CorpusOptions{Docs: 120, Days: 20, Sources: 4, MaxEvents: 5, Seed: 1})
}

func countMentions(docs []redline.DocEvents) int {
	n := 0
	for _, d := range docs {
		n += len(d.Events)
	}
	return n
}

func testIdempotent(t *testing.T, s redline.Store) {
	docs := smallCorpus()
	first := put(t, s, docs)
	if first.Docs != len(docs) || first.Mentions != countMentions(docs) {
		t.Fatalf("first Put stored %+v, want %d docs, %d mentions", first, len(docs), countMentions(docs))
	}
	before := stats(t, s)
	evBefore := all(t, s, redline.EventFilter{Mode: ""})
	second := put(t, s, docs[:len(docs)/2])
	third := put(t, s, docs)
	if second.Unchanged != len(docs)/2 || third.Unchanged != len(docs) || second.Mentions+third.Mentions != 0 {
		t.Errorf("re-ingest stored something: %+v then %+v", second, third)
	}
	if after := stats(t, s); after != before {
		t.Errorf("stats changed on re-ingest: %+v → %+v", before, after)
	}
	if before.Documents != len(docs) || before.Mentions != countMentions(docs) || before.Events != first.NewEvents {
		t.Errorf("stats %+v disagree with Put %+v", before, first)
	}
	evAfter := all(t, s, redline.EventFilter{})
	if len(evAfter) != len(evBefore) {
		t.Errorf("%d events before, %d after", len(evBefore), len(evAfter))
	}
}

// mkDoc builds a document with one event per (source, target, code, mode, date).
func mkDoc(id, url string, date time.Time, evs ...redline.Event) redline.DocEvents {
	d := &redline.Doc{ID: id, URL: url, Date: date, Title: id}
	var b strings.Builder
	for i := range evs {
		ev := &evs[i]
		ev.DocID, ev.Sentence = id, i
		if ev.Mode == "" {
			ev.Mode = redline.Asserted
		}
		start := b.Len()
		fmt.Fprintf(&b, "%s acted on %s in %s style, sentence %d of %s. ", ev.Source.ActorCode(), ev.Target.ActorCode(), ev.Code.Name(), i, id)
		ev.Evidence = redline.Evidence{Start: start, End: b.Len() - 1, Verb: "acted", VerbStart: start + len(ev.Source.ActorCode()) + 1}
		ev.Evidence.VerbEnd = ev.Evidence.VerbStart + 5
		ev.ID = redline.EventID(id, i, ev.Source.ActorCode(), ev.Target.ActorCode(), ev.Code, ev.Mode, ev.Date)
	}
	d.Text = b.String()
	for i := range evs {
		evs[i].Evidence.Text = d.Text[evs[i].Evidence.Start:evs[i].Evidence.End]
	}
	return redline.DocEvents{Doc: d, Events: evs}
}

var (
	usa = &redline.Actor{Code: "USAGOV", Country: "USA", Text: "Washington"}
	rus = &redline.Actor{Code: "RUSGOV", Country: "RUS", Text: "Moscow"}
	ukr = &redline.Actor{Code: "UKRMIL", Country: "UKR", Text: "Ukrainian forces"}
)

func day(n int) time.Time { return Epoch.AddDate(0, 0, n) }

func ev(src, tgt *redline.Actor, code redline.Code, mode redline.Mode, d int) redline.Event {
	return redline.Event{Source: src, Target: tgt, Code: code, Mode: mode, Date: day(d), DateFrom: redline.DateFromText}
}

func testDedup(t *testing.T, s redline.Store) {
	docs := []redline.DocEvents{
		mkDoc("a", "https://one.example/a", day(10), ev(rus, ukr, "190", "", 10), ev(usa, rus, "130", "", 10)),
		mkDoc("b", "https://www.two.example/b", day(11), ev(rus, ukr, "190", "", 10), ev(rus, ukr, "190", redline.Negated, 10)),
		mkDoc("c", "https://one.example/c", day(11), ev(rus, ukr, "190", "", 9), ev(rus, ukr, "190", "", 10)),
		// Two days from the anchor (day 9, the earliest): another event.
		mkDoc("d", "https://three.example/d", day(13), ev(rus, ukr, "190", "", 11)),
	}
	st := put(t, s, docs)
	if st.NewEvents != 4 || st.Mentions != 7 {
		t.Fatalf("Put: %+v, want 4 new events from 7 mentions", st)
	}
	evs := all(t, s, redline.EventFilter{Source: "RUS", Target: "UKR", Code: "190", Mode: redline.Asserted})
	if len(evs) != 2 {
		t.Fatalf("%d asserted RUS→UKR 190 events, want 2 (days 9–10 collapse, day 11 apart)", len(evs))
	}
	byDay := map[string]redline.StoredEvent{}
	for _, e := range evs {
		byDay[e.Date.Format("2006-01-02")] = e
	}
	main, ok := byDay[day(9).Format("2006-01-02")]
	if !ok {
		t.Fatalf("no event anchored on day 9 (the earliest mention): %v", keys(byDay))
	}
	if main.NumMentions != 4 || main.NumArticles != 3 || main.NumSources != 2 {
		t.Errorf("collapsed event: %d mentions, %d articles, %d sources; want 4, 3, 2",
			main.NumMentions, main.NumArticles, main.NumSources)
	}
	if main.DocID != "a" || main.Sentence != 0 {
		t.Errorf("representative mention %s#%d, want a#0 (smallest doc id)", main.DocID, main.Sentence)
	}
	full, err := s.Event(context.Background(), main.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(full.MentionList) != 4 {
		t.Fatalf("%d mentions listed, want 4", len(full.MentionList))
	}
	for _, m := range full.MentionList {
		if !strings.Contains(m.Evidence.Text, "RUSGOV acted on UKRMIL") || m.Evidence.Text == "" {
			t.Errorf("mention %s evidence %q", m.ID, m.Evidence.Text)
		}
	}
	if st := stats(t, s); !st.FirstDay.Equal(day(9)) || !st.LastDay.Equal(day(11)) {
		t.Errorf("stats span %s..%s, want the anchor days %s..%s", st.FirstDay, st.LastDay, day(9), day(11))
	}
	neg := all(t, s, redline.EventFilter{Mode: redline.Negated})
	if len(neg) != 1 || neg[0].NumMentions != 1 {
		t.Errorf("negated mention merged with asserted ones: %d negated events", len(neg))
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// testBatchOrder stores one corpus in two orders: the same events, ids and
// counts must come out.
func testBatchOrder(t *testing.T, s1, s2 redline.Store) {
	docs := smallCorpus()
	rev := make([]redline.DocEvents, len(docs))
	for i := range docs {
		rev[len(docs)-1-i] = docs[i]
	}
	put(t, s1, docs)
	put(t, s2, rev)
	sig := func(s redline.Store) []string {
		var out []string
		for _, e := range all(t, s, redline.EventFilter{Mode: ""}) {
			out = append(out, fmt.Sprintf("%s %s %s#%d %d/%d/%d", e.ID, e.Date.Format("2006-01-02"), e.DocID, e.Sentence, e.NumMentions, e.NumArticles, e.NumSources))
		}
		sort.Strings(out)
		return out
	}
	a, b := sig(s1), sig(s2)
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("stored events depend on batch order:\n%d events vs %d", len(a), len(b))
	}
}

func testReplace(t *testing.T, s redline.Store) {
	docs := []redline.DocEvents{
		mkDoc("a", "https://one.example/a", day(3), ev(rus, ukr, "190", "", 3), ev(usa, rus, "130", "", 3)),
		mkDoc("b", "https://two.example/b", day(3), ev(rus, ukr, "190", "", 3)),
	}
	put(t, s, docs)
	// a changes: its threat is gone, a new appeal appears.
	changed := mkDoc("a", "https://one.example/a", day(3), ev(rus, ukr, "190", "", 3), ev(ukr, usa, "023", "", 3))
	st := put(t, s, []redline.DocEvents{changed})
	if st.Replaced != 1 {
		t.Fatalf("Put of a changed document: %+v", st)
	}
	if n := len(all(t, s, redline.EventFilter{Code: "130"})); n != 0 {
		t.Errorf("the replaced document's old event survives (%d)", n)
	}
	if n := len(all(t, s, redline.EventFilter{Code: "023"})); n != 1 {
		t.Errorf("new event stored %d times", n)
	}
	evs := all(t, s, redline.EventFilter{Code: "190"})
	if len(evs) != 1 || evs[0].NumMentions != 2 || evs[0].NumArticles != 2 {
		t.Errorf("shared event after replace: %+v", evs)
	}
	if got := stats(t, s); got.Documents != 2 || got.Mentions != 3 || got.Events != 2 {
		t.Errorf("stats after replace: %+v, want 2 docs, 3 mentions, 2 events", got)
	}
	checkRollups(t, s)
	series, err := s.Series(context.Background(), redline.SeriesQuery{Source: "USA", Target: "RUS"})
	if err != nil {
		t.Fatal(err)
	}
	if len(series) != 0 {
		t.Errorf("USA→RUS series keeps the replaced event: %+v", series)
	}
}

// checkRollups compares every series the rollups give with the same
// aggregate computed from the listed events.
func checkRollups(t *testing.T, s redline.Store) {
	t.Helper()
	evs := all(t, s, redline.EventFilter{})
	type agg struct {
		quad       [5]int
		mentions   int
		gsum, csum float64
	}
	want := map[string]*agg{} // source country/target country/day/mode
	wantActor := map[string]*agg{}
	add := func(m map[string]*agg, k string, e *redline.StoredEvent) {
		a := m[k]
		if a == nil {
			a = &agg{}
			m[k] = a
		}
		a.quad[e.Code.Quad()]++
		a.mentions += e.NumMentions
		g := e.Code.Goldstein()
		a.gsum += g
		if g < 0 {
			a.csum -= g
		}
	}
	country := func(a *redline.Actor) string {
		if a == nil {
			return ""
		}
		return a.Country
	}
	for i := range evs {
		e := &evs[i]
		d := e.Date.Format("2006-01-02")
		add(want, fmt.Sprintf("%s/%s/%s/%s", country(e.Source), country(e.Target), d, e.Mode), e)
		add(wantActor, fmt.Sprintf("%s/%s/%s/%s", e.Source.ActorCode(), e.Target.ActorCode(), d, e.Mode), e)
	}
	check := func(what string, want map[string]*agg, q func(k []string) redline.SeriesQuery) {
		for k, w := range want {
			parts := strings.Split(k, "/")
			if parts[0] == "" || parts[1] == "" {
				continue // a series needs named sides to select exactly this dyad
			}
			d, _ := time.Parse("2006-01-02", parts[2])
			sq := q(parts)
			sq.From, sq.To, sq.Mode = d, d, redline.Mode(parts[3])
			got, err := s.Series(context.Background(), sq)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 {
				t.Errorf("%s %s: %d points, want 1", what, k, len(got))
				continue
			}
			g := got[0]
			if g.Quad != w.quad || g.Mentions != w.mentions || math.Abs(g.GoldsteinSum-w.gsum) > 1e-6 || math.Abs(g.Conflict-w.csum) > 1e-6 {
				t.Errorf("%s %s: rollup %+v, events give %+v", what, k, g, *w)
			}
		}
	}
	check("country", want, func(k []string) redline.SeriesQuery { return redline.SeriesQuery{Source: k[0], Target: k[1]} })
	check("actor", wantActor, func(k []string) redline.SeriesQuery {
		// Every actor code of the corpora is longer than three letters
		// or a country-level code whose prefix is itself.
		return redline.SeriesQuery{Source: k[0], Target: k[1]}
	})
}

func testRollups(t *testing.T, s redline.Store) {
	docs := smallCorpus()
	// Two batches, then a changed document: rollups must track all of it.
	put(t, s, docs[:60])
	put(t, s, docs[60:])
	d := *docs[5].Doc
	d.Text += " Updated."
	put(t, s, []redline.DocEvents{{Doc: &d, Events: docs[5].Events[:1]}})
	checkRollups(t, s)
	// Totals across everything: the country rollup with both sides open.
	total, err := s.Series(context.Background(), redline.SeriesQuery{Mode: redline.AllModes})
	if err != nil {
		t.Fatal(err)
	}
	var n, m int
	for _, p := range total {
		n += p.Events()
		m += p.Mentions
	}
	st := stats(t, s)
	if n != st.Events || m != st.Mentions {
		t.Errorf("rollup totals %d events, %d mentions; store holds %+v", n, m, st)
	}
	// Top dyads and dyad days (what alerts read) against the asserted
	// events with both countries known.
	want := map[string]int{}
	wantDays := 0
	seenDay := map[string]bool{}
	for _, e := range all(t, s, redline.EventFilter{Mode: redline.Asserted}) {
		if e.Source == nil || e.Target == nil || e.Source.Country == "" || e.Target.Country == "" {
			continue
		}
		k := e.Source.Country + "→" + e.Target.Country
		want[k]++
		if dk := k + e.Date.Format("2006-01-02"); !seenDay[dk] {
			seenDay[dk] = true
			wantDays++
		}
	}
	top, err := s.TopDyads(context.Background(), redline.DyadQuery{Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for i, d := range top {
		got[d.Source+"→"+d.Target] = d.Events()
		if i > 0 && d.Events() > top[i-1].Events() {
			t.Errorf("TopDyads not ordered at %d", i)
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("TopDyads:\n%v\nevents give\n%v", got, want)
	}
	days, err := s.DyadDays(context.Background(), time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != wantDays {
		t.Errorf("DyadDays: %d dyad-days, events give %d", len(days), wantDays)
	}
}

func testPagination(t *testing.T, s redline.Store) {
	put(t, s, smallCorpus())
	want := stats(t, s).Events
	for _, limit := range []int{1, 7, 50, 10000} {
		evs := all(t, s, redline.EventFilter{Limit: limit, Mode: ""})
		seen := map[string]bool{}
		for i, e := range evs {
			if seen[e.ID] {
				t.Fatalf("limit %d: event %s listed twice", limit, e.ID)
			}
			seen[e.ID] = true
			if i > 0 && e.Date.After(evs[i-1].Date) {
				t.Fatalf("limit %d: not newest first at %d", limit, i)
			}
		}
		if len(seen) != want {
			t.Errorf("limit %d: %d events listed, %d stored", limit, len(seen), want)
		}
	}
}

func testFilters(t *testing.T, s redline.Store) {
	put(t, s, smallCorpus())
	every := all(t, s, redline.EventFilter{})
	has := func(a *redline.Actor, p string) bool { return a != nil && strings.HasPrefix(a.Code, p) }
	for _, tc := range []struct {
		name string
		f    redline.EventFilter
		keep func(e *redline.StoredEvent) bool
	}{
		{"source", redline.EventFilter{Source: "RUS"}, func(e *redline.StoredEvent) bool { return has(e.Source, "RUS") }},
		{"source lower case", redline.EventFilter{Source: "rusgov"}, func(e *redline.StoredEvent) bool { return has(e.Source, "RUSGOV") }},
		{"target", redline.EventFilter{Target: "UKRMIL"}, func(e *redline.StoredEvent) bool { return has(e.Target, "UKRMIL") }},
		{"actor", redline.EventFilter{Actor: "USA"}, func(e *redline.StoredEvent) bool { return has(e.Source, "USA") || has(e.Target, "USA") }},
		{"country", redline.EventFilter{Country: "IGO"}, func(e *redline.StoredEvent) bool {
			return (e.Source != nil && e.Source.Country == "IGO") || (e.Target != nil && e.Target.Country == "IGO")
		}},
		{"code", redline.EventFilter{Code: "190"}, func(e *redline.StoredEvent) bool { return e.Code == "190" }},
		{"root", redline.EventFilter{Root: "13"}, func(e *redline.StoredEvent) bool { return e.Code.Root() == "13" }},
		{"quad", redline.EventFilter{Quad: redline.MaterialConflict}, func(e *redline.StoredEvent) bool { return e.Code.Quad() == redline.MaterialConflict }},
		{"mode", redline.EventFilter{Mode: redline.Future}, func(e *redline.StoredEvent) bool { return e.Mode == redline.Future }},
		{"from to", redline.EventFilter{From: day(5), To: day(7)}, func(e *redline.StoredEvent) bool {
			return !e.Date.Before(day(5)) && !e.Date.After(day(7))
		}},
		{"combined", redline.EventFilter{Source: "RUS", Quad: redline.VerbalConflict, Limit: 3}, func(e *redline.StoredEvent) bool {
			return has(e.Source, "RUS") && e.Code.Quad() == redline.VerbalConflict
		}},
		{"no match", redline.EventFilter{Source: "ZZZ"}, func(e *redline.StoredEvent) bool { return false }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := all(t, s, tc.f)
			want := 0
			for i := range every {
				if tc.keep(&every[i]) {
					want++
				}
			}
			if len(got) != want {
				t.Errorf("%d events, want %d", len(got), want)
			}
			if tc.name != "no match" && want == 0 {
				t.Errorf("the corpus has no event for this filter: the test proves nothing")
			}
			for i := range got {
				if !tc.keep(&got[i]) {
					t.Errorf("event %s does not match", got[i].ID)
				}
			}
		})
	}
	t.Run("text", func(t *testing.T) {
		// Text search reaches any mention's sentence, not just the
		// representative's.
		docs := []redline.DocEvents{
			mkDoc("t1", "https://x.example/1", day(40), ev(usa, ukr, "073", "", 40)),
		}
		docs[0].Doc.Text = strings.Replace(docs[0].Doc.Text, "acted", "shipped", 1)
		docs[0].Events[0].Evidence.Text = docs[0].Doc.Text[docs[0].Events[0].Evidence.Start:docs[0].Events[0].Evidence.End]
		put(t, s, docs)
		for _, q := range []string{"shipped", "SHIPPED", "ship*", `shipped "UKRMIL"`, `"unbalanced`, "100%_"} {
			got := all(t, s, redline.EventFilter{Text: q})
			want := 1
			if q == `"unbalanced` || q == "100%_" {
				want = 0
			}
			if len(got) != want {
				t.Errorf("text %q: %d events, want %d", q, len(got), want)
			}
		}
	})
}

func testEventByID(t *testing.T, s redline.Store) {
	docs := smallCorpus()
	put(t, s, docs)
	ctx := context.Background()
	evs := all(t, s, redline.EventFilter{Limit: 20})
	for _, e := range evs[:20] {
		got, err := s.Event(ctx, e.ID)
		if err != nil {
			t.Fatalf("Event(%s): %v", e.ID, err)
		}
		if len(got.MentionList) != e.NumMentions || got.ID != e.ID {
			t.Errorf("Event(%s): %d mentions listed, %d counted", e.ID, len(got.MentionList), e.NumMentions)
		}
		// By a mention's own id: the same stored event.
		m := got.MentionList[len(got.MentionList)-1]
		byMention, err := s.Event(ctx, m.ID)
		if err != nil || byMention.ID != e.ID {
			t.Errorf("Event(mention %s) = %s, %v; want %s", m.ID, byMention.ID, err, e.ID)
		}
	}
	// Mentions carry evidence equal to their document's text.
	text := map[string]string{}
	for _, d := range docs {
		text[d.Doc.ID] = d.Doc.Text
	}
	got, _ := s.Event(ctx, evs[0].ID)
	for _, m := range got.MentionList {
		if text[m.DocID][m.Evidence.Start:m.Evidence.End] != m.Evidence.Text {
			t.Errorf("mention %s: evidence offsets do not match its text", m.ID)
		}
	}
	if _, err := s.Event(ctx, "nope"); !errors.Is(err, redline.ErrNotFound) {
		t.Errorf("unknown id: %v, want ErrNotFound", err)
	}
}

func testSeries(t *testing.T, s redline.Store) {
	docs := []redline.DocEvents{
		mkDoc("a", "https://one.example/a", day(1), ev(rus, ukr, "190", "", 1), ev(rus, ukr, "130", "", 1), ev(rus, ukr, "042", "", 1)),
		mkDoc("b", "https://two.example/b", day(2), ev(rus, ukr, "190", "", 5)),
		mkDoc("c", "https://two.example/c", day(2), ev(rus, ukr, "190", redline.Future, 5)),
	}
	put(t, s, docs)
	for _, tc := range []struct {
		q    redline.SeriesQuery
		want []redline.DayCount
	}{
		{redline.SeriesQuery{Source: "RUS", Target: "UKR"}, []redline.DayCount{
			{Day: day(1), Quad: [5]int{0, 1, 0, 1, 1}, Mentions: 3, GoldsteinSum: -10 - 4.4 + 1.9, Conflict: 14.4},
			{Day: day(5), Quad: [5]int{0, 0, 0, 0, 1}, Mentions: 1, GoldsteinSum: -10, Conflict: 10}}},
		{redline.SeriesQuery{Source: "RUSGOV", Target: "UKRMIL", From: day(2)}, []redline.DayCount{
			{Day: day(5), Quad: [5]int{0, 0, 0, 0, 1}, Mentions: 1, GoldsteinSum: -10, Conflict: 10}}},
		{redline.SeriesQuery{Source: "RUS", Target: "UKR", From: day(5), To: day(5), Mode: redline.AllModes}, []redline.DayCount{
			{Day: day(5), Quad: [5]int{0, 0, 0, 0, 2}, Mentions: 2, GoldsteinSum: -20, Conflict: 20}}},
		{redline.SeriesQuery{Source: "UKR", Target: "RUS"}, nil},
	} {
		got, err := s.Series(context.Background(), tc.q)
		if err != nil {
			t.Fatal(err)
		}
		for i := range tc.want {
			tc.want[i].GoldsteinSum = math.Round(tc.want[i].GoldsteinSum*1e6) / 1e6
		}
		for i := range got {
			got[i].GoldsteinSum = math.Round(got[i].GoldsteinSum*1e6) / 1e6
			got[i].Conflict = math.Round(got[i].Conflict*1e6) / 1e6
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("Series(%+v) =\n%v\nwant\n%v", tc.q, got, tc.want)
		}
	}
	days, err := s.DyadDays(context.Background(), day(0), day(10))
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != 2 || days[0].Source != "RUS" || days[0].Target != "UKR" || days[1].Events() != 1 {
		t.Errorf("DyadDays: %+v", days)
	}
	top, err := s.TopDyads(context.Background(), redline.DyadQuery{By: redline.ByConflict})
	if err != nil {
		t.Fatal(err)
	}
	if len(top) != 1 || top[0].Events() != 4 {
		t.Errorf("TopDyads: %+v", top)
	}
}

func testActors(t *testing.T, s redline.Store) {
	put(t, s, smallCorpus())
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"usa", []string{"USAGOV", "USAMIL"}},
		{"RUSG", []string{"RUSGOV"}},
		{"nat", []string{"IGOWSTNAT"}}, // by name: NATO
		{"%", nil},
		{"ZZZ", nil},
	} {
		got, err := s.Actors(context.Background(), tc.q, 10)
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, a := range got {
			codes = append(codes, a.Code)
			if a.Events == 0 {
				t.Errorf("%s counts no events", a.Code)
			}
		}
		sort.Strings(codes)
		if fmt.Sprint(codes) != fmt.Sprint(tc.want) {
			t.Errorf("Actors(%q) = %v, want %v", tc.q, codes, tc.want)
		}
	}
}

func testBadInput(t *testing.T, s redline.Store) {
	ctx := context.Background()
	put(t, s, smallCorpus()[:5])
	for _, f := range []redline.EventFilter{
		{Cursor: "not a cursor"},
		{Mode: "maybe"},
		{Root: "1"},
		{Quad: 9},
		{Order: "random"},
	} {
		if _, err := s.Events(ctx, f); !errors.Is(err, redline.ErrInvalid) {
			t.Errorf("Events(%+v): %v, want ErrInvalid", f, err)
		}
	}
	if _, err := s.Series(ctx, redline.SeriesQuery{Mode: "maybe"}); !errors.Is(err, redline.ErrInvalid) {
		t.Errorf("Series with a bad mode: %v", err)
	}
	if _, err := s.Put(ctx, []redline.DocEvents{{Doc: &redline.Doc{}}}); !errors.Is(err, redline.ErrInvalid) {
		t.Errorf("Put of a document without id: %v", err)
	}
	if err := s.Ping(ctx); err != nil {
		t.Error(err)
	}
}
