package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/redline-events/redline"
)

func TestWriteCodes(t *testing.T) {
	var threats []redline.CodeInfo
	for _, c := range redline.Codebook() {
		if strings.HasPrefix(string(c.Code), "13") {
			threats = append(threats, c)
		}
	}
	for _, tc := range []struct {
		format string
		check  func(t *testing.T, lines []string)
	}{
		{"table", func(t *testing.T, lines []string) {
			col := strings.Index(lines[0], "GOLDSTEIN")
			for _, l := range lines[1:] {
				if len(l) <= col || l[col-1] != ' ' || l[col] == ' ' {
					t.Errorf("GOLDSTEIN column not aligned at %d in %q", col, l)
				}
			}
			if !strings.Contains(lines[2], "-4.4") || !strings.HasPrefix(lines[2], "130 ") {
				t.Errorf("second row %q, want 130 with -4.4", lines[2])
			}
		}},
		{"tsv", func(t *testing.T, lines []string) {
			for _, l := range lines {
				if n := strings.Count(l, "\t"); n != 4 {
					t.Errorf("%d tabs in %q", n, l)
				}
			}
		}},
		{"jsonl", func(t *testing.T, lines []string) {
			for i, l := range lines {
				var r codeRecord
				if err := json.Unmarshal([]byte(l), &r); err != nil || r.Code != string(threats[i].Code) || r.Quad != 3 {
					t.Errorf("line %q: %+v %v", l, r, err)
				}
			}
		}},
	} {
		var buf bytes.Buffer
		if err := writeCodes(&buf, tc.format, threats); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
		want := len(threats)
		if tc.format != "jsonl" {
			want++ // header
		}
		if len(lines) != want {
			t.Fatalf("%s: %d lines, want %d", tc.format, len(lines), want)
		}
		tc.check(t, lines)
	}
	if err := writeCodes(&bytes.Buffer{}, "xml", threats); err == nil {
		t.Error("format xml accepted")
	}
}
