package analysis

import (
	"context"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/sqlite"
	"github.com/redline-events/redline/storetest"
)

var t0 = time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)

func d(n int) time.Time { return t0.AddDate(0, 0, n) }

// conflictDays makes a daily series from per-day counts of material
// conflict events scoring -10 (intensity 10 each).
func conflictDays(counts []int) []redline.DayCount {
	var out []redline.DayCount
	for i, c := range counts {
		out = append(out, redline.DayCount{Day: d(i), Quad: [5]int{0, 0, 0, 0, c}, Mentions: c,
			GoldsteinSum: -10 * float64(c), Conflict: 10 * float64(c)})
	}
	return out
}

func repeat(v, n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}

func TestEscalations(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	noisy := make([]int, 120)
	for i := range noisy {
		noisy[i] = 4 + r.IntN(3) // 4–6 a day
	}
	spike := repeat(2, 100)
	spike[70] = 3 // one more event: within the σ floor
	for _, tc := range []struct {
		name   string
		counts []int
		want   []int // days (index) an alert is raised
	}{
		{"flat", repeat(5, 120), nil},
		{"silent", repeat(0, 120), nil},
		{"step up at day 80", append(repeat(2, 80), repeat(8, 40)...), []int{80}},
		{"step down", append(repeat(8, 80), repeat(2, 40)...), nil},
		{"noise below the margin", noisy, nil},
		{"one extra event", spike, nil},
		{"new dyad with three attacks", append(repeat(0, 90), 1, 1, 1), []int{92}},
		{"new dyad with two attacks: below MinEvents", append(repeat(0, 90), 1, 1), nil},
		{"two episodes", append(append(append(repeat(1, 60), repeat(9, 10)...), repeat(1, 80)...), repeat(12, 5)...), []int{60, 150}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			days := conflictDays(tc.counts)
			if len(days) == 0 {
				days = []redline.DayCount{{Day: d(0)}}
			}
			got := Escalations(days, d(0), d(len(tc.counts)-1), AlertOptions{})
			if len(got) != len(tc.want) {
				t.Fatalf("%d alerts %+v, want raised on days %v", len(got), got, tc.want)
			}
			for i, a := range got {
				if !a.Raised.Equal(d(tc.want[i])) {
					t.Errorf("alert %d raised %s, want %s", i, a.Raised.Format("2006-01-02"), d(tc.want[i]).Format("2006-01-02"))
				}
				if a.Score < 3 || a.Observed <= a.Baseline || a.WindowEnd.Sub(a.WindowStart) != 6*24*time.Hour {
					t.Errorf("alert %d: %+v", i, a)
				}
				if a.ConflictEvents < 3 {
					t.Errorf("alert %d with %d conflict events", i, a.ConflictEvents)
				}
			}
		})
	}
}

func TestMinSpread(t *testing.T) {
	// A silent dyad waking with three attacks alerts at the default floor,
	// not with a floor of one attack a day.
	days := conflictDays(append(repeat(0, 90), 1, 1, 1))
	if got := Escalations(days, d(0), d(92), AlertOptions{}); len(got) != 1 {
		t.Errorf("default floor: %d alerts", len(got))
	}
	if got := Escalations(days, d(0), d(92), AlertOptions{MinSpread: 10}); len(got) != 0 {
		t.Errorf("floor 10: %+v", got)
	}
}

func TestEscalationsSince(t *testing.T) {
	days := conflictDays(append(repeat(2, 80), repeat(8, 40)...))
	// Windows ending before since are not judged; the step's alert then
	// starts on since, while the baseline has not caught up.
	got := Escalations(days, d(83), d(119), AlertOptions{})
	if len(got) != 1 || !got[0].Raised.Equal(d(83)) {
		t.Fatalf("%+v", got)
	}
	if got := Escalations(days, d(110), d(119), AlertOptions{}); len(got) != 0 {
		t.Errorf("the baseline should have caught up 30 days after the step: %+v", got)
	}
}

