package coder

// Who says so: reporting verbs, attribution, plain statements, and text
// whose speaker is the writer.

import (
	"github.com/redline-events/redline"
)

// saidBy finds who the text says reported the event at v: the subject of a
// reporting verb whose complement holds v ("X said that Y attacked Z"), a
// reporting clause beside v ("Y attacked Z, X said"), or "according to X".
func (s *sentenceState) saidBy(v int) *redline.Actor {
	t := &s.t
	var buf [4]actorRef
	speaker := func(r int) *redline.Actor {
		subj := t.child(r, redline.Nsubj)
		if subj < 0 {
			return nil
		}
		refs := s.actorsOf(subj, buf[:0])
		if len(refs) == 0 {
			return nil
		}
		a := refs[0].actor
		return &a
	}
	for h, steps := v, 0; h >= 0 && steps < 6; steps++ {
		for c := t.first[h]; c >= 0; c = t.next[c] {
			tok := &t.toks[c]
			switch tok.Rel.Base() {
			case redline.Parataxis, redline.Ccomp, redline.Advcl:
				if reportingVerbs[t.lemma(int(c))] && int(c) != v {
					if a := speaker(int(c)); a != nil {
						return a
					}
				}
			case redline.Obl:
				if cs := t.caseOf(int(c)); cs == "to" || cs == "according" {
					for g := t.first[c]; g >= 0; g = t.next[g] {
						if accordingTo[t.toks[g].Lower] {
							refs := s.actorsOf(int(c), buf[:0])
							if len(refs) > 0 {
								a := refs[0].actor
								return &a
							}
						}
					}
				}
			}
		}
		r := t.toks[h].Rel.Base()
		p := t.head(h)
		if p < 0 {
			return nil
		}
		if (r == redline.Ccomp || r == redline.Parataxis) && reportingVerbs[t.lemma(p)] {
			return speaker(p)
		}
		switch r {
		case redline.Xcomp, redline.Ccomp, redline.Conj, redline.Advcl, redline.Acl, redline.Nmod, redline.Obj, redline.Obl:
			h = p
		default:
			return nil
		}
	}
	return nil
}

// statements codes what someone said as a plain statement (CAMEO 010)
// when the sentence holds no other event: "the agency said it is skeptical
// of the government's plans". CAMEO codes a statement only when nothing
// more specific is said; when the sentence reports an event, the saying is
// only attribution (said_by on that event).
func (s *sentenceState) statements(first int, out []redline.Event) []redline.Event {
	t := &s.t
	for i := first; i < len(out); i++ {
		if out[i].Sentence == s.index {
			return out
		}
	}
	for r := range t.toks {
		if t.toks[r].UPOS != redline.VERB || !reportingVerbs[t.lemma(r)] || s.isPred(r) && !s.isAttributionAt(r) {
			continue
		}
		comp := -1
		for c := t.first[r]; c >= 0; c = t.next[c] {
			if b := t.toks[c].Rel.Base(); b == redline.Ccomp || b == redline.Parataxis {
				comp = int(c)
				break
			}
		}
		if comp < 0 && t.toks[r].Rel.Base() == redline.Parataxis {
			comp = t.head(r)
		}
		if comp < 0 {
			continue
		}
		// A statement needs someone who makes it: "Others argue ..." and
		// "she told VOA" with no named speaker are not events.
		var buf [2]actorRef
		if len(s.sources(r, false, buf[:0])) == 0 {
			continue
		}
		s.preds = append(s.preds, predicate{tok: r, code: "010", inner: -1, outer: -1, demanded: -1, statement: true})
		out = s.emit(len(s.preds)-1, out)
	}
	return out
}

// isAttributionAt reports whether the predicate at token v is a reporting
// verb the emitter skips as attribution.
func (s *sentenceState) isAttributionAt(v int) bool {
	for i := range s.preds {
		if p := &s.preds[i]; p.tok == v && p.pat != nil && s.isAttribution(p) {
			return true
		}
	}
	return false
}

// isAttribution reports a plain statement (CAMEO 01) made by a reporting
// verb that carries another clause: "the White House announced (that) ...",
// "..., officials said". CAMEO codes a statement only when nothing more
// specific is said; here the reported clause is the news and the verb only
// says who says so (said_by).
func (s *sentenceState) isAttribution(p *predicate) bool {
	t := &s.t
	v := p.tok
	if p.code.Root() != "01" || p.noun || !reportingVerbs[t.lemma(v)] {
		return false
	}
	if p.code != "010" && s.ownWords(p) {
		// "claimed responsibility for the crash, saying ...", "expressed
		// concern that ...": the pattern's words make a specific
		// statement of its own, whatever clause it also carries.
		return false
	}
	for c := t.first[v]; c >= 0; c = t.next[c] {
		switch t.toks[c].Rel.Base() {
		case redline.Ccomp, redline.Parataxis, redline.Xcomp:
			return true
		}
	}
	switch t.toks[v].Rel.Base() {
	case redline.Parataxis, redline.Ccomp, redline.Advcl:
		return true
	}
	// "X has agreed ..., the White House announced": the reported clause
	// may hang on the reporting verb under any clausal relation.
	for c := t.first[v]; c >= 0; c = t.next[c] {
		if u := t.toks[c].UPOS; (u == redline.VERB || u == redline.AUX) && t.toks[c].Rel.Base() != redline.Aux {
			return true
		}
	}
	return false
}

// personal reports a verb whose subject is "I", "you" or "we" with nobody
// quoted, or an imperative ("Write to an Asian airline"): reviews and
// e-mails, not news. "'We will respond,' Iran said" has a speaker.
func (s *sentenceState) personal(v int) bool {
	t := &s.t
	if t.toks[v].UPOS != redline.VERB {
		return false
	}
	subj := t.subject(v)
	if subj >= 0 {
		// "The US rejected": a name, not the pronoun "us".
		if t.toks[subj].UPOS != redline.PRON || !speechPronouns[t.toks[subj].Lower] {
			return false
		}
		return s.saidBy(v) == nil
	}
	// An imperative: a bare verb at the root, no subject, no auxiliary.
	if t.head(v) < 0 && t.toks[v].XPOS == "VB" && t.childBase(v, redline.Aux) < 0 {
		return true
	}
	return false
}

// ownWords reports a pattern word that is the verb's own object or oblique
// ("claimed responsibility"), not a word inside the clause it reports
// ("claimed that ... after a terror attack").
func (s *sentenceState) ownWords(p *predicate) bool {
	t := &s.t
	for u := 0; u < len(t.toks) && u < 64; u++ {
		if p.used&(1<<uint(u)) == 0 || t.head(u) != p.tok {
			continue
		}
		switch t.toks[u].Rel.Base() {
		case redline.Obj, redline.Iobj, redline.Obl, redline.Compound:
			return true
		}
	}
	return false
}
