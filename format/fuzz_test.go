package format

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parquet-go/parquet-go"

	"github.com/redline-events/redline"
)

// FuzzWriters puts arbitrary strings in every text field and checks that each
// writer's output still parses: JSON lines are valid JSON and carry the text
// back, TSV records keep their column count, CSV reads back field for field,
// Parquet reads back.
func FuzzWriters(f *testing.F) {
	f.Add("Biden", "USAGOV", "doc-1", "he said\t\"no\"\n", "https://x/y", "Kyiv", "warned")
	f.Add("", "", "", "", "", "", "")
	f.Add("\x00\xff\u2028", "IGOWSTNAT", "a\r\nb", "«naïve»", "\t", "\n", "\\")
	f.Fuzz(func(t *testing.T, text, code, docID, evText, url, place, verb string) {
		a := &redline.Actor{Text: text, Code: code, Country: code}
		ev := redline.Event{
			ID: text + code, DocID: docID, Sentence: 2, Date: day(2021, 12, 7), DateFrom: redline.DateFrom(verb),
			Source: a, Target: a, SaidBy: a, Code: redline.Code(code), Mode: redline.Mode(text),
			Evidence: redline.Evidence{Text: evText, Verb: verb},
			Place:    &redline.Place{Name: place, Country: code, ADM1: text, How: verb},
			URL:      url,
		}
		events := []redline.Event{ev, ev}

		js := writeAll(t, "jsonl", events)
		lines := strings.Split(strings.TrimSuffix(string(js), "\n"), "\n")
		if len(lines) != 2 {
			t.Fatalf("jsonl: %d lines for 2 events: %q", len(lines), js)
		}
		for _, line := range lines {
			var m struct {
				DocID    string `json:"doc_id"`
				Evidence struct {
					Text string `json:"text"`
				} `json:"evidence"`
			}
			if err := json.Unmarshal([]byte(line), &m); err != nil {
				t.Fatalf("jsonl: %v in %q", err, line)
			}
			if utf8.ValidString(evText) && m.Evidence.Text != evText {
				t.Fatalf("jsonl: evidence text %q, want %q", m.Evidence.Text, evText)
			}
		}

		for _, tsv := range []struct {
			name string
			cols []int
		}{{"gdelt", []int{gdeltColumns}}, {"petrarch", []int{7, 8}}} {
			out := string(writeAll(t, tsv.name, events))
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if len(lines) != 2 {
				t.Fatalf("%s: %d lines for 2 events", tsv.name, len(lines))
			}
			for _, line := range lines {
				n := strings.Count(line, "\t") + 1
				if n != tsv.cols[0] && n != tsv.cols[len(tsv.cols)-1] {
					t.Fatalf("%s: %d columns in %q", tsv.name, n, line)
				}
			}
		}

		recs, err := csv.NewReader(bytes.NewReader(writeAll(t, "csv", events))).ReadAll()
		if err != nil {
			t.Fatalf("csv: %v", err)
		}
		if len(recs) != 3 {
			t.Fatalf("csv: %d records, want 3", len(recs))
		}
		// encoding/csv reads \r\n inside a quoted field back as \n.
		if got, want := recs[1][22], strings.ReplaceAll(evText, "\r\n", "\n"); got != want && !strings.Contains(evText, "\r") {
			t.Fatalf("csv: evidence_text %q, want %q", got, want)
		}

		pq := writeAll(t, "parquet", events)
		rows, err := parquet.Read[ParquetRow](bytes.NewReader(pq), int64(len(pq)))
		if err != nil || len(rows) != 2 {
			t.Fatalf("parquet: %d rows, %v", len(rows), err)
		}
		if rows[1].EvidenceText != evText || rows[1].URL != url {
			t.Fatalf("parquet: got %q %q", rows[1].EvidenceText, rows[1].URL)
		}
	})
}

func benchEvents() []redline.Event {
	ev := sampleEvents()
	for len(ev) < 1000 {
		ev = append(ev, ev[:5]...)
	}
	return ev
}

func benchmarkFormat(b *testing.B, name string) {
	events := benchEvents()
	var buf bytes.Buffer
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		w, err := New(name, &buf)
		if err != nil {
			b.Fatal(err)
		}
		for j := range events {
			if err := w.Write(&events[j]); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(events))/b.Elapsed().Seconds(), "events/s")
}

func BenchmarkJSONL(b *testing.B)    { benchmarkFormat(b, "jsonl") }
func BenchmarkCSV(b *testing.B)      { benchmarkFormat(b, "csv") }
func BenchmarkGDELT(b *testing.B)    { benchmarkFormat(b, "gdelt") }
func BenchmarkPetrarch(b *testing.B) { benchmarkFormat(b, "petrarch") }
func BenchmarkParquet(b *testing.B)  { benchmarkFormat(b, "parquet") }
