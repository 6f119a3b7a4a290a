package ingest

import (
	"errors"
	"fmt"
	"html"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/redline-events/redline"
)

// reuters reads a Reuters-21578 SGML file (latin-1): each <REUTERS> element
// is one document, id "reuters-NEWID", date from <DATE>, title from <TITLE>
// and text from <BODY> (or the bare <TEXT> of unprocessed stories, or the
// title of a brief that has nothing else). The
// body's hard-wrapped lines are joined into paragraphs, since the text stage
// takes every line break as a sentence boundary.
func (r *run) reuters(b []byte, path string) bool {
	s := latin1(b)
	line := 1
	pos := 0
	for {
		i := strings.Index(s[pos:], "<REUTERS")
		if i < 0 {
			return true
		}
		line += strings.Count(s[pos:pos+i], "\n")
		start := pos + i
		j := strings.Index(s[start:], "</REUTERS>")
		end := len(s)
		if j >= 0 {
			end = start + j
		}
		if !r.reutersDoc(s[start:end], path, line) {
			return false
		}
		pos = start
		if j >= 0 {
			pos = end + len("</REUTERS>")
		} else {
			pos = len(s)
		}
		line += strings.Count(s[start:pos], "\n")
	}
}

func (r *run) reutersDoc(el, path string, line int) bool {
	e := Error{Path: path, Line: line}
	tagEnd := strings.IndexByte(el, '>')
	if tagEnd < 0 {
		e.Err = errors.New("unterminated <REUTERS> tag")
		return r.fail(&e)
	}
	newid := attr(el[:tagEnd], "NEWID")
	if newid == "" {
		e.Err = errors.New("<REUTERS> without NEWID")
		return r.fail(&e)
	}
	d := &redline.Doc{ID: "reuters-" + newid, Origin: fmt.Sprintf("%s:%d", path, line)}
	e.DocID = d.ID
	if ds := strings.TrimSpace(element(el, "DATE")); ds != "" {
		t, err := reutersDate(ds)
		if err != nil {
			e.Err = fmt.Errorf("bad date %q", ds)
			return r.fail(&e)
		}
		d.Date = t
	}
	d.Date = r.dateOr(d.Date)
	d.Title = strings.Join(strings.Fields(unescape(element(el, "TITLE"))), " ")
	// Most stories have a <BODY>; unprocessed ones only a bare <TEXT>; briefs
	// only a headline, which then is the text.
	body := element(el, "BODY")
	if body != "" {
		// The collection sometimes cut the first words of the story into
		// the dateline: "RIO DE JANEIRO, Feb 26 - Brazil's anti- </DATELINE>".
		if dl := element(el, "DATELINE"); dl != "" {
			if i := strings.Index(dl, " - "); i >= 0 {
				if lead := strings.TrimSpace(dl[i+3:]); lead != "" {
					if strings.HasSuffix(lead, "-") {
						body = lead + body
					} else {
						body = lead + " " + body
					}
				}
			}
		}
	}
	if body == "" {
		body = stripTags(dropElement(dropElement(element(el, "TEXT"), "TITLE"), "DATELINE"))
	}
	d.Text = reflow(unescape(body))
	if d.Text == "" {
		d.Text = d.Title
	}
	return r.emit(d, e)
}

// latin1 decodes ISO 8859-1, where every byte is the code point of the same
// number.
func latin1(b []byte) string {
	n := len(b)
	for _, c := range b {
		if c >= utf8.RuneSelf {
			n++
		}
	}
	out := make([]byte, 0, n)
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return string(out)
}

// attr returns the value of name="..." in a start tag.
func attr(tag, name string) string {
	i := strings.Index(tag, name+`="`)
	if i < 0 {
		return ""
	}
	v := tag[i+len(name)+2:]
	if j := strings.IndexByte(v, '"'); j >= 0 {
		return v[:j]
	}
	return ""
}

// element returns the content of the first <name ...>...</name> in s.
func element(s, name string) string {
	i := strings.Index(s, "<"+name)
	for i >= 0 {
		rest := s[i+1+len(name):]
		if rest != "" && (rest[0] == '>' || rest[0] == ' ') {
			break
		}
		j := strings.Index(rest, "<"+name)
		if j < 0 {
			return ""
		}
		i += 1 + len(name) + j
	}
	if i < 0 {
		return ""
	}
	s = s[i:]
	open := strings.IndexByte(s, '>')
	if open < 0 {
		return ""
	}
	s = s[open+1:]
	if j := strings.Index(s, "</"+name+">"); j >= 0 {
		return s[:j]
	}
	return s
}

// dropElement removes the first <name>...</name> from s.
func dropElement(s, name string) string {
	i := strings.Index(s, "<"+name+">")
	if i < 0 {
		return s
	}
	j := strings.Index(s[i:], "</"+name+">")
	if j < 0 {
		return s
	}
	return s[:i] + s[i+j+len(name)+3:]
}

// stripTags removes <...> tags (the <TITLE>, <DATELINE> of a <TEXT>).
func stripTags(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			return b.String()
		}
		s = s[i+j+1:]
	}
}

// unescape decodes SGML entities and drops control characters (the
// collection ends each body with &#3;).
func unescape(s string) string {
	s = html.UnescapeString(s)
	return strings.Map(func(r rune) rune {
		if r < ' ' && r != '\n' && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// reflow joins hard-wrapped lines into paragraphs: an indented or blank
// line starts a new paragraph, any other line continues the last one. The
// closing "Reuter" signature is dropped.
func reflow(s string) string {
	var b strings.Builder
	newPara := true
	for _, l := range strings.Split(s, "\n") {
		t := strings.TrimSpace(l)
		if t == "" {
			newPara = true
			continue
		}
		indented := l[0] == ' ' || l[0] == '\t'
		if b.Len() > 0 {
			switch {
			case newPara || indented:
				b.WriteByte('\n')
			case wrappedHyphen(b.String()):
				// "anti-" at a line end and "inflation" on the next: one word.
			default:
				b.WriteByte(' ')
			}
		}
		b.WriteString(strings.Join(strings.Fields(t), " "))
		newPara = false
	}
	out := b.String()
	for _, sig := range []string{"Reuter", "REUTER"} {
		if strings.HasSuffix(out, sig) {
			out = strings.TrimRight(strings.TrimSuffix(out, sig), " \n")
			break
		}
	}
	return out
}

// wrappedHyphen reports whether s ends in a word broken after its hyphen.
func wrappedHyphen(s string) bool {
	n := len(s)
	return n >= 2 && s[n-1] == '-' && ('a' <= s[n-2] && s[n-2] <= 'z' || 'A' <= s[n-2] && s[n-2] <= 'Z')
}

// reutersDate parses "26-FEB-1987 15:01:01.79"; some dates carry junk after
// the time, so the date alone is tried next.
func reutersDate(s string) (time.Time, error) {
	for _, l := range []string{"2-Jan-2006 15:04:05.00", "2-Jan-2006 15:04:05"} {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	if f := strings.Fields(s); len(f) > 0 {
		if t, err := time.Parse("2-Jan-2006", f[0]); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("bad date")
}
