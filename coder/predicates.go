package coder

import (
	"strings"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/dict"
	"github.com/redline-events/redline/tag"
)

// predicate is a token that a verb or noun pattern matched.
type predicate struct {
	tok   int
	pat   *dict.Pattern
	code  redline.Code
	used  uint64 // tokens (< 64) consumed by the pattern's items
	inner int    // index of a predicate composed into this one, or -1
	outer int    // index of the predicate this one was composed into, or -1
	noun  bool
	// demanded is set on a demand the coder infers from a reported
	// obligation ("X said Y must Z"): the clause whose subject is the
	// target. pat is nil for such predicates.
	demanded int
	// statement marks a reporting verb coded as a plain statement because
	// what it reports holds no event.
	statement bool
}

// attitudeAdjectives are the predicative adjectives whose verb-dictionary
// patterns code their subject's comment (see data/dict/verbs/01-statement.txt).
var attitudeAdjectives = set("skeptical", "sceptical", "pessimistic", "doubtful", "gloomy", "wary",
	"optimistic", "hopeful", "upbeat", "confident")

// phraseRels are the dependents whose words a pattern's items may name:
// particles, objects, obliques, complements and their modifiers.
func phraseRel(r redline.DepRel) bool {
	switch r.Base() {
	case redline.Obj, redline.Iobj, redline.Obl, redline.Compound, redline.Xcomp, redline.Nmod,
		redline.Advmod, redline.Amod, redline.Ccomp, redline.Advcl, redline.Acl, redline.Nsubj, redline.Flat:
		return true
	}
	return false
}

// collectPhrase lists, once per candidate predicate, the tokens a
// pattern's items may name: v's dependents by phrase relations, two levels
// down, in depth-first order (so the first match is the nearest in the
// tree, as a recursive search would find it).
func (s *sentenceState) collectPhrase(v, depth int) {
	if depth == 0 {
		s.phrase = s.phrase[:0]
		s.phraseSig = 0
		// A particle right after the verb that the parse made the
		// preposition or a modifier of the next phrase ("shipped out of
		// the enclave", "handed over 700 kg") is still the verb's.
		if n := v + 1; n < len(s.t.toks) && (s.t.toks[n].Rel == redline.Case || s.t.toks[n].Rel == redline.Advmod) && particles[s.t.toks[n].Lower] {
			s.phrase = append(s.phrase, int32(n))
			s.phraseSig |= wordBit(s.t.toks[n].Lower)
		}
	}
	for c := s.t.first[v]; c >= 0; c = s.t.next[c] {
		if !(phraseRel(s.t.toks[c].Rel) || s.nounConj(v, int(c), depth)) || s.commaClause(int(c)) {
			continue
		}
		s.phrase = append(s.phrase, c)
		l := s.t.lemma(int(c))
		s.phraseSig |= wordBit(l) | wordBit(s.t.toks[c].Lower)
		if len(l) > 1 && l[len(l)-1] == 's' {
			s.phraseSig |= wordBit(l[:len(l)-1]) // see pluralOf
		}
		if st := oesStem(s.t.toks[c].Lower); st != "" {
			s.phraseSig |= wordBit(st)
		}
		if depth < 2 {
			if depth == 0 && s.t.toks[c].Rel.Base() == redline.Xcomp && objectControl[s.t.lemma(v)] && s.t.child(v, redline.Obj) >= 0 {
				// "ordered Menem to appear for questioning in an
				// investigation": what the object is told to do is the
				// complement's verb and its object; words further down
				// its clause are not the ordering verb's ("order
				// investigation").
				s.collectCore(int(c))
			} else {
				s.collectPhrase(int(c), depth+1)
			}
		}
	}
}

// nounConj reports a noun coordinated with one of the verb's nouns: in
// "lifted the trade and travel restrictions" the restrictions are lifted
// as much as the trade. A verb's own conjunct is another predication and
// stays out.
func (s *sentenceState) nounConj(v, c, depth int) bool {
	return depth > 0 && s.t.toks[c].Rel.Base() == redline.Conj &&
		s.t.toks[v].UPOS == redline.NOUN && s.t.toks[c].UPOS == redline.NOUN
}

