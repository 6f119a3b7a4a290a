package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/redline-events/redline"
)

// collect runs Docs and returns the documents and the error messages, with
// dir (the temporary directory) cut from the messages.
func collect(t *testing.T, dir string, inputs []string, opts Options) ([]*redline.Doc, []string) {
	t.Helper()
	var docs []*redline.Doc
	var errs []string
	for d, err := range Docs(context.Background(), inputs, opts) {
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not an *Error", err)
			}
			if d != nil {
				t.Fatalf("a document came with error %v", err)
			}
			msg := err.Error()
			if dir != "" {
				msg = strings.ReplaceAll(msg, dir+string(filepath.Separator), "")
			}
			errs = append(errs, msg)
			continue
		}
		docs = append(docs, d)
	}
	return docs, errs
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func ids(docs []*redline.Doc) string {
	var s []string
	for _, d := range docs {
		s = append(s, d.ID)
	}
	return strings.Join(s, ",")
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestJSONL(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantIDs string
		errs    []string
	}{
		{"good lines", `{"id": "a", "date": "2021-12-07", "title": "T", "url": "https://x/a", "text": "Putin spoke."}
{"id": "b", "date": "2021-12-07T10:00:00+03:00", "text": "Biden spoke."}
{"id": 7, "published": "2025-03-14 20:30:26Z", "text": "VOA style."}
`, "a,b,7", nil},
		{"blank lines count", "\n{\"id\":\"a\",\"text\":\"x\"}\n  \n{\"id\":\"b\",\"text\":\"y\"}", "a,b", nil},
		{"byte-order mark", "\ufeff{\"id\":\"a\",\"text\":\"x\"}\n", "a", nil},
		{"crlf", "{\"id\":\"a\",\"text\":\"x\"}\r\n{\"id\":\"b\",\"text\":\"y\"}\r\n", "a,b", nil},
		{"malformed JSON goes on", `{"id": "a", "text": "x"}
{"id": "b", "text": 
{"id": "c", "text": "z"}
`, "a,c", []string{"f.jsonl:2: invalid JSON: unexpected end of JSON input"}},
		{"trailing garbage", `{"id": "a", "text": "x"} {"id": "b"}`, "",
			[]string{"f.jsonl:1: invalid JSON: invalid character '{' after top-level value"}},
		{"not an object", "[1,2]\n", "", []string{"f.jsonl:1: invalid JSON: json: cannot unmarshal array into Go value of type ingest.jsonDoc"}},
		{"missing id", `{"text": "x"}`, "", []string{"f.jsonl:1: missing id"}},
		{"empty id", `{"id": "", "text": "x"}`, "", []string{"f.jsonl:1: missing id"}},
		{"bad id type", `{"id": [1], "text": "x"}`, "", []string{"f.jsonl:1: id must be a string or an integer, not [1]"}},
		{"missing text", `{"id": "a"}`, "", []string{"f.jsonl:1 (doc a): empty text"}},
		{"blank text", `{"id": "a", "text": " \n\t "}`, "", []string{"f.jsonl:1 (doc a): empty text"}},
		{"bad date", `{"id": "a", "date": "2021-13-45", "text": "x"}`, "",
			[]string{`f.jsonl:1 (doc a): bad date "2021-13-45": want YYYY-MM-DD or RFC 3339`}},
		{"bad published", `{"id": "a", "published": "yesterday", "text": "x"}`, "",
			[]string{`f.jsonl:1 (doc a): bad published "yesterday": want YYYY-MM-DD or RFC 3339`}},
		{"escaped NUL", `{"id": "a", "text": "x\u0000y"}`, "", []string{"f.jsonl:1 (doc a): text contains a NUL byte"}},
		{"raw NUL", "{\"id\": \"a\", \"text\": \"x\x00y\"}", "",
			[]string{"f.jsonl:1: invalid JSON: invalid character '\\x00' in string literal"}},
		{"duplicate id", `{"id": "a", "text": "x"}
{"id": "b", "text": "y"}
{"id": "a", "text": "z"}
`, "a,b", []string{"f.jsonl:3 (doc a): duplicate id, first read at f.jsonl:1"}},
		{"html fragment", `{"id": "f", "html": "<p>Short <b>fragment</b>.</p>"}`, "f", nil},
		{"html stands in for text", `{"id": "h", "html": "<html><head><title>Talks</title></head><body><article><p>Russia and Ukraine resumed talks in Istanbul on Tuesday, officials said, after weeks of fighting along the front line.</p><p>The delegations met for three hours and agreed to meet again next week.</p></article></body></html>"}`,
			"h", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := write(t, dir, "f.jsonl", tt.in)
			docs, errs := collect(t, dir, []string{p}, Options{})
			if got := ids(docs); got != tt.wantIDs {
				t.Errorf("ids %q, want %q (errors %q)", got, tt.wantIDs, errs)
			}
			if strings.Join(errs, "\n") != strings.Join(tt.errs, "\n") {
				t.Errorf("errors\n got %q\nwant %q", errs, tt.errs)
			}
		})
	}
}

