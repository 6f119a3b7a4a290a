package http

import (
	"context"
	"net/http"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/analysis"
)

// Series buckets and points are analysis's, so that the API, the dashboard
// and `redline query` agree on every number.

type apiPoint struct {
	Start         string  `json:"start"`
	Events        int     `json:"events"`
	VerbalCoop    int     `json:"verbal_cooperation"`
	MaterialCoop  int     `json:"material_cooperation"`
	VerbalConf    int     `json:"verbal_conflict"`
	MaterialConf  int     `json:"material_conflict"`
	Mentions      int     `json:"mentions"`
	GoldsteinSum  float64 `json:"goldstein_sum"`
	GoldsteinMean float64 `json:"goldstein_mean"`
	Conflict      float64 `json:"conflict_intensity"`
	ConflictShare float64 `json:"conflict_share"`
}

func apiPoints(ps []analysis.Point) []apiPoint {
	out := make([]apiPoint, 0, len(ps))
	for i := range ps {
		p := &ps[i]
		out = append(out, apiPoint{
			Start: p.Start.Format(dateLayout), Events: p.Events,
			VerbalCoop: p.Quad[1], MaterialCoop: p.Quad[2], VerbalConf: p.Quad[3], MaterialConf: p.Quad[4],
			Mentions: p.Mentions, GoldsteinSum: round2(p.GoldsteinSum), GoldsteinMean: round2(p.GoldsteinMean),
			Conflict: round2(p.Conflict), ConflictShare: round2(p.ConflictShare),
		})
	}
	return out
}

// total sums points into one, starting at the first.
func total(ps []analysis.Point) analysis.Point {
	var c redline.DayCount
	for i := range ps {
		c.Quad[1] += ps[i].Quad[1]
		c.Quad[2] += ps[i].Quad[2]
		c.Quad[3] += ps[i].Quad[3]
		c.Quad[4] += ps[i].Quad[4]
		c.Mentions += ps[i].Mentions
		c.GoldsteinSum += ps[i].GoldsteinSum
		c.Conflict += ps[i].Conflict
	}
	var start time.Time
	if len(ps) > 0 {
		start = ps[0].Start
	}
	return pointOf(c, start)
}

// pointOf makes one count (a period's total) a Point starting at start.
func pointOf(c redline.DayCount, start time.Time) analysis.Point {
	c.Day = start
	return analysis.Bucket([]redline.DayCount{c}, analysis.Day, start, start)[0]
}

func round2(f float64) float64 {
	if f < 0 {
		return -float64(int64(-f*100+0.5)) / 100
	}
	return float64(int64(f*100+0.5)) / 100
}

func (s *Server) series(w http.ResponseWriter, r *http.Request) {
	p := requestParams(r, seriesParams...)
	q := redline.SeriesQuery{Source: p.actor("source"), Target: p.actor("target"),
		From: p.date("from"), To: p.date("to"), Mode: p.mode("mode", true)}
	iv := analysis.Interval(p.oneOf("interval", "day", "day", "week", "month"))
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		p.fail("to", "before from")
	}
	if badParams(w, p) {
		return
	}
	if err := s.clampToData(r.Context(), &q.From, &q.To); err != nil {
		storeError(w, r, err)
		return
	}
	pts, err := analysis.Series(r.Context(), s.opt.Store, q, iv)
	if err != nil {
		storeError(w, r, err)
		return
	}
	mode := q.Mode
	if mode == "" {
		mode = redline.Asserted
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"source": q.Source, "target": q.Target, "interval": iv, "mode": mode, "points": apiPoints(pts),
	})
}

// clampToData narrows a date range to the days the store holds events on:
// outside them every bucket is empty, and a range to 9999-12-31 would
// otherwise list millions of empty days.
func (s *Server) clampToData(ctx context.Context, from, to *time.Time) error {
	st, err := s.opt.Store.Stats(ctx)
	if err != nil || st.LastDay.IsZero() {
		return err
	}
	if from.IsZero() || from.Before(st.FirstDay) {
		*from = st.FirstDay
	}
	if to.IsZero() || to.After(st.LastDay) {
		*to = st.LastDay
	}
	if to.Before(*from) {
		// Entirely outside the data: one empty bucket, not a reversed range.
		*to = *from
	}
	return nil
}

// newestDay is the day of the newest stored event (zero for an empty
// store): windows end there rather than today, so that an archive shows its
// own last weeks.
func (s *Server) newestDay(ctx context.Context) (time.Time, error) {
	st, err := s.opt.Store.Stats(ctx)
	return st.LastDay, err
}

// window resolves the from/to of an analysis request: to defaults to the
// newest event's day, from to Window days before it.
func (s *Server) window(ctx context.Context, from, to time.Time) (time.Time, time.Time, error) {
	if to.IsZero() {
		var err error
		if to, err = s.newestDay(ctx); err != nil {
			return from, to, err
		}
		if to.IsZero() {
			to = time.Now().UTC().Truncate(24 * time.Hour)
		}
	}
	if from.IsZero() {
		from = to.AddDate(0, 0, -s.opt.Window+1)
	}
	return from, to, nil
}

func (s *Server) dyads(w http.ResponseWriter, r *http.Request) {
	p := requestParams(r, dyadParams...)
	from, to := p.date("from"), p.date("to")
	by := p.oneOf("by", "events", "events", "conflict")
	limit := p.intIn("limit", 20, 1, 500)
	if badParams(w, p) {
		return
	}
	from, to, err := s.window(r.Context(), from, to)
	if err != nil {
		storeError(w, r, err)
		return
	}
	q := redline.DyadQuery{From: from, To: to, Limit: limit}
	if by == "conflict" {
		q.By = redline.ByConflict
	}
	ds, err := s.opt.Store.TopDyads(r.Context(), q)
	if err != nil {
		storeError(w, r, err)
		return
	}
	type dyad struct {
		Source string `json:"source"`
		Target string `json:"target"`
		apiPoint
	}
	out := make([]dyad, 0, len(ds))
	for i := range ds {
		pt := apiPoints([]analysis.Point{pointOf(ds[i].DayCount, from)})[0]
		out = append(out, dyad{ds[i].Source, ds[i].Target, pt})
	}
	writeJSON(w, http.StatusOK, map[string]any{"from": from.Format(dateLayout), "to": to.Format(dateLayout), "dyads": out})
}