// collectCore adds clause v's objects, particles and predicate ("to
// remain calm") to the phrase.
func (s *sentenceState) collectCore(v int) {
	for c := s.t.first[v]; c >= 0; c = s.t.next[c] {
		switch s.t.toks[c].Rel.Base() {
		case redline.Obj, redline.Iobj, redline.Compound, redline.Xcomp:
		default:
			continue
		}
		s.phrase = append(s.phrase, c)
		l := s.t.lemma(int(c))
		s.phraseSig |= wordBit(l) | wordBit(s.t.toks[c].Lower)
		if len(l) > 1 && l[len(l)-1] == 's' {
			s.phraseSig |= wordBit(l[:len(l)-1])
		}
		if st := oesStem(s.t.toks[c].Lower); st != "" {
			s.phraseSig |= wordBit(st)
		}
		for d := s.t.first[c]; d >= 0; d = s.t.next[d] {
			if b := s.t.toks[d].Rel.Base(); b == redline.Compound || b == redline.Amod {
				s.phrase = append(s.phrase, d)
				l := s.t.lemma(int(d))
				s.phraseSig |= wordBit(l) | wordBit(s.t.toks[d].Lower)
			}
		}
	}
}

// commaClause reports an adverbial participle set off by a comma and no
// subordinator (", claiming it was ..."): a predication of its own beside
// the verb, whose words are not the verb's ("rejected May's offer,
// claiming" is no 'reject claim').
func (s *sentenceState) commaClause(c int) bool {
	t := &s.t
	if t.toks[c].Rel.Base() != redline.Advcl || t.child(c, redline.Mark) >= 0 {
		return false
	}
	l := t.leftmost(c, 0)
	return t.toks[l].Lower == "," || l > 0 && t.toks[l-1].Lower == ","
}

// findItem looks for a phrase token (see collectPhrase) with one of the
// lemmas. A token already used by an earlier item is not matched again, but
// its dependents still are: in "threatened to ban opposition parties" the
// item "party" hangs under the item "ban". It returns the token or -1.
func (s *sentenceState) findItem(alts []string, skip uint64) int {
	for _, c := range s.phrase {
		if c < 64 && skip&(1<<uint(c)) != 0 {
			continue
		}
		l, w := s.t.lemma(int(c)), s.t.toks[c].Lower
		st := oesStem(w)
		for _, a := range alts {
			if a == l || a == w || pluralOf(l, a) || (st != "" && a == st) {
				return int(c)
			}
		}
	}
	return -1
}

// oesStem returns the singular of a plural in "-oes" ("embargoes",
// "vetoes", "torpedoes"), whose "e" the tagger's lemma keeps ("embargoe"),
// or "" for other words.
func oesStem(w string) string {
	if len(w) > 4 && strings.HasSuffix(w, "oes") {
		return w[:len(w)-2]
	}
	return ""
}

// pluralOf reports whether lemma is the plural of a dictionary word: the
// treebank's lemmas keep some plurals ("troops", "talks", "forces") that
// the dictionaries write singular.
func pluralOf(lemma, word string) bool {
	return len(lemma) == len(word)+1 && lemma[len(word)] == 's' && lemma[:len(word)] == word
}

// matchPattern reports whether all of p's items are attached to v, and
// which tokens they used.
func (s *sentenceState) matchPattern(v int, p *dict.Pattern) (uint64, bool) {
	var used uint64
	for _, alts := range p.Items {
		i := s.findItem(alts, used)
		if i < 0 {
			return 0, false
		}
		if i < 64 {
			used |= 1 << uint(i)
		}
	}
	// A target preposition is not required: "held talks" is an event even
	// when the partner is not named. findPredicates prefers, among equally
	// specific patterns, one whose preposition is there.
	return used, true
}

// patternRank orders the patterns that fit token v: more items first; among
// equal items, one whose target preposition is there ("called on Russia"),
// then one without target prepositions ("called Macron"), then one whose
// prepositions are missing, then one whose words hang nearer v. So "041
// call" and "020 call {on|for}" can share a head.
func (s *sentenceState) patternRank(v int, p *dict.Pattern, used uint64) int {
	r := 8 * len(p.Items)
	switch {
	case len(p.TargetPreps) == 0:
		r += 2
	case s.targetByPrep(v, p.TargetPreps, used) >= 0:
		r += 4
	}
	// Last, words nearer v beat words further down: "stopped work on the
	// first day of a strike" is a stoppage of work, "rejected an
	// extradition request ... on the charge of rebellion" a rejected
	// request. A word counts its steps up to v or to another of the
	// pattern's words ("military aid").
	far := 0
	for i := 0; i < len(s.t.toks) && i < 64; i++ {
		if used&(1<<uint(i)) == 0 {
			continue
		}
		for h, steps := s.t.head(i), 0; h >= 0 && h != v && steps < 4; h, steps = s.t.head(h), steps+1 {
			if h < 64 && used&(1<<uint(h)) != 0 {
				break
			}
			far++
		}
	}
	return r*16 - min(far, 15)
}

