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

// alertDays is how many days before the last the overview reads: the 30
// days in which analysis.Detect looks for alerts plus the history its
// baseline needs (Window + 3 spans of 28 days), as in Detect.
const alertDays = 30 + RecentDays + 3*28

// overview is everything the overview page shows about country dyads,
// computed from one read of the dyad rollup (DyadDays): the alerts of the
// last 30 days (as analysis.Detect finds them, without their events), every
// dyad active in the last week ranked by its current score, the dyads with
// the most conflict and the daily totals over the window.
type overview struct {
	Alerts []analysis.Alert
	Ranked []Escalation
	Top    []redline.DyadTotal
	Days   []analysis.Point
}

func readOverview(ctx context.Context, st redline.Store, from, to time.Time) (*overview, error) {
	start := minTime(from, to.AddDate(0, 0, -alertDays))
	days, err := st.DyadDays(ctx, start, to)
	if err != nil {
		return nil, err
	}
	ov := &overview{}
	recentFrom := to.AddDate(0, 0, -RecentDays+1)
	// A margin just above zero and one event: the ranking wants every
	// dyad's score, not only alerts.
	rankOpt := analysis.AlertOptions{Window: RecentDays, MinScore: 1e-9, MinEvents: 1, Warmup: 1}
	alertOpt := analysis.AlertOptions{}
	var all []redline.DayCount
	tops := map[[2]string]*redline.DyadTotal{}
	series := make([]redline.DayCount, 0, 256)
	for i := 0; i < len(days); {
		j := i
		series = series[:0]
		for ; j < len(days) && days[j].Source == days[i].Source && days[j].Target == days[i].Target; j++ {
			series = append(series, days[j].DayCount)
			if !days[j].Day.Before(from) {
				all = append(all, days[j].DayCount)
				k := [2]string{days[j].Source, days[j].Target}
				if tops[k] == nil {
					tops[k] = &redline.DyadTotal{Source: k[0], Target: k[1]}
				}
				tops[k].Add(&days[j].DayCount)
			}
		}
		src, tgt := days[i].Source, days[i].Target
		i = j
		// Every dyad's series starts on the same day, so that one silent
		// until lately has a zero baseline rather than none.
		full := series
		if full[0].Day.After(start) {
			full = append([]redline.DayCount{{Day: start}}, series...)
		}
		for _, a := range analysis.Escalations(full, to.AddDate(0, 0, -30), to, alertOpt) {
			a.Source, a.Target = src, tgt
			ov.Alerts = append(ov.Alerts, a)
		}
		if series[len(series)-1].Day.Before(recentFrom) {
			continue // quiet this week
		}
		e := Escalation{Source: src, Target: tgt, RecentFrom: recentFrom}
		for _, a := range analysis.Escalations(full, to, to, rankOpt) {
			e.Alert = a
		}
		e.Days = analysis.Bucket(series, analysis.Day, from, to)
		ov.Ranked = append(ov.Ranked, e)
	}
	sort.SliceStable(ov.Alerts, func(i, j int) bool { return ov.Alerts[i].Score > ov.Alerts[j].Score })
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

// drivers fills the alert's events that drove it, as analysis.Detect does:
// the most conflictual asserted events of its window.
func drivers(ctx context.Context, st redline.Store, a *analysis.Alert, n int) error {
	page, err := st.Events(ctx, redline.EventFilter{
		SourceCountry: a.Source, TargetCountry: a.Target, From: a.WindowStart, To: a.WindowEnd,
		Mode: redline.Asserted, Order: redline.ByImpact, Limit: n,
	})
	a.Top = page.Events
	return err
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
	p := requestParams(r, "from", "to", "limit", "events")
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
