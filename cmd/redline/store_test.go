package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/format"
	"github.com/redline-events/redline/sqlite"
	"github.com/redline-events/redline/storetest"
)

var updateAlerts = flag.Bool("update-alerts", false, "rewrite testdata/alerts*.golden")

// news writes a small JSON-lines corpus; the same event (Russian forces
// shelling Kharkiv) is reported by two sites.
func news(t *testing.T, dir string, extra string) string {
	t.Helper()
	lines := []string{
		`{"id":"n1","date":"2022-03-01","url":"https://one.example/n1","text":"Russian forces shelled Kharkiv on Tuesday. The United Nations called for a ceasefire."}`,
		`{"id":"n2","date":"2022-03-01","url":"https://two.example/n2","text":"Russian forces shelled Kharkiv on Tuesday, officials said."}`,
		`{"id":"n3","date":"2022-03-02","url":"https://one.example/n3","text":"France sent humanitarian aid to Ukraine."}`,
	}
	if extra != "" {
		lines = append(lines, extra)
	}
	p := filepath.Join(dir, "news.jsonl")
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

var summary = regexp.MustCompile(`(\d+) new, (\d+) changed, (\d+) unchanged`)

func ingestRun(t *testing.T, args ...string) (news, changed, unchanged string) {
	t.Helper()
	_, errOut, st := run(t, "", append([]string{"ingest", "--progress", "never"}, args...)...)
	if st != 0 {
		t.Fatalf("ingest %v: status %d: %s", args, st, errOut)
	}
	m := summary.FindStringSubmatch(errOut)
	if m == nil {
		t.Fatalf("no summary line: %s", errOut)
	}
	return m[1], m[2], m[3]
}

func queryLines(t *testing.T, args ...string) []string {
	t.Helper()
	out, errOut, st := run(t, "", append([]string{"query"}, args...)...)
	if st != 0 {
		t.Fatalf("query %v: status %d: %s", args, st, errOut)
	}
	out = strings.TrimSpace(out)
	if out == "" {
		return nil
	}
	return strings.Split(out, "\n")
}

func TestIngestIdempotentAndReplace(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	in := news(t, dir, "")
	if n, c, u := ingestRun(t, "--db", db, in); n != "3" || c != "0" || u != "0" {
		t.Fatalf("first ingest: %s new, %s changed, %s unchanged", n, c, u)
	}
	first := queryLines(t, "--db", db, "--limit", "0")
	if len(first) == 0 {
		t.Fatal("no events stored")
	}
	if n, c, u := ingestRun(t, "--db", db, in); n != "0" || c != "0" || u != "3" {
		t.Fatalf("second ingest: %s new, %s changed, %s unchanged", n, c, u)
	}
	if again := queryLines(t, "--db", db, "--limit", "0"); strings.Join(again, "\n") != strings.Join(first, "\n") {
		t.Fatalf("re-ingest changed the store:\n%s\n---\n%s", strings.Join(first, "\n"), strings.Join(again, "\n"))
	}
	// n3 changes: its aid event is replaced by whatever the new text gives.
	changedNews := strings.Replace(mustRead(t, in), "France sent humanitarian aid to Ukraine.", "France condemned the shelling.", 1)
	if err := os.WriteFile(in, []byte(changedNews), 0o644); err != nil {
		t.Fatal(err)
	}
	if n, c, u := ingestRun(t, "--db", db, in); n != "0" || c != "1" || u != "2" {
		t.Fatalf("ingest of a changed document: %s new, %s changed, %s unchanged", n, c, u)
	}
	for _, l := range queryLines(t, "--db", db, "--limit", "0") {
		if strings.Contains(l, "humanitarian aid") {
			t.Errorf("the replaced document's event survives: %s", l)
		}
	}
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestQueryFormats writes the stored demo events in every format of
// redline code, and checks that filters reach the store.
func TestQueryFormats(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	ingestRun(t, "--db", db, "--demo")
	all := queryLines(t, "--db", db, "--limit", "0")
	if len(all) < 5 {
		t.Fatalf("%d events from the demo", len(all))
	}
	var actor string
	for _, l := range all {
		var ev struct {
			ID     string `json:"id"`
			Source *struct {
				Code string `json:"code"`
			} `json:"source"`
			Mentions int `json:"mentions"`
		}
		if err := json.Unmarshal([]byte(l), &ev); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		if ev.Mentions < 1 || ev.ID == "" {
			t.Errorf("event without id or mentions: %s", l)
		}
		if ev.Source != nil && actor == "" {
			actor = ev.Source.Code
		}
	}
	for _, l := range queryLines(t, "--db", db, "--source", actor, "--limit", "0") {
		if !strings.Contains(l, `"code":"`+actor) {
			t.Errorf("--source %s let through %s", actor, l)
		}
	}
	if got := queryLines(t, "--db", db, "--limit", "2"); len(got) != 2 {
		t.Errorf("--limit 2 wrote %d events", len(got))
	}
	for _, f := range format.Names() {
		out := filepath.Join(dir, "out."+f)
		if _, errOut, st := run(t, "", "query", "--db", db, "--format", f, "-o", out); st != 0 {
			t.Fatalf("%s: status %d: %s", f, st, errOut)
		}
		if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
			t.Errorf("%s: empty output", f)
		}
	}
}

func TestStoreUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "u.db")
	for _, args := range [][]string{
		{"query", "--db", db, "--quad", "7"},
		{"query", "--db", db, "--mode", "perhaps"},
		{"query", "--db", db, "--code", "999"},
		{"query", "--db", db, "--root", "1"},
		{"query", "--db", db, "--from", "March"},
		{"query", "--db", db, "--format", "xml"},
		{"query", "--store", "nosuch://x"},
		{"query", "--db", db, "--store", "sqlite:" + db},
		{"alerts", "--db", db, "--format", "xml"},
		{"alerts", "--db", db, "--since", "2024-05-01", "--until", "2024-04-01"},
		{"alerts", "--db", db, "--min-score", "0"},
		{"ingest", "--db", db, "--batch-docs", "0", "--demo"},
	} {
		if _, errOut, st := run(t, "", args...); st != 2 {
			t.Errorf("%v: status %d, want 2 (%s)", args, st, errOut)
		}
	}
}