// findPredicates fills s.preds with the tokens a pattern matches, the most
// specific pattern for each.
func (s *sentenceState) findPredicates() {
	s.preds = s.preds[:0]
	for i := range s.t.toks {
		tok := &s.t.toks[i]
		var noun bool
		lemma := s.t.lemma(i)
		switch tok.UPOS {
		case redline.VERB:
		case redline.NOUN:
			noun = true
		case redline.ADJ:
			// A participle after "be" is a verb in all but its tag: "Israel
			// is opposed to French mediation". Attributive ones ("the
			// invaded country") describe, and are left alone.
			if s.t.child(i, redline.Cop) < 0 {
				continue
			}
			switch {
			case strings.HasSuffix(tok.Lower, "ed"):
				lemma = tag.Lemma(tok.Form, tok.Lower, redline.VERB, "VBN")
			case attitudeAdjectives[tok.Lower]:
				// A predicative adjective of attitude is a comment of its
				// subject's: "said it is skeptical of the plan" (012).
				// The verb dictionaries list these adjectives as heads;
				// others share a verb's spelling ("the journalist is
				// free", "the border is open") and say no act.
				lemma = tok.Lower
			default:
				continue
			}
		default:
			continue
		}
		if s.mention[i] >= 0 && !noun {
			continue
		}
		// Protesters demonstrate without an object; "demonstrates a
		// complete disregard", "demonstrated that it can" show (and
		// "demonstrate naval strength" may still show force, 150).
		showing := !noun && lemma == "demonstrate" && (s.t.child(i, redline.Obj) >= 0 || s.t.child(i, redline.Ccomp) >= 0)
		// A report, poll or video released is published: no release
		// (08) of people or property.
		published := !noun && lemma == "release" && s.publication(i)
		// "met with strong objections", "was met with skepticism": a
		// reaction encountered, no meeting (04).
		reaction := !noun && lemma == "meet" && s.metReaction(i)
		if !noun && s.anonymity(i, lemma) {
			s.note("%q: a source asking not to be named, no appeal", tok.Form)
			continue
		}
		if !noun && s.naturalSubject(i) {
			s.note("%q: done by a natural force, no one's act", tok.Form)
			continue
		}
		pats := s.c.dict.Patterns(lemma, noun)
		if len(pats) == 0 && !noun && tok.Lower != lemma {
			pats = s.c.dict.Patterns(tok.Lower, false)
		}
		if len(pats) == 0 && !noun {
			// The tagger's lemma may have cut too much ("freed" → "fre",
			// "suing" → "su", "retaken" kept whole): the regular stems.
			pats = s.stemPatterns(tok.Lower)
		}
		if len(pats) == 0 && noun && len(lemma) > 3 && lemma[len(lemma)-1] == 's' {
			pats = s.c.dict.Patterns(lemma[:len(lemma)-1], true)
		}
		if st := oesStem(tok.Lower); len(pats) == 0 && noun && st != "" {
			pats = s.c.dict.Patterns(st, true)
		}
		if len(pats) == 0 {
			continue
		}
		s.collectPhrase(i, 0)
		var best *dict.Pattern
		var bestUsed uint64
		naming := !noun && namingVerbs[lemma] && s.naming(i)
		for _, p := range pats {
			if !s.c.coder.mayMatch(p, s.phraseSig) {
				continue
			}
			if showing && p.Code.Root() == "14" || published && p.Code.Root() == "08" || reaction && p.Code.Root() == "04" {
				continue
			}
			if naming && len(p.Items) == 0 {
				// "called the ruling arbitrary", "what it called
				// resistance workers": naming, not a telephone call or
				// an appeal. Patterns with words ("call barbaric")
				// code the naming itself.
				continue
			}
			used, ok := s.matchPattern(i, p)
			if !ok {
				continue
			}
			if best == nil || s.patternRank(i, p, used) > s.patternRank(i, best, bestUsed) {
				best, bestUsed = p, used
			}
		}
		if best == nil {
			if s.explain != nil && len(pats) > 0 {
				s.note("%q: %d patterns for %q, none fits its dependents", tok.Form, len(pats), s.t.lemma(i))
			}
			continue
		}
		code := best.Code
		if !noun && len(best.Items) == 0 && code == "030" && lemma == "agree" && s.sharedView(i) {
			s.note("%q: agreeing with someone's view is a statement, not an intent to cooperate", tok.Form)
			code = "010"
		}
		// A noun that is itself an item of a verb's pattern ("impose
		// sanctions") is consumed by the verb below.
		s.preds = append(s.preds, predicate{tok: i, pat: best, code: code, used: bestUsed, inner: -1, outer: -1, noun: noun, demanded: -1})
	}
	// Drop nominal predicates consumed by a verb pattern's items.
	out := s.preds[:0]
	for _, p := range s.preds {
		consumed := false
		for _, q := range s.preds {
			if q.tok != p.tok && q.tok < 64 && p.tok < 64 && q.used&(1<<uint(p.tok)) != 0 {
				consumed = true
				break
			}
		}
		if consumed {
			s.note("%q: part of another predicate's pattern", s.t.toks[p.tok].Form)
			continue
		}
		out = append(out, p)
	}
	s.preds = out
}

