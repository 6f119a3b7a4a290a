package ingest

import (
	"context"
	"os"
	"strings"
	"testing"
)

// benchDocs reads path b.N times and reports documents per second.
func benchDocs(b *testing.B, path string) {
	fi, err := os.Stat(path)
	if err != nil {
		b.Skip("shared corpus absent: ", err)
	}
	b.SetBytes(fi.Size())
	n := 0
	for i := 0; i < b.N; i++ {
		for d, err := range Docs(context.Background(), []string{path}, Options{}) {
			if err != nil {
				b.Fatal(err)
			}
			if d.Text == "" {
				b.Fatal("empty document")
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
}

func BenchmarkVOA(b *testing.B)     { benchDocs(b, "../../shared/corpus/voa/voa_stories.jsonl") }
func BenchmarkReuters(b *testing.B) { benchDocs(b, "../../shared/corpus/reuters21578/reut2-000.sgm") }

func BenchmarkHTML(b *testing.B) {
	page := []byte(strings.Replace(articleHTML, "</article>", strings.Repeat("<p>More paragraphs of the story follow here, as long news pages have.</p>\n", 40)+"</article>", 1))
	b.SetBytes(int64(len(page)))
	for i := 0; i < b.N; i++ {
		if _, err := extractHTML(page); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
