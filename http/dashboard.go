package http

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/analysis"
)

//go:embed assets/templates/*.html
var templateFS embed.FS

//go:embed assets/static
var staticFS embed.FS

//go:embed assets/openapi.json
var openapiJSON []byte

// assetVersion is a hash of the static files, added to their URLs so that
// browsers may cache them for long and still see a new release at once.
var assetVersion = func() string {
	h := sha256.New()
	_ = fs.WalkDir(staticFS, ".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := staticFS.ReadFile(path)
			h.Write(b)
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)[:6])
}()

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"asset":     func(name string) string { return "/static/" + name + "?v=" + assetVersion },
	"date":      func(t time.Time) string { return t.Format(dateLayout) },
	"count":     thousands,
	"addInt":    func(a, b int) int { return a + b },
	"score":     func(f float64) string { return fmt.Sprintf("%+.1f", f) },
	"num":       func(f float64) string { return fmt.Sprintf("%.1f", f) },
	"pct":       func(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) },
	"dyadURL":   dyadURL,
	"actorURL":  func(code string) string { return "/actor/" + url.PathEscape(code) },
	"eventURL":  func(id string) string { return "/event/" + url.PathEscape(id) },
	"quadClass": func(q redline.QuadClass) string { return fmt.Sprintf("q%d", q) },
	"quadName":  quadName,
	"spans":     highlight,
}).ParseFS(templateFS, "assets/templates/*.html"))