func TestJSONLFields(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "f.jsonl", `{"id": "a", "date": "2021-12-07", "title": "T", "url": "https://x/a", "text": "Putin spoke."}
{"id": "v", "published": "2025-03-14 20:30:26Z", "text": "bad `+"\xff"+` byte"}
{"id": "n", "text": "no date"}
{"id": "h", "html": "<html><head><title>Talks resume</title></head><body><article><p>Russia and Ukraine resumed talks in Istanbul on Tuesday, officials said, after weeks of fighting along the front line.</p><p>The delegations met for three hours.</p></article></body></html>"}
`)
	docs, errs := collect(t, dir, []string{p}, Options{})
	if len(docs) != 4 || len(errs) > 0 {
		t.Fatalf("got %d docs, errors %q", len(docs), errs)
	}
	a := docs[0]
	if a.Title != "T" || a.URL != "https://x/a" || !a.Date.Equal(day("2021-12-07")) || a.Text != "Putin spoke." ||
		a.Origin != p+":1" {
		t.Errorf("doc a = %+v", a)
	}
	if v := docs[1]; !v.Date.Equal(time.Date(2025, 3, 14, 20, 30, 26, 0, time.UTC)) || v.Text != "bad \uFFFD byte" {
		t.Errorf("doc v: date %v text %q (want invalid UTF-8 repaired to U+FFFD)", v.Date, v.Text)
	}
	if n := docs[2]; !n.Date.IsZero() {
		t.Errorf("undated JSON line got date %v", n.Date)
	}
	h := docs[3]
	if !strings.Contains(h.Text, "resumed talks in Istanbul") || strings.Contains(h.Text, "<p>") || h.Title != "Talks resume" {
		t.Errorf("html doc: title %q text %q", h.Title, h.Text)
	}
	// Options.Date fills in for undated documents.
	docs, _ = collect(t, dir, []string{p}, Options{Date: day("2022-02-24")})
	if !docs[2].Date.Equal(day("2022-02-24")) || !docs[0].Date.Equal(day("2021-12-07")) {
		t.Errorf("with Options.Date: %v, %v", docs[2].Date, docs[0].Date)
	}
}

func TestLongLine(t *testing.T) {
	defer func(n int) { maxLine = n }(maxLine)
	maxLine = 100
	dir := t.TempDir()
	long := `{"id": "long", "text": "` + strings.Repeat("x", 500) + `"}`
	p := write(t, dir, "f.jsonl", `{"id": "a", "text": "x"}`+"\n"+long+"\n"+`{"id": "b", "text": "y"}`+"\n"+long)
	docs, errs := collect(t, dir, []string{p}, Options{})
	want := []string{"f.jsonl:2: line longer than 0 MiB", "f.jsonl:4: line longer than 0 MiB"}
	if ids(docs) != "a,b" || strings.Join(errs, "|") != strings.Join(want, "|") {
		t.Errorf("ids %q errors %q", ids(docs), errs)
	}
}

// A document over the text limit is rejected by name and reading goes on;
// the limit can be raised or lifted.
func TestMaxText(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "f.jsonl", `{"id": "a", "text": "short"}`+"\n"+`{"id": "big", "text": "`+strings.Repeat("word ", 30)+`"}`+"\n"+`{"id": "b", "text": "x"}`)
	for _, tc := range []struct {
		max        int
		ids, error string
	}{
		{100, "a,b", "f.jsonl:2 (doc big): text of 150 bytes is over the limit of 100 (--max-doc-size)"},
		{150, "a,big,b", ""},
		{0, "a,big,b", ""},
		{-1, "a,big,b", ""},
	} {
		docs, errs := collect(t, dir, []string{p}, Options{MaxText: tc.max})
		if ids(docs) != tc.ids || strings.Join(errs, "|") != tc.error {
			t.Errorf("MaxText %d: ids %q errors %q, want %q %q", tc.max, ids(docs), errs, tc.ids, tc.error)
		}
	}
}

