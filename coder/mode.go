package coder

// Whether the text asserts an event: negation, modals, conditions,
// intentions, counterfactuals.

import (
	"github.com/redline-events/redline"
)

// mode decides whether the text asserts the event at v: walking up from v
// through the clauses that embed it, the nearest negation, modal,
// condition or intention decides. intent is set when the event is one the
// subject itself announces ("will support", "is ready to send", "plans to
// impose"), which CAMEO codes as an asserted statement of intent.
func (s *sentenceState) mode(v int) (m redline.Mode, intent bool) {
	t := &s.t
	viaConj := false
	for h, prev, steps := v, -1, 0; h >= 0 && steps < 6; steps++ {
		lemma := t.lemma(h)
		if viaConj {
			// "called Erdogan and urged him": a coordinated verb is
			// not what its first conjunct's verb frames ("call for"
			// makes its complement a wish, not its conjunct).
			viaConj = false
		} else if prev >= 0 && s.isComposedPair(h, prev) {
			// The embedded event was composed into this speech act; the
			// speech act's own mode is what counts from here up.
		} else if prev >= 0 {
			if negatingHeads[lemma] && !s.isPredicateCode(h, "12") {
				return redline.Negated, false
			}
			if intentHeads[lemma] {
				if s.negated(h) {
					return redline.Negated, false
				}
				// Subject control ("Norway is willing to send") makes it
				// the subject's own intention; "expected the delegation to
				// follow up" is someone else's expectation.
				own := t.toks[prev].Rel == redline.Xcomp && t.child(h, redline.Obj) < 0
				return redline.Future, own
			}
			if committedHeads[lemma] && s.markedBy(prev, "to") {
				// "is committed to opening up the economy": a pledge of
				// the subject's own act. Only with "to": "committed
				// atrocities" is done.
				if s.negated(h) {
					return redline.Negated, false
				}
				return redline.Future, true
			}
			if hypotheticalHeads[lemma] {
				if s.negated(h) {
					return redline.Negated, false
				}
				return redline.Hypothetical, false
			}
		}
		// "guarantees that NATO will not grant ...": what a noun's "that"
		// clause says is the noun's content, not its subject announcing.
		// A light verb carries its object noun's event as the verb itself
		// would: "will tighten the blockade" is the subject's own plan.
		own := (prev < 0 && !s.nounContent(v)) || (prev >= 0 && t.toks[prev].Rel == redline.Xcomp) ||
			(prev == v && t.toks[v].Rel == redline.Obj && t.toks[v].UPOS == redline.NOUN && lightVerbs[lemma])
		for c := t.first[h]; c >= 0; c = t.next[c] {
			tok := &t.toks[c]
			switch tok.Rel.Base() {
			case redline.Aux:
				// "will not meet", and in reported speech "said it would
				// not meet" (the past of "will"), announce a refusal: the
				// caller codes it as a rejection.
				// "would have invaded" is a counterfactual, never a plan.
				future := futureAux[tok.Lower] || (tok.Lower == "would" && s.reported(h) && !s.perfect(h))
				if future && s.negated(h) {
					return redline.Negated, own
				}
				if future {
					return redline.Future, own
				}
				if hypotheticalAux[tok.Lower] {
					// "would have never invaded", "could not attack": the
					// modal frames the negation; neither happened as said.
					return redline.Hypothetical, false
				}
			case redline.Mark:
				if conditionalMark[tok.Lower] {
					return redline.Hypothetical, false
				}
			}
		}
		if s.negated(h) {
			return redline.Negated, false
		}
		// "should he invade": a clause opened by an inverted auxiliary.
		if t.toks[h].Rel == redline.Advcl && s.inverted(h) {
			return redline.Hypothetical, false
		}
		if s.irrealisInfinitive(h) {
			return redline.Future, false
		}
		// "deported 168 Liberians for traveling without documents": the
		// reason a state gives for arresting or expelling is its
		// allegation, as a charge's is.
		if g := t.head(h); g >= 0 && t.toks[h].Rel == redline.Advcl && stateVerbs[t.lemma(g)] && s.markedBy(h, "for") && t.toks[h].XPOS == "VBG" {
			return redline.Hypothetical, false
		}
		r := t.toks[h].Rel.Base()
		switch r {
		case redline.Xcomp, redline.Ccomp, redline.Advcl, redline.Acl, redline.Conj, redline.Nmod, redline.Obj, redline.Obl, redline.Csubj:
		case redline.Nsubj:
			// An event noun as the subject of a judgement: "an invasion
			// was imminent", "a deal is likely".
			if t.toks[h].UPOS != redline.NOUN {
				return redline.Asserted, false
			}
		default:
			return redline.Asserted, false
		}
		if r == redline.Conj {
			// A coordinated verb without auxiliaries of its own shares the
			// first one's ("will meet and sign").
			prev, h = h, t.head(h)
			if h >= 0 && t.toks[h].UPOS == redline.VERB {
				if m := s.modeOfAux(h); m != redline.Asserted {
					return m, m == redline.Future
				}
			}
			viaConj = true
			continue
		}
		prev, h = h, t.head(h)
		if h >= 0 && reportingVerbs[t.lemma(h)] && r == redline.Ccomp {
			// What someone said is asserted by them: attribution, not mode.
			return redline.Asserted, false
		}
	}
	return redline.Asserted, false
}

