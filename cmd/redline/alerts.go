package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/redline-events/redline/analysis"
)

var alertsFlags struct {
	store                 storeFlags
	since, until          string
	minScore, minSpread   float64
	window, baseline, top int
	minEvents, limit      int
	format, output        string
}

var alertsCmd = &cobra.Command{
	Use:   "alerts",
	Short: "Detect escalating dyads in the stored events",
	Long: `Alerts judges every country dyad of the store: its daily Goldstein-weighted
conflict intensity (asserted events only) against an EWMA baseline of the weeks
before. A window of --window days alerts when its mean intensity exceeds the
baseline by --min-score standard errors, z = (mean - μ) / (max(σ, --min-spread, 0.1μ) / √window),
and holds at least --min-events conflict events. Each alert shows its score, its
window, the baseline and the events that drove it.

By default the windows judged end in the 7 days before the last event date
in the store (--since and --until choose others).`,
	Example: `  redline alerts --db news.db
  redline alerts --since 2022-02-01 --min-score 4 --format jsonl`,
	Args: cobra.NoArgs,
	RunE: runAlerts,
}

func init() {
	f := alertsCmd.Flags()
	alertsFlags.store.register(alertsCmd)
	f.StringVar(&alertsFlags.since, "since", "", "first window end judged (YYYY-MM-DD); default 7 days before --until")
	f.StringVar(&alertsFlags.until, "until", "", "last window end judged (YYYY-MM-DD); default the last event date stored")
	f.Float64Var(&alertsFlags.minScore, "min-score", 3, "z-score margin")
	f.IntVar(&alertsFlags.window, "window", 7, "days in the recent window")
	f.IntVar(&alertsFlags.baseline, "baseline", 28, "EWMA span of the baseline, in days")
	f.IntVar(&alertsFlags.minEvents, "min-events", 3, "conflict events a window needs to alert")
	f.Float64Var(&alertsFlags.minSpread, "min-spread", 1, "floor of the baseline's standard deviation, in daily intensity (raise to quiet dyads that were silent)")
	f.IntVar(&alertsFlags.top, "top", 3, "driving events shown per alert")
	f.IntVar(&alertsFlags.limit, "limit", 50, "most alerts shown, highest score first")
	f.StringVarP(&alertsFlags.format, "format", "f", "text", "output format: text or jsonl")
	f.StringVarP(&alertsFlags.output, "output", "o", "-", "output file; - is standard output")
	rootCmd.AddCommand(alertsCmd)
}

func alertOptions() (analysis.AlertOptions, error) {
	a := &alertsFlags
	var o analysis.AlertOptions
	var err error
	if o.Since, err = parseDay("since", a.since); err != nil {
		return o, err
	}
	if o.Until, err = parseDay("until", a.until); err != nil {
		return o, err
	}
	if !o.Since.IsZero() && !o.Until.IsZero() && o.Since.After(o.Until) {
		return o, usagef("--since is after --until")
	}
	if a.minScore <= 0 || a.minSpread <= 0 || a.window < 1 || a.baseline < 1 || a.minEvents < 1 || a.top < 1 || a.limit < 1 {
		return o, usagef("--min-score, --window, --baseline, --min-events, --top and --limit must be positive")
	}
	if a.format != "text" && a.format != "jsonl" {
		return o, usagef("--format %q: want text or jsonl", a.format)
	}
	o.MinScore, o.Window, o.Baseline, o.MinEvents, o.Top, o.Limit = a.minScore, a.window, a.baseline, a.minEvents, a.top, a.limit
	o.TopAlerts, o.MinSpread = a.limit, a.minSpread
	return o, nil
}

func runAlerts(cmd *cobra.Command, _ []string) error {
	opt, err := alertOptions()
	if err != nil {
		return err
	}
	ctx := cmd.Context()
	st, err := alertsFlags.store.open(ctx, cmd)
	if err != nil {
		return err
	}
	defer st.Close()
	alerts, err := analysis.Detect(ctx, st, opt)
	if err != nil {
		return err
	}
	out, closeOut, err := openOutput(alertsFlags.output)
	if err != nil {
		return err
	}
	if alertsFlags.format == "jsonl" {
		err = writeAlertsJSON(out, alerts)
	} else {
		err = writeAlertsText(out, alerts)
	}
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	return err
}

const dayLayout = "2006-01-02"

func writeAlertsText(w io.Writer, alerts []analysis.Alert) error {
	if len(alerts) == 0 {
		_, err := fmt.Fprintln(w, "no escalation")
		return err
	}
	for _, a := range alerts {
		fmt.Fprintf(w, "%s → %s  z=%.1f  raised %s  window %s..%s  intensity %.1f/day vs baseline %.1f (σ %.1f)  %d conflict of %d events\n",
			a.Source, a.Target, a.Score, a.Raised.Format(dayLayout), a.WindowStart.Format(dayLayout), a.WindowEnd.Format(dayLayout),
			a.Observed, a.Baseline, a.Spread, a.ConflictEvents, a.Events)
		for _, e := range a.Top {
			fmt.Fprintf(w, "    %s %s %s→%s %s (%.1f) ×%d  %s\n", e.Date.Format(dayLayout), e.ID,
				e.Source.ActorCode(), e.Target.ActorCode(), e.Code, e.Code.Goldstein(), e.NumMentions, oneLine(e.Evidence.Text, 160))
		}
	}
	return nil
}

func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > max {
		cut := max
		for cut > 0 && (s[cut]&0xC0) == 0x80 {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

// alertJSON is an alert as one JSON line; its events carry the fields an
// analyst reads, not the whole event record (redline query gives that).
type alertJSON struct {
	analysis.Alert
	Top []alertEvent `json:"top"`
}

type alertEvent struct {
	ID        string  `json:"id"`
	Date      string  `json:"date"`
	Source    string  `json:"source"`
	Target    string  `json:"target"`
	CAMEO     string  `json:"cameo"`
	Goldstein float64 `json:"goldstein"`
	Mentions  int     `json:"mentions"`
	Articles  int     `json:"articles"`
	DocID     string  `json:"doc_id"`
	Evidence  string  `json:"evidence"`
}

func writeAlertsJSON(w io.Writer, alerts []analysis.Alert) error {
	enc := json.NewEncoder(w)
	for _, a := range alerts {
		j := alertJSON{Alert: a, Top: make([]alertEvent, 0, len(a.Top))}
		for _, e := range a.Top {
			j.Top = append(j.Top, alertEvent{ID: e.ID, Date: e.Date.Format(dayLayout), Source: e.Source.ActorCode(), Target: e.Target.ActorCode(),
				CAMEO: string(e.Code), Goldstein: e.Code.Goldstein(), Mentions: e.NumMentions, Articles: e.NumArticles,
				DocID: e.DocID, Evidence: e.Evidence.Text})
		}
		if err := enc.Encode(j); err != nil {
			return err
		}
	}
	return nil
}
