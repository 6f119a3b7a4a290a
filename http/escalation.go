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
// dashboard's "most escalating dyads": analysis's z-score of its last
// RecentDays against its own EWMA baseline, computed for every dyad active
// in those days (not only those that pass the alert margin), and its daily
// series for a sparkline.
type Escalation struct {
	Source, Target string
	analysis.Alert
	RecentFrom time.Time
	Days       []analysis.Point
}

// RecentDays is the window that escalation compares with the baseline
// (analysis's default).
const RecentDays = 7

// rankEscalation scores every country dyad with an event in the last
// RecentDays before to, highest score first. It reads one rollup query
// (DyadDays), never raw events.
func rankEscalation(ctx context.Context, st redline.Store, from, to time.Time) ([]Escalation, error) {
	days, err := st.DyadDays(ctx, from, to)
	if err != nil {
		return nil, err
	}
	recentFrom := to.AddDate(0, 0, -RecentDays+1)
	// A margin just above zero and one event: the ranking wants every
	// dyad's score, not only alerts.
	opt := analysis.AlertOptions{Window: RecentDays, MinScore: 1e-9, MinEvents: 1, Warmup: 1}
	var out []Escalation
	series := make([]redline.DayCount, 0, 128)
	for i := 0; i < len(days); {
		j := i
		series = series[:0]
		for ; j < len(days) && days[j].Source == days[i].Source && days[j].Target == days[i].Target; j++ {
			series = append(series, days[j].DayCount)
		}
		src, tgt := days[i].Source, days[i].Target
		i = j
		if series[len(series)-1].Day.Before(recentFrom) {
			continue // quiet this week
		}
		e := Escalation{Source: src, Target: tgt, RecentFrom: recentFrom}
		// Every dyad's series starts on the window's first day, so that
		// one silent until now has a zero baseline rather than none.
		full := append([]redline.DayCount{{Day: from}}, series...)
		for _, a := range analysis.Escalations(full, to, to, opt) {
			if a.WindowEnd.Equal(to) {
				e.Alert = a
			}
		}
		e.Days = analysis.Bucket(series, analysis.Day, from, to)
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Observed > out[j].Observed
	})
	return out, nil
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
