package coder

import (
	"fmt"
	"io"
	"strings"

	"github.com/redline-events/redline"
)

// explainLog collects, for one document, why each candidate was or was not
// coded.
type explainLog struct {
	lines []string
}

// Explain codes d like Code and writes, sentence by sentence, the parse,
// the actors and date expressions found, the patterns that matched, and
// why each candidate became an event or did not. Dictionary authors and
// analysts use it to see what the coder saw.
func (c *Coder) Explain(d *redline.Doc, w io.Writer) []redline.Event {
	st := &docState{dict: c.dict, coder: c}
	ex := &explainLog{}
	evs := c.code(d, st, ex)
	for _, l := range ex.lines {
		fmt.Fprintln(w, l)
	}
	return evs
}

// explainSentence logs the sentence's tree, mentions, dates and predicates.
func (s *sentenceState) explainSentence() {
	s.note("")
	s.note("sentence %d: %s", s.index, s.doc.SentenceText(s.index))
	var b strings.Builder
	for i := range s.t.toks {
		tok := &s.t.toks[i]
		b.Reset()
		fmt.Fprintf(&b, "  %2d %-14s %-12s %-5s %-4s", i, tok.Form, s.t.lemma(i), tok.UPOS, tok.XPOS)
		if tok.Head >= 0 {
			fmt.Fprintf(&b, " ←%-12s %2d", tok.Rel, tok.Head)
		} else {
			fmt.Fprintf(&b, " ←%-12s   ", "root")
		}
		if m := s.mention[i]; m >= 0 {
			am := &s.matches[m]
			if am.Start == i {
				fuzzy := ""
				if am.Fuzzy {
					fuzzy = ", fuzzy"
				}
				fmt.Fprintf(&b, "   actor %q = %s (%s%s)", s.spanText(am.Start, am.End), am.Code, am.Kind, fuzzy)
			}
		}
		s.explain.lines = append(s.explain.lines, b.String())
	}
	for _, e := range s.exprs {
		s.note("  date %q → %s", s.spanText(e.Start, e.End), e.Date.Format("2006-01-02"))
	}
	for _, p := range s.preds {
		s.note("  predicate %q matches %s:%d %s %q", s.t.toks[p.tok].Form, p.pat.File, p.pat.Line, p.code, p.code.Name())
	}
}