// thousands writes n with thin-space thousands separators (10 000 000),
// which read in every locale.
func thousands(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString("\u202f")
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func dyadURL(source, target string) string {
	q := url.Values{}
	if source != "" {
		q.Set("source", source)
	}
	if target != "" {
		q.Set("target", target)
	}
	return "/dyad?" + q.Encode()
}

func quadName(q redline.QuadClass) string {
	switch q {
	case redline.VerbalCooperation:
		return "verbal cooperation"
	case redline.MaterialCooperation:
		return "material cooperation"
	case redline.VerbalConflict:
		return "verbal conflict"
	case redline.MaterialConflict:
		return "material conflict"
	}
	return ""
}

// base is what every page shows: its title and the store's counts.
type base struct {
	Title string
	Nav   string
	Stats redline.StoreStats
	Error string
}

// render executes a page into a buffer first, so that a template error is
// a clean 500 rather than half a page.
func render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, name, data); err != nil {
		log.Printf("redline serve: %s: template %s: %v", r.URL.RequestURI(), name, err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	msg := "The store failed to answer; the server log says why."
	switch {
	case isInvalid(err):
		status, msg = http.StatusBadRequest, err.Error()
	case isNotFound(err):
		status, msg = http.StatusNotFound, "No such event."
	default:
		log.Printf("redline serve: %s: %v", r.URL.RequestURI(), err)
	}
	render(w, r, status, "error", struct {
		base
		Status int
	}{base{Title: http.StatusText(status), Error: msg}, status})
}

func (s *Server) stats(ctx context.Context) redline.StoreStats {
	st, _ := s.opt.Store.Stats(ctx)
	return st
}

// alertRow is an alert on the overview, escRow a ranked dyad, dyadRow a
// dyad's total; each with its sparkline when the dyad was active lately.
type alertRow struct {
	*analysis.Alert
	Spark template.HTML
}

type escRow struct {
	*Escalation
	Spark template.HTML
}

type dyadRow struct {
	Source, Target string
	analysis.Point
	Spark template.HTML
}

type homeData struct {
	base
	From, To    time.Time
	Chart       template.HTML
	Alerts      []alertRow
	MoreAlerts  int
	Escalating  []escRow
	Conflictual []dyadRow
	Events      []eventRow
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if len(r.URL.Query()) > 0 {
		// The overview takes no filters; the explorer does.
		http.Redirect(w, r, "/dyad?"+r.URL.RawQuery, http.StatusSeeOther)
		return
	}
	from, to, err := s.window(ctx, time.Time{}, time.Time{})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := homeData{base: base{Title: "Overview", Nav: "home", Stats: s.stats(ctx)}, From: from, To: to}
	ov, err := readOverview(ctx, s.opt.Store, from, to)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d.Chart = seriesChart(ov.Days, analysis.Day, fmt.Sprintf("Asserted events between countries per day, %s to %s", from.Format(dateLayout), to.Format(dateLayout)))
	// The alerts are analysis.Detect's, as `redline alerts` lists them;
	// the first few carry the event that drove them most (one store query
	// each, the page's main cost).
	alerts, err := analysis.Detect(ctx, s.opt.Store, analysis.AlertOptions{Until: to, Limit: 1000, Top: 1, TopAlerts: 4})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	recentFrom := to.AddDate(0, 0, -RecentDays+1)
	spark := func(src, tgt string) template.HTML {
		days, ok := ov.Spark[[2]string{src, tgt}]
		if !ok {
			return ""
		}
		return sparkline(days, recentFrom, src+" to "+tgt+": conflict intensity per day")
	}
	alerting := map[[2]string]bool{}
	for i := range alerts {
		a := &alerts[i]
		alerting[[2]string{a.Source, a.Target}] = true
		if len(d.Alerts) < 10 {
			d.Alerts = append(d.Alerts, alertRow{Alert: a, Spark: spark(a.Source, a.Target)})
		}
	}
	d.MoreAlerts = len(alerts) - len(d.Alerts)
	// The ranking lists the dyads rising below the alert margin.
	for i := range ov.Ranked {
		e := &ov.Ranked[i]
		if e.Score > 0 && !alerting[[2]string{e.Source, e.Target}] && len(d.Escalating) < 10 {
			d.Escalating = append(d.Escalating, escRow{Escalation: e, Spark: spark(e.Source, e.Target)})
		}
	}
	for _, t := range ov.Top[:min(len(ov.Top), 10)] {
		d.Conflictual = append(d.Conflictual, dyadRow{Source: t.Source, Target: t.Target,
			Point: pointOf(t.DayCount, from), Spark: spark(t.Source, t.Target)})
	}
	// The latest material conflict: newest first reads the day index
	// backwards and stops at the eighth, where ranking a week by impact
	// sorted every event of it (a second on 10⁷ events).
	page, err := s.opt.Store.Events(ctx, redline.EventFilter{To: to,
		Mode: redline.Asserted, Quad: redline.MaterialConflict, Limit: 8})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d.Events = eventRows(page.Events)
	render(w, r, http.StatusOK, "home", d)
}

// eventRow is an event in a table.
type eventRow struct {
	*redline.StoredEvent
	Quad      redline.QuadClass
	Goldstein float64
	Name      string
}

func eventRows(evs []redline.StoredEvent) []eventRow {
	out := make([]eventRow, len(evs))
	for i := range evs {
		e := &evs[i]
		out[i] = eventRow{StoredEvent: e, Quad: e.Code.Quad(), Goldstein: e.Code.Goldstein(), Name: e.Code.Name()}
	}
	return out
}

// filterForm holds the explorer's filters as typed, to refill the form.
type filterForm struct {
	Source, Target, Actor, Code, Root, Mode, From, To, Q, Interval string
}

type rootOption struct {
	Code, Name string
}

var rootOptions = func() []rootOption {
	var out []rootOption
	for _, c := range redline.Codebook() {
		if len(c.Code) == 2 {
			out = append(out, rootOption{string(c.Code), c.Name})
		}
	}
	return out
}()

type dyadData struct {
	base
	Heading    string
	Form       filterForm
	Roots      []rootOption
	Chart      template.HTML
	ChartNote  string
	Interval   analysis.Interval
	Total      analysis.Point
	Events     []eventRow
	NextURL    string
	ExportCSV  string
	ExportJSON string
	APIURL     string
}

var pageParams = []string{"source", "target", "actor", "code", "root", "mode", "from", "to", "q", "interval", "cursor"}

func (s *Server) dyadPage(w http.ResponseWriter, r *http.Request) {
	q, _ := url.ParseQuery(r.URL.RawQuery)
	s.explore(w, r, q, "")
}

func (s *Server) actorPage(w http.ResponseWriter, r *http.Request) {
	q, _ := url.ParseQuery(r.URL.RawQuery)
	q.Set("actor", r.PathValue("code"))
	s.explore(w, r, q, r.PathValue("code"))
}

// explore renders the dyad (or actor) page: a chart of the dyad's series
// and the filtered event table beneath it.
func (s *Server) explore(w http.ResponseWriter, r *http.Request, q url.Values, actorPage string) {
	ctx := r.Context()
	p := newParams(q, pageParams...)
	form := filterForm{Source: q.Get("source"), Target: q.Get("target"), Actor: q.Get("actor"), Code: q.Get("code"),
		Root: q.Get("root"), Mode: q.Get("mode"), From: q.Get("from"), To: q.Get("to"), Q: q.Get("q"), Interval: q.Get("interval")}
	f := redline.EventFilter{
		Source: p.actor("source"), Target: p.actor("target"), Actor: p.actor("actor"),
		Code: p.code("code"), Root: p.root("root"), Mode: p.mode("mode", false),
		From: p.date("from"), To: p.date("to"), Text: p.text("q"), Cursor: p.cursor("cursor"), Limit: 50,
	}
	ivParam := p.oneOf("interval", "", "day", "week", "month")
	d := dyadData{base: base{Title: "Explore", Nav: "explore", Stats: s.stats(ctx)}, Form: form, Roots: rootOptions}
	d.Heading = heading(f.Source, f.Target, f.Actor)
	if actorPage != "" {
		d.Title, d.Nav = "Actor "+f.Actor, "actor"
	}
	if p.err != nil {
		d.Error = p.err.Error()
		render(w, r, http.StatusBadRequest, "dyad", d)
		return
	}
	from, to, err := s.window(ctx, f.From, f.To)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if f.From.IsZero() {
		from = to.AddDate(0, 0, -179) // up to half a year of context by default
	}
	days, note, err := s.exploreSeries(ctx, f, from, to)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if f.From.IsZero() && len(days) > 0 {
		// Start a few days before the dyad's first event, showing at
		// least a month: a dyad new this week is not a flat line.
		from = minTime(to.AddDate(0, 0, -29), maxTime(from, days[0].Day.AddDate(0, 0, -3)))
	}
	if err := s.clampToData(ctx, &from, &to); err != nil {
		s.pageError(w, r, err)
		return
	}
	iv := analysis.Interval(ivParam)
	if iv == "" {
		iv = autoInterval(from, to)
	}
	d.Interval = iv
	pts := analysis.Bucket(days, iv, from, to)
	d.Total = total(pts)
	d.ChartNote = note
	d.Chart = seriesChart(pts, iv, fmt.Sprintf("%s: events per %s, %s to %s", d.Heading, iv, from.Format(dateLayout), to.Format(dateLayout)))
	page, err := s.opt.Store.Events(ctx, f)
	if err != nil {
		if isInvalid(err) {
			d.Error = err.Error()
			render(w, r, http.StatusBadRequest, "dyad", d)
			return
		}
		s.pageError(w, r, err)
		return
	}
	d.Events = eventRows(page.Events)
	api := url.Values{}
	for _, k := range []string{"source", "target", "actor", "code", "root", "mode", "from", "to", "q"} {
		if v := strings.TrimSpace(q.Get(k)); v != "" {
			api.Set(k, v)
		}
	}
	if page.Next != "" {
		nq := url.Values{}
		for k, v := range q {
			nq[k] = v
		}
		nq.Del("actor") // an actor page carries it in its path
		if actorPage == "" && f.Actor != "" {
			nq.Set("actor", f.Actor)
		}
		nq.Set("cursor", page.Next)
		d.NextURL = r.URL.Path + "?" + nq.Encode()
	}
	d.ExportCSV = "/api/events.csv?" + api.Encode()
	d.ExportJSON = "/api/events.jsonl?" + api.Encode()
	d.APIURL = "/api/events?" + api.Encode()
	render(w, r, http.StatusOK, "dyad", d)
}

// exploreSeries reads the chart's series: the dyad's when a source or a
// target is given, an actor's on either side, or everything.
func (s *Server) exploreSeries(ctx context.Context, f redline.EventFilter, from, to time.Time) ([]redline.DayCount, string, error) {
	mode := f.Mode
	note := "Chart: every " + string(orAsserted(mode)) + " event of the dyad; the table applies all filters."
	if f.Source == "" && f.Target == "" && f.Actor != "" {
		as, err := s.opt.Store.Series(ctx, redline.SeriesQuery{Source: f.Actor, From: from, To: to, Mode: mode})
		if err != nil {
			return nil, "", err
		}
		at, err := s.opt.Store.Series(ctx, redline.SeriesQuery{Target: f.Actor, From: from, To: to, Mode: mode})
		if err != nil {
			return nil, "", err
		}
		note = "Chart: " + string(orAsserted(mode)) + " events with " + f.Actor + " as source plus those with it as target; the table applies all filters."
		return mergeDays(as, at), note, nil
	}
	days, err := s.opt.Store.Series(ctx, redline.SeriesQuery{Source: f.Source, Target: f.Target, From: from, To: to, Mode: mode})
	if err != nil {
		return nil, "", err
	}
	return days, note, nil
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func orAsserted(m redline.Mode) redline.Mode {
	if m == "" {
		return redline.Asserted
	}
	return m
}

// mergeDays adds two day-ordered series.
func mergeDays(a, b []redline.DayCount) []redline.DayCount {
	out := make([]redline.DayCount, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i].Day.Before(b[j].Day):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j].Day.Before(a[i].Day):
			out = append(out, b[j])
			j++
		default:
			c := a[i]
			c.Add(&b[j])
			out = append(out, c)
			i, j = i+1, j+1
		}
	}
	return out
}

