package http

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/sqlite"
	"github.com/redline-events/redline/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// The synthetic store is built once per test binary: a few hundred
// documents over 60 days, through the real SQLite store.
var (
	fixtureOnce sync.Once
	fixtureDir  string
	fixtureErr  error
	fixtureDB   *sqlite.DB
)

const fixtureDocs = 400

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if fixtureDB != nil {
		fixtureDB.Close()
	}
	if fixtureDir != "" {
		os.RemoveAll(fixtureDir)
	}
	os.Exit(code)
}

// fixture returns the shared read-only store of synthetic events.
func fixture(t testing.TB) redline.Store {
	t.Helper()
	fixtureOnce.Do(func() {
		fixtureDir, fixtureErr = os.MkdirTemp("", "redline-http-test")
		if fixtureErr != nil {
			return
		}
		ctx := context.Background()
		fixtureDB, fixtureErr = sqlite.Open(ctx, filepath.Join(fixtureDir, "fixture.db"))
		if fixtureErr != nil {
			return
		}
		_, fixtureErr = fixtureDB.Put(ctx, storetest.Corpus(storetest.CorpusOptions{Docs: fixtureDocs, Days: 60, Seed: 7, MaxEvents: 5}))
	})
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return fixtureDB
}

// freshStore is an empty store of the test's own, for writes.
func freshStore(t *testing.T) redline.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// get requests path from h and returns the status and body.
func get(t *testing.T, h http.Handler, path string) (int, string, http.Header) {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String(), rec.Header()
}

func decode[T any](t *testing.T, body string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("bad JSON %v: %.300s", err, body)
	}
	return v
}

func TestRoutes(t *testing.T) {
	s := New(Options{Store: fixture(t)})
	anyID := firstEventID(t, s)
	for _, tc := range []struct {
		path   string
		status int
		ctype  string
		has    string
	}{
		{"/healthz", 200, "application/json", `"status":"ok"`},
		{"/api/events", 200, "application/json", `"events":[`},
		{"/api/events?source=USA&target=RUS&limit=5", 200, "application/json", `"code":"RUS`},
		{"/api/events?actor=ukr&root=19&mode=asserted&from=2024-01-05&to=2024-02-10", 200, "application/json", `"events":`},
		{"/api/events?order=impact&limit=3", 200, "application/json", `"goldstein":-10`},
		{"/api/events?q=Moscow", 200, "application/json", `Moscow`},
		{"/api/events/" + anyID, 200, "application/json", `"mention_list":[`},
		{"/api/events/no-such-id", 404, "application/json", `"error"`},
		{"/api/series?source=USA&target=RUS", 200, "application/json", `"points":[`},
		{"/api/series?source=USAGOV&target=RUSMIL&interval=week&mode=all", 200, "application/json", `"interval":"week"`},
		{"/api/alerts?from=2024-01-01&events=2", 200, "application/json", `"alerts":[`},
		{"/api/dyads?by=conflict", 200, "application/json", `"dyads":[`},
		{"/api/actors?q=RU", 200, "application/json", `"code":"RUSGOV"`},
		{"/api/actors?q=Ukrainian", 200, "application/json", `"code":"UKRMIL"`},
		{"/api/openapi.json", 200, "application/json", `"openapi": "3.0.3"`},
		{"/api/events.csv?limit=3", 200, "text/csv", "id,doc_id,sentence"},
		{"/api/events.jsonl?limit=3", 200, "application/x-ndjson", `"doc_id":`},
		{"/api/events?format=csv&limit=2", 200, "text/csv", "id,doc_id"},
		{"/api/nothing", 404, "application/json", `"error"`},
		{"/", 200, "text/html", `<svg class="chart"`},
		{"/dyad?source=USA&target=RUS", 200, "text/html", `<table class="events">`},
		{"/dyad?actor=RUSMIL&interval=week&root=19", 200, "text/html", `<mark class="verb">`},
		{"/actor/UKRGOV", 200, "text/html", `UKRGOV`},
		{"/event/" + anyID, 200, "text/html", `<ol class="mentions">`},
		{"/event/nope", 404, "text/html", `404`},
		{"/dyad?mode=sideways", 400, "text/html", `parameter &#34;mode&#34;`},
		{"/static/style.css", 200, "text/css", `--q4`},
		{"/static/app.js", 200, "javascript", `use strict`},
		{"/static/nope.css", 404, "text/plain", ``},
	} {
		t.Run(tc.path, func(t *testing.T) {
			status, body, h := get(t, s, tc.path)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %.300s", status, tc.status, body)
			}
			if ct := h.Get("Content-Type"); !strings.Contains(ct, tc.ctype) {
				t.Errorf("Content-Type %q, want %q", ct, tc.ctype)
			}
			if !strings.Contains(body, tc.has) {
				t.Errorf("body lacks %q: %.400s", tc.has, body)
			}
		})
	}
}

