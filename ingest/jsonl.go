package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/redline-events/redline"
)

// jsonDoc is one line of the JSON-lines input (FORMATS.md). Published is
// the field the VOA corpus uses for the date.
type jsonDoc struct {
	ID        json.RawMessage `json:"id"`
	Text      string          `json:"text"`
	HTML      string          `json:"html"`
	Date      string          `json:"date"`
	Published string          `json:"published"`
	Title     string          `json:"title"`
	URL       string          `json:"url"`
}

// jsonl reads one document per line. Lines are read with a bufio.Reader, not
// a Scanner, so that long articles fit; a line over maxLine is skipped with
// an error and reading resumes at the next.
func (r *run) jsonl(br *bufio.Reader, path string) bool {
	var buf []byte
	for line := 1; ; line++ {
		buf = buf[:0]
		tooLong := false
		var err error
		for {
			var frag []byte
			frag, err = br.ReadSlice('\n')
			if !tooLong && len(buf)+len(frag) > maxLine {
				tooLong, buf = true, buf[:0]
			}
			if !tooLong {
				buf = append(buf, frag...)
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err != nil && err != io.EOF {
			// A read error (truncated gzip) leaves a partial line: report
			// the error, not the partial line as bad JSON.
			return r.fail(&Error{Path: path, Line: line, Err: fmt.Errorf("read: %w", err)})
		}
		ok := true
		switch {
		case tooLong:
			ok = r.fail(&Error{Path: path, Line: line, Err: fmt.Errorf("line longer than %d MiB", maxLine>>20)})
		case len(bytes.TrimSpace(buf)) > 0:
			if line == 1 {
				buf = bytes.TrimPrefix(buf, []byte("\ufeff")) // a byte-order mark
			}
			ok = r.jsonLine(buf, path, line)
		}
		if !ok {
			return false
		}
		if err == io.EOF {
			return true
		}
	}
}

func (r *run) jsonLine(b []byte, path string, line int) bool {
	e := Error{Path: path, Line: line}
	var j jsonDoc
	if err := json.Unmarshal(b, &j); err != nil {
		e.Err = fmt.Errorf("invalid JSON: %w", err)
		return r.fail(&e)
	}
	id, err := jsonID(j.ID)
	if err != nil {
		e.Err = err
		return r.fail(&e)
	}
	d := &redline.Doc{ID: id, Title: j.Title, URL: j.URL, Text: j.Text,
		Origin: path + ":" + strconv.Itoa(line)}
	e.DocID = id
	date, field := j.Date, "date"
	if date == "" {
		date, field = j.Published, "published"
	}
	if date != "" {
		if d.Date, err = parseDate(date); err != nil {
			e.Err = fmt.Errorf("bad %s %q: want YYYY-MM-DD or RFC 3339", field, date)
			return r.fail(&e)
		}
	}
	d.Date = r.dateOr(d.Date)
	if d.Text == "" && j.HTML != "" {
		page, err := extractHTML([]byte(j.HTML))
		if err != nil {
			e.Err = err
			return r.fail(&e)
		}
		d.Text = page.text
		if d.Title == "" {
			d.Title = page.title
		}
		if d.Date.IsZero() {
			d.Date = page.date
		}
	}
	return r.emit(d, e)
}

// jsonID accepts a string or an integer id.
func jsonID(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", errors.New("missing id")
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", fmt.Errorf("bad id: %w", err)
		}
		if s == "" {
			return "", errors.New("missing id")
		}
		return s, nil
	}
	if _, err := strconv.ParseInt(string(raw), 10, 64); err == nil {
		return string(raw), nil
	}
	return "", fmt.Errorf("id must be a string or an integer, not %s", raw)
}

// dateLayouts are the date forms accepted in JSON lines: a calendar date,
// RFC 3339, and the "2025-03-14 20:30:26Z" of the VOA corpus.
var dateLayouts = []string{
	"2006-01-02",
	time.RFC3339Nano,
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
}

func parseDate(s string) (time.Time, error) {
	var err error
	for _, l := range dateLayouts {
		var t time.Time
		if t, err = time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, err
}
