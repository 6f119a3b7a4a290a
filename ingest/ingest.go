// Package ingest reads news documents from files, directories, feeds and
// standard input: JSON lines, plain text, HTML pages, RSS/Atom feeds and the
// Reuters-21578 SGML collection, each possibly gzip-compressed.
//
// Docs yields documents one at a time. A rejected document or an unreadable
// input is yielded as an *Error and reading goes on, so one bad line in a
// million does not lose the rest.
//
// Text is always valid UTF-8: invalid byte sequences are repaired to U+FFFD
// (the JSON decoder does the same for JSON strings), so offsets computed by
// later stages hold on the text as stored. NUL bytes are rejected, as they
// mean a binary or corrupt input.
package ingest

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/redline-events/redline"
)

// Options says how to read inputs.
type Options struct {
	// Kind is "" or "auto" (from the file extension, else by sniffing the
	// first bytes), "jsonl", "txt", "html", "feed" or "reuters". A forced
	// kind applies to files named as inputs and to stdin; files found by
	// walking a directory are always chosen and read by their extension.
	Kind string
	// Date is the publication date of plain-text documents (.txt, text on
	// stdin); zero means today. Documents of other kinds that carry no date
	// of their own get it too (they stay undated when it is zero).
	Date time.Time
	// MaxText is the longest document text accepted, in bytes: 0 means
	// DefaultMaxText, a negative value no limit. Coding holds every token
	// of a document at once, about 25 bytes of memory per byte of text, so
	// one giant "document" (a dump, a book) would take gigabytes.
	MaxText int
}

// DefaultMaxText is 8 MiB, some 1.4 million words: forty times the longest
// article of Reuters-21578 or VOA, and about 360 MB of peak memory to code.
const DefaultMaxText = 8 << 20

// Error is one rejected document or unreadable input, naming where it was.
type Error struct {
	Path  string // the file, "stdin", or "" for the run as a whole
	Line  int    // 1-based line of a JSON line or Reuters document; 0 if none
	Item  int    // 1-based index of a feed item; 0 if none
	DocID string // the document's id when known
	Err   error
}

