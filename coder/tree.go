package coder

import (
	"strings"

	"github.com/redline-events/redline"
)

// tree is a sentence's dependency tree with child lists, built once per
// sentence into reusable buffers (no allocation per token once warm).
type tree struct {
	toks  []redline.Token
	first []int32 // first child of each token, -1 if none
	next  []int32 // next sibling, -1 at the end; siblings in sentence order
}

func (t *tree) build(toks []redline.Token) {
	n := len(toks)
	t.toks = toks
	t.first = grow(t.first, n)
	t.next = grow(t.next, n)
	for i := 0; i < n; i++ {
		t.first[i], t.next[i] = -1, -1
	}
	// Walk backwards and push onto the front, so siblings end up in order.
	for i := n - 1; i >= 0; i-- {
		h := toks[i].Head
		if h < 0 || int(h) >= n || int(h) == i {
			continue
		}
		t.next[i] = t.first[h]
		t.first[h] = int32(i)
	}
}

func grow(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n, n+n/2)
	}
	return s[:n]
}

// child returns the first child of h whose relation is rel (exactly), or -1.
func (t *tree) child(h int, rel redline.DepRel) int {
	for c := t.first[h]; c >= 0; c = t.next[c] {
		if t.toks[c].Rel == rel {
			return int(c)
		}
	}
	return -1
}

// childBase returns the first child of h whose base relation is rel.
func (t *tree) childBase(h int, rel redline.DepRel) int {
	for c := t.first[h]; c >= 0; c = t.next[c] {
		if t.toks[c].Rel.Base() == rel {
			return int(c)
		}
	}
	return -1
}

// caseOf returns the lemma of h's case marker ("on" in "on Russia"), or "".
// A two-word marker ("according to", "because of") gives its first word.
func (t *tree) caseOf(h int) string {
	for c := t.first[h]; c >= 0; c = t.next[c] {
		if t.toks[c].Rel == redline.Case {
			return t.toks[c].Lower
		}
	}
	// A parse that hangs the preposition lower in its phrase ("by the U.N.
	// war crimes court" with "by" on "crimes"): the phrase's first word.
	if l := t.leftmost(h, 0); l < h && t.toks[l].Rel == redline.Case && t.toks[l].UPOS == redline.ADP {
		return t.toks[l].Lower
	}
	return ""
}

// leftmost returns the first token of h's subtree.
func (t *tree) leftmost(h, depth int) int {
	c := t.first[h]
	if c < 0 || int(c) > h || depth > 8 {
		return h
	}
	return t.leftmost(int(c), depth+1)
}

// head returns the head of i, or -1 for the root.
func (t *tree) head(i int) int { return int(t.toks[i].Head) }

// lemma is the token's lemma, falling back to its lower-cased form when the
// tagger left it empty.
func (t *tree) lemma(i int) string {
	if l := t.toks[i].Lemma; l != "" {
		return l
	}
	return t.toks[i].Lower
}

// byAgent returns the "by" agent of v, as the parser hangs it: on v ("was
// opposed by France") or on an adverb of v ("was opposed earlier by
// France"); -1 when there is none.
func (t *tree) byAgent(v int) int {
	if a := t.child(v, redline.OblAgent); a >= 0 && t.caseOf(a) == "by" {
		return a
	}
	for c := t.first[v]; c >= 0; c = t.next[c] {
		if t.toks[c].Rel.Base() != redline.Advmod {
			continue
		}
		for a := t.first[c]; a >= 0; a = t.next[a] {
			if r := t.toks[a].Rel; (r == redline.OblAgent || r.Base() == redline.Obl) && t.caseOf(int(a)) == "by" {
				return int(a)
			}
		}
	}
	return -1
}

// feelingPassives are state passives of feeling: their "by" names a cause.
var feelingPassives = set("concern", "worry", "alarm", "disappoint", "satisfy", "please", "convince")

// isPassive reports whether predicate v is in the passive voice. The
// parser's nsubj:pass alone is not trusted when a perfect "have" says
// otherwise ("the United States and Jordan have agreed"): a passive needs a
// form of "be" or "get" among the auxiliaries, or a by-agent.
func (t *tree) isPassive(v int) bool {
	// "were engaged in ethnic cleansing": adjectival, the subject acts.
	// With an agent it is a passive after all ("was opposed by France"),
	// unless it names a feeling, whose "by" gives the cause ("was
	// alarmed by the attack").
	if statePassives[t.lemma(v)] {
		if feelingPassives[t.lemma(v)] || t.byAgent(v) < 0 {
			return false
		}
	}
	if t.child(v, redline.AuxPass) >= 0 {
		return true
	}
	if a := t.child(v, redline.OblAgent); a >= 0 && t.caseOf(a) == "by" {
		return true
	}
	if t.child(v, redline.NsubjPass) < 0 && t.child(v, redline.CsubjPass) < 0 {
		return false
	}
	aux := false
	for c := t.first[v]; c >= 0; c = t.next[c] {
		if t.toks[c].Rel.Base() == redline.Aux {
			if t.lemma(int(c)) == "have" {
				return false
			}
			aux = true
		}
	}
	// A finite clause has no passive without "be": "Zambia extradited the
	// militant", "Kenya's president called on Somalia" are past tenses the
	// tagger took for participles (-ed is both). Headlines, which drop
	// "be", carry no final full stop.
	if !aux && strings.HasSuffix(t.toks[v].Lower, "ed") && t.finiteSlot(v) {
		if last := t.toks[len(t.toks)-1].Lower; last == "." || last == "!" {
			return false
		}
	}
	return true
}

// finiteSlot reports a verb in a place only a finite clause fills: the
// root, a complement clause, a parenthetical.
func (t *tree) finiteSlot(v int) bool {
	if t.head(v) < 0 {
		return true
	}
	switch t.toks[v].Rel.Base() {
	case redline.Ccomp, redline.Parataxis:
		return true
	}
	return t.clauseAsAmod(v) >= 0
}

// clauseAsAmod returns the noun a verb with a subject of its own was hung
// on as an adjective, or -1: in "Russian police detained dozens of
// protesters" parsed as "police ← detained ← dozens", "dozens" is the
// verb's object.
func (t *tree) clauseAsAmod(v int) int {
	h := t.head(v)
	if h <= v || t.toks[v].Rel != redline.Amod || t.toks[v].UPOS != redline.VERB {
		return -1
	}
	for c := t.first[v]; c >= 0 && int(c) < v; c = t.next[c] {
		if t.toks[c].Rel.Base() == redline.Nsubj {
			return h
		}
	}
	return -1
}

// subject returns v's subject: nsubj, or an nsubj:pass the parser gave a
// verb that isPassive judges active. -1 when there is none.
func (t *tree) subject(v int) int {
	if s := t.child(v, redline.Nsubj); s >= 0 {
		return s
	}
	if !t.isPassive(v) {
		if s := t.child(v, redline.NsubjPass); s >= 0 {
			return s
		}
	}
	// "Syria says it is willing to withdraw": an adjective that takes an
	// infinitive of its subject's own action has no expletive "it"; the
	// parser's expl is the subject.
	if controlAdjectives[t.lemma(v)] && t.child(v, redline.Xcomp) >= 0 {
		return t.child(v, redline.Expl)
	}
	return -1
}