// sharedView reports "agree with" someone or something as holding the same
// view ("said they agree with the NCAA that", "agree with the
// recommendation"), not agreeing to do something: a "with" phrase, nothing
// agreed to do (no infinitive), and either the present tense of a state of
// mind or a "that" clause giving the view.
func (s *sentenceState) sharedView(v int) bool {
	t := &s.t
	with, view := false, false
	for c := t.first[v]; c >= 0; c = t.next[c] {
		switch t.toks[c].Rel.Base() {
		case redline.Obl:
			with = with || t.caseOf(int(c)) == "with"
		case redline.Xcomp:
			return false
		case redline.Advcl:
			if s.markedBy(int(c), "to") {
				return false
			}
		case redline.Ccomp:
			view = view || s.markedBy(int(c), "that")
		}
	}
	switch t.toks[v].XPOS {
	case "VBP", "VBZ":
		view = true
	}
	return with && view
}

// naming reports a verb of naming with its small clause: what is named
// (an object, a passive subject, the noun a participle describes, the
// relative "what") and a second noun or adjective that names or judges it
// ("called the death a security achievement", "called itself the Lions of
// the Caliphate", "a website called Adventures of Asia", "what it called
// resistance workers", "called Canada 'one of the highest ...'"). A name
// after a comma is an apposition ("called his counterpart, Michel Aoun").
func (s *sentenceState) naming(v int) bool {
	t := &s.t
	named, second := 0, false
	if h := t.head(v); h >= 0 {
		switch {
		case t.toks[v].Rel == redline.AclRelcl && t.toks[h].Lower == "what",
			t.toks[v].Rel == redline.Acl && t.toks[v].XPOS == "VBN":
			named++
		}
	}
	for c := t.first[v]; c >= 0; c = t.next[c] {
		afterComma := c > 0 && t.toks[c-1].Lower == ","
		switch t.toks[c].Rel.Base() {
		case redline.Xcomp:
			// A verb complement is an appeal ("called them to protest").
			switch t.toks[c].UPOS {
			case redline.NOUN, redline.PROPN, redline.ADJ, redline.NUM, redline.PRON:
				second = second || !afterComma
			}
		case redline.Obj:
			if named > 0 && !afterComma {
				second = true
			}
			named++
			// A quoted name or judgement right after the object's head.
			if e := int(c) + 1; e < len(t.toks) && t.toks[e].UPOS == redline.PUNCT && quoteOpens(t.toks[e].Form, t.toks[e].XPOS) {
				second = true
			}
		case redline.NsubjPass:
			named++
		case redline.Obl:
			// "called the decision a grave mistake" as a bare noun
			// oblique; a date is not one ("called Biden Tuesday").
			if t.toks[c].Rel == redline.OblUnmarked && t.toks[c].UPOS == redline.NOUN && !afterComma && !s.inDate(int(c)) {
				second = true
			}
		}
	}
	return named > 0 && second
}

// quoteOpens reports an opening quotation mark.
func quoteOpens(form, xpos string) bool {
	return xpos == "``" || form == "\u201c" || form == "\"" && xpos != "''"
}