func TestBucket(t *testing.T) {
	// 2024-03-01 is a Friday.
	days := []redline.DayCount{
		{Day: d(0), Quad: [5]int{0, 2, 0, 0, 0}, GoldsteinSum: 6},
		{Day: d(2), Quad: [5]int{0, 0, 0, 1, 1}, GoldsteinSum: -14, Conflict: 14},
		{Day: d(31), Quad: [5]int{0, 0, 1, 0, 0}, GoldsteinSum: 7.4},
	}
	for _, tc := range []struct {
		iv       Interval
		from, to time.Time
		starts   []string
		events   []int
	}{
		{Day, d(0), d(3), []string{"2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04"}, []int{2, 0, 2, 0}},
		{Week, time.Time{}, time.Time{}, []string{"2024-02-26", "2024-03-04", "2024-03-11", "2024-03-18", "2024-03-25", "2024-04-01"}, []int{4, 0, 0, 0, 0, 1}},
		{Month, time.Time{}, time.Time{}, []string{"2024-03-01", "2024-04-01"}, []int{4, 1}},
		{Month, d(-40), d(31), []string{"2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"}, []int{0, 0, 4, 1}},
	} {
		got := Bucket(days, tc.iv, tc.from, tc.to)
		if len(got) != len(tc.starts) {
			t.Fatalf("%s: %d buckets %+v, want %v", tc.iv, len(got), got, tc.starts)
		}
		for i, p := range got {
			if p.Start.Format("2006-01-02") != tc.starts[i] || p.Events != tc.events[i] {
				t.Errorf("%s bucket %d: %s with %d events, want %s with %d", tc.iv, i, p.Start.Format("2006-01-02"), p.Events, tc.starts[i], tc.events[i])
			}
		}
	}
	m := Bucket(days, Month, time.Time{}, time.Time{})[0]
	if m.GoldsteinMean != -2 || m.ConflictShare != 0.5 || m.Conflict != 14 {
		t.Errorf("March: mean %v, conflict share %v, intensity %v; want -2, 0.5, 14", m.GoldsteinMean, m.ConflictShare, m.Conflict)
	}
	if Bucket(nil, Day, time.Time{}, time.Time{}) != nil {
		t.Error("an empty series has no buckets")
	}
}

func TestParseInterval(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Interval
		ok   bool
	}{{"", Day, true}, {"day", Day, true}, {"week", Week, true}, {"month", Month, true}, {"year", "", false}, {"Day", "", false}} {
		got, err := ParseInterval(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseInterval(%q) = %q, %v", tc.in, got, err)
		}
		if err != nil && !errors.Is(err, redline.ErrInvalid) {
			t.Errorf("ParseInterval(%q): %v is not ErrInvalid", tc.in, err)
		}
	}
}

// TestDetect runs detection over a store: a quiet corpus, then a burst of
// attacks by one dyad, must raise exactly that dyad with its attacks as the
// driving events.
func TestDetect(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rus := &redline.Actor{Code: "RUSMIL", Country: "RUS", Text: "Russian troops"}
	ukr := &redline.Actor{Code: "UKRGOV", Country: "UKR", Text: "Kyiv"}
	var docs []redline.DocEvents
	for i := 0; i < 60; i++ {
		// A daily statement keeps the dyad in the data without conflict.
		docs = append(docs, doc(i, storetest.Epoch.AddDate(0, 0, i), redline.Event{Source: rus, Target: ukr, Code: "010"}))
	}
	// Three kinds of attack a day for four days: mentions a day apart are
	// one event, so six events.
	for i := 60; i < 64; i++ {
		for k, code := range []redline.Code{"190", "193", "195"} {
			docs = append(docs, doc(i*10+k, storetest.Epoch.AddDate(0, 0, i), redline.Event{Source: rus, Target: ukr, Code: code}))
		}
	}
	if _, err := st.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	alerts, err := Detect(ctx, st, AlertOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(alerts) != 1 {
		t.Fatalf("%d alerts: %+v", len(alerts), alerts)
	}
	a := alerts[0]
	if a.Source != "RUS" || a.Target != "UKR" || !a.Raised.Equal(storetest.Epoch.AddDate(0, 0, 60)) {
		t.Errorf("alert %s→%s raised %s", a.Source, a.Target, a.Raised)
	}
	if len(a.Top) != 5 || a.Top[0].Code.Goldstein() != -10 || a.Top[4].Code.Quad() != redline.MaterialConflict || a.ConflictEvents != 6 {
		t.Errorf("%d conflict events; driving events: %+v", a.ConflictEvents, a.Top)
	}
	none, err := Detect(ctx, st, AlertOptions{TopAlerts: -1})
	if err != nil || len(none) != 1 || len(none[0].Top) != 0 {
		t.Errorf("TopAlerts -1: %v %+v", err, none)
	}
}

func doc(n int, date time.Time, ev redline.Event) redline.DocEvents {
	text := ev.Source.Text + " attacked " + ev.Target.Text + "."
	ev.DocID = "d" + date.Format("20060102") + "-" + string(rune('a'+n%26)) + time.Duration(n).String()
	ev.Date, ev.Mode, ev.DateFrom = date, redline.Asserted, redline.DateFromDocument
	ev.Evidence = redline.Evidence{Start: 0, End: len(text), Text: text, Verb: "attacked"}
	ev.ID = redline.EventID(ev.DocID, 0, ev.Source.Code, ev.Target.Code, ev.Code, ev.Mode, ev.Date)
	return redline.DocEvents{Doc: &redline.Doc{ID: ev.DocID, Date: date, Text: text, URL: "https://x.example/" + ev.DocID}, Events: []redline.Event{ev}}
}