// Error reads like "file.jsonl:12 (doc voa-1): invalid JSON: ...".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Item > 0 {
		fmt.Fprintf(&b, "#%d", e.Item)
	}
	if e.DocID != "" {
		fmt.Fprintf(&b, " (doc %s)", e.DocID)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Limits keep one bad input from exhausting memory (variables so that tests
// can lower them).
var (
	maxLine = 64 << 20 // a JSON line
	maxFile = 64 << 20 // a whole .txt, feed or SGML file
	maxHTML = 32 << 20 // an HTML page
)

// stdin is read for the input "-"; tests replace it.
var stdin io.Reader = os.Stdin

// Docs reads every input in order; "-" (or no inputs) is stdin. Directories
// are walked recursively in lexical order, reading files whose kind is known
// and skipping others (hidden files, unknown extensions). Every yielded error
// is an *Error and the iteration goes on after it, except that a cancelled
// ctx ends it after one last Error. Ids must be unique within one call: a
// second document with an id already read is rejected.
func Docs(ctx context.Context, inputs []string, opts Options) iter.Seq2[*redline.Doc, error] {
	return func(yield func(*redline.Doc, error) bool) {
		if len(inputs) == 0 {
			inputs = []string{"-"}
		}
		r := newRun(ctx, opts, yield)
		kind := opts.Kind
		if kind == "auto" {
			kind = ""
		}
		if kind != "" && !validKind(kind) {
			r.fail(&Error{Err: fmt.Errorf("unknown input kind %q (want auto, jsonl, txt, html, feed or reuters)", kind)})
			return
		}
		for _, in := range inputs {
			if !r.input(in, kind) {
				return
			}
		}
	}
}

// Reader reads the documents of one stream (an embedded sample, a network
// body) as Docs reads a file: name stands for the path in origins and
// errors and, when opts.Kind is "" or "auto", gives the kind by its
// extension; without a known extension the kind is sniffed.
func Reader(ctx context.Context, name string, rd io.Reader, opts Options) iter.Seq2[*redline.Doc, error] {
	return func(yield func(*redline.Doc, error) bool) {
		r := newRun(ctx, opts, yield)
		kind := opts.Kind
		if kind == "" || kind == "auto" {
			kind = kindOf(name)
		}
		if kind != "" && !validKind(kind) {
			r.fail(&Error{Path: name, Err: fmt.Errorf("unknown input kind %q", kind)})
			return
		}
		r.stream(rd, name, filepath.Base(strings.TrimSuffix(name, ".gz")), kind)
	}
}

func newRun(ctx context.Context, opts Options, yield func(*redline.Doc, error) bool) *run {
	if ctx == nil {
		ctx = context.Background()
	}
	r := &run{ctx: ctx, opts: opts, seen: map[string]string{}, yield: yield}
	r.today = opts.Date
	if r.today.IsZero() {
		y, m, d := time.Now().UTC().Date()
		r.today = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	return r
}

func validKind(k string) bool {
	switch k {
	case "jsonl", "txt", "html", "feed", "reuters":
		return true
	}
	return false
}

// run is the state of one Docs iteration.
type run struct {
	ctx   context.Context
	opts  Options
	today time.Time         // Options.Date, or today's date
	seen  map[string]string // id → origin of its first document
	yield func(*redline.Doc, error) bool
	done  bool // the consumer stopped or ctx was cancelled
}

// fail yields an error; it returns false when reading must stop.
func (r *run) fail(e *Error) bool {
	if r.done || !r.live() {
		return false
	}
	if !r.yield(nil, e) {
		r.done = true
	}
	return !r.done
}

// live reports whether ctx still allows reading, yielding its error once.
func (r *run) live() bool {
	if r.done {
		return false
	}
	if err := r.ctx.Err(); err != nil {
		r.done = true
		r.yield(nil, &Error{Err: err})
		return false
	}
	return true
}

// emit checks a document and yields it, or the reason it is rejected.
func (r *run) emit(d *redline.Doc, e Error) bool {
	e.DocID = d.ID
	if max := r.opts.MaxText; max >= 0 && len(d.Text) > cmp.Or(max, DefaultMaxText) {
		e.Err = fmt.Errorf("text of %d bytes is over the limit of %d (--max-doc-size)", len(d.Text), cmp.Or(max, DefaultMaxText))
		return r.fail(&e)
	}
	if err := clean(d); err != nil {
		e.Err = err
		return r.fail(&e)
	}
	if first, dup := r.seen[d.ID]; dup {
		e.Err = fmt.Errorf("duplicate id, first read at %s", first)
		return r.fail(&e)
	}
	if !r.live() {
		return false
	}
	r.seen[d.ID] = d.Origin
	if !r.yield(d, nil) {
		r.done = true
	}
	return !r.done
}

// clean repairs invalid UTF-8 and rejects documents no stage can use.
func clean(d *redline.Doc) error {
	if d.ID == "" {
		return errors.New("missing id")
	}
	if strings.IndexByte(d.Text, 0) >= 0 {
		return errors.New("text contains a NUL byte")
	}
	if strings.TrimSpace(d.Text) == "" {
		return errors.New("empty text")
	}
	if !utf8.ValidString(d.Text) {
		d.Text = strings.ToValidUTF8(d.Text, "\uFFFD")
	}
	if !utf8.ValidString(d.Title) {
		d.Title = strings.ToValidUTF8(d.Title, "\uFFFD")
	}
	if !utf8.ValidString(d.ID) {
		d.ID = strings.ToValidUTF8(d.ID, "\uFFFD")
	}
	return nil
}

// input reads one command-line input: stdin, a file or a directory.
func (r *run) input(in, kind string) bool {
	if !r.live() {
		return false
	}
	if in == "-" {
		return r.stream(stdin, "stdin", "stdin", kind)
	}
	fi, err := os.Stat(in)
	if err != nil {
		return r.fail(&Error{Path: in, Err: err})
	}
	if !fi.IsDir() {
		return r.file(in, filepath.Base(in), kind)
	}
	var paths []string
	err = filepath.WalkDir(in, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			if !r.fail(&Error{Path: p, Err: err}) {
				return fs.SkipAll
			}
			return nil
		}
		if p != in && strings.HasPrefix(de.Name(), ".") {
			if de.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if kindOf(p) == "" {
			return nil
		}
		if de.Type().IsRegular() {
			paths = append(paths, p)
		} else if de.Type()&fs.ModeSymlink != 0 {
			// Follow links to files (not to directories: no cycles).
			if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
				paths = append(paths, p)
			}
		}
		return nil
	})
	if err != nil || r.done {
		return !r.done
	}
	for _, p := range paths {
		rel, err := filepath.Rel(in, p)
		if err != nil {
			rel = filepath.Base(p)
		}
		if !r.file(p, filepath.ToSlash(rel), "") {
			return false
		}
	}
	return true
}

// kindOf names the kind of a file from its extension (after any .gz), or "".
func kindOf(name string) string {
	name = strings.ToLower(name)
	name = strings.TrimSuffix(name, ".gz")
	switch filepath.Ext(name) {
	case ".jsonl", ".ndjson", ".json":
		return "jsonl"
	case ".txt", ".text":
		return "txt"
	case ".html", ".htm", ".xhtml":
		return "html"
	case ".xml", ".rss", ".atom":
		return "feed"
	case ".sgm", ".sgml":
		return "reuters"
	}
	return ""
}

// file reads one file; name is its id for one-document kinds.
func (r *run) file(path, name, kind string) bool {
	f, err := os.Open(path)
	if err != nil {
		return r.fail(&Error{Path: path, Err: err})
	}
	defer f.Close()
	if kind == "" {
		kind = kindOf(path)
	}
	name = strings.TrimSuffix(name, ".gz")
	return r.stream(f, path, name, kind)
}

// stream reads one input, gunzipping it when it starts with the gzip magic
// and sniffing its kind when not known.
func (r *run) stream(in io.Reader, path, name, kind string) bool {
	br := bufio.NewReaderSize(in, 64<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return r.fail(&Error{Path: path, Err: fmt.Errorf("gzip: %w", err)})
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 64<<10)
	}
	if kind == "" {
		kind = sniff(br)
	}
	if kind == "jsonl" {
		return r.jsonl(br, path)
	}
	limit := maxFile
	if kind == "html" {
		limit = maxHTML
	}
	b, err := readAll(br, limit)
	if err != nil {
		return r.fail(&Error{Path: path, Err: err})
	}
	switch kind {
	case "html":
		return r.html(b, path, name)
	case "feed":
		return r.feed(b, path)
	case "reuters":
		return r.reuters(b, path)
	}
	return r.text(b, path, name)
}

