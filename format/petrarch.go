package format

import (
	"bufio"
	"io"
	"strconv"

	"github.com/redline-events/redline"
)

// petrarchWriter writes event lines as PETRARCH2's PETRwriter.write_events
// does, one tab-separated line per event:
//
//		date  source  target  code  issues  ids  [url]  story_source
//
//	  - date: the event date as YYYYMMDD (PETRARCH writes the story date; we
//	    write the event's date, which is the story date unless the text
//	    dated the event).
//	  - source, target: CAMEO actor codes; "---" when the text names no actor
//	    (PETRARCH's mark for an unknown actor).
//	  - code: the CAMEO event code.
//	  - issues: empty (we do not code PETRARCH's issues).
//	  - ids: StoryID_SentenceID as PETRARCH joins them; ours is doc id,
//	    underscore, 0-based sentence index. PETRARCH lists every sentence of a
//	    merged event separated by ";"; we write one line per event.
//	  - url: present only when the event has a URL, exactly as PETRARCH drops
//	    the column when the story has none (so lines have 7 or 8 columns).
//	  - story_source: "NULL", PETRARCH's value when a story names no source.
//
// Tabs, carriage returns and newlines inside fields become a space.
type petrarchWriter struct {
	w   *bufio.Writer
	buf []byte
}

func newPetrarch(w io.Writer) *petrarchWriter {
	return &petrarchWriter{w: bufio.NewWriterSize(w, 64<<10), buf: make([]byte, 0, 256)}
}

func (p *petrarchWriter) Close() error { return p.w.Flush() }

func (p *petrarchWriter) Write(ev *redline.Event) error {
	b := p.buf[:0]
	if !ev.Date.IsZero() {
		b = ev.Date.AppendFormat(b, "20060102")
	}
	b = append(b, '\t')
	b = appendPetrarchActor(b, ev.Source)
	b = append(b, '\t')
	b = appendPetrarchActor(b, ev.Target)
	b = append(b, '\t')
	b = appendTSV(b, string(ev.Code))
	b = append(b, "\t\t"...) // no issues
	b = appendTSV(b, ev.DocID)
	b = append(b, '_')
	b = strconv.AppendInt(b, int64(ev.Sentence), 10)
	if ev.URL != "" {
		b = append(b, '\t')
		b = appendTSV(b, ev.URL)
	}
	b = append(b, "\tNULL\n"...)
	p.buf = b
	_, err := p.w.Write(b)
	return err
}

func appendPetrarchActor(b []byte, a *redline.Actor) []byte {
	if a == nil || a.Code == "" {
		return append(b, "---"...)
	}
	return appendTSV(b, a.Code)
}