// targetByPrep finds the argument of v (or of v's object) introduced by
// one of preps, skipping tokens the pattern used.
func (s *sentenceState) targetByPrep(v int, preps []string, used uint64) int {
	var try func(h int) int
	try = func(h int) int {
		for c := s.t.first[h]; c >= 0; c = s.t.next[c] {
			b := s.t.toks[c].Rel.Base()
			if b != redline.Obl && b != redline.Nmod && b != redline.Advcl {
				continue
			}
			if s.inDate(int(c)) {
				// "called Biden on Tuesday": a date is no party, though
				// a parse may hang the next phrase on it ("called on
				// Friday for Britain to stay").
				if h == v {
					if i := try(int(c)); i >= 0 {
						return i
					}
				}
				continue
			}
			cs := s.t.caseOf(int(c))
			for _, p := range preps {
				if cs == p {
					return int(c)
				}
				// "called for Britain to stay": the clause's subject.
				if b == redline.Advcl && s.markedBy(int(c), p) {
					if subj := s.t.subject(int(c)); subj >= 0 {
						return subj
					}
				}
			}
		}
		return -1
	}
	if i := try(v); i >= 0 {
		return i
	}
	// "impose sanctions on Russia": the on-phrase may hang on the object.
	for c := s.t.first[v]; c >= 0; c = s.t.next[c] {
		if b := s.t.toks[c].Rel.Base(); b == redline.Obj || b == redline.Xcomp || (c < 64 && used&(1<<uint(c)) != 0) {
			if i := try(int(c)); i >= 0 {
				return i
			}
		}
	}
	return -1
}

// composition codes a speech act or intention with the event it is about:
// "threatened to impose sanctions" is 1312, "urged them to hold talks" 026,
// "agreed to cooperate militarily" 0312, "refused to meet" 125, "accused
// them of attacking" 1123. The families follow the codebook's parallel
// structure of appeals (02), intentions (03), demands (10) and rejections
// (12) by what is asked, promised or refused.
func compose(outer, inner redline.Code) (redline.Code, bool) {
	or := outer.Root()
	if inner.Root() == or {
		// "agreed to express intent to ...": the inner code already says it.
		return inner, true
	}
	switch or {
	case "02", "03", "10", "12":
		cls := objectClass(inner, or)
		if cls == "" {
			return outer, false
		}
		if or == "12" {
			cls = rejectClass(cls)
			if cls == "" {
				return outer, false
			}
			for c := redline.Code("12" + cls); len(c) >= 3; c = c[:len(c)-1] {
				if c.Valid() {
					return c, true
				}
			}
			return outer, false
		}
		for c := or + redline.Code(cls); len(c) >= 3; c = c[:len(c)-1] {
			if c.Valid() {
				return c, true
			}
		}
		return outer, false
	case "13":
		return threatCode(inner), true
	case "11":
		if len(outer) >= 3 && outer[:3] == "112" {
			switch inner.Root() {
			case "18", "19", "20":
				return "1123", true
			}
		}
	}
	return outer, false
}

// objectClass says what an inner event is, in the digits that the 02, 03
// and 10 families use after their root: "1" material cooperation ("11"
// economic ...), "2" diplomatic cooperation, "3" aid, "4" political reform,
// "5" yielding, "6" meeting or negotiating, "7" settling, "8" mediation
// (for 03, accepting mediation is "8" and mediating "9").
func objectClass(inner redline.Code, outerRoot redline.Code) string {
	s := string(inner)
	has := func(p string) bool { return len(s) >= len(p) && s[:len(p)] == p }
	switch {
	case has("061"):
		return "11"
	case has("062"):
		return "12"
	case has("063"):
		return "13"
	case has("064"):
		return "14"
	case has("06"):
		return "1"
	case has("057"):
		return "7"
	case has("05"):
		return "2"
	case has("071"):
		return "31"
	case has("072"):
		return "32"
	case has("073"):
		return "33"
	case has("074"):
		return "34"
	case has("07"):
		return "3"
	case has("0831"):
		return "41"
	case has("0832"):
		return "42"
	case has("0833"):
		return "43"
	case has("0834"):
		return "44"
	case has("083"):
		return "4"
	case has("081"):
		return "51"
	case has("082"):
		return "52"
	case has("084"):
		return "53"
	case has("085"):
		return "54"
	case has("086"):
		return "55"
	case has("087"):
		return "56"
	case has("08"):
		return "5"
	case has("045"):
		if outerRoot == "03" {
			return "9"
		}
		return "8"
	case has("04"):
		return "6"
	}
	return ""
}

