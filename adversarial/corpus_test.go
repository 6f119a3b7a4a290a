//go:build linux || darwin

package adversarial

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// control is a sentence every coded document carries, so that a coded
// document shows in the output as at least one event with its id.
const control = " Russia attacked Ukraine on Monday."

// bigEnv turns on the cases of tens of megabytes (a minute or more of CPU
// and over a gigabyte of memory each).
const bigEnv = "REDLINE_ADVERSARIAL_BIG"

type outcome int

const (
	coded outcome = iota
	rejected
)

// want is the expected fate of one document: coded (an event with its id
// in the output), or rejected with a message on stderr naming the file, the
// line when there is one, and the reason.
type want struct {
	id     string
	line   int
	out    outcome
	reason string
}

// adversarialCase writes one input file and says what must become of it.
type adversarialCase struct {
	file   string
	about  string
	big    bool
	budget time.Duration // wall-clock bound of a big case's run; 0: the run's timeout only
	write  func(w io.Writer) ([]want, error)
}

func jsonLine(w io.Writer, id, text string, extra ...string) error {
	b, err := json.Marshal(map[string]string{"id": id, "date": "2024-03-05", "text": text})
	if err != nil {
		return err
	}
	if len(extra) > 0 {
		b = append(b[:len(b)-1], ","+strings.Join(extra, ",")+"}"...)
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// words makes n bytes or more of running text without sentence punctuation.
func words(n int, seed uint64) string {
	vocab := strings.Fields("the minister said that officials from several agencies met again with local leaders to discuss water roads schools and markets while farmers waited near the old bridge")
	r := rand.New(rand.NewPCG(seed, 1))
	var b strings.Builder
	b.Grow(n + 16)
	for b.Len() < n {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(vocab[r.IntN(len(vocab))])
	}
	return b.String()
}

var countries = strings.Fields("France Germany Italy Spain Poland Russia Ukraine China Japan India Brazil Mexico Canada Egypt Iran Iraq Syria Turkey Greece Sweden Norway Finland Kenya Nigeria Ghana Chile Peru Cuba Israel Jordan")

func cases(secret string) []adversarialCase {
	return []adversarialCase{
		{file: "utf8.jsonl", about: "invalid UTF-8 inside and around JSON strings", write: func(w io.Writer) ([]want, error) {
			lines := []string{
				// A byte order mark opens the file, as Windows tools write it.
				"\xef\xbb\xbf" + `{"id":"utf8-bom","date":"2024-03-05","text":"A byte order mark.` + control + `"}`,
				"{\"id\":\"utf8-bytes\",\"date\":\"2024-03-05\",\"text\":\"Bad \xff\xfe bytes \xc3( and \xed\xa0\x80 here." + control + "\"}",
				`{"id":"utf8-surrogate","date":"2024-03-05","text":"Lone \ud800 surrogate \udfff.` + control + `"}`,
				"{\"id\":\"utf8-\xc0\xafid\",\"date\":\"2024-03-05\",\"text\":\"Overlong id." + control + "\"}",
			}
			_, err := io.WriteString(w, strings.Join(lines, "\n")+"\n")
			return []want{{id: "utf8-bom"}, {id: "utf8-bytes"}, {id: "utf8-surrogate"}, {id: "utf8-\ufffd\ufffdid"}}, err
		}},
		{file: "nul.jsonl", about: "NUL bytes escaped and raw", write: func(w io.Writer) ([]want, error) {
			_, err := io.WriteString(w, `{"id":"nul-escaped","text":"a\u0000b.`+control+`"}`+"\n"+
				`{"id":"nul-raw","text":"a`+"\x00"+`b."}`+"\n"+
				`{"id":"nul-after","text":"`+control+`"}`+"\n")
			return []want{
				{id: "nul-escaped", line: 1, out: rejected, reason: "NUL"},
				{line: 2, out: rejected, reason: "invalid JSON"},
				{id: "nul-after"},
			}, err
		}},
		{file: "nul.txt", about: "a NUL byte in plain text", write: func(w io.Writer) ([]want, error) {
			_, err := io.WriteString(w, "abc\x00def."+control)
			return []want{{id: "nul.txt", out: rejected, reason: "NUL"}}, err
		}},
		{file: "empty.jsonl", about: "an empty JSON lines file", write: func(w io.Writer) ([]want, error) { return nil, nil }},
		{file: "blank.jsonl", about: "blank lines, empty and whitespace-only texts", write: func(w io.Writer) ([]want, error) {
			_, err := io.WriteString(w, "\n  \n\t\n"+`{"id":"empty-text","text":""}`+"\n"+`{"id":"ws-text","text":" \n\t\u00a0\u2003 "}`+"\n\n")
			return []want{
				{id: "empty-text", line: 4, out: rejected, reason: "empty"},
				{id: "ws-text", line: 5, out: rejected, reason: "empty"},
			}, err
		}},
		{file: "empty.txt", about: "an empty text file", write: func(w io.Writer) ([]want, error) {
			return []want{{id: "empty.txt", out: rejected, reason: "empty"}}, nil
		}},
		{file: "blank.txt", about: "a whitespace-only text file", write: func(w io.Writer) ([]want, error) {
			_, err := io.WriteString(w, "  \n\n\t \r\n")
			return []want{{id: "blank.txt", out: rejected, reason: "empty"}}, err
		}},
		{file: "nested-div.html", about: "10,000 nested <div>", write: nestedHTML("nested-div.html", "<div>", "</div>", 10000)},
		{file: "nested-b.html", about: "10,000 nested <b> (formatting elements the HTML5 parser reconstructs)", write: nestedHTML("nested-b.html", "<b>", "", 10000)},
		{file: "nested-table.html", about: "10,000 nested tables", write: nestedHTML("nested-table.html", "<table><tr><td>", "</td></tr></table>", 10000)},
		{file: "deep.jsonl", about: "deeply nested JSON in an extra field", write: func(w io.Writer) ([]want, error) {
			if err := jsonLine(w, "deep-5000", control, `"meta":`+strings.Repeat("[", 5000)+strings.Repeat("]", 5000)); err != nil {
				return nil, err
			}
			if err := jsonLine(w, "deep-10001", control, `"meta":`+strings.Repeat(`{"a":`, 10001)+"1"+strings.Repeat("}", 10001)); err != nil {
				return nil, err
			}
			// Unbalanced: a million openings and no end.
			if _, err := io.WriteString(w, `{"id":"deep-open","text":"x","meta":`+strings.Repeat("[", 1<<20)+"\n"); err != nil {
				return nil, err
			}
			return []want{{id: "deep-5000"}, {line: 2, out: rejected, reason: "depth"}, {line: 3, out: rejected, reason: "invalid JSON"}}, nil
		}},
		{file: "bomb.xml", about: "RSS with a billion-laughs entity bomb and an external entity", write: func(w io.Writer) ([]want, error) {
			var b strings.Builder
			b.WriteString("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n <!ENTITY lol \"lol\">\n")
			for i := 1; i <= 9; i++ {
				ref := fmt.Sprintf("&lol%d;", i-1)
				if i == 1 {
					ref = "&lol;"
				}
				fmt.Fprintf(&b, " <!ENTITY lol%d \"%s\">\n", i, strings.Repeat(ref, 10))
			}
			fmt.Fprintf(&b, " <!ENTITY xxe SYSTEM \"file://%s\">\n]>\n", secret)
			b.WriteString("<rss version=\"2.0\"><channel><title>&lol9;</title><link>https://example.org/</link>\n")
			b.WriteString("<item><title>&lol9;</title><guid>bomb-1</guid><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><description>&lol9; &xxe;" + control + "</description></item>\n")
			b.WriteString("<item><title>Plain</title><guid>bomb-2</guid><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><description>" + control + "</description></item>\n")
			b.WriteString("</channel></rss>\n")
			_, err := io.WriteString(w, b.String())
			return []want{{id: "bomb-1"}, {id: "bomb-2"}}, err
		}},
		{file: "countries.jsonl", about: "one sentence naming 5,000 countries", write: func(w io.Writer) ([]want, error) {
			r := rand.New(rand.NewPCG(5, 5))
			names := make([]string, 5000)
			for i := range names {
				names[i] = countries[r.IntN(len(countries))]
			}
			text := strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + " condemned Russia." + control
			return []want{{id: "countries-5000"}}, jsonLine(w, "countries-5000", text)
		}},
		{file: "long-sentence.jsonl", about: "a 64 KB sentence without punctuation", write: func(w io.Writer) ([]want, error) {
			return []want{{id: "long-64kb"}}, jsonLine(w, "long-64kb", words(64<<10, 1)+"."+control)
		}},
		{file: "truncated.jsonl.gz", about: "gzip cut short after 300 complete documents", write: func(w io.Writer) ([]want, error) {
			return truncatedGzip(w, 300)
		}},
		{file: "garbage.jsonl.gz", about: "not gzip at all", write: func(w io.Writer) ([]want, error) {
			// Read as what it is (JSON lines by its inner extension).
			_, err := io.WriteString(w, "this is not gzip\n")
			return []want{{line: 1, out: rejected, reason: "invalid JSON"}}, err
		}},
		{file: "dup.jsonl", about: "the same id twice", write: func(w io.Writer) ([]want, error) {
			if err := jsonLine(w, "dup-1", control); err != nil {
				return nil, err
			}
			return []want{{id: "dup-1"}, {id: "dup-1", line: 2, out: rejected, reason: "duplicate"}}, jsonLine(w, "dup-1", "Again."+control)
		}},
		{file: "big-line.jsonl", big: true, about: "a 100 MB single JSON line, then a normal one", write: func(w io.Writer) ([]want, error) {
			if err := jsonLine(w, "line-100mb", words(100<<20, 2)); err != nil {
				return nil, err
			}
			return []want{{line: 1, out: rejected, reason: "longer than"}, {id: "after-big-line"}}, jsonLine(w, "after-big-line", control)
		}},
		// Coding is linear in the text (4 s of CPU for this case on
		// linux/amd64 in November 2026), so a minute is room for a loaded
		// machine; a coder quadratic in sentence length blows it.
		{file: "big-sentence.jsonl", big: true, budget: time.Minute, about: "a 1 MB sentence without punctuation", write: func(w io.Writer) ([]want, error) {
			return []want{{id: "long-1mb"}}, jsonLine(w, "long-1mb", words(1<<20, 1)+"."+control)
		}},
		{file: "big-text.jsonl", big: true, about: "a JSON line with a 50 MB text", write: func(w io.Writer) ([]want, error) {
			var b strings.Builder
			r := rand.New(rand.NewPCG(3, 3))
			for b.Len() < 50<<20 {
				s := words(40+r.IntN(160), r.Uint64())
				b.WriteString(strings.ToUpper(s[:1]) + s[1:] + ". ")
			}
			return []want{{id: "text-50mb"}}, jsonLine(w, "text-50mb", b.String()+control)
		}},
	}
}

func nestedHTML(name, open, close string, depth int) func(w io.Writer) ([]want, error) {
	return func(w io.Writer) ([]want, error) {
		bw := bufio.NewWriter(w)
		bw.WriteString("<!doctype html><html><head><title>Nested</title></head><body>")
		for range depth {
			bw.WriteString(open)
		}
		bw.WriteString("<p>" + control + "</p>")
		for range depth {
			bw.WriteString(close)
		}
		bw.WriteString("</body></html>\n")
		return []want{{id: name}}, bw.Flush()
	}
}

// truncatedGzip writes n complete documents, flushes the compressor so that
// they can be decoded, writes more and cuts the stream inside the next
// deflate block: the n documents are coded, and the line after them is
// rejected with the read error.
func truncatedGzip(w io.Writer, n int) ([]want, error) {
	var buf strings.Builder
	zw := gzip.NewWriter(&buf)
	var wants []want
	for i := range n {
		id := fmt.Sprintf("gz-%d", i)
		if err := jsonLine(zw, id, fmt.Sprintf("Item %d.", i)+control); err != nil {
			return nil, err
		}
		wants = append(wants, want{id: id})
	}
	if err := zw.Flush(); err != nil {
		return nil, err
	}
	cut := buf.Len() + 3
	for i := n; i < 2*n; i++ {
		if err := jsonLine(zw, fmt.Sprintf("gz-%d", i), words(200, uint64(i))+"."+control); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	_, err := io.WriteString(w, buf.String()[:cut])
	return append(wants, want{line: n + 1, out: rejected, reason: "unexpected EOF"}), err
}

// writeCorpus writes the cases into dir and returns each file's wants.
func writeCorpus(t *testing.T, dir string, cs []adversarialCase) map[string][]want {
	t.Helper()
	wants := map[string][]want{}
	for _, c := range cs {
		path := filepath.Join(dir, c.file)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		bw := bufio.NewWriterSize(f, 1<<20)
		ws, err := c.write(bw)
		if err == nil {
			err = bw.Flush()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		wants[path] = ws
	}
	return wants
}

var summaryRe = regexp.MustCompile(`(?m)^redline: (\d+) documents \((\d+) rejected\), (\d+) sentences, (\d+) events`)

// check compares a run's output with the wants: every rejection expected
// and reported once with file, line and reason; every other document coded.
func check(t *testing.T, res result, wants map[string][]want) (nCoded, nRejected int) {
	t.Helper()
	var rejections []string
	for _, l := range strings.Split(res.stderr, "\n") {
		if strings.HasPrefix(l, "redline: ") && !summaryRe.MatchString(l) {
			rejections = append(rejections, l)
		}
	}
	eventsOf := map[string]int{}
	for _, l := range strings.Split(res.stdout, "\n") {
		if l == "" {
			continue
		}
		var ev struct {
			DocID string `json:"doc_id"`
		}
		if err := json.Unmarshal([]byte(l), &ev); err != nil {
			t.Fatalf("output line is not JSON: %v: %.200s", err, l)
		}
		eventsOf[ev.DocID]++
	}
	used := make([]bool, len(rejections))
	for path, ws := range wants {
		for _, w := range ws {
			if w.out == coded {
				nCoded++
				if eventsOf[w.id] == 0 {
					t.Errorf("%s: document %q was not coded", filepath.Base(path), w.id)
				}
				continue
			}
			nRejected++
			loc := "redline: " + path
			if w.line > 0 {
				loc += ":" + strconv.Itoa(w.line)
			}
			found := false
			for i, r := range rejections {
				if used[i] || !strings.HasPrefix(r, loc) || len(r) == len(loc) || !strings.ContainsRune(": #", rune(r[len(loc)])) {
					continue
				}
				if !strings.Contains(r, w.reason) {
					t.Errorf("%s: rejected for another reason than %q: %s", loc, w.reason, r)
				}
				used[i], found = true, true
				break
			}
			if !found {
				t.Errorf("%s (doc %q): no rejection reported (want one saying %q)", loc, w.id, w.reason)
			}
		}
	}
	for i, r := range rejections {
		if !used[i] {
			t.Errorf("unexpected rejection: %.300s", r)
		}
	}
	m := summaryRe.FindStringSubmatch(res.stderr)
	if m == nil {
		t.Fatalf("no summary line in stderr:\n%s", tail(res.stderr, 2000))
	}
	if docs, rej := atoi(m[1]), atoi(m[2]); docs != nCoded || rej != nRejected {
		t.Errorf("summary says %d documents, %d rejected; want %d and %d", docs, rej, nCoded, nRejected)
	}
	wantExit := 0
	if nRejected > 0 {
		wantExit = 1
	}
	if res.exit != wantExit {
		t.Errorf("exit status %d, want %d", res.exit, wantExit)
	}
	return nCoded, nRejected
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// Memory bounds on the child's peak RSS, with room over what was measured
// (about 165 MiB for the small corpus, 1.15 GiB for the 50 MB text, on
// linux/amd64): the binary holds its dictionaries and models (~150 MiB),
// and a document costs about 20 times its text while it is coded.
const (
	smallRSSBound = 512 << 20
	bigRSSBound   = 2 << 30
)

// TestCode runs "redline code" over the adversarial corpus: no crash, no
// hang, bounded memory, every rejected document reported with its file,
// line and reason, every other one coded.
func TestCode(t *testing.T) {
	secretDir := t.TempDir()
	secret := filepath.Join(secretDir, "secret.txt")
	const marker = "SECRET-7f3a9c-NOT-FOR-OUTPUT"
	if err := os.WriteFile(secret, []byte(marker), 0o600); err != nil {
		t.Fatal(err)
	}
	all := cases(secret)
	var small, big []adversarialCase
	for _, c := range all {
		if c.big {
			big = append(big, c)
		} else {
			small = append(small, c)
		}
	}
	t.Run("small", func(t *testing.T) {
		dir := t.TempDir()
		wants := writeCorpus(t, dir, small)
		res := run(t, 5*time.Minute, "code", "--format", "jsonl", "--progress", "never", "-j", "2", dir)
		nc, nr := check(t, res, wants)
		if strings.Contains(res.stdout+res.stderr, marker) {
			t.Errorf("an external XML entity was read: the secret file's text is in the output")
		}
		t.Logf("%d files, %d documents: %d coded, %d rejected; max RSS %.0f MiB (bound %d MiB); %.1f s",
			len(small), nc+nr, nc, nr, mib(res.maxRSS), smallRSSBound>>20, res.elapsed.Seconds())
		if res.maxRSS > smallRSSBound {
			t.Errorf("max RSS %.0f MiB over the bound of %d MiB", mib(res.maxRSS), smallRSSBound>>20)
		}
	})
	t.Run("big", func(t *testing.T) {
		if os.Getenv(bigEnv) == "" {
			t.Skipf("set %s=1 for the 1 MB sentence and the 50 MB and 100 MB documents (minutes of CPU, over 1 GiB of memory)", bigEnv)
		}
		// One process per case, so that each peak is its own.
		for _, c := range big {
			t.Run(strings.TrimSuffix(c.file, ".jsonl"), func(t *testing.T) {
				dir := t.TempDir()
				wants := writeCorpus(t, dir, []adversarialCase{c})
				res := run(t, 20*time.Minute, "code", "--format", "jsonl", "--progress", "never", "-j", "2", dir)
				nc, nr := check(t, res, wants)
				t.Logf("%s (%s): %d coded, %d rejected; max RSS %.0f MiB (bound %d MiB); %.1f s",
					c.file, c.about, nc, nr, mib(res.maxRSS), bigRSSBound>>20, res.elapsed.Seconds())
				if res.maxRSS > bigRSSBound {
					t.Errorf("max RSS %.0f MiB over the bound of %d MiB", mib(res.maxRSS), bigRSSBound>>20)
				}
				if c.budget > 0 && res.elapsed > c.budget {
					t.Errorf("%.0f s, over the budget of %v", res.elapsed.Seconds(), c.budget)
				}
			})
		}
	})
}
