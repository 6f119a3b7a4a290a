package http

import (
	"context"
	"net/http"
	"sort"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/analysis"
)

// Escalation is a country dyad's standing at the end of a window, for the
// overview's ranking of dyads rising below the alert margin: analysis's
// z-score of its last RecentDays against its own EWMA baseline, computed for
// every dyad active in those days, and its daily series for a sparkline.
type Escalation struct {
	Source, Target string
	analysis.Alert
	RecentFrom time.Time
	Days       []analysis.Point
}

// RecentDays is the window that escalation compares with the baseline
// (analysis's default).
const RecentDays = 7

// overview is what the overview page shows about country dyads besides
// the alerts, computed from one read of the dyad rollup (DyadDays) over the
// window: every dyad active in the last week ranked by its current score,
// the dyads with the most conflict, the daily totals, and the daily series
// of the dyads active this week for sparklines.
type overview struct {
	Ranked []Escalation
	Top    []redline.DyadTotal
	Days   []analysis.Point
	Spark  map[[2]string][]analysis.Point
}

func readOverview(ctx context.Context, st redline.Store, from, to time.Time) (*overview, error) {
	days, err := st.DyadDays(ctx, from, to)
	if err != nil {
		return nil, err
	}
	ov := &overview{Spark: map[[2]string][]analysis.Point{}}
	recentFrom := to.AddDate(0, 0, -RecentDays+1)
	// A margin just above zero and one event: the ranking wants every
	// dyad's score, not only alerts.
	rankOpt := analysis.AlertOptions{Window: RecentDays, MinScore: 1e-9, MinEvents: 1, Warmup: 1}
	var all []redline.DayCount
	tops := map[[2]string]*redline.DyadTotal{}
	series := make([]redline.DayCount, 0, 256)
	for i := 0; i < len(days); {
		j := i
		series = series[:0]
		for ; j < len(days) && days[j].Source == days[i].Source && days[j].Target == days[i].Target; j++ {
			series = append(series, days[j].DayCount)
			all = append(all, days[j].DayCount)
		}
		k := [2]string{days[i].Source, days[i].Target}
		i = j
		t := &redline.DyadTotal{Source: k[0], Target: k[1]}
		for n := range series {
			t.Add(&series[n])
		}
		tops[k] = t
		if series[len(series)-1].Day.Before(recentFrom) {
			continue // quiet this week
		}
		// Every dyad's series starts on the window's first day, so that
		// one silent until lately has a zero baseline rather than none.
		full := series
		if full[0].Day.After(from) {
			full = append([]redline.DayCount{{Day: from}}, series...)
		}
		e := Escalation{Source: k[0], Target: k[1], RecentFrom: recentFrom}
		for _, a := range analysis.Escalations(full, to, to, rankOpt) {
			e.Alert = a
		}
		e.Days = analysis.Bucket(series, analysis.Day, from, to)
		ov.Spark[k] = e.Days
		ov.Ranked = append(ov.Ranked, e)
	}
	sort.SliceStable(ov.Ranked, func(i, j int) bool {
		if ov.Ranked[i].Score != ov.Ranked[j].Score {
			return ov.Ranked[i].Score > ov.Ranked[j].Score
		}
		return ov.Ranked[i].Observed > ov.Ranked[j].Observed
	})
	for _, t := range tops {
		ov.Top = append(ov.Top, *t)
	}
	sort.Slice(ov.Top, func(i, j int) bool {
		a, b := &ov.Top[i], &ov.Top[j]
		if a.Conflict != b.Conflict {
			return a.Conflict > b.Conflict
		}
		return a.Source+a.Target < b.Source+b.Target
	})
	sort.SliceStable(all, func(i, j int) bool { return all[i].Day.Before(all[j].Day) })
	ov.Days = analysis.Bucket(all, analysis.Day, from, to)
	return ov, nil
}

type apiAlert struct {
	Source         string     `json:"source"`
	Target         string     `json:"target"`
	Score          float64    `json:"score"`
	Raised         string     `json:"raised"`
	WindowStart    string     `json:"window_start"`
	WindowEnd      string     `json:"window_end"`
	Baseline       float64    `json:"baseline"`
	Spread         float64    `json:"spread"`
	Observed       float64    `json:"observed"`
	Events         int        `json:"events"`
	ConflictEvents int        `json:"conflict_events"`
	Top            []apiEvent `json:"top"`
}

// alerts answers analysis.Detect: alerts whose window ended between from
// (default 30 days before to) and to (default the newest event's day).
func (s *Server) alerts(w http.ResponseWriter, r *http.Request) {
	p := requestParams(r, alertParams...)
	from, to := p.date("from"), p.date("to")
	limit := p.intIn("limit", 50, 1, 1000)
	top := p.intIn("events", 5, 1, 50)
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		p.fail("to", "before from")
	}
	if badParams(w, p) {
		return
	}
	as, err := analysis.Detect(r.Context(), s.opt.Store, analysis.AlertOptions{Since: from, Until: to, Limit: limit, Top: top})
	if err != nil {
		storeError(w, r, err)
		return
	}
	out := make([]apiAlert, 0, len(as))
	for i := range as {
		out = append(out, toAPIAlert(&as[i]))
	}
	writeJSON(w, http.StatusOK, map[string]any{"alerts": out})
}

func toAPIAlert(a *analysis.Alert) apiAlert {
	aa := apiAlert{Source: a.Source, Target: a.Target, Score: round2(a.Score), Raised: a.Raised.Format(dateLayout),
		WindowStart: a.WindowStart.Format(dateLayout), WindowEnd: a.WindowEnd.Format(dateLayout),
		Baseline: round2(a.Baseline), Spread: round2(a.Spread), Observed: round2(a.Observed),
		Events: a.Events, ConflictEvents: a.ConflictEvents, Top: []apiEvent{}}
	for k := range a.Top {
		aa.Top = append(aa.Top, toAPIStored(&a.Top[k]))
	}
	return aa
}