func gz(t *testing.T, s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestGzip(t *testing.T) {
	dir := t.TempDir()
	lines := `{"id": "a", "text": "x"}` + "\n" + `{"id": "b", "text": "y"}` + "\n" + `{"id": "c", "text": "` + strings.Repeat("word ", 20000) + `"}` + "\n"
	z := gz(t, lines)
	write(t, dir, "d.jsonl.gz", string(z))
	// Sniffed by magic bytes even without the .gz extension.
	write(t, dir, "e.jsonl", string(gz(t, `{"id": "e", "text": "z"}`)))
	// Truncated: an error, not a panic, after the lines that could be read.
	z2 := gz(t, strings.ReplaceAll(lines, `"id": "`, `"id": "t`))
	write(t, dir, "t.jsonl.gz", string(z2[:len(z2)/2]))
	write(t, dir, "u.txt.gz", string(gz(t, "plain text")))
	docs, errs := collect(t, dir, []string{dir}, Options{})
	if ids(docs) != "a,b,c,e,ta,tb,u.txt" {
		t.Errorf("ids %q", ids(docs))
	}
	if len(errs) != 1 || errs[0] != "t.jsonl.gz:3: read: unexpected EOF" {
		t.Errorf("errors %q, want one truncated-gzip error", errs)
	}
}

func TestDirectory(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "b.txt", "Second file.")
	write(t, dir, "a.txt", "\ufeffFirst file.")
	write(t, dir, "sub/c.txt", "Third, in a subdirectory.")
	write(t, dir, ".hidden.txt", "hidden")
	write(t, dir, ".git/x.txt", "hidden directory")
	write(t, dir, "notes.md", "unknown kind")
	write(t, dir, "empty.txt", "  \n")
	if err := os.Symlink(filepath.Join(dir, "b.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "sub", "loop.txt")); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "nul.txt", "a\x00b")
	date := day("2021-12-11")
	docs, errs := collect(t, dir, []string{dir, filepath.Join(dir, "b.txt"), filepath.Join(dir, "sub", "c.txt"), filepath.Join(dir, "missing.txt")}, Options{Date: date})
	if got := ids(docs); got != "a.txt,b.txt,link.txt,sub/c.txt,c.txt" {
		t.Errorf("ids %q", got)
	}
	want := []string{
		"empty.txt (doc empty.txt): empty text",
		"nul.txt (doc nul.txt): text contains a NUL byte",
		"b.txt (doc b.txt): duplicate id, first read at b.txt",
		"missing.txt: stat missing.txt: no such file or directory",
	}
	if strings.Join(errs, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors\n got %q\nwant %q", errs, want)
	}
	if len(docs) > 0 && (docs[0].Text != "First file." || !docs[0].Date.Equal(date)) {
		t.Errorf("a.txt: text %q date %v", docs[0].Text, docs[0].Date)
	}
	// Without a date, plain text is dated today.
	docs, _ = collect(t, dir, []string{filepath.Join(dir, "a.txt")}, Options{})
	if y, m, d := time.Now().UTC().Date(); len(docs) != 1 || !docs[0].Date.Equal(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("undated text: %+v", docs)
	}
}

func TestForcedKind(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "data.dat", `{"id": "a", "text": "x"}`)
	docs, errs := collect(t, dir, []string{p}, Options{Kind: "jsonl"})
	if ids(docs) != "a" || len(errs) > 0 {
		t.Errorf("forced jsonl: %q %q", ids(docs), errs)
	}
	docs, _ = collect(t, dir, []string{p}, Options{Kind: "txt"})
	if ids(docs) != "data.dat" {
		t.Errorf("forced txt: %q", ids(docs))
	}
	docs, _ = collect(t, dir, []string{p}, Options{Kind: "auto"})
	if ids(docs) != "a" {
		t.Errorf("sniffed: %q", ids(docs))
	}
	_, errs = collect(t, dir, []string{p}, Options{Kind: "pdf"})
	if len(errs) != 1 || !strings.Contains(errs[0], `unknown input kind "pdf"`) {
		t.Errorf("bad kind: %q", errs)
	}
}

const articleHTML = `<!DOCTYPE html>
<html><head><title>Kremlin demands guarantees | Example News</title>
<meta property="og:title" content="Kremlin demands guarantees">
<meta property="article:published_time" content="2021-12-10T09:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Kremlin demands guarantees</h1>
<p>Russia's deputy foreign minister said on Friday that Moscow expected Washington to answer its demand for legal guarantees that Ukraine would not join NATO.</p>
<p>He warned that Western countries would face a worsening of their own security situation if they refused, and said Russia had no plans to invade its neighbour.</p>
<p>NATO officials said the alliance would not give any country a veto over who may join it.</p>
</article>
<footer>Copyright Example News</footer>
</body></html>`

func TestHTML(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "page.html", articleHTML)
	write(t, dir, "empty.htm", "<html><body><script>var x = 1;</script></body></html>")
	docs, errs := collect(t, dir, []string{dir}, Options{})
	if len(docs) != 1 {
		t.Fatalf("got %d docs, errors %q", len(docs), errs)
	}
	d := docs[0]
	if d.ID != "page.html" || !strings.Contains(d.Text, "legal guarantees that Ukraine would not join NATO") ||
		strings.Contains(d.Text, "Copyright") || strings.Contains(d.Text, "<p>") {
		t.Errorf("page: id %q text %q", d.ID, d.Text)
	}
	// Block elements end up on lines of their own: the headline (kept as
	// the title) must not run into the first sentence.
	if strings.Contains(d.Text, "guarantees Russia's deputy") || !strings.Contains(d.Text, "neighbour.\nNATO officials") {
		t.Errorf("page paragraphs not on lines of their own: %q", d.Text)
	}
	if d.Title != "Kremlin demands guarantees" || d.Date.Format("2006-01-02") != "2021-12-10" {
		t.Errorf("page metadata: title %q date %v", d.Title, d.Date)
	}
	if want := []string{"empty.htm (doc empty.htm): no main text found in HTML"}; strings.Join(errs, "|") != strings.Join(want, "|") {
		t.Errorf("errors %q, want %q", errs, want)
	}
	defer func(n int) { maxHTML = n }(maxHTML)
	maxHTML = 100
	_, errs = collect(t, dir, []string{filepath.Join(dir, "page.html")}, Options{})
	if len(errs) != 1 || !strings.HasSuffix(errs[0], "input larger than 0 MiB") {
		t.Errorf("oversized HTML: %q", errs)
	}
}

