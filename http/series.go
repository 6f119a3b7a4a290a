package http

import (
	"context"
	"net/http"
	"time"

	"github.com/redline-events/redline"
)

// Interval is the bucket of a series.
type Interval string

const (
	Day   Interval = "day"
	Week  Interval = "week" // ISO weeks, starting on Monday
	Month Interval = "month"
)

// bucket returns the first day of the interval holding t.
func (iv Interval) bucket(t time.Time) time.Time {
	t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	switch iv {
	case Week:
		return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
	case Month:
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}

func (iv Interval) next(t time.Time) time.Time {
	switch iv {
	case Week:
		return t.AddDate(0, 0, 7)
	case Month:
		return t.AddDate(0, 1, 0)
	}
	return t.AddDate(0, 0, 1)
}

// Point is one bucket of a series.
type Point struct {
	Start time.Time
	redline.DayCount
}

// GoldsteinMean is the mean Goldstein score of the bucket's events (0 when
// it has none).
func (p *Point) GoldsteinMean() float64 {
	if n := p.Events(); n > 0 {
		return p.GoldsteinSum / float64(n)
	}
	return 0
}

// ConflictShare is the share of the bucket's events that are conflict
// (QuadClass 3 and 4).
func (p *Point) ConflictShare() float64 {
	if n := p.Events(); n > 0 {
		return float64(p.Quad[3]+p.Quad[4]) / float64(n)
	}
	return 0
}

// aggregate buckets daily counts by iv, with a point for every bucket from
// from to to (empty buckets included, so that charts and sparklines keep a
// true time axis). Zero bounds take the first or last day of days.
func aggregate(days []redline.DayCount, iv Interval, from, to time.Time) []Point {
	if len(days) == 0 && (from.IsZero() || to.IsZero()) {
		return nil
	}
	if from.IsZero() {
		from = days[0].Day
	}
	if to.IsZero() {
		to = days[len(days)-1].Day
	}
	first, last := iv.bucket(from), iv.bucket(to)
	var out []Point
	for t := first; !t.After(last); t = iv.next(t) {
		out = append(out, Point{Start: t})
		if len(out) > 20000 { // a century of days: refuse to draw more
			break
		}
	}
	i := 0
	for k := range days {
		b := iv.bucket(days[k].Day)
		for i < len(out) && out[i].Start.Before(b) {
			i++
		}
		if i == len(out) {
			break
		}
		if out[i].Start.Equal(b) {
			out[i].Add(&days[k])
		}
	}
	return out
}

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

func apiPoints(ps []Point) []apiPoint {
	out := make([]apiPoint, 0, len(ps))
	for i := range ps {
		p := &ps[i]
		out = append(out, apiPoint{
			Start: p.Start.Format(dateLayout), Events: p.Events(),
			VerbalCoop: p.Quad[1], MaterialCoop: p.Quad[2], VerbalConf: p.Quad[3], MaterialConf: p.Quad[4],
			Mentions: p.Mentions, GoldsteinSum: round2(p.GoldsteinSum), GoldsteinMean: round2(p.GoldsteinMean()),
			Conflict: round2(p.Conflict), ConflictShare: round2(p.ConflictShare()),
		})
	}
	return out
}

func round2(f float64) float64 {
	if f < 0 {
		return -float64(int64(-f*100+0.5)) / 100
	}
	return float64(int64(f*100+0.5)) / 100
}

// seriesOf reads a dyad's daily series and buckets it. An open end (zero
// from or to) takes the data's first or last day.
func (s *Server) seriesOf(ctx context.Context, q redline.SeriesQuery, iv Interval) ([]Point, error) {
	days, err := s.opt.Store.Series(ctx, q)
	if err != nil {
		return nil, err
	}
	return aggregate(days, iv, q.From, q.To), nil
}

func (s *Server) series(w http.ResponseWriter, r *http.Request) {
	p := requestParams(r, "source", "target", "interval", "from", "to", "mode")
	q := redline.SeriesQuery{Source: p.actor("source"), Target: p.actor("target"),
		From: p.date("from"), To: p.date("to"), Mode: p.mode("mode", true)}
	iv := Interval(p.oneOf("interval", "day", "day", "week", "month"))
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		p.fail("to", "before from")
	}
	if badParams(w, p) {
		return
	}
	pts, err := s.seriesOf(r.Context(), q, iv)
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

// newestDay is the day of the newest stored event (zero for an empty
// store): windows end there rather than today, so that an archive shows its
// own last weeks.
func (s *Server) newestDay(ctx context.Context) (time.Time, error) {
	page, err := s.opt.Store.Events(ctx, redline.EventFilter{Limit: 1})
	if err != nil || len(page.Events) == 0 {
		return time.Time{}, err
	}
	return page.Events[0].Date, nil
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
	p := requestParams(r, "from", "to", "by", "limit")
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
		pt := apiPoints([]Point{{Start: from, DayCount: ds[i].DayCount}})[0]
		out = append(out, dyad{ds[i].Source, ds[i].Target, pt})
	}
	writeJSON(w, http.StatusOK, map[string]any{"from": from.Format(dateLayout), "to": to.Format(dateLayout), "dyads": out})
}