// rejectClass maps an object class onto the 12 family's own numbering.
func rejectClass(cls string) string {
	if cls == "" {
		return ""
	}
	sub := cls[1:]
	switch cls[0] {
	case '1':
		return "1" + sub
	case '2':
		return "0"
	case '3':
		return "2" + sub
	case '4':
		return "3" + sub
	case '5':
		return "4" + sub
	case '6':
		return "5"
	case '7':
		return "7"
	case '8', '9':
		return "6"
	}
	return ""
}

// threatCode is what threatening to do inner is.
func threatCode(inner redline.Code) redline.Code {
	s := string(inner)
	has := func(p string) bool { return len(s) >= len(p) && s[:len(p)] == p }
	switch {
	case has("161"):
		return "1313"
	case has("162"):
		return "1311"
	case has("163"):
		return "1312"
	case has("164"):
		return "134"
	case has("165"):
		return "135"
	case has("166"):
		return "136"
	case has("16"):
		return "131"
	case has("1721"):
		return "1321"
	case has("1722"):
		return "1322"
	case has("1723"):
		return "1323"
	case has("1724"):
		return "1324"
	case has("172"):
		return "132"
	case has("17"):
		return "137"
	case has("14"):
		return "133"
	case has("18"):
		return "1383"
	case has("191"):
		return "1381"
	case has("192"):
		return "1382"
	case has("204"):
		return "1385"
	case has("19"), has("20"), has("15"):
		return "138"
	}
	return "130"
}

// obligationAux are the modals of obligation: a reported "must" is a demand.
var obligationAux = set("must", "should", "ought")

// findObligations adds a demand for each reported obligation: in "Chirac
// said Iraq must cooperate with the inspectors", Chirac (the reporter)
// demands of Iraq (the clause's subject) what the clause says: CAMEO's 10
// family, composed with the clause's event when it has one (1011 for
// economic cooperation, 108 for mediation, ...), else the plain demand 100.
func (s *sentenceState) findObligations() {
	t := &s.t
	for c := range t.toks {
		r := s.obligationReporter(c)
		if r < 0 {
			continue
		}
		must := false
		for a := t.first[c]; a >= 0; a = t.next[a] {
			if t.toks[a].Rel.Base() == redline.Aux && obligationAux[t.toks[a].Lower] {
				must = true
			}
		}
		if !must || t.subject(c) < 0 {
			continue
		}
		code := redline.Code("100")
		inner := -1
		for i := range s.preds {
			if s.preds[i].outer < 0 && (s.preds[i].tok == c || s.complementOf(s.preds[i].tok, c)) {
				inner = i
				if k, ok := compose("100", s.preds[i].code); ok {
					code = k
				}
				break
			}
		}
		s.preds = append(s.preds, predicate{tok: r, code: code, inner: inner, outer: -1, demanded: c})
		if inner >= 0 {
			s.preds[inner].outer = len(s.preds) - 1
		}
		s.note("%q reports an obligation of %q: demand %s", t.toks[r].Form, t.toks[c].Form, code)
	}
}

// wishVerbs, with an object and its infinitive ("wants Germany to pay"),
// ask that object to act.
var wishVerbs = set("want", "wish")

// findWishes adds an appeal for each wish that another act ("Sharon wants
// Germany to pay more compensation"): CAMEO's 02 family, made of the
// object (the subject of the infinitive) and composed with the event the
// infinitive names (025, appeal to yield). A wish with no event below it
// ("wants Germany to win") is not coded.
func (s *sentenceState) findWishes() {
	t := &s.t
	for w := range t.toks {
		if t.toks[w].UPOS != redline.VERB || !wishVerbs[t.lemma(w)] || s.isPred(w) || s.negated(w) {
			continue
		}
		o, x := t.child(w, redline.Obj), t.child(w, redline.Xcomp)
		if o < 0 || x < 0 || t.toks[x].UPOS != redline.VERB {
			continue
		}
		var buf [2]actorRef
		if len(s.actorsOf(o, buf[:0])) == 0 {
			continue
		}
		for i := range s.preds {
			if s.preds[i].tok != x || s.preds[i].outer >= 0 {
				continue
			}
			code, ok := compose("020", s.preds[i].code)
			if !ok {
				code = "020"
			}
			s.preds = append(s.preds, predicate{tok: w, code: code, inner: i, outer: -1, demanded: x})
			s.preds[i].outer = len(s.preds) - 1
			s.note("%q asks %q to act: appeal %s", t.toks[w].Form, t.toks[o].Form, code)
			break
		}
	}
}

