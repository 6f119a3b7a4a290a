package http

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/analysis"
	"github.com/redline-events/redline/storetest"
)

func TestHighlight(t *testing.T) {
	doc := "Intro. Russian troops shelled Kyiv while Kyiv slept."
	start := strings.Index(doc, "Russian")
	ev := func(src, tgt string, vs, ve int) *redline.Event {
		e := &redline.Event{Evidence: redline.Evidence{Start: start, End: len(doc), Text: doc[start:], VerbStart: vs, VerbEnd: ve}}
		if src != "" {
			e.Source = &redline.Actor{Text: src, Code: "RUSMIL"}
		}
		if tgt != "" {
			e.Target = &redline.Actor{Text: tgt, Code: "UKRGOV"}
		}
		return e
	}
	verb := strings.Index(doc, "shelled")
	for _, tc := range []struct {
		name string
		ev   *redline.Event
		want string
	}{
		{"all three", ev("Russian troops", "Kyiv", verb, verb+7), "[source:Russian troops] [verb:shelled] [target:Kyiv] while Kyiv slept."},
		{"no actors", ev("", "", verb, verb+7), "Russian troops [verb:shelled] Kyiv while Kyiv slept."},
		{"actor not in sentence", ev("Moscow", "Kyiv", verb, verb+7), "Russian troops [verb:shelled] [target:Kyiv] while Kyiv slept."},
		{"verb offsets outside", ev("Russian troops", "", 0, 3), "[source:Russian troops] shelled Kyiv while Kyiv slept."},
		{"reversed offsets", ev("", "", verb+7, verb), "Russian troops shelled Kyiv while Kyiv slept."},
		{"same words both sides", ev("Kyiv", "Kyiv", verb, verb+7), "Russian troops [verb:shelled] [source:Kyiv] while [target:Kyiv] slept."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			for _, s := range highlight(tc.ev) {
				if s.Class == "" {
					b.WriteString(s.Text)
				} else {
					b.WriteString("[" + s.Class + ":" + s.Text + "]")
				}
			}
			if b.String() != tc.want {
				t.Errorf("got  %s\nwant %s", b.String(), tc.want)
			}
		})
	}
}

func FuzzHighlight(f *testing.F) {
	f.Add("Russian troops shelled Kyiv.", "Russian troops", "Kyiv", 15, 22, 0)
	f.Add("", "", "", 0, 0, 0)
	f.Add("ééé", "é", "\xff", -5, 400, 3)
	f.Fuzz(func(t *testing.T, text, src, tgt string, vs, ve, start int) {
		ev := &redline.Event{Evidence: redline.Evidence{Start: start, Text: text, VerbStart: vs, VerbEnd: ve},
			Source: &redline.Actor{Text: src}, Target: &redline.Actor{Text: tgt}}
		var b strings.Builder
		for _, s := range highlight(ev) {
			b.WriteString(s.Text)
		}
		if b.String() != text {
			t.Fatalf("spans do not rebuild the sentence: %q != %q", b.String(), text)
		}
	})
}

// FuzzParams: any query string gives a filter or a parameter error, never
// a panic, and an accepted filter holds only what the validators allow.
func FuzzParams(f *testing.F) {
	for _, s := range []string{"source=USA&limit=5", "mode=x", "from=2024-01-01&to=2023-01-01", "q=%00", "cursor=abc&order=impact", "root=01&quad=4", "a;b", "limit=99999999999999999999"} {
		f.Add(s)
	}
	codeRe := regexp.MustCompile(`^[A-Z0-9]*$`)
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		p := newParams(q, eventParams...)
		fl := p.filter(10000)
		if p.err != nil {
			if p.err.Param == "" {
				t.Fatal("an error without its parameter")
			}
			return
		}
		for _, c := range []string{fl.Source, fl.Target, fl.Actor, fl.Country} {
			if !codeRe.MatchString(c) {
				t.Fatalf("accepted actor code %q", c)
			}
		}
		if fl.Limit < 1 || fl.Limit > 10000 {
			t.Fatalf("limit %d", fl.Limit)
		}
		if fl.Code != "" && !fl.Code.Valid() {
			t.Fatalf("code %q", fl.Code)
		}
	})
}

// fakeDays is a Store that only answers DyadDays, for the detector.
type fakeDays struct {
	redline.Store
	days []redline.DyadDay
}

func (f fakeDays) DyadDays(context.Context, time.Time, time.Time) ([]redline.DyadDay, error) {
	return f.days, nil
}

