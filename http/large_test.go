package http

import (
	"context"
	"flag"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/redline-events/redline/sqlite"
)

var largeDB = flag.String("large.db", "", "an existing large store (e.g. built by go test ./sqlite -run LargeStore -long -long.db FILE) to time the API and the dashboard on")

// TestLargeStore times the API and the dashboard over a large store: p50
// and p95 of each endpoint through the handler, then the first contentful
// paint of the overview in headless Chromium (when installed).
//
//	go test ./http -run LargeStore -large.db /tmp/big.db -v
func TestLargeStore(t *testing.T) {
	if *largeDB == "" {
		t.Skip("give -large.db FILE (a store of ~10⁷ events) to time the server on it")
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, *largeDB)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("store: %d events, %d mentions, %d documents, %s to %s", stats.Events, stats.Mentions, stats.Documents,
		stats.FirstDay.Format(dateLayout), stats.LastDay.Format(dateLayout))
	s := New(Options{Store: st})
	// Dyads of the store, found through the API itself.
	_, body, _ := get(t, s, "/api/dyads?limit=2")
	dy := decode[struct {
		Dyads []struct{ Source, Target string }
	}](t, body)
	if len(dy.Dyads) < 2 {
		t.Fatalf("no dyads: %s", body)
	}
	a, b := dy.Dyads[0], dy.Dyads[1]
	for _, path := range []string{
		"/api/series?source=" + a.Source + "&target=" + a.Target,
		"/api/series?source=" + b.Source + "&target=" + b.Target + "&interval=week",
		"/api/series?source=" + a.Source + "GOV&target=" + a.Target + "&interval=month",
		"/api/alerts",
		"/api/dyads?by=conflict",
		"/api/events?limit=50",
		"/api/events?source=" + a.Source + "&target=" + a.Target + "&quad=4&limit=50",
		"/api/actors?q=" + a.Source[:2],
		"/",
		"/dyad?source=" + a.Source + "&target=" + a.Target,
	} {
		var times []time.Duration
		for i := 0; i < 21; i++ {
			start := time.Now()
			status, body, _ := get(t, s, path)
			times = append(times, time.Since(start))
			if status != 200 {
				t.Fatalf("%s: %d %.200s", path, status, body)
			}
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		t.Logf("%-60s p50 %8s  p95 %8s", path, times[10].Round(100*time.Microsecond), times[19].Round(100*time.Microsecond))
	}

	chromium := findChromium()
	if chromium == "" {
		t.Log("no chromium: first paint not measured")
		return
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	actx, acancel := chromedp.NewExecAllocator(ctx, chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1400, 1000))
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	shots, err := os.MkdirTemp("", "redline-large-")
	if err != nil {
		t.Fatal(err)
	}
	for i, path := range []string{"/", "/", "/dyad?source=" + a.Source + "&target=" + a.Target} {
		if _, err := chromedp.Run(bctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Navigate(srv.URL+path))); err != nil {
			t.Fatal(err)
		}
		// The paint entry comes after the load event on a fast page.
		fcp, err := chromedp.Run(bctx, chromedp.Poll[float64](`(performance.getEntriesByName("first-contentful-paint")[0] || {startTime: 0}).startTime || null`,
			chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(10*time.Second)))
		if err != nil {
			t.Fatal(err)
		}
		ttfb, err := chromedp.Run(bctx, chromedp.Evaluate[float64](`performance.getEntriesByType("navigation")[0].responseStart`))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("browser %s: first byte %.0f ms, first contentful paint %.0f ms", path, ttfb, fcp)
		png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		if err == nil {
			err = os.WriteFile(filepath.Join(shots, []string{"overview-cold.png", "overview.png", "dyad.png"}[i]), png, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("screenshots in %s", shots)
}
