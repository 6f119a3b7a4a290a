package coder

// When: temporal expressions attached to predicates.

import (
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/timex"
)

// attachDates links each temporal expression to the predicate it modifies:
// from the expression's head, up the tree to the first verb or predicate.
func (s *sentenceState) attachDates() {
	n := len(s.t.toks)
	s.exprAt = grow(s.exprAt, len(s.exprs))
	for ei := range s.exprs {
		e := &s.exprs[ei]
		s.exprAt[ei] = -1
		if e.Anchor && e.Date.IsZero() && !s.c.lastTextDate.IsZero() {
			// "three days after Biden read Putin the riot act": the
			// anchoring event is, in news narrative, the last one dated.
			e.Date = timex.ShiftDays(s.c.lastTextDate, e.AfterDays)
		}
		if e.Date.IsZero() || e.Start < 0 || e.End > n {
			continue
		}
		// The expression's head: the token whose head lies outside it.
		h := e.Start
		for i := e.Start; i < e.End; i++ {
			if p := s.t.head(i); p < e.Start || p >= e.End {
				h = i
				break
			}
		}
		for p, steps := s.t.head(h), 0; p >= 0 && steps < 8; p, steps = s.t.head(p), steps+1 {
			if s.t.toks[p].UPOS == redline.VERB || s.isPred(p) {
				s.exprAt[ei] = int32(p)
				break
			}
		}
	}
}

func (s *sentenceState) isPred(v int) bool {
	for i := range s.preds {
		if s.preds[i].tok == v {
			return true
		}
	}
	return false
}

// dateOf returns the date of the event at v: an expression attached to v,
// to a verb coordinated with it ("invaded and annexed Crimea March 1,
// 2014"), or to the verb that governs it; else the document's date.
func (s *sentenceState) dateOf(v int) (time.Time, redline.DateFrom) {
	t := &s.t
	find := func(p int) (time.Time, bool) {
		for ei := range s.exprs {
			if int(s.exprAt[ei]) == p {
				return s.exprs[ei].Date, true
			}
		}
		return time.Time{}, false
	}
	if d, ok := find(v); ok {
		return d, redline.DateFromText
	}
	for c := t.first[v]; c >= 0; c = t.next[c] {
		// A conjunct's date. (Not a complement's: "vowed to make the region
		// climate neutral by 2050" was vowed today.)
		if t.toks[c].Rel == redline.Conj {
			if d, ok := find(int(c)); ok {
				return d, redline.DateFromText
			}
		}
	}
	for h, steps := v, 0; steps < 3; steps++ {
		r := t.toks[h].Rel.Base()
		p := t.head(h)
		if p < 0 || (r != redline.Conj && r != redline.Xcomp && r != redline.Obj && r != redline.Nmod && r != redline.Obl) {
			break
		}
		if d, ok := find(p); ok {
			return d, redline.DateFromText
		}
		h = p
	}
	return s.doc.Date, redline.DateFromDocument
}

// inDate reports whether token i is part of a date expression.
func (s *sentenceState) inDate(i int) bool {
	for _, e := range s.exprs {
		if i >= e.Start && i < e.End {
			return true
		}
	}
	return false
}