// committedHeads are verbs whose passive, with "to" and a gerund, pledges
// the subject's own act ("is committed to", "are dedicated to").
var committedHeads = set("commit", "dedicate", "devote")

// irrealisInfinitive reports an infinitive on a noun ("an agreement to
// increase trade", "a bill to ban protests"): what the noun is for, not
// yet done. Nouns of intention, threat or refusal decide for themselves
// further up; "the first country to recognize" tells of a done act.
func (s *sentenceState) irrealisInfinitive(h int) bool {
	t := &s.t
	n := t.head(h)
	if n < 0 || t.toks[h].Rel != redline.Acl || t.toks[n].UPOS != redline.NOUN || !s.markedBy(h, "to") {
		return false
	}
	if l := t.lemma(n); intentHeads[l] || hypotheticalHeads[l] || negatingHeads[l] {
		return false
	}
	if s.stepsTaken(h) >= 0 {
		// "has taken steps to enhance political freedoms": done.
		return false
	}
	for c := t.first[n]; c >= 0; c = t.next[c] {
		if b := t.toks[c].Rel.Base(); (b == redline.Amod || b == redline.Det) && (t.toks[c].XPOS == "JJS" || ordinals[t.toks[c].Lower]) {
			return false
		}
	}
	return true
}

// stepsTaken returns the verb of "take steps (measures, action) to do X"
// when v is the X, or of "begin (start, initiate, complete) the process of
// doing X", as the codebook's own 084 example "have initiated the process
// of returning the four baby gorillas": the doer of that verb does X. It
// returns -1 otherwise.
func (s *sentenceState) stepsTaken(v int) int {
	t := &s.t
	n := t.head(v)
	if n < 0 || t.toks[v].Rel != redline.Acl {
		return -1
	}
	g := t.head(n)
	if g < 0 || t.toks[n].Rel.Base() != redline.Obj {
		return -1
	}
	switch {
	case s.markedBy(v, "to") && stepNouns[t.lemma(n)] && t.lemma(g) == "take":
		return g
	case s.markedBy(v, "of") && t.toks[v].XPOS == "VBG" && t.lemma(n) == "process" && processVerbs[t.lemma(g)]:
		return g
	}
	return -1
}

// processVerbs begin, carry on or end a process, which is then under way.
var processVerbs = set("begin", "start", "initiate", "launch", "complete", "finish", "continue", "undertake")

var stepNouns = set("step", "measure", "action")

// nounContent reports a finite clause, or a conjunct of one, that a noun
// takes as its content with "that" ("guarantees that NATO will not grant
// Ukraine membership, nor will it supply weapons").
func (s *sentenceState) nounContent(v int) bool {
	t := &s.t
	for steps := 0; v >= 0 && t.toks[v].Rel == redline.Conj && steps < 4; steps++ {
		v = t.head(v)
	}
	if v < 0 || t.toks[v].Rel != redline.Acl {
		return false
	}
	n := t.head(v)
	return n >= 0 && t.toks[n].UPOS == redline.NOUN && s.markedBy(v, "that")
}

// conditionalThreat reports an announced action that a condition turns
// into a threat: any action "unless" (or "if ... not") the target yields ("will withdraw its
// force unless the president arranges a ceasefire"), and a conflictual one
// "if" it does not ("will impose sanctions if Iran enriches"). Cooperation
// or yielding offered "if" asked ("is willing to withdraw its troops if
// the new government asks") is an offer: an expression of intent (03).
func (s *sentenceState) conditionalThreat(v int, code redline.Code) bool {
	c := s.condition(v)
	if c < 0 {
		return false
	}
	if s.markedBy(c, "unless") || s.negated(c) {
		// "if the freeze is not lifted" is "unless it is lifted".
		return true
	}
	return code.Root() >= "09"
}