func TestRankEscalation(t *testing.T) {
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 0, 59)
	var days []redline.DyadDay
	add := func(src, tgt string, day int, conflictEvents int, coop int) {
		c := redline.DayCount{Day: from.AddDate(0, 0, day), Quad: [5]int{0, coop, 0, 0, conflictEvents}}
		c.Conflict = 10 * float64(conflictEvents)
		c.GoldsteinSum = float64(coop) - c.Conflict
		days = append(days, redline.DyadDay{Source: src, Target: tgt, DayCount: c})
	}
	for d := 0; d < 60; d++ {
		// Steady: one attack every day, all along: no escalation.
		add("AAA", "BBB", d, 1, 0)
		// Escalating: quiet, then three attacks a day in the last week.
		if d%10 == 0 {
			add("RUS", "UKR", d, 1, 1)
		}
		if d >= 54 {
			add("RUS", "UKR", d, 3, 0)
		}
		// Cooperation only: never an alert.
		if d >= 54 {
			add("USA", "FRA", d, 0, 5)
		}
	}
	// One attack in a quiet dyad: too few events to alert.
	add("CCC", "DDD", 58, 1, 0)
	// The store orders by dyad, then day.
	sort.SliceStable(days, func(i, j int) bool {
		a, b := days[i], days[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.Target != b.Target {
			return a.Target < b.Target
		}
		return a.Day.Before(b.Day)
	})
	ov, err := readOverview(context.Background(), fakeDays{days: days}, from, to)
	if err != nil {
		t.Fatal(err)
	}
	as := ov.Ranked
	got := map[string]Escalation{}
	for _, a := range as {
		got[a.Source+a.Target] = a
	}
	if len(as) != 4 {
		t.Errorf("%d dyads ranked, want the 4 active in the last week", len(as))
	}
	if a := got["RUSUKR"]; a.Score < 3 || a.ConflictEvents != 3*(RecentDays-1) || as[0].Source != "RUS" {
		t.Errorf("RUS-UKR not on top: %+v", a)
	}
	if a := got["AAABBB"]; a.Score > 0.5 {
		t.Errorf("a steady dyad scores %.2f", a.Score)
	}
	if a := got["USAFRA"]; a.Score > 0 {
		t.Errorf("cooperation scores %.2f", a.Score)
	}
	if a, b := got["CCCDDD"], got["RUSUKR"]; a.Score >= b.Score {
		t.Errorf("one attack (%.1f) ranks with a week of them (%.1f)", a.Score, b.Score)
	}
	if n := len(got["RUSUKR"].Days); n != 60 {
		t.Errorf("sparkline series has %d days, want 60", n)
	}
}

// TestOverview: a burst of attacks tops the ranking and the alerts, with
// the events that drove it; daily totals agree with dyad totals.
func TestOverview(t *testing.T) {
	ctx := context.Background()
	st := freshStore(t)
	docs := storetest.Corpus(storetest.CorpusOptions{Docs: 300, Days: 90, Seed: 3, MaxEvents: 3})
	// A burst of attacks by one dyad in the last days.
	last := storetest.Epoch.AddDate(0, 0, 89)
	for i := 0; i < 24; i++ {
		day := last.AddDate(0, 0, -i%4)
		text := "Russian troops attacked Kyiv."
		d := &redline.Doc{ID: fmt.Sprintf("burst-%d", i), Date: day, Text: text, URL: fmt.Sprintf("https://b%d.example/x", i)}
		code := []redline.Code{"190", "193", "195", "180", "183", "186"}[i%6]
		ev := redline.Event{DocID: d.ID, Date: day, DateFrom: redline.DateFromDocument, Code: code, Mode: redline.Asserted,
			Source:   &redline.Actor{Text: "Russian troops", Code: "RUSMIL", Country: "RUS"},
			Target:   &redline.Actor{Text: "Kyiv", Code: "UKRGOV", Country: "UKR"},
			Evidence: redline.Evidence{Start: 0, End: len(text), Text: text, Verb: "attacked", VerbStart: 15, VerbEnd: 23}, Mentions: 1}
		ev.ID = redline.EventID(d.ID, 0, "RUSMIL", "UKRGOV", code, redline.Asserted, day)
		docs = append(docs, redline.DocEvents{Doc: d, Events: []redline.Event{ev}})
	}
	if _, err := st.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	ov, err := readOverview(ctx, st, last.AddDate(0, 0, -89), last)
	if err != nil {
		t.Fatal(err)
	}
	if len(ov.Ranked) == 0 || ov.Ranked[0].Source != "RUS" || ov.Ranked[0].Target != "UKR" || ov.Ranked[0].Score < 3 {
		t.Fatalf("the burst does not top the ranking: %+v", ov.Ranked[:min(2, len(ov.Ranked))])
	}
	// The overview lists Detect's alerts, the burst first, with its event.
	_, home, _ := get(t, New(Options{Store: st}), "/")
	if i, j := strings.Index(home, "Alerts this week"), strings.Index(home, `href="/dyad?source=RUS&amp;target=UKR`); i < 0 || j < i {
		t.Errorf("the burst is not among the overview's alerts")
	}
	if !strings.Contains(home, "Russian troops</mark> <mark class=\"verb\">attacked</mark>") {
		t.Errorf("the alert's driving event is not shown")
	}
	// The daily totals are the country dyads' asserted events.
	sum := 0
	for _, p := range ov.Days {
		sum += p.Events
	}
	top := 0
	for _, d := range ov.Top {
		top += d.Events()
	}
	if sum == 0 || sum != top {
		t.Errorf("daily totals %d, dyad totals %d", sum, top)
	}
}