// autoInterval picks buckets that keep a chart between ~30 and ~180 bars.
func autoInterval(from, to time.Time) analysis.Interval {
	days := to.Sub(from).Hours() / 24
	switch {
	case days <= 200:
		return analysis.Day
	case days <= 3*365:
		return analysis.Week
	}
	return analysis.Month
}

func heading(source, target, actor string) string {
	switch {
	case source != "" && target != "":
		return source + " → " + target
	case source != "":
		return source + " → any"
	case target != "":
		return "any → " + target
	case actor != "":
		return actor
	}
	return "All events"
}

type eventData struct {
	base
	Event eventRow
	List  []eventRow
}

func (s *Server) eventPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	se, err := s.opt.Store.Event(ctx, r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ms := make([]redline.StoredEvent, len(se.MentionList))
	for i := range se.MentionList {
		ms[i] = redline.StoredEvent{Event: se.MentionList[i], NumMentions: 1}
	}
	d := eventData{base: base{Title: "Event " + se.ID, Nav: "explore", Stats: s.stats(ctx)},
		Event: eventRows([]redline.StoredEvent{se})[0], List: eventRows(ms)}
	render(w, r, http.StatusOK, "event", d)
}

func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	sub, _ := fs.Sub(staticFS, "assets/static")
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	http.StripPrefix("/static/", http.FileServerFS(sub)).ServeHTTP(w, r)
}
