package analysis

import (
	"context"
	"math"
	"sort"
	"time"

	"github.com/redline-events/redline"
)

// AlertOptions tune escalation detection. Zero fields take the defaults.
//
// The signal is a dyad's daily Goldstein-weighted conflict intensity (the sum
// of -Goldstein over its asserted events with a negative score). Its baseline
// is an exponentially weighted moving average and variance over the days
// before the recent window (EWMA with α = 2/(Baseline+1)). A window of Window
// days alerts when its mean intensity exceeds the baseline by MinScore
// standard errors:
//
//	z = (mean(window) − μ) / (max(σ, MinSpread, 0.1·μ) / √Window)
//
// and it holds at least MinEvents conflict events. The floor on σ keeps a
// flat dyad (σ = 0) from alerting on one extra event. Consecutive days above
// the margin are one alert, reported at its peak.
type AlertOptions struct {
	Window    int     // days in the recent window; default 7
	Baseline  int     // EWMA span in days; default 28
	Warmup    int     // days of history before the first window is judged; default 14
	MinScore  float64 // z margin; default 3
	MinEvents int     // conflict events in the window; default 3
	// MinSpread floors σ, in daily intensity; default 1. Raise it to hear
	// less from dyads that were silent (σ = 0) and wake up.
	MinSpread float64
	// Since and Until bound the days on which a window may end; a zero
	// Until is the last day of the data, a zero Since 7 days before it
	// (what is escalating this week).
	Since, Until time.Time
	// Top is how many driving events each alert carries (Detect); default 5.
	Top int
	// TopAlerts is how many alerts, highest score first, get their driving
	// events (one store query each); default 10, negative for none.
	TopAlerts int
	// Limit bounds the alerts Detect returns, highest score first; default 50.
	Limit int
}

func (o AlertOptions) withDefaults() AlertOptions {
	if o.Window <= 0 {
		o.Window = 7
	}
	if o.Baseline <= 0 {
		o.Baseline = 28
	}
	if o.Warmup <= 0 {
		o.Warmup = 14
	}
	if o.MinScore <= 0 {
		o.MinScore = 3
	}
	if o.MinEvents <= 0 {
		o.MinEvents = 3
	}
	if o.MinSpread <= 0 {
		o.MinSpread = 1
	}
	if o.Top <= 0 {
		o.Top = 5
	}
	if o.Limit <= 0 {
		o.Limit = 50
	}
	if o.TopAlerts == 0 {
		o.TopAlerts = 10
	}
	return o
}

// Alert is an escalation of one dyad.
type Alert struct {
	Source string `json:"source"`
	Target string `json:"target"`
	// Score is the peak z of the alert; WindowStart..WindowEnd the window
	// at the peak; Raised the first day the margin was crossed.
	Score       float64   `json:"score"`
	Raised      time.Time `json:"raised"`
	WindowStart time.Time `json:"window_start"`
	WindowEnd   time.Time `json:"window_end"`
	// Baseline and Spread are the EWMA mean and the (floored) standard
	// deviation of daily intensity before the window; Observed is the
	// window's mean daily intensity.
	Baseline float64 `json:"baseline"`
	Spread   float64 `json:"spread"`
	Observed float64 `json:"observed"`
	// Events and ConflictEvents count the window's asserted events.
	Events         int `json:"events"`
	ConflictEvents int `json:"conflict_events"`
	// Top are the events that drove it, most conflictual first (Detect
	// fills them).
	Top []redline.StoredEvent `json:"top,omitempty"`
}