// findWarnings adds a threat for each reported warning of consequences:
// in "'If our opponents refuse, they will encounter a worsening of their
// security,' Rybakov said", the speaker threatens (130, CAMEO's coercive
// warning) whoever must meet the condition. The reported clause is a
// future with an "if" or "unless" condition whose subject names an actor,
// its own subject is that actor again (a pronoun or the same actor), and
// it holds no event of its own: an event there ("will withdraw unless")
// is coded by the conditions of intentions in emit.
func (s *sentenceState) findWarnings() {
	t := &s.t
	for c := range t.toks {
		r := t.head(c)
		if r < 0 || !reportingVerbs[t.lemma(r)] || s.isPred(r) || s.negated(r) {
			continue
		}
		if b := t.toks[c].Rel.Base(); b != redline.Ccomp && b != redline.Parataxis {
			continue
		}
		if s.modeOfAux(c) != redline.Future || s.isPred(c) {
			continue
		}
		cond := s.condition(c)
		for a := t.first[c]; cond < 0 && a >= 0; a = t.next[a] {
			if t.toks[a].Rel.Base() == redline.Advcl {
				cond = s.condition(int(a))
			}
		}
		if cond < 0 {
			continue
		}
		cs, subj := t.subject(cond), t.subject(c)
		if cs < 0 || subj < 0 {
			continue
		}
		var buf [4]actorRef
		them := s.actorsOf(cs, buf[:0])
		if len(them) == 0 {
			continue
		}
		if w := t.toks[subj].Lower; !(w == "they" || w == "you" || w == "he" || w == "she" || w == "it") {
			again := s.actorsOf(subj, buf[len(them):len(them)])
			if len(again) == 0 || again[0].actor.Code != them[0].actor.Code {
				continue
			}
		}
		s.preds = append(s.preds, predicate{tok: r, code: "130", inner: -1, outer: -1, demanded: cond})
		s.note("%q reports a warning to %q: threat 130", t.toks[r].Form, t.toks[cs].Form)
	}
}

// obligationReporter returns the verb that reports clause c: a reporting
// verb whose complement c is ("said Iraq must"), or a verb whose object is
// a message that c spells out ("issued a stern reminder to Iraq that it
// must", with the "that" clause on the noun or, as parsers often hang it,
// on the verb). -1 otherwise.
func (s *sentenceState) obligationReporter(c int) int {
	t := &s.t
	r := t.head(c)
	if r < 0 {
		return -1
	}
	switch t.toks[c].Rel.Base() {
	case redline.Ccomp:
		if reportingVerbs[t.lemma(r)] {
			return r
		}
	case redline.Acl, redline.Advcl:
		if !s.markedBy(c, "that") {
			return -1
		}
	default:
		return -1
	}
	if messageNouns[t.lemma(r)] {
		if v := t.head(r); v >= 0 && t.toks[r].Rel.Base() == redline.Obj && t.toks[v].UPOS == redline.VERB {
			return v
		}
		return -1
	}
	if o := t.child(r, redline.Obj); o >= 0 && t.toks[r].UPOS == redline.VERB && messageNouns[t.lemma(o)] {
		return r
	}
	return -1
}

// stemPatterns returns the verb patterns of the first regular stem of
// the inflected form w that has any: "freed" free, "suing" sue, "taken"
// take, "stopped" stop, "denied" deny. Candidates are built on the stack
// (no allocation per token).
func (s *sentenceState) stemPatterns(w string) []*dict.Pattern {
	n := len(w)
	if n > 30 {
		return nil
	}
	var b [32]byte
	try := func(stem, suffix string) []*dict.Pattern {
		k := copy(b[:], stem)
		k += copy(b[k:], suffix)
		return s.c.dict.Patterns(string(b[:k]), false)
	}
	doubled := func(k int) bool { return n-k >= 2 && w[n-k-1] == w[n-k-2] }
	var p []*dict.Pattern
	switch {
	case n > 4 && strings.HasSuffix(w, "ied"):
		p = try(w[:n-3], "y")
	case n > 3 && strings.HasSuffix(w, "ed"):
		if p = try(w[:n-1], ""); len(p) == 0 {
			if p = try(w[:n-2], ""); len(p) == 0 && doubled(2) {
				p = try(w[:n-3], "")
			}
		}
	case n > 4 && strings.HasSuffix(w, "ing"):
		if p = try(w[:n-3], "e"); len(p) == 0 {
			if p = try(w[:n-3], ""); len(p) == 0 && doubled(3) {
				p = try(w[:n-4], "")
			}
		}
	case n > 3 && strings.HasSuffix(w, "en"):
		if p = try(w[:n-1], ""); len(p) == 0 {
			p = try(w[:n-2], "")
		}
	}
	return p
}