// readAll reads at most limit bytes, failing on more.
func readAll(rd io.Reader, limit int) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(rd, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if len(b) > limit {
		return nil, fmt.Errorf("input larger than %d MiB", limit>>20)
	}
	return b, nil
}

// sniff guesses the kind of an input from its first bytes: JSON lines start
// with '{', markup with '<' (a feed, a Reuters collection or HTML), anything
// else is plain text.
func sniff(br *bufio.Reader) string {
	head, _ := br.Peek(4096)
	head = bytes.TrimLeft(head, " \t\r\n\ufeff")
	if len(head) == 0 {
		return "txt"
	}
	switch head[0] {
	case '{':
		return "jsonl"
	case '<':
		lower := bytes.ToLower(head)
		switch {
		case bytes.Contains(lower, []byte("<reuters")):
			return "reuters"
		case bytes.Contains(lower, []byte("<rss")), bytes.Contains(lower, []byte("<feed")),
			bytes.Contains(lower, []byte("<rdf:rdf")):
			return "feed"
		}
		return "html"
	}
	return "txt"
}

// text makes one document of a plain-text input.
func (r *run) text(b []byte, path, name string) bool {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	d := &redline.Doc{ID: name, Text: string(b), Date: r.today, Origin: path}
	return r.emit(d, Error{Path: path})
}

// dateOr returns t, or the date given in Options when t is zero.
func (r *run) dateOr(t time.Time) time.Time {
	if t.IsZero() {
		return r.opts.Date
	}
	return t
}
