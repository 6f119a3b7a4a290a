package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The CLI is tested as a user runs it: a built binary, real files, exit
// statuses and stderr.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "redline-cli")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "redline")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		status = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return o.String(), e.String(), status
}

func TestCodeDemo(t *testing.T) {
	out, errOut, st := run(t, "", "code", "--demo")
	if st != 0 {
		t.Fatalf("status %d: %s", st, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 5 {
		t.Fatalf("only %d events from the demo", len(lines))
	}
	for _, l := range lines {
		var ev map[string]any
		if err := json.Unmarshal([]byte(l), &ev); err != nil {
			t.Fatalf("invalid JSON line %q: %v", l, err)
		}
		for _, k := range []string{"id", "doc_id", "sentence", "date", "date_from", "source", "target", "cameo", "root", "quad", "goldstein", "plover", "mode", "evidence"} {
			if _, ok := ev[k]; !ok {
				t.Fatalf("event lacks %q: %s", k, l)
			}
		}
	}
	if !strings.Contains(errOut, "12 documents (0 rejected)") {
		t.Fatalf("summary: %s", errOut)
	}
}

// Bad documents are reported with file and line, counted, and skipped; the
// rest is coded and the exit status is 1.
func TestCodeBadInput(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "news.jsonl")
	in := `{"id": "a", "date": "2022-02-26", "text": "Russia invaded Ukraine on Thursday."}
{"id": "b", "text": broken json
{"id": "c", "date": "2022-02-26", "text": "   "}
{"id": "d", "date": "2022-02-26", "text": "The United States imposed sanctions on Russia."}
`
	if err := os.WriteFile(p, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, st := run(t, "", "code", p)
	if st != 1 {
		t.Fatalf("status %d, want 1; stderr %s", st, errOut)
	}
	if !strings.Contains(errOut, "news.jsonl:2") || !strings.Contains(errOut, "news.jsonl:3") {
		t.Fatalf("stderr does not name the bad lines: %s", errOut)
	}
	if !strings.Contains(errOut, "2 documents (2 rejected)") {
		t.Fatalf("summary: %s", errOut)
	}
	if !strings.Contains(out, `"doc_id":"a"`) || !strings.Contains(out, `"doc_id":"d"`) {
		t.Fatalf("good documents not coded: %s", out)
	}
	// A document over --max-doc-size is rejected by line and id; the rest is coded.
	out, errOut, st = run(t, "", "code", "--max-doc-size", "40B", p)
	if st != 1 || !strings.Contains(errOut, "news.jsonl:4 (doc d): text of 46 bytes is over the limit of 40") ||
		!strings.Contains(out, `"doc_id":"a"`) || strings.Contains(out, `"doc_id":"d"`) {
		t.Fatalf("--max-doc-size: status %d, stderr %s, stdout %s", st, errOut, out)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"code", "--format", "xml", "--demo"},
		{"code", "--no-such-flag"},
		{"code", "--date", "yesterday", "-"},
		{"code", "--max-doc-size", "big", "-"},
		{"nonsense"},
	} {
		if _, errOut, st := run(t, "", args...); st != 2 {
			t.Errorf("%v: status %d, want 2 (%s)", args, st, errOut)
		}
	}
}

// Every output format writes something well-formed for the demo.
func TestFormats(t *testing.T) {
	for _, f := range []string{"csv", "gdelt", "petrarch"} {
		out, errOut, st := run(t, "", "code", "--demo", "--format", f)
		if st != 0 || out == "" {
			t.Fatalf("%s: status %d, %d bytes: %s", f, st, len(out), errOut)
		}
		if f == "gdelt" {
			for _, l := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
				if n := len(strings.Split(l, "\t")); n != 61 {
					t.Fatalf("gdelt line has %d columns", n)
				}
			}
		}
	}
	pq := filepath.Join(t.TempDir(), "ev.parquet")
	if _, errOut, st := run(t, "", "code", "--demo", "--format", "parquet", "-o", pq); st != 0 {
		t.Fatalf("parquet: %d %s", st, errOut)
	}
	if b, err := os.ReadFile(pq); err != nil || !bytes.HasPrefix(b, []byte("PAR1")) {
		t.Fatalf("parquet file: %v", err)
	}
}

func TestStdinPlainText(t *testing.T) {
	out, errOut, st := run(t, "Russia invaded Ukraine on Thursday.", "code", "--date", "2022-02-26", "-")
	if st != 0 {
		t.Fatalf("status %d: %s", st, errOut)
	}
	if !strings.Contains(out, `"date":"2022-02-24"`) {
		t.Fatalf("want the invasion dated Thursday 2022-02-24: %s", out)
	}
}

func TestCrisisExample(t *testing.T) {
	in, err := os.ReadFile("../../../shared/examples/crisis-2021-12.jsonl")
	if err != nil {
		t.Skip("../shared/examples absent: skipping the example-article test")
	}
	out, errOut, st := run(t, string(in), "code", "--format", "jsonl")
	if st != 0 {
		t.Fatalf("status %d: %s", st, errOut)
	}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var ev struct {
			Date   string
			Cameo  string
			Mode   string
			Source *struct{ Code string }
			Target *struct{ Code string }
		}
		if err := json.Unmarshal([]byte(l), &ev); err != nil {
			t.Fatal(err)
		}
		// No asserted Russian invasion of Ukraine in 2021.
		if ev.Mode == "asserted" && strings.HasPrefix(ev.Cameo, "19") && strings.HasPrefix(ev.Date, "2021") &&
			ev.Source != nil && strings.HasPrefix(ev.Source.Code, "RUS") && ev.Target != nil && strings.HasPrefix(ev.Target.Code, "UKR") {
			t.Errorf("asserted Russian attack on Ukraine in 2021: %s", l)
		}
	}
}
