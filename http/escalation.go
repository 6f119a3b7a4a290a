package http

import (
	"context"
	"math"
	"net/http"
	"sort"
	"time"

	"github.com/redline-events/redline"
)

// Alert is a country dyad's escalation score over a window: how far its
// recent conflict intensity departs from its own baseline.
type Alert struct {
	Source, Target string
	// Alert is set when Score passes AlertScore with enough events to
	// mean something; the other dyads are listed by score for the
	// dashboard's "most escalating".
	Alert bool
	// Score is the departure of the recent mean daily conflict intensity
	// from the baseline, in baseline standard errors.
	Score float64
	// Baseline and Recent are mean daily conflict intensities (sum of
	// -Goldstein over conflictual events).
	Baseline, Recent float64
	// RecentFrom..To is the recent window, From..To the whole one.
	From, To, RecentFrom time.Time
	// RecentEvents counts the dyad's events in the recent window,
	// RecentConflict its conflict events (QuadClass 3 and 4).
	RecentEvents, RecentConflict int
	// Days is the dyad's daily series over the whole window (every day),
	// for sparklines.
	Days []Point
}

// Parameters of DetectEscalation.
const (
	RecentDays = 7   // the window compared with the baseline
	AlertScore = 3.0 // standard errors above the baseline
	// MinConflict is the fewest conflict events in the recent window for
	// an alert: one bombing in a quiet dyad is news, not escalation.
	MinConflict = 3
	ewmaLambda  = 0.1
	// minSD floors the baseline deviation (one unit of Goldstein conflict
	// per day), so that a dyad silent until last week does not score
	// infinity.
	minSD = 1.0
)

// DetectEscalation ranks the country dyads active in the recent window by
// escalation score: the baseline is an EWMA (λ = 0.1) of the daily conflict
// intensity and of its variance over the days before the last RecentDays;
// the score is (recent mean − baseline mean) / (baseline sd / √RecentDays).
// It is a stand-in for the analysis package's detector, built on the
// store's DyadDays rollup (no raw-event scan).
func DetectEscalation(ctx context.Context, st redline.Store, from, to time.Time) ([]Alert, error) {
	days, err := st.DyadDays(ctx, from, to)
	if err != nil {
		return nil, err
	}
	recentFrom := to.AddDate(0, 0, -RecentDays+1)
	if recentFrom.Before(from) {
		recentFrom = from
	}
	var out []Alert
	for i := 0; i < len(days); {
		j := i
		for j < len(days) && days[j].Source == days[i].Source && days[j].Target == days[i].Target {
			j++
		}
		if a, ok := score(days[i:j], from, to, recentFrom); ok {
			out = append(out, a)
		}
		i = j
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Recent > out[j].Recent
	})
	return out, nil
}

// score scores one dyad's days (ordered by day); ok is false when the dyad
// has no event in the recent window.
func score(dd []redline.DyadDay, from, to, recentFrom time.Time) (Alert, bool) {
	daily := make([]redline.DayCount, len(dd))
	for k := range dd {
		daily[k] = dd[k].DayCount
	}
	pts := aggregate(daily, Day, from, to)
	a := Alert{Source: dd[0].Source, Target: dd[0].Target, From: from, To: to, RecentFrom: recentFrom, Days: pts}
	var mu, v float64
	started := false
	var recentSum float64
	nRecent := 0
	for k := range pts {
		p := &pts[k]
		if !p.Start.Before(recentFrom) {
			recentSum += p.Conflict
			nRecent++
			a.RecentEvents += p.Events()
			a.RecentConflict += p.Quad[3] + p.Quad[4]
			continue
		}
		x := p.Conflict
		if !started {
			mu, started = x, true
			continue
		}
		d := x - mu
		mu += ewmaLambda * d
		v = (1 - ewmaLambda) * (v + ewmaLambda*d*d)
	}
	if a.RecentEvents == 0 || nRecent == 0 {
		return a, false
	}
	a.Recent = recentSum / float64(nRecent)
	a.Baseline = mu
	sd := math.Max(math.Sqrt(v), minSD)
	a.Score = (a.Recent - mu) / (sd / math.Sqrt(float64(nRecent)))
	a.Alert = a.Score >= AlertScore && a.RecentConflict >= MinConflict
	return a, true
}

type apiAlert struct {
	Source         string     `json:"source"`
	Target         string     `json:"target"`
	Alert          bool       `json:"alert"`
	Score          float64    `json:"score"`
	Baseline       float64    `json:"baseline"`
	Recent         float64    `json:"recent"`
	From           string     `json:"from"`
	To             string     `json:"to"`
	RecentFrom     string     `json:"recent_from"`
	RecentEvents   int        `json:"recent_events"`
	RecentConflict int        `json:"recent_conflict"`
	Events         []apiEvent `json:"events,omitempty"`
	Series         []apiPoint `json:"series,omitempty"`
}

func (s *Server) alerts(w http.ResponseWriter, r *http.Request) {
	p := requestParams(r, "from", "to", "all", "limit", "events", "series")
	from, to := p.date("from"), p.date("to")
	all := p.oneOf("all", "false", "true", "false") == "true"
	limit := p.intIn("limit", 50, 1, 1000)
	nEvents := p.intIn("events", 3, 0, 20)
	withSeries := p.oneOf("series", "false", "true", "false") == "true"
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		p.fail("to", "before from")
	}
	if badParams(w, p) {
		return
	}
	from, to, err := s.window(r.Context(), from, to)
	if err != nil {
		storeError(w, r, err)
		return
	}
	as, err := s.opt.Alerts(r.Context(), s.opt.Store, from, to)
	if err != nil {
		storeError(w, r, err)
		return
	}
	out := []apiAlert{}
	for i := range as {
		a := &as[i]
		if !all && !a.Alert {
			continue
		}
		if len(out) == limit {
			break
		}
		aa := apiAlert{Source: a.Source, Target: a.Target, Alert: a.Alert, Score: round2(a.Score),
			Baseline: round2(a.Baseline), Recent: round2(a.Recent),
			From: a.From.Format(dateLayout), To: a.To.Format(dateLayout), RecentFrom: a.RecentFrom.Format(dateLayout),
			RecentEvents: a.RecentEvents, RecentConflict: a.RecentConflict}
		if withSeries {
			aa.Series = apiPoints(a.Days)
		}
		if nEvents > 0 {
			evs, err := s.drivers(r.Context(), a, nEvents)
			if err != nil {
				storeError(w, r, err)
				return
			}
			for k := range evs {
				aa.Events = append(aa.Events, toAPIStored(&evs[k]))
			}
		}
		out = append(out, aa)
	}
	writeJSON(w, http.StatusOK, map[string]any{"from": from.Format(dateLayout), "to": to.Format(dateLayout), "alerts": out})
}

// drivers are the events that drove an alert: the dyad's most conflictual
// asserted events of the recent window.
func (s *Server) drivers(ctx context.Context, a *Alert, n int) ([]redline.StoredEvent, error) {
	page, err := s.opt.Store.Events(ctx, redline.EventFilter{
		SourceCountry: a.Source, TargetCountry: a.Target, Mode: redline.Asserted,
		From: a.RecentFrom, To: a.To, Order: redline.ByImpact, Limit: n,
	})
	return page.Events, err
}
