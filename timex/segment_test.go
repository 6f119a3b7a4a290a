package timex

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/text"
)

// TestWithSegmenter runs Find on tokens from the project's own text stage,
// whose conventions (split hyphens, "Dec." whole) are what Find meets in the
// pipeline.
func TestWithSegmenter(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string // expression text = date
	}{
		{"The report is dated 2021-12-07 and 12/7/2021.", []string{"2021-12-07=2021-12-07", "12/7/2021=2021-12-07"}},
		{"Fighting resumed in mid-2014 and again in mid-December.", []string{"mid-2014=2014-01-01", "mid-December=2021-12-01"}},
		{"A 69-year-old man said it was 2014-style chaos.", nil},
		{"Sanctions followed Russia's 2014 annexation of Crimea.", []string{"2014=2014-01-01"}},
		{"The talks resumed the day after, and again in mid-2015.", []string{"the day after=0001-01-01", "mid-2015=2015-01-01"}},
		{"Rybakov said Friday that Putin's Dec. 7 call mattered.", []string{"Friday=2021-12-10", "Dec. 7=2021-12-07"}},
	} {
		doc := redline.Doc{Text: tc.text}
		text.Segment(&doc)
		var got []string
		for i := range doc.Sentences {
			toks := doc.SentenceTokens(i)
			for _, e := range Find(toks, crisisDate) {
				got = append(got, doc.Text[toks[e.Start].Start:toks[e.End-1].End]+"="+e.Date.Format("2006-01-02"))
			}
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestCrisisArticle dates the expressions of the shared example article
// (document date 2021-12-11).
func TestCrisisArticle(t *testing.T) {
	raw, err := os.ReadFile("../../shared/examples/crisis-2021-12.txt")
	if err != nil {
		t.Skip("../shared/examples/crisis-2021-12.txt not available:", err)
	}
	doc := redline.Doc{Text: string(raw), Date: crisisDate}
	text.Segment(&doc)
	var got []string
	for i := range doc.Sentences {
		toks := doc.SentenceTokens(i)
		for _, e := range Find(toks, doc.Date) {
			s := doc.Text[toks[e.Start].Start:toks[e.End-1].End] + "="
			if e.Anchor {
				s += "anchor"
			} else {
				s += e.Date.Format("2006-01-02")
			}
			got = append(got, s)
		}
	}
	want := []string{
		"Dec. 7=2021-12-07", "three days after=anchor", "Friday=2021-12-10", "Tuesday=2021-12-07",
		"Dec. 7=2021-12-07", "March 1, 2014=2014-03-01", "Feb. 22, 2014=2014-02-22", "Feb. 22, 2014=2014-02-22",
		"today=2021-12-11", "yesterday=2021-12-10", "March 1, 2014=2014-03-01",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// BenchmarkFindVOA times Find alone over every sentence of the shared Voice
// of America corpus, tokenized by the text stage beforehand.
func BenchmarkFindVOA(b *testing.B) {
	raw, err := os.ReadFile("../../shared/corpus/voa/voa_stories.jsonl")
	if err != nil {
		b.Skip("../shared/corpus/voa not available:", err)
	}
	var sents [][]redline.Token
	ntok := 0
	for _, line := range strings.Split(string(raw), "\n") {
		var d struct{ Text string }
		if json.Unmarshal([]byte(line), &d) != nil {
			continue
		}
		doc := redline.Doc{Text: d.Text}
		text.Segment(&doc)
		for i := range doc.Sentences {
			sents = append(sents, doc.SentenceTokens(i))
			ntok += len(doc.SentenceTokens(i))
		}
	}
	dst := make([]Expr, 0, 32)
	ref := time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for _, toks := range sents {
			dst = FindAppend(dst[:0], toks, ref)
		}
	}
	b.ReportMetric(float64(b.N*ntok)/b.Elapsed().Seconds(), "tokens/s")
}