func TestHTMLToText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"<p>One <b>bold</b> word.</p><p>Two&amp;three</p>", "One bold word.\nTwo&three"},
		{"a<br>b<script>alert(1)</script> c", "a\nb c"},
		{"Tom &lt;Jr&gt;", "Tom <Jr>"},
		{"<div>  spaced\n\n  out  </div>", "spaced out"},
		{"x<span>y</span>z", "xyz"},
	}
	for _, tt := range tests {
		if got := htmlToText(tt.in); got != tt.want {
			t.Errorf("htmlToText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>World</title>
<item><title>Talks resume</title><link>https://example.org/a</link><guid>urn:a</guid>
<pubDate>Fri, 10 Dec 2021 09:00:00 GMT</pubDate>
<description>&lt;p&gt;Russia and Ukraine &lt;b&gt;resumed&lt;/b&gt; talks.&lt;/p&gt;</description></item>
<item><title>Only a link</title><link>https://example.org/b</link><description>Plain description.</description></item>
<item><title>Nothing</title><description>Neither guid nor link.</description></item>
<item><title>Empty</title><guid>urn:e</guid></item>
<item><title>Again</title><guid>urn:a</guid><description>Same guid.</description></item>
</channel></rss>`

const atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example</title>
<entry><title>Sanctions</title><id>tag:example.org,2021:1</id><link href="https://example.org/s"/>
<updated>2021-12-11T12:00:00Z</updated><content type="html">&lt;p&gt;The EU agreed new sanctions.&lt;/p&gt;</content></entry>
</feed>`

func TestFeed(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "world.rss", rss)
	write(t, dir, "x.atom", atomFeed)
	write(t, dir, "broken.xml", "<rss><channel><item><title>x</title>")
	docs, errs := collect(t, dir, []string{dir}, Options{})
	if got, want := ids(docs), "urn:a,https://example.org/b,"+p+"#3,tag:example.org,2021:1"; got != want {
		t.Errorf("ids %q, want %q", got, want)
	}
	wantErrs := []string{
		"broken.xml: invalid feed: ",
		"world.rss#4 (doc urn:e): empty text",
		"world.rss#5 (doc urn:a): duplicate id, first read at world.rss#1",
	}
	if len(errs) != len(wantErrs) {
		t.Fatalf("errors %q, want %q", errs, wantErrs)
	}
	for i := range errs {
		if !strings.HasPrefix(errs[i], wantErrs[i]) {
			t.Errorf("error %d = %q, want prefix %q", i, errs[i], wantErrs[i])
		}
	}
	if len(docs) == 4 {
		a := docs[0]
		if a.Text != "Russia and Ukraine resumed talks." || a.Title != "Talks resume" || a.URL != "https://example.org/a" ||
			!a.Date.Equal(time.Date(2021, 12, 10, 9, 0, 0, 0, time.UTC)) || a.Origin != p+"#1" {
			t.Errorf("item 1 = %+v", a)
		}
		if s := docs[3]; s.Text != "The EU agreed new sanctions." || !s.Date.Equal(time.Date(2021, 12, 11, 12, 0, 0, 0, time.UTC)) {
			t.Errorf("atom entry = %+v", s)
		}
	}
}

// A tiny collection in the Reuters-21578 layout (text written for this test),
// latin-1 encoded, with hard-wrapped and indented paragraphs.
const sgm = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n" +
	"<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" OLDID=\"1\" NEWID=\"11\">\n" +
	"<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TOPICS><D>grain</D></TOPICS>\n" +
	"<TEXT>&#2;\n<TITLE>MINISTERS MEET IN GEN\xc8VE</TITLE>\n<DATELINE>    GENEVA, Feb 26 - The </DATELINE><BODY>Trade ministers met in\n" +
	"Geneva on Thursday &amp; agreed to talk again in a half-\nhour.\n" +
	"    A second paragraph follows\nhere.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n" +
	"<REUTERS NEWID=\"12\">\n<DATE> 2-MAR-1987 08:00:00.00xx</DATE>\n" +
	"<TEXT TYPE=\"UNPROC\">&#2;\nUnprocessed story text.\n&#3;</TEXT>\n</REUTERS>\n" +
	"<REUTERS NEWID=\"13\">\n<DATE>31-FOO-1987</DATE>\n<TEXT><BODY>Bad date.</BODY></TEXT>\n</REUTERS>\n" +
	"<REUTERS NEWID=\"14\">\n<DATE>3-MAR-1987 08:00:00.00</DATE>\n<TEXT TYPE=\"BRIEF\">&#2;\n<TITLE>ONLY A TITLE</TITLE>\n&#3;</TEXT>\n</REUTERS>\n"

func TestReuters(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "reut2-900.sgm", sgm)
	docs, errs := collect(t, dir, []string{p}, Options{})
	if ids(docs) != "reuters-11,reuters-12,reuters-14" {
		t.Fatalf("ids %q errors %q", ids(docs), errs)
	}
	want := []string{`reut2-900.sgm:21 (doc reuters-13): bad date "31-FOO-1987"`}
	if strings.Join(errs, "|") != strings.Join(want, "|") {
		t.Errorf("errors\n got %q\nwant %q", errs, want)
	}
	if d := docs[2]; d.Text != "ONLY A TITLE" || d.Origin != p+":25" {
		t.Errorf("brief: text %q origin %q", d.Text, d.Origin)
	}
	d := docs[0]
	if d.Title != "MINISTERS MEET IN GENÈVE" || d.Origin != p+":2" ||
		!d.Date.Equal(time.Date(1987, 2, 26, 15, 1, 1, 790000000, time.UTC)) {
		t.Errorf("doc 11: title %q origin %q date %v", d.Title, d.Origin, d.Date)
	}
	if want := "The Trade ministers met in Geneva on Thursday & agreed to talk again in a half-hour.\nA second paragraph follows here."; d.Text != want {
		t.Errorf("doc 11 text %q, want %q", d.Text, want)
	}
	if d := docs[1]; d.Text != "Unprocessed story text." || !d.Date.Equal(day("1987-03-02")) || d.Origin != p+":15" {
		t.Errorf("doc 12: %q %v", d.Text, d.Date)
	}
}

func TestStdin(t *testing.T) {
	defer func(r any) { stdin = r.(interface{ Read([]byte) (int, error) }) }(stdin)
	tests := []struct {
		in, ids string
	}{
		{"  {\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\", \"text\": \"y\"}", "a,b"},
		{articleHTML, "stdin"},
		{"Just some text.", "stdin"},
		{rss, "urn:a,https://example.org/b,stdin#3"},
		{string(gz(t, `{"id": "z", "text": "gzipped"}`)), "z"},
	}
	for _, tt := range tests {
		for _, inputs := range [][]string{nil, {"-"}} {
			stdin = strings.NewReader(tt.in)
			docs, _ := collect(t, "", inputs, Options{Date: day("2021-12-11")})
			if got := ids(docs); got != tt.ids {
				t.Errorf("stdin %.30q (inputs %q): ids %q, want %q", tt.in, inputs, got, tt.ids)
			}
		}
	}
}

func TestReader(t *testing.T) {
	var got []string
	for d, err := range Reader(context.Background(), "demo.jsonl", strings.NewReader(`{"id":"a","text":"x"}`+"\nbad\n"), Options{}) {
		if err != nil {
			got = append(got, err.Error())
		} else {
			got = append(got, d.ID+"@"+d.Origin)
		}
	}
	want := "a@demo.jsonl:1|demo.jsonl:2: invalid JSON: invalid character 'b' looking for beginning of value"
	if strings.Join(got, "|") != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestErrorMessage(t *testing.T) {
	err := errors.New("boom")
	tests := []struct {
		e    Error
		want string
	}{
		{Error{Path: "file.jsonl", Line: 12, DocID: "voa-1", Err: err}, "file.jsonl:12 (doc voa-1): boom"},
		{Error{Path: "feed.xml", Item: 3, Err: err}, "feed.xml#3: boom"},
		{Error{Path: "a.txt", Err: err}, "a.txt: boom"},
		{Error{Err: err}, "boom"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("%+v.Error() = %q, want %q", tt.e, got, tt.want)
		}
		if !errors.Is(&tt.e, err) {
			t.Errorf("%+v does not unwrap", tt.e)
		}
	}
}

func TestCancelAndBreak(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "f.jsonl", "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"y\"}\n")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n, nerr := 0, 0
	for _, err := range Docs(ctx, []string{p, p}, Options{}) {
		if err != nil {
			nerr++
			if !errors.Is(err, context.Canceled) {
				t.Errorf("error %v", err)
			}
			continue
		}
		n++
		cancel()
	}
	if n != 1 || nerr != 1 {
		t.Errorf("after cancel: %d docs, %d errors; want 1 and 1", n, nerr)
	}
	// Breaking out of the loop must not make the iterator call yield again
	// (which would panic).
	for range Docs(context.Background(), []string{p, dir}, Options{}) {
		break
	}
}

func TestCorpora(t *testing.T) {
	voa := "../../shared/corpus/voa/voa_stories.jsonl"
	sgmPath := "../../shared/corpus/reuters21578/reut2-000.sgm"
	if _, err := os.Stat(voa); err != nil {
		t.Skip("shared corpora absent: ", err)
	}
	tests := []struct {
		path string
		docs int
	}{
		{voa, 89},
		{sgmPath, 1000}, // every <REUTERS> of the first file has some text
	}
	for _, tt := range tests {
		docs, errs := collect(t, "", []string{tt.path}, Options{})
		if len(docs) != tt.docs || len(errs) > 0 {
			t.Errorf("%s: %d docs, want %d; errors %q", tt.path, len(docs), tt.docs, errs)
		}
		for _, d := range docs {
			if d.Date.IsZero() || !utf8.ValidString(d.Text) || strings.TrimSpace(d.Text) == "" {
				t.Errorf("%s: doc %s: date %v, text %.40q", tt.path, d.ID, d.Date, d.Text)
				break
			}
		}
	}
}