func firstEventID(t *testing.T, h http.Handler) string {
	t.Helper()
	_, body, _ := get(t, h, "/api/events?limit=1")
	ans := decode[eventsAnswer](t, body)
	if len(ans.Events) != 1 {
		t.Fatalf("no event in the fixture: %s", body)
	}
	return ans.Events[0].ID
}

// TestPagination walks every page and checks that each stored event comes
// exactly once, in date order.
func TestPagination(t *testing.T) {
	st := fixture(t)
	s := New(Options{Store: st})
	stats, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"limit=37", "limit=500&source=RUS", "limit=9&mode=negated"} {
		t.Run(q, func(t *testing.T) {
			seen := map[string]bool{}
			next := "/api/events?" + q
			last := "9999-99-99"
			pages := 0
			for next != "" {
				status, body, _ := get(t, s, next)
				if status != 200 {
					t.Fatalf("%s: %d %s", next, status, body)
				}
				ans := decode[eventsAnswer](t, body)
				for _, e := range ans.Events {
					if seen[e.ID] {
						t.Fatalf("event %s twice", e.ID)
					}
					seen[e.ID] = true
					if e.Date > last {
						t.Fatalf("event %s dated %s after %s: not newest first", e.ID, e.Date, last)
					}
					last = e.Date
				}
				next = ans.NextURL
				if pages++; pages > 1000 {
					t.Fatal("paging does not end")
				}
			}
			want := stats.Events
			if q != "limit=37" {
				// A filtered walk must equal an unpaged export.
				want = countLines(t, s, "/api/events.jsonl?"+strings.Split(q, "&")[1])
			}
			if len(seen) != want {
				t.Errorf("saw %d events, want %d", len(seen), want)
			}
		})
	}
}

func countLines(t *testing.T, h http.Handler, path string) int {
	t.Helper()
	status, body, _ := get(t, h, path)
	if status != 200 {
		t.Fatalf("%s: %d", path, status)
	}
	return strings.Count(body, "\n")
}

func TestExports(t *testing.T) {
	st := fixture(t)
	s := New(Options{Store: st})
	stats, _ := st.Stats(context.Background())
	if n := countLines(t, s, "/api/events.jsonl"); n != stats.Events {
		t.Errorf("jsonl export has %d lines, want every event (%d)", n, stats.Events)
	}
	_, body, h := get(t, s, "/api/events.csv?source=USA")
	if cd := h.Get("Content-Disposition"); !strings.Contains(cd, "events.csv") {
		t.Errorf("Content-Disposition %q", cd)
	}
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	srcCol := -1
	for i, h := range recs[0] {
		if h == "source_code" {
			srcCol = i
		}
	}
	if srcCol < 0 || len(recs) < 2 {
		t.Fatalf("csv header %v, %d rows", recs[0], len(recs))
	}
	for _, r := range recs[1:] {
		if !strings.HasPrefix(r[srcCol], "USA") {
			t.Fatalf("filter not applied: source %q", r[srcCol])
		}
	}
	if n := countLines(t, s, "/api/events.jsonl?limit=7"); n != 7 {
		t.Errorf("limit=7 gave %d lines", n)
	}
}