// TestChartGolden pins the SVG of a small series, so that a change in the
// drawing is seen in review (go test -update rewrites it).
func TestChartGolden(t *testing.T) {
	start := time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)
	pts := analysis.Bucket([]redline.DayCount{
		{Day: start, Quad: [5]int{0, 2, 1, 0, 0}, GoldsteinSum: 9},
		{Day: start.AddDate(0, 0, 2), Quad: [5]int{0, 0, 0, 1, 3}, GoldsteinSum: -34, Conflict: 34},
		{Day: start.AddDate(0, 0, 3), Quad: [5]int{0, 1, 0, 0, 1}, GoldsteinSum: -9, Conflict: 10},
	}, analysis.Day, time.Time{}, time.Time{})
	got := string(seriesChart(pts, analysis.Day, `USA → RUS <&>`)) + "\n" + string(sparkline(pts, start.AddDate(0, 0, 2), "spark")) + "\n"
	golden := filepath.Join("testdata", "chart.golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("chart differs from %s (go test -update after checking it):\n%s", golden, got)
	}
	if strings.Contains(got, "<&>") {
		t.Error("label not escaped")
	}
	if empty := string(seriesChart(nil, analysis.Day, "x")); !strings.Contains(empty, "No events") {
		t.Errorf("empty chart: %s", empty)
	}
}

func TestNiceCeil(t *testing.T) {
	for _, tc := range [][2]int{{0, 1}, {1, 1}, {2, 2}, {3, 5}, {7, 10}, {10, 10}, {11, 20}, {49, 50}, {51, 100}, {101, 200}, {999, 1000}} {
		if got := niceCeil(tc[0]); got != tc[1] {
			t.Errorf("niceCeil(%d) = %d, want %d", tc[0], got, tc[1])
		}
	}
}

// TestEventRowGolden pins the HTML of the event table for two events (one
// with a speaker, one negated without a source), so that changes to the
// evidence markup are seen in review.
func TestEventRowGolden(t *testing.T) {
	text := `Officials said Russian troops shelled Kyiv on Monday. <b>Nobody</b> attacked "NATO".`
	second := strings.Index(text, "<b>")
	evs := []redline.StoredEvent{
		{Event: redline.Event{ID: "e1", DocID: "d1", Date: time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC), Code: "195", Mode: redline.Asserted,
			Source:   &redline.Actor{Text: "Russian troops", Code: "RUSMIL", Country: "RUS"},
			Target:   &redline.Actor{Text: "Kyiv", Code: "UKRGOV", Country: "UKR"},
			SaidBy:   &redline.Actor{Text: "Officials", Code: "UKRGOV", Country: "UKR"},
			Evidence: redline.Evidence{Start: 0, End: second - 1, Text: text[:second-1], Verb: "shelled", VerbStart: 30, VerbEnd: 37}},
			NumMentions: 3, NumArticles: 2, NumSources: 2},
		{Event: redline.Event{ID: "e/2?x", DocID: "d1", Sentence: 1, Date: time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), Code: "190", Mode: redline.Negated,
			Target:   &redline.Actor{Text: `"NATO"`, Code: "IGOWSTNAT", Country: "IGO"},
			Evidence: redline.Evidence{Start: second, End: len(text), Text: text[second:], Verb: "attacked", VerbStart: second + 14, VerbEnd: second + 22}},
			NumMentions: 1, NumArticles: 1, NumSources: 1},
	}
	var b strings.Builder
	if err := templates.ExecuteTemplate(&b, "events", eventRows(evs)); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, bad := range []string{"<b>", `href="/event/e/2?x"`} {
		if strings.Contains(got, bad) {
			t.Errorf("unescaped %q in the table", bad)
		}
	}
	golden := filepath.Join("testdata", "events.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("event table differs from %s (go test -update after checking it):\n%s", golden, got)
	}
}