// TestAlertsGolden: alerts over a store with a known escalation, in both
// output formats.
func TestAlertsGolden(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	// A quiet month of synthetic news, then a week in which RUS→UKR
	// attacks multiply.
	docs := storetest.Corpus(storetest.CorpusOptions{Docs: 300, Days: 60, Sources: 4, MaxEvents: 3, Seed: 5})
	burst := storetest.Corpus(storetest.CorpusOptions{Docs: 200, Days: 1, Sources: 4, MaxEvents: 3, Seed: 6, Prefix: "burst-"})
	for i := range burst {
		d := burst[i].Doc
		d.Date = storetest.Epoch.AddDate(0, 0, 60+i%5)
		for j := range burst[i].Events {
			ev := &burst[i].Events[j]
			ev.Source = &redline.Actor{Code: "RUSMIL", Country: "RUS", Text: "Russian troops"}
			ev.Target = &redline.Actor{Code: "UKRMIL", Country: "UKR", Text: "Ukrainian forces"}
			ev.Code = []redline.Code{"190", "193", "195"}[j%3]
			ev.Date = d.Date
			ev.Mode = redline.Asserted
		}
	}
	if _, err := s.Put(context.Background(), append(docs, burst...)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, f := range []string{"text", "jsonl"} {
		out, errOut, st := run(t, "", "alerts", "--db", db, "--format", f)
		if st != 0 {
			t.Fatalf("%s: status %d: %s", f, st, errOut)
		}
		if !strings.Contains(out, "RUS") || !strings.Contains(out, "UKR") {
			t.Errorf("%s: the RUS→UKR escalation is missing:\n%s", f, out)
		}
		golden := filepath.Join("testdata", "alerts."+f+".golden")
		if *updateAlerts {
			os.MkdirAll("testdata", 0o755)
			if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update-alerts to create it)", err)
		}
		if out != string(want) {
			t.Errorf("%s output differs from %s:\n%s", f, golden, out)
		}
		if f == "jsonl" {
			sc := bufio.NewScanner(strings.NewReader(out))
			for sc.Scan() {
				var a map[string]any
				if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
					t.Errorf("invalid JSON line: %v", err)
				}
			}
		}
	}
}
