package ingest

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzRead reads data as one input of the given kind and checks that every
// yielded value is a usable document or an *Error.
func fuzzRead(t *testing.T, name, kind string, data []byte) {
	for d, err := range Reader(context.Background(), name, bytes.NewReader(data), Options{Kind: kind}) {
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || d != nil {
				t.Fatalf("bad error %v (doc %v)", err, d)
			}
			continue
		}
		if d == nil || d.ID == "" || strings.TrimSpace(d.Text) == "" || !utf8.ValidString(d.Text) ||
			strings.IndexByte(d.Text, 0) >= 0 || d.Origin == "" {
			t.Fatalf("bad document %+v", d)
		}
	}
}

func FuzzJSONL(f *testing.F) {
	for _, s := range []string{
		`{"id": "a", "date": "2021-12-07", "text": "x"}`,
		"{\"id\": 1, \"published\": \"2025-03-14 20:30:26Z\", \"text\": \"y\"}\n{\"id\": 1}\n",
		`{"id": "h", "html": "<p>para</p>"}`,
		"{\"id\": \"a\", \"text\": \"\xff\"}\r\n\n",
		`{"id": "a", "text": "x\u0000"}`,
		"[]\nnull\n{}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "f.jsonl", "jsonl", data) })
}

func FuzzHTML(f *testing.F) {
	for _, s := range []string{articleHTML, "<html><body><p>x</p></body></html>", "<", "<script>", "<p>a<b>b</p>c</b>"} {
		f.Add([]byte(s))
	}
	// Slow to fuzz (a few executions a second: coverage of the large
	// extractor packages); FuzzHTMLToText covers our own converter.
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "p.html", "html", data) })
}

func FuzzHTMLToText(f *testing.F) {
	for _, s := range []string{articleHTML, "a<br>b", "&amp;&#0;&#xD800;", "<script>x</script>y", "<p> a </p> <p>b</p>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := htmlToText(s)
		if strings.Contains(out, "\n\n") || out != strings.TrimSpace(out) {
			t.Fatalf("htmlToText(%q) = %q: blank line or edge space", s, out)
		}
	})
}

func FuzzFeed(f *testing.F) {
	for _, s := range []string{rss, atomFeed, `{"version": "https://jsonfeed.org/version/1", "items": [{"id": "1", "content_text": "x"}]}`, "<rss>"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "f.xml", "feed", data) })
}

func FuzzReuters(f *testing.F) {
	for _, s := range []string{sgm, "<REUTERS NEWID=\"1\"><BODY>x", "<REUTERS", "<REUTERS NEWID=\"\">", "<REUTERS NEWID=\"2\"><DATE>1-JAN-1987</DATE><TEXT>\xe9</TEXT></REUTERS>"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "r.sgm", "reuters", data) })
}

func FuzzSniff(f *testing.F) {
	for _, s := range []string{`{"id":"a","text":"b"}`, "<rss>", "text", "\x1f\x8b", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "stdin", "", data) })
}