// publication reports a verb whose thing released is a publication: its
// object ("released a report"), its passive subject ("the poll was
// released") or the noun it describes as a participle ("a survey released
// Thursday").
func (s *sentenceState) publication(v int) bool {
	t := &s.t
	n := t.child(v, redline.Obj)
	if n < 0 {
		n = t.child(v, redline.NsubjPass)
	}
	if n < 0 {
		switch t.toks[v].Rel.Base() {
		case redline.Acl, redline.Amod:
			n = t.head(v)
		}
	}
	return n >= 0 && publicationNouns[t.lemma(n)]
}

var publicationNouns = set("report", "poll", "survey", "study", "index", "data", "figure", "figures", "statistic",
	"statistics", "result", "results", "statement", "proposal", "guideline", "guidelines", "assessment", "program",
	"programme", "plan", "video", "footage", "recording", "audio", "photo", "image", "picture", "document",
	"list", "transcript", "album", "film", "book", "paper", "review", "analysis", "estimate", "forecast",
	"version", "update", "finding", "findings", "memo", "text", "draft", "ranking", "rating", "map", "tape")

// naturalSubject reports a verb whose subject is a natural force ("Floods
// killed 40 people", "Tropical Cyclone Jude slammed into", "the cyclone
// displaced 3,000 people" parsed with the verb a participle on the noun):
// nobody acted, there is no event to code. "A storm of protest" is people.
func (s *sentenceState) naturalSubject(v int) bool {
	t := &s.t
	n := t.child(v, redline.Nsubj)
	if n < 0 && t.toks[v].Rel == redline.Acl && t.child(v, redline.Obj) >= 0 {
		n = t.head(v)
	}
	if n < 0 || s.mention[n] >= 0 {
		return false
	}
	natural := naturalForces[t.toks[n].Lower]
	for c := t.first[n]; c >= 0; c = t.next[c] {
		switch t.toks[c].Rel.Base() {
		case redline.Compound:
			natural = natural || naturalForces[t.toks[c].Lower]
		case redline.Nmod:
			if t.caseOf(int(c)) == "of" {
				return false
			}
		}
	}
	return natural
}

var naturalForces = set("cyclone", "hurricane", "typhoon", "storm", "tornado", "earthquake", "quake", "tremor",
	"flood", "floods", "flooding", "tsunami", "drought", "wildfire", "bushfire", "landslide", "mudslide",
	"avalanche", "heatwave", "blizzard", "eruption", "volcano", "rain", "rains", "monsoon", "lightning")

// metReaction reports "meet" whose object, or "with" phrase, is a reaction
// the subject encounters ("met with strong objections from EC heads",
// "the plan met resistance").
func (s *sentenceState) metReaction(v int) bool {
	t := &s.t
	for c := t.first[v]; c >= 0; c = t.next[c] {
		switch t.toks[c].Rel.Base() {
		case redline.Obj:
		case redline.Obl:
			if t.caseOf(int(c)) != "with" {
				continue
			}
		default:
			continue
		}
		if reactionNouns[t.lemma(int(c))] {
			return true
		}
	}
	return false
}

var reactionNouns = set("objection", "criticism", "opposition", "resistance", "skepticism", "scepticism",
	"hostility", "approval", "disapproval", "success", "failure", "derision", "silence", "outrage", "anger",
	"praise", "condemnation", "protest", "protests", "backlash", "applause", "enthusiasm", "indifference",
	"suspicion", "disbelief", "ridicule", "scorn", "fury", "dismay", "concern", "alarm", "acclaim", "reaction", "response")

// anonymity reports the news formula of a source who "asked not to be
// identified" or "requested anonymity": no appeal to anyone.
func (s *sentenceState) anonymity(v int, lemma string) bool {
	if lemma != "ask" && lemma != "request" {
		return false
	}
	t := &s.t
	for c := t.first[v]; c >= 0; c = t.next[c] {
		switch t.toks[c].Rel.Base() {
		case redline.Obj:
			if l := t.lemma(int(c)); l == "anonymity" {
				return true
			}
		case redline.Xcomp, redline.Ccomp:
			switch t.lemma(int(c)) {
			case "identify", "name", "quote":
				if s.negated(int(c)) {
					return true
				}
			}
		}
	}
	return false
}
