package http

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/ingest"
	"github.com/redline-events/redline/pipeline"
	"github.com/redline-events/redline/sqlite"
)

const voaCorpus = "../../shared/corpus/voa/voa_stories.jsonl"

// findChromium returns Debian's chromium (or another Chromium on PATH).
func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestBrowser ingests the VOA corpus through the real pipeline, serves it,
// and drives headless Chromium over the dashboard: the overview's chart and
// tables render, a dyad page shows its chart and evidence with highlights,
// and a filter chosen in the form narrows the table and lands in the URL.
// Screenshots go to a directory that outlives the test (logged).
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chromium := findChromium()
	if chromium == "" {
		t.Skip("no chromium on PATH: install it with .ci/browser-setup (apt-get install chromium)")
	}
	if _, err := os.Stat(voaCorpus); err != nil {
		t.Skipf("the VOA corpus is not at %s (../shared absent): %v", voaCorpus, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()

	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "voa.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var batch []redline.DocEvents
	nEvents := 0
	for d, err := range ingest.Docs(ctx, []string{voaCorpus}, ingest.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		evs, err := p.Code(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		d.Tokens, d.Sentences = nil, nil
		batch = append(batch, redline.DocEvents{Doc: d, Events: evs})
		nEvents += len(evs)
	}
	if _, err := st.Put(ctx, batch); err != nil {
		t.Fatal(err)
	}
	t.Logf("ingested %d VOA documents, %d events", len(batch), nEvents)

	srv := httptest.NewServer(New(Options{Store: st}))
	defer srv.Close()

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	}
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()

	shots, err := os.MkdirTemp("", "redline-browser-")
	if err != nil {
		t.Fatal(err)
	}
	do := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	eval := func(js string) int {
		t.Helper()
		n, err := chromedp.Run(bctx, chromedp.Evaluate[int](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return n
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("%s: %v", sel, err)
		}
		return s
	}
	// navigating runs an action that leaves the page and waits for the
	// next page's load event (subscribed before the action, so none is lost).
	navigating := func(a chromedp.Action[chromedp.Void]) {
		t.Helper()
		if _, err := chromedp.Run(bctx, chromedp.WaitEvent(page.LoadEventFired, nil, a)); err != nil {
			t.Fatal(err)
		}
	}
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		if err == nil {
			err = os.WriteFile(filepath.Join(shots, name), png, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}

	// The overview.
	do(chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("svg.chart")))
	bars := eval(`document.querySelectorAll("svg.chart .bars rect").length`)
	sparks := eval(`document.querySelectorAll("svg.spark path").length`)
	dyadRows := eval(`document.querySelectorAll("table.dyads tbody tr").length`)
	dyadLinks := eval(`document.querySelectorAll("a.dyadlink").length`)
	// The paint entry may come after the load event on a fast page.
	fcp, err := chromedp.Run(bctx, chromedp.Poll[float64](`(performance.getEntriesByName("first-contentful-paint")[0] || {startTime: 0}).startTime || null`,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		t.Fatalf("no first contentful paint: %v", err)
	}
	shot("overview.png")
	t.Logf("overview: %d bars, %d dyad rows, first contentful paint %.0f ms", bars, dyadRows, fcp)
	if bars == 0 || sparks == 0 || dyadRows == 0 || dyadLinks == 0 {
		t.Fatalf("overview did not render: %d bars, %d sparkline paths, %d dyad rows, %d dyad links", bars, sparks, dyadRows, dyadLinks)
	}

	// A dyad page, reached by clicking the first dyad.
	navigating(chromedp.Click(chromedp.CSS("a.dyadlink")))
	do(chromedp.WaitVisible(chromedp.CSS("table.events")))
	heading := text("h1")
	rows := eval(`document.querySelectorAll("table.events tbody tr[tabindex]").length`)
	verbs := eval(`document.querySelectorAll("table.events mark.verb").length`)
	chartBars := eval(`document.querySelectorAll("svg.chart .bars rect").length`)
	firstCode := strings.TrimSpace(text("table.events tbody tr td.code .badge"))
	shot("dyad.png")
	t.Logf("dyad page %q: %d events, %d highlighted verbs, %d bars", heading, rows, verbs, chartBars)
	if rows == 0 || verbs == 0 || chartBars == 0 || !strings.Contains(heading, "→") || len(firstCode) < 2 {
		t.Fatalf("dyad page did not render: %q, %d rows, %d verbs, %d bars, code %q", heading, rows, verbs, chartBars, firstCode)
	}

	// Filter by the first event's root: choosing it in the select submits
	// the form (app.js), the URL carries it and every row has that root.
	root := firstCode[:2]
	navigating(chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector("#f-root"); s.value = "` + root + `"; s.dispatchEvent(new Event("change", {bubbles: true})); })()`))
	do(chromedp.WaitVisible(chromedp.CSS("table.events")))
	loc, err := chromedp.Run(bctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	codes, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("table.events td.code .badge")).map(b => b.textContent.trim())`))
	if err != nil {
		t.Fatal(err)
	}
	shot("dyad-filtered.png")
	t.Logf("filtered: %s, %d events", loc, len(codes))
	if !strings.Contains(loc, "root="+root) {
		t.Errorf("the URL does not carry the filter root=%s: %s", root, loc)
	}
	if len(codes) == 0 {
		t.Fatalf("the filter root=%s left no event, though the first row had code %s", root, firstCode)
	}
	for _, c := range codes {
		if !strings.HasPrefix(c, root) {
			t.Errorf("row with code %s under root=%s", c, root)
		}
	}
	if strings.Contains(loc, "q=&") || strings.Contains(loc, "code=&") {
		t.Errorf("empty filters kept in the URL: %s", loc)
	}

	// The world map: shaded countries and place circles, each linked to
	// the events of its place; following one lists them.
	do(chromedp.Navigate(srv.URL+"/map"), chromedp.WaitVisible(chromedp.CSS("svg.worldmap")))
	countries := eval(`document.querySelectorAll("svg.worldmap g.countries path").length`)
	linked := eval(`document.querySelectorAll("svg.worldmap g.countries a path").length`)
	circles := eval(`document.querySelectorAll("svg.worldmap g.places circle").length`)
	shot("map.png")
	t.Logf("map: %d countries, %d with events, %d places", countries, linked, circles)
	if countries < 150 || linked == 0 || circles == 0 {
		t.Fatalf("map did not render: %d countries, %d linked, %d place circles", countries, linked, circles)
	}
	navigating(chromedp.Evaluate[chromedp.Void](`document.querySelector("svg.worldmap g.places a").dispatchEvent(new MouseEvent("click", {bubbles: true}))`))
	do(chromedp.WaitVisible(chromedp.CSS("svg.worldmap")))
	mapLoc, err := chromedp.Run(bctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	placeRows := eval(`document.querySelectorAll("table.events tbody tr").length`)
	shot("map-place.png")
	t.Logf("map place: %s, %d events", mapLoc, placeRows)
	if !strings.Contains(mapLoc, "place_country=") && !strings.Contains(mapLoc, "adm1=") && !strings.Contains(mapLoc, "bbox=") {
		t.Errorf("a place circle does not lead to a place filter: %s", mapLoc)
	}
	if placeRows == 0 {
		t.Errorf("the place %s lists no events", mapLoc)
	}
	t.Logf("screenshots in %s", shots)
}
