package ingest

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/mmcdole/gofeed"

	"github.com/redline-events/redline"
)

// feed makes one document of each item of an RSS, Atom or JSON feed. The id
// is the item's GUID, else its link, else the feed path and item index.
func (r *run) feed(b []byte, path string) (ok bool) {
	f, err := parseFeed(b)
	if err != nil {
		return r.fail(&Error{Path: path, Err: err})
	}
	for i, it := range f.Items {
		n := i + 1
		if it == nil {
			continue
		}
		origin := path + "#" + strconv.Itoa(n)
		id := it.GUID
		if id == "" {
			id = it.Link
		}
		if id == "" {
			id = origin
		}
		body := it.Content
		if len(htmlToText(body)) < len(htmlToText(it.Description)) {
			body = it.Description // a teaser content with a fuller description
		}
		d := &redline.Doc{ID: id, Title: htmlToText(it.Title), URL: it.Link, Text: htmlToText(body), Origin: origin}
		switch {
		case it.PublishedParsed != nil:
			d.Date = *it.PublishedParsed
		case it.UpdatedParsed != nil:
			d.Date = *it.UpdatedParsed
		}
		d.Date = r.dateOr(d.Date)
		if !r.emit(d, Error{Path: path, Item: n}) {
			return false
		}
	}
	return true
}

// parseFeed parses with gofeed, turning its panics on hostile input into an
// error.
func parseFeed(b []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("feed parser failed: %v", v)
		}
	}()
	f, err = gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("invalid feed: %w", err)
	}
	return f, nil
}
