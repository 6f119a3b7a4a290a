package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"codeberg.org/readeck/go-readability/v2"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/redline-events/redline"
)

// page is what we keep of an HTML page.
type page struct {
	text, title, url string
	date             time.Time
}

// extractHTML finds the main text of a page with trafilatura, falling back
// to readability when trafilatura finds nothing, and to all the page's text
// when neither does. The date comes from
// htmldate's fast mode (metadata and markup, no extensive scan of the body
// text: slow and often wrong on pages that list other stories).
func extractHTML(b []byte) (p page, err error) {
	if len(b) > maxHTML {
		return p, fmt.Errorf("HTML larger than %d MiB", maxHTML>>20)
	}
	// The extractors are large third-party code; a panic in them on hostile
	// input must reject one page, not end the run.
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("HTML extraction failed: %v", v)
		}
	}()
	res, terr := trafilatura.Extract(bytes.NewReader(b), trafilatura.Options{
		HtmlDateMode:    trafilatura.Fast,
		ExcludeComments: true,
	})
	if terr == nil && res != nil {
		p.text = strings.TrimSpace(res.ContentText)
		p.title = res.Metadata.Title
		p.url = res.Metadata.URL
		p.date = res.Metadata.Date
	}
	if p.text == "" {
		art, rerr := readability.FromReader(bytes.NewReader(b), nil)
		if rerr == nil {
			var sb strings.Builder
			if art.RenderText(&sb) == nil {
				p.text = strings.TrimSpace(sb.String())
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
		return strings.TrimSpace(s)
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0    // depth inside script/style
	gap := false // white space since the last word
	brk := false // a block boundary since the last word
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.TrimSpace(b.String())
		case html.TextToken:
			if skip > 0 {
				continue
			}
			t := string(z.Text())
			for i, f := range strings.Fields(t) {
				if b.Len() > 0 {
					if brk {
						b.WriteByte('\n')
					} else if gap || i > 0 || startsWithSpace(t) {
						b.WriteByte(' ')
					}
				}
				b.WriteString(f)
				gap, brk = false, false
			}
			if len(t) > 0 && strings.TrimRight(t, " \t\r\n\f") != t {
				gap = true
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style", "noscript", "template":
				if z.Token().Type == html.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
			case "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
				"blockquote", "section", "article", "header", "footer", "pre", "hr", "dd", "dt", "figcaption":
				brk = true
			}
		}
	}
}

func startsWithSpace(t string) bool {
	return t != "" && strings.TrimLeft(t[:1], " \t\r\n\f") == ""
}