// Escalations judges one dyad's daily series (sorted by day; missing days
// are zero) and returns its alerts with windows ending between since and
// until. It is pure: Detect feeds it from a store.
func Escalations(days []redline.DayCount, since, until time.Time, opt AlertOptions) []Alert {
	opt = opt.withDefaults()
	if len(days) == 0 {
		return nil
	}
	first := days[0].Day
	n := int(until.Sub(first).Hours()/24) + 1
	if n <= 0 {
		return nil
	}
	x := make([]float64, n)
	ev := make([]int, n)
	cev := make([]int, n)
	for i := range days {
		k := int(days[i].Day.Sub(first).Hours() / 24)
		if k < 0 || k >= n {
			continue
		}
		x[k] += days[i].Conflict
		ev[k] += days[i].Events()
		cev[k] += days[i].Quad[3] + days[i].Quad[4]
	}
	alpha := 2 / (float64(opt.Baseline) + 1)
	w := opt.Window
	var mu, v float64
	var out []Alert
	var cur *Alert
	// Day k is the last day of the window [k-w+1, k]; the EWMA has then
	// seen every day before k-w+1.
	for k := 0; k < n; k++ {
		if s := k - w; s >= 0 {
			if s == 0 {
				mu = x[0]
			} else {
				d := x[s] - mu
				mu += alpha * d
				v = (1 - alpha) * (v + alpha*d*d)
			}
		}
		day := first.AddDate(0, 0, k)
		if k-w+1 < opt.Warmup || day.Before(since) {
			continue
		}
		var sum float64
		var ne, nc int
		for j := k - w + 1; j <= k; j++ {
			sum += x[j]
			ne += ev[j]
			nc += cev[j]
		}
		mean := sum / float64(w)
		sd := math.Max(math.Sqrt(v), math.Max(opt.MinSpread, 0.1*mu))
		z := (mean - mu) / (sd / math.Sqrt(float64(w)))
		if z < opt.MinScore || nc < opt.MinEvents {
			cur = nil
			continue
		}
		if cur == nil {
			out = append(out, Alert{Raised: day})
			cur = &out[len(out)-1]
		}
		if z > cur.Score {
			cur.Score = z
			cur.WindowStart, cur.WindowEnd = first.AddDate(0, 0, k-w+1), day
			cur.Baseline, cur.Spread, cur.Observed = mu, sd, mean
			cur.Events, cur.ConflictEvents = ne, nc
		}
	}
	return out
}

// Detect reads the country-dyad rollup from st, judges every dyad, and
// returns the alerts (highest score first) with the events that drove them.
func Detect(ctx context.Context, st redline.Store, opt AlertOptions) ([]Alert, error) {
	opt = opt.withDefaults()
	until, since := opt.Until, opt.Since
	if until.IsZero() {
		s, err := st.Stats(ctx)
		if err != nil {
			return nil, err
		}
		if s.LastDay.IsZero() {
			return nil, nil
		}
		until = s.LastDay
	}
	if since.IsZero() {
		since = until.AddDate(0, 0, -7)
	}
	// History enough for the EWMA to settle: two spans before the first
	// window (older days weigh under 2%), and no more, since reading the
	// rollup is most of the cost.
	from := since.AddDate(0, 0, -(opt.Window + 2*opt.Baseline))
	days, err := st.DyadDays(ctx, from, until)
	if err != nil {
		return nil, err
	}
	var alerts []Alert
	series := make([]redline.DayCount, 0, 64)
	for i := 0; i < len(days); {
		j := i
		series = series[:0]
		for ; j < len(days) && days[j].Source == days[i].Source && days[j].Target == days[i].Target; j++ {
			series = append(series, days[j].DayCount)
		}
		// Every dyad's series starts at the same day, so that a dyad
		// that was silent has a zero baseline rather than none.
		if series[0].Day.After(from) {
			series = append([]redline.DayCount{{Day: from}}, series...)
		}
		for _, a := range Escalations(series, since, until, opt) {
			a.Source, a.Target = days[i].Source, days[i].Target
			alerts = append(alerts, a)
		}
		i = j
	}
	sort.Slice(alerts, func(i, j int) bool {
		if alerts[i].Score != alerts[j].Score {
			return alerts[i].Score > alerts[j].Score
		}
		if alerts[i].Source != alerts[j].Source {
			return alerts[i].Source < alerts[j].Source
		}
		return alerts[i].Target < alerts[j].Target
	})
	if len(alerts) > opt.Limit {
		alerts = alerts[:opt.Limit]
	}
	for i := range alerts[:max(0, min(opt.TopAlerts, len(alerts)))] {
		a := &alerts[i]
		page, err := st.Events(ctx, redline.EventFilter{
			SourceCountry: a.Source, TargetCountry: a.Target, From: a.WindowStart, To: a.WindowEnd,
			Mode: redline.Asserted, Order: redline.ByImpact, Limit: opt.Top,
		})
		if err != nil {
			return nil, err
		}
		a.Top = page.Events
	}
	return alerts, nil
}
