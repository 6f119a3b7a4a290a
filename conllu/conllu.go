// Package conllu reads and writes CoNLL-U, the Universal Dependencies file
// format: the treebanks the tagger and parser learn from, and the format
// `redline parse` writes.
package conllu

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Word is one syntactic word of a sentence (a line with an integer ID).
type Word struct {
	ID     int // 1-based
	Form   string
	Lemma  string
	UPOS   string
	XPOS   string
	Feats  string
	Head   int // 0 for the root, -1 when unknown ("_")
	DepRel string
	Deps   string
	Misc   string
}

// SpaceAfter reports whether MISC does not say SpaceAfter=No.
func (w *Word) SpaceAfter() bool { return !strings.Contains(w.Misc, "SpaceAfter=No") }

// Sentence is one sentence: its comment lines, its words, and the lines that
// are not words (multiword-token ranges "1-2", empty nodes "8.1"), kept so
// that a sentence can be written back as it was read.
type Sentence struct {
	Comments []string // without the leading "# "... kept verbatim, with "#"
	Words    []Word
	// Extra holds range and empty-node lines, each with the index in Words
	// before which it stood.
	Extra []ExtraLine
	// Line is the 1-based line number of the sentence's first line.
	Line int
}

// ExtraLine is a non-word line and its position.
type ExtraLine struct {
	Before int
	Text   string
}

// Text returns the sentence's "# text = ..." comment, or the forms joined
// with the spaces MISC implies.
func (s *Sentence) Text() string {
	for _, c := range s.Comments {
		if t, ok := strings.CutPrefix(c, "# text = "); ok {
			return t
		}
	}
	var b strings.Builder
	for i := range s.Words {
		b.WriteString(s.Words[i].Form)
		if i+1 < len(s.Words) && s.Words[i].SpaceAfter() {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// Reader reads sentences one at a time.
type Reader struct {
	sc   *bufio.Scanner
	line int
	name string
}

// NewReader reads CoNLL-U from r; name is used in error messages.
func NewReader(r io.Reader, name string) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	return &Reader{sc: sc, name: name}
}

// Next returns the next sentence, or io.EOF after the last one. A malformed
// line gives an error naming the file and line; the reader then skips to the
// next sentence, so a caller may go on.
func (r *Reader) Next() (*Sentence, error) {
	var s *Sentence
	var bad error
	for r.sc.Scan() {
		r.line++
		line := strings.TrimRight(r.sc.Text(), "\r")
		if line == "" {
			if s != nil || bad != nil {
				if bad != nil {
					return nil, bad
				}
				return r.finish(s)
			}
			continue
		}
		if s == nil {
			s = &Sentence{Line: r.line}
		}
		if bad != nil {
			continue
		}
		if line[0] == '#' {
			s.Comments = append(s.Comments, line)
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 10 {
			bad = fmt.Errorf("%s:%d: want 10 tab-separated fields, got %d", r.name, r.line, len(f))
			continue
		}
		if strings.ContainsAny(f[0], "-.") {
			s.Extra = append(s.Extra, ExtraLine{Before: len(s.Words), Text: line})
			continue
		}
		id, err := strconv.Atoi(f[0])
		if err != nil || id != len(s.Words)+1 {
			bad = fmt.Errorf("%s:%d: word ID %q out of sequence", r.name, r.line, f[0])
			continue
		}
		head := -1
		if f[6] != "_" {
			if head, err = strconv.Atoi(f[6]); err != nil || head < 0 {
				bad = fmt.Errorf("%s:%d: bad HEAD %q", r.name, r.line, f[6])
				continue
			}
		}
		s.Words = append(s.Words, Word{ID: id, Form: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4],
			Feats: f[5], Head: head, DepRel: f[7], Deps: f[8], Misc: f[9]})
	}
	if err := r.sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", r.name, r.line, err)
	}
	if bad != nil {
		return nil, bad
	}
	if s != nil {
		return r.finish(s)
	}
	return nil, io.EOF
}

// finish checks what can only be checked once the sentence is complete.
func (r *Reader) finish(s *Sentence) (*Sentence, error) {
	for i := range s.Words {
		if h := s.Words[i].Head; h > len(s.Words) {
			return nil, fmt.Errorf("%s:%d: HEAD %d beyond sentence of %d words", r.name, s.Line+i, h, len(s.Words))
		}
	}
	return s, nil
}

// ReadAll reads every sentence of r, stopping at the first error.
func ReadAll(r io.Reader, name string) ([]*Sentence, error) {
	rd := NewReader(r, name)
	var out []*Sentence
	for {
		s, err := rd.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, s)
	}
}

// Write writes s in CoNLL-U, followed by the blank line that ends it.
func Write(w io.Writer, s *Sentence) error {
	bw, ok := w.(*bufio.Writer)
	if !ok {
		bw = bufio.NewWriter(w)
	}
	for _, c := range s.Comments {
		bw.WriteString(c)
		bw.WriteByte('\n')
	}
	extra := s.Extra
	for i := range s.Words {
		for len(extra) > 0 && extra[0].Before == i {
			bw.WriteString(extra[0].Text)
			bw.WriteByte('\n')
			extra = extra[1:]
		}
		wd := &s.Words[i]
		head := "_"
		if wd.Head >= 0 {
			head = strconv.Itoa(wd.Head)
		}
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", wd.ID, field(wd.Form), field(wd.Lemma),
			field(wd.UPOS), field(wd.XPOS), field(wd.Feats), head, field(wd.DepRel), field(wd.Deps), field(wd.Misc))
	}
	for _, e := range extra {
		bw.WriteString(e.Text)
		bw.WriteByte('\n')
	}
	bw.WriteByte('\n')
	if !ok {
		return bw.Flush()
	}
	return nil
}

func field(s string) string {
	if s == "" {
		return "_"
	}
	return s
}