// TestBadParams: every bad parameter is a 400 naming it.
func TestBadParams(t *testing.T) {
	s := New(Options{Store: fixture(t)})
	for _, tc := range []struct{ path, param string }{
		{"/api/events?limit=0", "limit"},
		{"/api/events?limit=10001", "limit"},
		{"/api/events?limit=ten", "limit"},
		{"/api/events?mode=maybe", "mode"},
		{"/api/events?code=999", "code"},
		{"/api/events?root=21", "root"},
		{"/api/events?root=1", "root"},
		{"/api/events?quad=5", "quad"},
		{"/api/events?from=2024-13-01", "from"},
		{"/api/events?from=2024-02-01&to=2024-01-01", "to"},
		{"/api/events?cursor=!!!", "cursor"},
		{"/api/events?order=random", "order"},
		{"/api/events?order=impact&cursor=abc", "cursor"},
		{"/api/events?sourcee=USA", "sourcee"},
		{"/api/events?source=USA&source=RUS", "source"},
		{"/api/events?country=RUSSIA", "country"},
		{"/api/events?format=xml", "format"},
		{"/api/events?source=USA;DROP", "query"},
		{"/api/events.csv?order=impact", "order"},
		{"/api/series?interval=year", "interval"},
		{"/api/series?mode=some", "mode"},
		{"/api/series?from=yesterday", "from"},
		{"/api/alerts?limit=-1", "limit"},
		{"/api/alerts?events=0", "events"},
		{"/api/dyads?by=size", "by"},
		{"/api/actors?limit=100000", "limit"},
		{"/api/actors?q=" + strings.Repeat("a", 201), "q"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			status, body, _ := get(t, s, tc.path)
			if status != 400 {
				t.Fatalf("status %d, want 400: %.200s", status, body)
			}
			e := decode[apiError](t, body)
			if e.Param != tc.param || !strings.Contains(e.Error, tc.param) {
				t.Errorf("error %+v does not name %q", e, tc.param)
			}
		})
	}
	// A cursor that is base64 but not ours is the store's ErrInvalid: 400.
	if status, body, _ := get(t, s, "/api/events?cursor=Zm9v"); status != 400 {
		t.Errorf("foreign cursor: %d %s", status, body)
	}
}

// TestInjection sends hostile strings in every filter: each answer is a 400
// or a harmless 200 (never a 500, never more rows than the store holds), and
// the store is unchanged afterwards.
func TestInjection(t *testing.T) {
	st := fixture(t)
	s := New(Options{Store: st})
	before, _ := st.Stats(context.Background())
	attacks := []string{
		`' OR '1'='1`, `"; DROP TABLE event; --`, `USA' --`, `1) OR (1=1`, `*`, `%`, `_`, `\`,
		`<script>alert(1)</script>`, "\x00", `../../etc/passwd`, `NEAR(a b)`, `" OR "`, `a" OR "b`,
		strings.Repeat("(", 150), `USA%' OR 1=1 --`, `{{.}}`,
	}
	params := append([]string{}, eventParams...)
	for _, p := range params {
		for _, a := range attacks {
			path := "/api/events?" + url.Values{p: {a}}.Encode()
			status, body, _ := get(t, s, path)
			switch status {
			case 400:
			case 200:
				if p != "q" && p != "format" {
					t.Errorf("%s: 200 for %q in %s", path, a, p)
				}
				if strings.Contains(body, "<script>") {
					t.Errorf("%s: unescaped script in JSON", path)
				}
			default:
				t.Errorf("%s: status %d: %.200s", path, status, body)
			}
		}
	}
	for _, a := range attacks {
		for _, path := range []string{
			"/api/actors?" + url.Values{"q": {a}}.Encode(),
			"/api/series?" + url.Values{"source": {a}}.Encode(),
			"/api/events/" + url.PathEscape(a),
			"/dyad?" + url.Values{"q": {a}}.Encode(),
			"/dyad?" + url.Values{"source": {a}}.Encode(),
		} {
			status, body, _ := get(t, s, path)
			if status >= 500 {
				t.Errorf("%s: status %d", path, status)
			}
			if strings.Contains(body, "<script>alert") {
				t.Errorf("%s: the script came back unescaped", path)
			}
		}
	}
	// LIKE wildcards in an actor search are literal: '%' finds nothing.
	_, body, _ := get(t, s, "/api/actors?q=%25")
	if a := decode[map[string][]any](t, body); len(a["actors"]) != 0 {
		t.Errorf("'%%' matched %d actors", len(a["actors"]))
	}
	after, _ := st.Stats(context.Background())
	if after != before {
		t.Errorf("store changed: %+v -> %+v", before, after)
	}
}

// fakeCoder codes one event per document: the first sentence-like span,
// USAGOV using force against RUSMIL. The pipeline itself is exercised by
// the browser test.
type fakeCoder struct{}

func (fakeCoder) Code(_ context.Context, d *redline.Doc) ([]redline.Event, error) {
	if strings.Contains(d.Text, "FAIL") {
		return nil, fmt.Errorf("cannot code")
	}
	end := strings.IndexByte(d.Text, '.')
	if end < 0 {
		end = len(d.Text)
	}
	src := &redline.Actor{Text: "Washington", Code: "USAGOV", Country: "USA"}
	tgt := &redline.Actor{Text: "Russian troops", Code: "RUSMIL", Country: "RUS"}
	ev := redline.Event{DocID: d.ID, Date: d.Date, DateFrom: redline.DateFromDocument, Source: src, Target: tgt,
		Code: "190", Mode: redline.Asserted, Mentions: 1, URL: d.URL,
		Evidence: redline.Evidence{Start: 0, End: end, Text: d.Text[:end]}}
	ev.ID = redline.EventID(d.ID, 0, "USAGOV", "RUSMIL", "190", redline.Asserted, d.Date)
	return []redline.Event{ev}, nil
}

