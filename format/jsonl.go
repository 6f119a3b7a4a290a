package format

import (
	"bufio"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/redline-events/redline"
)

// jsonlWriter writes the FORMATS.md event contract with a hand-written
// encoder: the field order is part of the contract, and appending into one
// reused buffer is several times faster than encoding/json's reflection.
type jsonlWriter struct {
	w   *bufio.Writer
	buf []byte
}

func newJSONL(w io.Writer) *jsonlWriter {
	return &jsonlWriter{w: bufio.NewWriterSize(w, 64<<10), buf: make([]byte, 0, 1024)}
}

func (j *jsonlWriter) Write(ev *redline.Event) error {
	j.buf = appendEventJSON(j.buf[:0], ev)
	j.buf = append(j.buf, '\n')
	_, err := j.w.Write(j.buf)
	return err
}

func (j *jsonlWriter) Close() error { return j.w.Flush() }

// appendEventJSON appends ev as one JSON object in the contract's field
// order: id, doc_id, sentence, date, date_from, source, target, cameo, root,
// quad, goldstein, plover, mode, said_by (omitted when nil), evidence, then
// our additions mentions, url (omitted when empty) and place (omitted when nil).
func appendEventJSON(b []byte, ev *redline.Event) []byte {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, ev.ID)
	b = append(b, `,"doc_id":`...)
	b = appendJSONString(b, ev.DocID)
	b = append(b, `,"sentence":`...)
	b = strconv.AppendInt(b, int64(ev.Sentence), 10)
	b = append(b, `,"date":`...)
	if ev.Date.IsZero() {
		b = append(b, "null"...) // unknown, rather than year 1
	} else {
		b = append(b, '"')
		b = ev.Date.AppendFormat(b, dateLayout)
		b = append(b, '"')
	}
	b = append(b, `,"date_from":`...)
	b = appendJSONString(b, string(ev.DateFrom))
	b = append(b, `,"source":`...)
	b = appendActorJSON(b, ev.Source)
	b = append(b, `,"target":`...)
	b = appendActorJSON(b, ev.Target)
	b = append(b, `,"cameo":`...)
	b = appendJSONString(b, string(ev.Code))
	b = append(b, `,"root":`...)
	b = appendJSONString(b, string(ev.Code.Root()))
	b = append(b, `,"quad":`...)
	b = strconv.AppendInt(b, int64(ev.Code.Quad()), 10)
	b = append(b, `,"goldstein":`...)
	b = strconv.AppendFloat(b, ev.Code.Goldstein(), 'f', -1, 64)
	b = append(b, `,"plover":`...)
	b = appendJSONString(b, ev.Code.PLOVER())
	b = append(b, `,"mode":`...)
	b = appendJSONString(b, string(ev.Mode))
	if ev.SaidBy != nil {
		b = append(b, `,"said_by":`...)
		b = appendActorJSON(b, ev.SaidBy)
	}
	e := &ev.Evidence
	b = append(b, `,"evidence":{"start":`...)
	b = strconv.AppendInt(b, int64(e.Start), 10)
	b = append(b, `,"end":`...)
	b = strconv.AppendInt(b, int64(e.End), 10)
	b = append(b, `,"text":`...)
	b = appendJSONString(b, e.Text)
	b = append(b, `,"verb":`...)
	b = appendJSONString(b, e.Verb)
	b = append(b, `,"verb_start":`...)
	b = strconv.AppendInt(b, int64(e.VerbStart), 10)
	b = append(b, `,"verb_end":`...)
	b = strconv.AppendInt(b, int64(e.VerbEnd), 10)
	b = append(b, `},"mentions":`...)
	b = strconv.AppendInt(b, int64(mentions(ev)), 10)
	if ev.URL != "" {
		b = append(b, `,"url":`...)
		b = appendJSONString(b, ev.URL)
	}
	if p := ev.Place; p != nil {
		b = append(b, `,"place":{"name":`...)
		b = appendJSONString(b, p.Name)
		b = append(b, `,"country":`...)
		b = appendJSONString(b, p.Country)
		if p.ADM1 != "" {
			b = append(b, `,"adm1":`...)
			b = appendJSONString(b, p.ADM1)
		}
		b = append(b, `,"lat":`...)
		b = appendJSONFloat(b, p.Lat)
		b = append(b, `,"lon":`...)
		b = appendJSONFloat(b, p.Lon)
		b = append(b, `,"how":`...)
		b = appendJSONString(b, p.How)
		b = append(b, '}')
	}
	return append(b, '}')
}

func appendActorJSON(b []byte, a *redline.Actor) []byte {
	if a == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"text":`...)
	b = appendJSONString(b, a.Text)
	b = append(b, `,"code":`...)
	b = appendJSONString(b, a.Code)
	b = append(b, `,"country":`...)
	b = appendJSONString(b, a.Country)
	return append(b, '}')
}

// appendJSONFloat writes f, or 0 for NaN and infinities, which JSON cannot
// carry.
func appendJSONFloat(b []byte, f float64) []byte {
	if f != f || f > 1e308 || f < -1e308 {
		return append(b, '0')
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as a JSON string. Non-ASCII text is
// written as UTF-8; control characters, U+2028/U+2029 (which break
// JavaScript) are escaped, and invalid UTF-8 becomes U+FFFD so that every
// line stays valid JSON.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
