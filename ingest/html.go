package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/redline-events/redline"
)

// page is what we keep of an HTML page.
type page struct {
	text, title, url string
	date             time.Time
}

// extractHTML finds the main text of a page with readability (Mozilla's
// algorithm, readeck's Go port), falling back to all the page's text when it
// finds no article. Title and publication date come from the page's metadata.
//
// go-trafilatura was the first choice and was dropped on measurement: its
// date parser (go-dateparser, through go-htmldate) builds 78 MB of tables in
// package init, at every start of every redline command, taking 0.3–2.3 s
// here and raising peak memory from 105 to 158 MB for `redline code --demo`;
// that alone breaks the start-up (0.3 s) and memory (150 MB) targets.
func extractHTML(b []byte) (p page, err error) {
	if len(b) > maxHTML {
		return p, fmt.Errorf("HTML larger than %d MiB", maxHTML>>20)
	}
	// The extractor is large third-party code; a panic in it on hostile
	// input must reject one page, not end the run.
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("HTML extraction failed: %v", v)
		}
	}()
	if p.text == "" {
		art, rerr := readability.FromReader(bytes.NewReader(b), nil)
		if rerr == nil {
			if art.Node != nil {
				p.text = nodeText(art.Node)
			}
			if p.title == "" {
				p.title = art.Title()
			}
			if p.date.IsZero() {
				if t, err := art.PublishedTime(); err == nil {
					p.date = t
				}
			}
		}
	}
	if p.text == "" {
		// A fragment (the "html" field of a JSON line, a feed body) can be
		// too small for either extractor to call it an article.
		p.text = htmlToText(string(b))
	}
	if p.text == "" {
		return p, errors.New("no main text found in HTML")
	}
	return p, nil
}

// html makes one document of an HTML page; name is its id.
func (r *run) html(b []byte, path, name string) bool {
	e := Error{Path: path, DocID: name}
	p, err := extractHTML(b)
	if err != nil {
		e.Err = err
		return r.fail(&e)
	}
	d := &redline.Doc{ID: name, Title: p.title, URL: p.url, Text: p.text, Date: r.dateOr(p.date), Origin: path}
	return r.emit(d, e)
}

// htmlToText turns an HTML fragment (a feed item's description) into text:
// tags dropped, entities decoded, block elements on their own lines, script
// and style skipped. Text without markup is returned as is.
func htmlToText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		// Plain text: lines kept, blank ones dropped, as for markup.
		var w textWriter
		for line := range strings.Lines(s) {
			w.block()
			w.text(line)
		}
		return w.String()
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var w textWriter
	skip := 0 // depth inside script/style
	for {
		switch z.Next() {
		case html.ErrorToken:
			return w.String()
		case html.TextToken:
			if skip == 0 {
				w.text(string(z.Text()))
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := atom.Lookup(name)
			switch {
			case skipped[tag]:
				if z.Token().Type == html.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
			case blocks[tag]:
				w.block()
			}
		}
	}
}

// nodeText renders the text of an extracted article tree, one block
// element (heading, paragraph, list item) per line, so that a headline does
// not run into the first sentence.
func nodeText(n *html.Node) string {
	var w textWriter
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			w.text(n.Data)
			return
		case html.ElementNode:
			if skipped[n.DataAtom] {
				return
			}
		}
		block := n.Type == html.ElementNode && blocks[n.DataAtom]
		if block {
			w.block()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			w.block()
		}
	}
	walk(n)
	return w.String()
}

var skipped = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true}

var blocks = func() map[atom.Atom]bool {
	m := map[atom.Atom]bool{}
	for _, a := range []atom.Atom{atom.P, atom.Br, atom.Div, atom.Li, atom.Ul, atom.Ol, atom.H1, atom.H2,
		atom.H3, atom.H4, atom.H5, atom.H6, atom.Tr, atom.Td, atom.Th, atom.Table, atom.Blockquote, atom.Section,
		atom.Article, atom.Header, atom.Footer, atom.Pre, atom.Hr, atom.Dd, atom.Dt, atom.Figcaption,
		atom.Figure, atom.Main, atom.Aside, atom.Nav, atom.Caption, atom.Dl} {
		m[a] = true
	}
	return m
}()

// textWriter collects words: white space collapsed to one space, block
// boundaries to one line break.
type textWriter struct {
	b   strings.Builder
	gap bool // white space since the last word
	brk bool // a block boundary since the last word
}

func (w *textWriter) block() { w.brk = true }

func (w *textWriter) text(t string) {
	if t == "" {
		return
	}
	if isSpace(t[0]) {
		w.gap = true
	}
	for i, f := range strings.Fields(t) {
		if w.b.Len() > 0 {
			if w.brk {
				w.b.WriteByte('\n')
			} else if w.gap || i > 0 {
				w.b.WriteByte(' ')
			}
		}
		w.b.WriteString(f)
		w.gap, w.brk = false, false
	}
	if isSpace(t[len(t)-1]) {
		w.gap = true
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func (w *textWriter) String() string { return w.b.String() }