// condition returns the verb of an "unless" or "if" clause on v, or -1.
func (s *sentenceState) condition(v int) int {
	t := &s.t
	for c := t.first[v]; c >= 0; c = t.next[c] {
		if t.toks[c].Rel.Base() != redline.Advcl {
			continue
		}
		for m := t.first[c]; m >= 0; m = t.next[m] {
			if t.toks[m].Rel == redline.Mark && (t.toks[m].Lower == "unless" || t.toks[m].Lower == "if") {
				return int(c)
			}
		}
	}
	return -1
}

// perfect reports whether h has a perfect "have" among its auxiliaries.
func (s *sentenceState) perfect(h int) bool {
	for c := s.t.first[h]; c >= 0; c = s.t.next[c] {
		if s.t.toks[c].Rel.Base() == redline.Aux && s.t.lemma(int(c)) == "have" {
			return true
		}
	}
	return false
}

// reported reports whether clause h is the complement of a reporting verb
// ("Iraq said it would allow"), where "would" is the past of "will".
func (s *sentenceState) reported(h int) bool {
	t := &s.t
	for steps := 0; h >= 0 && steps < 3; steps++ {
		r := t.toks[h].Rel.Base()
		p := t.head(h)
		if p < 0 {
			return false
		}
		if (r == redline.Ccomp || r == redline.Parataxis) && reportingVerbs[t.lemma(p)] {
			return true
		}
		if r != redline.Conj && r != redline.Xcomp {
			return false
		}
		h = p
	}
	return false
}

// modeOfAux is the mode that v's own auxiliaries give.
func (s *sentenceState) modeOfAux(v int) redline.Mode {
	for c := s.t.first[v]; c >= 0; c = s.t.next[c] {
		tok := &s.t.toks[c]
		if tok.Rel.Base() != redline.Aux {
			continue
		}
		if futureAux[tok.Lower] {
			return redline.Future
		}
		if hypotheticalAux[tok.Lower] {
			return redline.Hypothetical
		}
	}
	if s.negated(v) {
		return redline.Negated
	}
	return redline.Asserted
}

// negated reports whether h carries a negation: "not", "never", or "no"
// on its object or on itself ("no intent", "has no plans").
func (s *sentenceState) negated(h int) bool {
	t := &s.t
	for c := t.first[h]; c >= 0; c = t.next[c] {
		tok := &t.toks[c]
		b := tok.Rel.Base()
		if (b == redline.Advmod || b == redline.Det || b == redline.Cc) && negators[tok.Lower] {
			return true
		}
		if b == redline.Obj && t.toks[c].UPOS == redline.NOUN {
			for g := t.first[c]; g >= 0; g = t.next[g] {
				if t.toks[g].Rel.Base() == redline.Det && negators[t.toks[g].Lower] {
					return true
				}
			}
		}
	}
	return false
}

// inverted reports an adverbial clause that starts with its auxiliary
// before the subject: "should he invade", "had they known", "were it to".
func (s *sentenceState) inverted(v int) bool {
	t := &s.t
	aux, subj := -1, -1
	for c := t.first[v]; c >= 0; c = t.next[c] {
		switch t.toks[c].Rel.Base() {
		case redline.Aux:
			if aux < 0 {
				aux = int(c)
			}
		case redline.Nsubj:
			subj = int(c)
		case redline.Mark:
			return false
		}
	}
	if aux < 0 || subj < 0 || aux > subj {
		return false
	}
	switch t.toks[aux].Lower {
	case "should", "had", "were", "did":
		return true
	}
	return false
}

func (s *sentenceState) isComposedPair(outer, inner int) bool {
	for i := range s.preds {
		p := &s.preds[i]
		if p.tok == outer && p.inner >= 0 && s.preds[p.inner].tok == inner {
			return true
		}
	}
	return false
}

func (s *sentenceState) isPredicateCode(v int, root redline.Code) bool {
	for i := range s.preds {
		if s.preds[i].tok == v && s.preds[i].code.Root() == root {
			return true
		}
	}
	return false
}