func post(t *testing.T, h http.Handler, body, auth, ctype string) (int, string) {
	t.Helper()
	req := httptest.NewRequest("POST", "/api/documents", strings.NewReader(body))
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

func TestDocuments(t *testing.T) {
	const token = "s3cret-token-0123456789"
	doc := `{"id":"a1","date":"2024-03-01","text":"Washington attacked Russian troops. More text."}` + "\n" +
		`{"id":"a2","date":"2024-03-02","text":"Washington attacked Russian troops again."}` + "\n"
	ro := New(Options{Store: freshStore(t), Coder: fakeCoder{}})
	if status, body := post(t, ro, doc, "Bearer "+token, ""); status != 403 {
		t.Errorf("read-only server: %d %s", status, body)
	}
	st := freshStore(t)
	s := New(Options{Store: st, Coder: fakeCoder{}, Token: token, MaxBody: 4096})
	for _, tc := range []struct {
		name, body, auth, ctype string
		status                  int
		has                     string
	}{
		{"no token", doc, "", "", 401, "Bearer"},
		{"wrong token", doc, "Bearer nope", "", 401, "Bearer"},
		{"basic auth", doc, "Basic " + token, "", 401, "Bearer"},
		{"token prefix", doc, "Bearer " + token[:10], "", 401, "Bearer"},
		{"stored", doc, "Bearer " + token, "application/x-ndjson", 200, `"new":2`},
		{"again: unchanged", doc, "Bearer " + token, "", 200, `"unchanged":2`},
		{"bad line kept apart", `{"id":"b1","text":"Washington hit Russian troops."}` + "\nnot json\n", "Bearer " + token, "", 200, `"rejected":["request.jsonl:2`},
		{"all bad", "not json\n", "Bearer " + token, "", 400, "rejected"},
		{"coder fails", `{"id":"c1","text":"FAIL."}`, "Bearer " + token, "", 400, "cannot code"},
		{"empty", "", "Bearer " + token, "", 400, "no document"},
		{"xml", doc, "Bearer " + token, "application/xml", 415, "JSON lines"},
		{"too large", strings.Repeat(`{"id":"big","text":"`+strings.Repeat("x", 100)+`"}`+"\n", 60), "Bearer " + token, "", 413, "over 4096 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := post(t, s, tc.body, tc.auth, tc.ctype)
			if status != tc.status || !strings.Contains(body, tc.has) {
				t.Errorf("status %d body %.300s; want %d with %q", status, body, tc.status, tc.has)
			}
		})
	}
	stats, _ := st.Stats(context.Background())
	if stats.Documents != 3 {
		t.Errorf("stored %d documents, want 3 (a1, a2, b1)", stats.Documents)
	}
	// What was posted is served.
	_, body, _ := get(t, s, "/api/events?source=USAGOV")
	if ans := decode[eventsAnswer](t, body); len(ans.Events) == 0 {
		t.Errorf("posted events not listed: %s", body)
	}
	// Other methods on read routes are refused without running them.
	req := httptest.NewRequest("DELETE", "/api/events", nil)
	rec := httptest.NewRecorder()
	ro.ServeHTTP(rec, req)
	if rec.Code != 403 {
		t.Errorf("DELETE on a read-only server: %d", rec.Code)
	}
}

