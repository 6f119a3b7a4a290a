package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDictLookup(t *testing.T) {
	dir := t.TempDir()
	extra := filepath.Join(dir, "extra.txt")
	os.WriteFile(extra, []byte("!kind person\nAda Testperson\n  FRAGOV 2020..2022\n  FRAELI\n"), 0o644)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"in office", []string{"--date", "2021-06-01", "Ada Testperson"}, "Ada Testperson\tFRAGOV\n"},
		{"outside term", []string{"--date", "2019-06-01", "Ada Testperson"}, "Ada Testperson\tFRAELI\n"},
		{"surname key", []string{"--date", "2021-06-01", "Testperson"}, "Testperson\tFRAGOV\n"},
		{"unknown", []string{"--date", "2021-06-01", "Qwxz Nonesuch"}, "Qwxz Nonesuch\t\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"dict", "lookup", "--dict", extra}, tt.args...)
			out, errOut, st := run(t, "", args...)
			if st != 0 || out != tt.want {
				t.Errorf("status %d, output %q, want %q (stderr %s)", st, out, tt.want, errOut)
			}
		})
	}
	if _, _, st := run(t, "", "dict", "lookup", "--date", "June 2021", "Putin"); st != 2 {
		t.Errorf("bad --date: status %d, want 2", st)
	}
}

func TestDictCheck(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("!kind country\nRUS: Russia\nUKR: Russia\n999 frobnicate\n"), 0o644)
	out, _, st := run(t, "", "dict", "check", bad)
	if st != 1 {
		t.Errorf("status %d, want 1", st)
	}
	for _, want := range []string{bad + ":3: country \"Russia\" is UKR here but RUS", bad + ":4: verb pattern: unknown CAMEO code"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("!kind country\nRUS: Russia\n"), 0o644)
	if out, _, st := run(t, "", "dict", "check", good); st != 0 || out != "" {
		t.Errorf("clean file: status %d, output %q", st, out)
	}
}

func TestDictStatsAndConvert(t *testing.T) {
	out, errOut, st := run(t, "", "dict", "stats")
	if st != 0 || !strings.Contains(out, "codes covered\t") || !strings.Contains(out, "person\t") {
		t.Fatalf("stats: status %d, output %q, stderr %s", st, out, errOut)
	}
	petr := filepath.Join("..", "..", "..", "shared", "eval", "petr")
	if _, err := os.Stat(petr); err != nil {
		t.Skipf("%s absent: %v", petr, err)
	}
	dir := t.TempDir()
	_, errOut, st = run(t, "", "dict", "convert", "-o", dir,
		"--petrarch-actors", filepath.Join(petr, "PETR_Validate_actors_2_02.txt"),
		"--petrarch-agents", filepath.Join(petr, "PETR_Validate_agents_2_02.txt"),
		"--petrarch-verbs", filepath.Join(petr, "PETR_Validate_verbs_2_02.txt"))
	if st != 0 {
		t.Fatalf("convert: status %d: %s", st, errOut)
	}
	for _, f := range []string{"actors/converted.txt", "agents.txt", "people/converted.txt", "verbs/converted.txt"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("convert did not write %s", f)
		}
	}
	// The converted tree codes like the originals.
	out, errOut, st = run(t, "", "dict", "lookup", "--dict", dir, "--date", "1997-01-01", "Gollum", "Israeli troops")
	if st != 0 || out != "Gollum\tHOBGOV\nIsraeli troops\tISRMIL\n" {
		t.Errorf("lookup in converted tree: status %d, output %q, stderr %s", st, out, errOut)
	}
	if _, _, st := run(t, "", "dict", "convert", "--petrarch-agents", "x"); st != 2 {
		t.Errorf("convert without -o: status %d, want 2", st)
	}
}
