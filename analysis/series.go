// Package analysis turns the store's daily rollups into dyad series (by day,
// week or month) and detects escalation per dyad. The core functions are pure
// over series; Series and Detect wire them to a redline.Store.
package analysis

import (
	"context"
	"fmt"
	"time"

	"github.com/redline-events/redline"
)

// Interval is the width of a series bucket.
type Interval string

const (
	Day   Interval = "day"
	Week  Interval = "week" // ISO weeks, from Monday
	Month Interval = "month"
)

// ParseInterval checks an interval name; "" is Day.
func ParseInterval(s string) (Interval, error) {
	switch Interval(s) {
	case "", Day:
		return Day, nil
	case Week, Month:
		return Interval(s), nil
	}
	return "", fmt.Errorf("%w: interval %q (want day, week or month)", redline.ErrInvalid, s)
}

// Start returns the first day of the bucket holding t.
func (iv Interval) Start(t time.Time) time.Time {
	t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	switch iv {
	case Week:
		wd := (int(t.Weekday()) + 6) % 7 // Monday = 0
		return t.AddDate(0, 0, -wd)
	case Month:
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}

// Next returns the first day of the bucket after the one starting at t.
func (iv Interval) Next(t time.Time) time.Time {
	switch iv {
	case Week:
		return t.AddDate(0, 0, 7)
	case Month:
		return t.AddDate(0, 1, 0)
	}
	return t.AddDate(0, 0, 1)
}

// Point is one bucket of a dyad series.
type Point struct {
	Start time.Time `json:"start"`
	// Events by QuadClass: Quad[1] verbal cooperation ... Quad[4] material
	// conflict.
	Quad          [5]int  `json:"quad"`
	Events        int     `json:"events"`
	Mentions      int     `json:"mentions"`
	GoldsteinSum  float64 `json:"goldstein_sum"`
	GoldsteinMean float64 `json:"goldstein_mean"` // 0 without events
	// ConflictShare is the share of events in QuadClasses 3 and 4.
	ConflictShare float64 `json:"conflict_share"`
	// Conflict is the Goldstein-weighted conflict intensity.
	Conflict float64 `json:"conflict"`
}

// Bucket sums daily counts (sorted by day) into buckets of iv. Every bucket
// from the one holding from to the one holding to is present, empty ones
// with zeros, so that charts get a continuous axis; a zero from or to takes
// the first or last day of the data.
func Bucket(days []redline.DayCount, iv Interval, from, to time.Time) []Point {
	if from.IsZero() {
		if len(days) == 0 {
			return nil
		}
		from = days[0].Day
	}
	if to.IsZero() {
		if len(days) == 0 {
			return nil
		}
		to = days[len(days)-1].Day
	}
	// A zero-dated event (year 1) must not make a million empty buckets:
	// past maxSpan, leading empty buckets are dropped.
	if to.Sub(from) > maxSpan && len(days) > 0 && days[0].Day.After(from) {
		from = days[0].Day
	}
	var out []Point
	i := 0
	for start := iv.Start(from); !start.After(to); start = iv.Next(start) {
		end := iv.Next(start)
		var sum redline.DayCount
		for ; i < len(days) && days[i].Day.Before(end); i++ {
			if !days[i].Day.Before(start) {
				sum.Add(&days[i])
			}
		}
		out = append(out, point(start, &sum))
	}
	return out
}

const maxSpan = 20 * 366 * 24 * time.Hour

func point(start time.Time, c *redline.DayCount) Point {
	p := Point{Start: start, Quad: c.Quad, Events: c.Events(), Mentions: c.Mentions,
		GoldsteinSum: c.GoldsteinSum, Conflict: c.Conflict}
	if p.Events > 0 {
		p.GoldsteinMean = c.GoldsteinSum / float64(p.Events)
		p.ConflictShare = float64(c.Quad[3]+c.Quad[4]) / float64(p.Events)
	}
	return p
}

// Series reads a dyad's daily rollup from st and buckets it.
func Series(ctx context.Context, st redline.Store, q redline.SeriesQuery, iv Interval) ([]Point, error) {
	days, err := st.Series(ctx, q)
	if err != nil {
		return nil, err
	}
	return Bucket(days, iv, q.From, q.To), nil
}