// TestOpenAPI checks that the description lists every API route with its
// method, and no route that does not exist.
func TestOpenAPI(t *testing.T) {
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openapiJSON, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	s := New(Options{Store: fixture(t)})
	routed := map[string]bool{}
	for _, r := range s.table() {
		method, path, _ := strings.Cut(r.pattern, " ")
		if !strings.HasPrefix(path, "/api/") && path != "/healthz" {
			continue // dashboard pages
		}
		key := strings.ToLower(method) + " " + path
		routed[key] = true
		if _, ok := doc.Paths[path][strings.ToLower(method)]; !ok {
			t.Errorf("route %s is not in openapi.json", r.pattern)
		}
	}
	for path, ops := range doc.Paths {
		for m := range ops {
			if !routed[m+" "+path] {
				t.Errorf("openapi.json describes %s %s, which is not routed", m, path)
			}
		}
	}
	// The query parameters described are those the handlers read.
	var full struct {
		Components struct {
			Parameters map[string]struct{ Name, In string }
		}
		Paths map[string]map[string]struct {
			Parameters []struct {
				Ref      string `json:"$ref"`
				Name, In string
			}
		}
	}
	if err := json.Unmarshal(openapiJSON, &full); err != nil {
		t.Fatal(err)
	}
	exportParams := []string{}
	for _, p := range eventParams {
		if p != "order" && p != "format" {
			exportParams = append(exportParams, p)
		}
	}
	for path, want := range map[string][]string{
		"/api/events": eventParams, "/api/events.csv": exportParams, "/api/events.jsonl": exportParams,
		"/api/series": seriesParams, "/api/alerts": alertParams, "/api/dyads": dyadParams, "/api/actors": actorParams,
	} {
		var got []string
		for _, p := range full.Paths[path]["get"].Parameters {
			if p.Ref != "" {
				c := full.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
				p.Name, p.In = c.Name, c.In
			}
			if p.In == "query" {
				got = append(got, p.Name)
			}
		}
		sort.Strings(got)
		w := append([]string(nil), want...)
		sort.Strings(w)
		if strings.Join(got, ",") != strings.Join(w, ",") {
			t.Errorf("%s: openapi.json lists %v, the handler reads %v", path, got, w)
		}
	}
}

func TestSeriesIntervals(t *testing.T) {
	s := New(Options{Store: fixture(t)})
	type ans struct {
		Points []apiPoint `json:"points"`
	}
	total := map[string]int{}
	for _, iv := range []string{"day", "week", "month"} {
		_, body, _ := get(t, s, "/api/series?source=RUS&target=UKR&interval="+iv)
		a := decode[ans](t, body)
		prev := ""
		for _, p := range a.Points {
			if p.Start <= prev {
				t.Fatalf("%s: %s after %s", iv, p.Start, prev)
			}
			prev = p.Start
			total[iv] += p.Events
			if p.Events != p.VerbalCoop+p.MaterialCoop+p.VerbalConf+p.MaterialConf {
				t.Fatalf("%s: events %d != sum of quads %+v", iv, p.Events, p)
			}
			if iv == "week" && mustDate(t, p.Start).Weekday() != time.Monday {
				t.Fatalf("week starting %s", p.Start)
			}
		}
		if iv == "day" && len(a.Points) < 30 {
			t.Errorf("%d daily points over 60 days: empty days must be listed", len(a.Points))
		}
	}
	if total["day"] == 0 || total["day"] != total["week"] || total["day"] != total["month"] {
		t.Errorf("totals differ by interval: %v", total)
	}
}

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(dateLayout, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestGracefulShutdown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	s := New(Options{Store: fixture(t)})
	addrc := make(chan string, 1)
	errc := make(chan error, 1)
	go func() {
		errc <- ListenAndServe(ctx, "127.0.0.1:0", s, func(a net.Addr) { addrc <- a.String() })
	}()
	addr := <-addrc
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("healthz %d", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("shutdown: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("server did not stop")
	}
}

// TestDyadTotals: a dyad's total over the window is the sum of its daily
// series over the same days, on the API and on the overview.
func TestDyadTotals(t *testing.T) {
	s := New(Options{Store: fixture(t)})
	_, body, _ := get(t, s, "/api/dyads?by=conflict&limit=3")
	ans := decode[struct {
		From, To string
		Dyads    []struct {
			Source, Target string
			apiPoint
		}
	}](t, body)
	if len(ans.Dyads) != 3 {
		t.Fatalf("%d dyads: %s", len(ans.Dyads), body)
	}
	for _, d := range ans.Dyads {
		_, sb, _ := get(t, s, "/api/series?source="+d.Source+"&target="+d.Target+"&from="+ans.From+"&to="+ans.To)
		series := decode[struct{ Points []apiPoint }](t, sb)
		sum := 0
		for _, p := range series.Points {
			sum += p.Events
		}
		if d.Events == 0 || d.Events != sum {
			t.Errorf("%s-%s: total %d events, series sums to %d", d.Source, d.Target, d.Events, sum)
		}
	}
	_, home, _ := get(t, s, "/")
	if strings.Contains(home, `<td class="num">0</td><td class="num">0%</td>`) {
		t.Error("the overview lists a top dyad with no events")
	}
}
