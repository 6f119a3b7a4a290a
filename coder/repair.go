package coder

import (
	"github.com/redline-events/redline"
	"github.com/redline-events/redline/dict"
)

// repair mends, in a copy of the sentence's tokens, a tagging error the
// coder's rules cannot see past: a verb after an infinitive "to" read as a
// noun compound ("France was prepared to broker discussions" tagged
// "to/ADP broker/NN discussions/NNS", an oblique "to broker discussions").
// After a word that takes an infinitive ("prepared to", "ready to",
// "agreed to"), a base form the verb dictionary has, whose pattern names
// the next noun as its object, is that infinitive with its object. The
// document's tokens are left alone. It returns toks, or the mended copy.
func (s *sentenceState) repair(toks []redline.Token) []redline.Token {
	fixed := false
	for i := 1; i+1 < len(toks); i++ {
		tok, to := &toks[i], &toks[i-1]
		h := int(tok.Head)
		if tok.UPOS != redline.NOUN || tok.XPOS != "NN" || tok.Rel != redline.Compound || h != i+1 ||
			to.Lower != "to" || to.Rel != redline.Case || int(to.Head) != h {
			continue
		}
		g := int(toks[h].Head)
		if b := toks[h].Rel.Base(); g < 0 || (b != redline.Obl && b != redline.Nmod) {
			continue
		}
		if gl := toks[g].Lemma; !intentHeads[gl] && !controlAdjectives[gl] && !objectControl[gl] && !controlAdjectives[toks[g].Lower] {
			continue
		}
		if !s.verbTakes(tok.Lower, toks[h].Lemma) {
			continue
		}
		toks, fixed = s.mend(toks, fixed)
		toks[i-1].UPOS, toks[i-1].XPOS, toks[i-1].Rel, toks[i-1].Head = redline.PART, "TO", redline.Mark, int32(i)
		toks[i].UPOS, toks[i].XPOS, toks[i].Lemma, toks[i].Rel, toks[i].Head = redline.VERB, "VB", toks[i].Lower, redline.Xcomp, int32(g)
		toks[h].Rel, toks[h].Head = redline.Obj, int32(i)
	}
	toks, fixed = s.repairNor(toks, fixed)
	toks, fixed = s.repairRecipient(toks, fixed)
	toks, fixed = s.repairAttributive(toks, fixed)
	toks, fixed = s.repairPartitive(toks, fixed)
	toks, fixed = s.repairParticiple(toks, fixed)
	toks, fixed = s.repairFrontedSubject(toks, fixed)
	toks, fixed = s.repairVocative(toks, fixed)
	toks, fixed = s.repairTimeSubject(toks, fixed)
	toks, fixed = s.repairComplementSubject(toks, fixed)
	toks, fixed = s.repairFinalSpeaker(toks, fixed)
	toks, fixed = s.repairInvertedSpeaker(toks, fixed)
	return s.repairSubject(toks, fixed)
}

// mend returns the tokens to change: on the first repair of a sentence a
// copy in s.mended, so that the document's tokens stay as parsed.
func (s *sentenceState) mend(toks []redline.Token, fixed bool) ([]redline.Token, bool) {
	if fixed {
		return toks, true
	}
	s.mended = append(s.mended[:0], toks...)
	return s.mended, true
}

// seriesNouns count instances of what their "of" names.
var seriesNouns = set("series", "string", "spate", "wave", "round", "number")

// repairPartitive makes the noun of a superlative or ordinal object's
// partitive the object ("submitted the most recent in a series of reform
// petitions", "carried out the latest of the attacks"): the adjective
// stands for that noun, which the verb's patterns must see.
func (s *sentenceState) repairPartitive(toks []redline.Token, fixed bool) ([]redline.Token, bool) {
	for a := range toks {
		v := int(toks[a].Head)
		if toks[a].Rel != redline.Obj || toks[a].UPOS != redline.ADJ || v < 0 {
			continue
		}
		sup := toks[a].XPOS == "JJS" || ordinals[toks[a].Lower]
		x := -1
		for j := range toks {
			if int(toks[j].Head) != a {
				continue
			}
			if toks[j].Rel.Base() == redline.Advmod && toks[j].Lower == "most" {
				sup = true
			}
			if b := toks[j].Rel.Base(); x < 0 && j > a && (b == redline.Obl || b == redline.Nmod) && toks[j].UPOS == redline.NOUN {
				if c := caseWord(toks, j); c == "in" || c == "of" {
					x = j
				}
			}
		}
		if !sup || x < 0 {
			continue
		}
		if seriesNouns[toks[x].Lemma] {
			for j := range toks {
				if int(toks[j].Head) == x && toks[j].Rel.Base() == redline.Nmod && toks[j].UPOS == redline.NOUN && caseWord(toks, j) == "of" {
					x = j
					break
				}
			}
		}
		toks, fixed = s.mend(toks, fixed)
		toks[x].Rel, toks[x].Head = redline.Obj, int32(v)
		toks[a].Rel, toks[a].Head = redline.Amod, int32(x)
	}
	return toks, fixed
}

// caseWord is the preposition marking token n, or "".
func caseWord(toks []redline.Token, n int) string {
	for j := range toks {
		if int(toks[j].Head) == n && toks[j].Rel == redline.Case {
			return toks[j].Lower
		}
	}
	return ""
}

// attributiveParticiples are participles news puts before a noun to
// qualify it ("suspected militants", "alleged members").
var attributiveParticiples = set("suspected", "alleged", "convicted", "accused")

// repairAttributive mends a participle such as "suspected" that the parser
// made a clause of the verb before it, with the following noun phrase as
// its complement ("extradited suspected British militant Haroon Rashid
// Aswad to Britain"): right after a verb with no object, it qualifies that
// noun, which is the verb's object.
func (s *sentenceState) repairAttributive(toks []redline.Token, fixed bool) ([]redline.Token, bool) {
	for i := 1; i+1 < len(toks); i++ {
		v := i - 1
		if !attributiveParticiples[toks[i].Lower] || int(toks[i].Head) != v || toks[v].UPOS != redline.VERB {
			continue
		}
		n, obj := -1, false
		for j := range toks {
			h := int(toks[j].Head)
			if h == v && (toks[j].Rel == redline.Obj || toks[j].Rel == redline.Iobj) {
				obj = true
			}
			if h == i && j > i && n < 0 && (toks[j].UPOS == redline.NOUN || toks[j].UPOS == redline.PROPN) {
				switch toks[j].Rel.Base() {
				case redline.Obj, redline.Xcomp, redline.Nsubj:
					n = j
				}
			}
		}
		if obj || n < 0 {
			continue
		}
		toks, fixed = s.mend(toks, fixed)
		toks[n].Rel, toks[n].Head = redline.Obj, int32(v)
		toks[i].Rel, toks[i].Head, toks[i].UPOS = redline.Amod, int32(n), redline.ADJ
		// What hung on the participle is the noun's or the verb's: its
		// prepositional phrases, dates and adverbials go to the verb.
		for j := range toks {
			if int(toks[j].Head) == i && j != n {
				toks[j].Head = int32(v)
			}
		}
	}
	return toks, fixed
}

// tellVerbs name whom they tell as their first object.
var tellVerbs = set("tell", "inform", "assure", "remind", "notify", "warn", "advise")

// repairRecipient gives a verb of telling with no object the name right
// after it that the parser made the subject of a gerund clause below it
// ("has told Zelensky joining NATO is not possible", with "Zelensky" the
// subject of "joining"): the one told comes first, what is told after.
func (s *sentenceState) repairRecipient(toks []redline.Token, fixed bool) ([]redline.Token, bool) {
	for v := 0; v+2 < len(toks); v++ {
		if toks[v].UPOS != redline.VERB || !tellVerbs[toks[v].Lemma] {
			continue
		}
		n := v + 1
		g := int(toks[n].Head)
		if toks[n].UPOS != redline.PROPN || toks[n].Rel != redline.Nsubj || g <= n || toks[g].XPOS != "VBG" {
			continue
		}
		// The gerund is what is told, or the subject of it ("joining NATO
		// is not possible").
		if h := int(toks[g].Head); !(toks[g].Rel == redline.Ccomp && h == v) &&
			!(toks[g].Rel == redline.Csubj && h >= 0 && toks[h].Rel == redline.Ccomp && int(toks[h].Head) == v) {
			continue
		}
		// Only when the verb has no object of its own.
		obj := false
		for i := range toks {
			if int(toks[i].Head) == v && (toks[i].Rel == redline.Obj || toks[i].Rel == redline.Iobj) {
				obj = true
			}
		}
		if obj {
			continue
		}
		toks, fixed = s.mend(toks, fixed)
		toks[n].Rel, toks[n].Head = redline.Obj, int32(v)
	}
	return toks, fixed
}

// repairSubject gives a finite root verb with no subject the appositive or
// bare conjunct the parser hung, after a comma, on a fronted phrase when nothing but its own
// auxiliaries, determiners and punctuation stands between them ("With the
// signing of a Memorandum on Cessation of Hostilities, the Sudanese
// government and SPLM/A have agreed", the subject an appos of
// "Cessation"): a finite clause has a subject, and a noun phrase right
// before the verb is it.
func (s *sentenceState) repairSubject(toks []redline.Token, fixed bool) []redline.Token {
	r := -1
	for i := range toks {
		if toks[i].Rel == redline.Root {
			r = i
			break
		}
	}
	if r < 1 || toks[r].UPOS != redline.VERB {
		return toks
	}
	finite := toks[r].XPOS == "VBD" || toks[r].XPOS == "VBZ" || toks[r].XPOS == "VBP"
	for i := range toks {
		if int(toks[i].Head) != r {
			continue
		}
		switch toks[i].Rel.Base() {
		case redline.Nsubj, redline.Csubj, redline.Expl:
			return toks
		case redline.Aux:
			finite = true
		}
	}
	if !finite {
		return toks
	}
	// Walk back over the verb's own function words to the phrase before it.
	// Punctuation counts as the verb's wherever the parser hung it (the
	// comma closing "Speaking to reporters, ..., said" on "Speaking").
	e := r - 1
	for ; e >= 0 && (int(toks[e].Head) == r || toks[e].UPOS == redline.PUNCT); e-- {
		switch toks[e].Rel.Base() {
		case redline.Aux, redline.Det, redline.Punct, redline.Advmod:
			continue
		}
		return toks
	}
	// The appositive whose subtree ends at e and starts after a comma.
	for n := e; n >= 0; n-- {
		if !s.commaSubject(toks, n, e) {
			continue
		}
		// An appositive of a phrase that is itself set off: the outer
		// phrase ("Pakistan's ambassador to the U.N., Munir Akram,").
		for h := int(toks[n].Head); h >= 0 && s.commaSubject(toks, h, e); h = int(toks[n].Head) {
			n = h
		}
		b := leftmostTok(toks, n)
		if int(toks[n].Head) >= b-1 {
			// Part of the phrase itself ("the government and SPLM").
			continue
		}
		// The comma may be the appositive's own punctuation.
		if comma := toks[b].Lower == "," || (b > 0 && toks[b-1].Lower == ","); !comma || (toks[n].Rel == redline.Conj && hasCc(toks, n)) {
			return toks
		}
		toks, _ = s.mend(toks, fixed)
		toks[n].Rel, toks[n].Head = redline.Nsubj, int32(r)
		return toks
	}
	return toks
}

// commaSubject reports a candidate for a subject the parser hung on a
// fronted phrase: a nominal whose subtree holds e, that is an appositive,
// a conjunct without a conjunction of its own (a list needs one), or a
// bare noun phrase the parser made an oblique of a fronted participle
// ("Speaking to reporters, Pakistan's ambassador ... said", with
// "ambassador" an oblique of "Speaking" though no preposition marks it).
func (s *sentenceState) commaSubject(toks []redline.Token, n, e int) bool {
	if toks[n].UPOS == redline.VERB || !dominates(toks, n, e) {
		return false
	}
	switch toks[n].Rel {
	case redline.Appos, redline.Conj:
		return true
	case redline.Obl, redline.Nmod:
		h := int(toks[n].Head)
		return caseWord(toks, n) == "" && h >= 0 && toks[h].UPOS == redline.VERB && toks[h].XPOS == "VBG" && (toks[n].UPOS == redline.NOUN || toks[n].UPOS == redline.PROPN)
	}
	return false
}

// repairNor re-hangs a clause opened by "nor" that the parser coordinated
// with a verb carrying no negation ("he needs guarantees that NATO will
// not grant Ukraine membership, nor will it supply weapons", with "supply"
// a conjunct of "needs"): "nor" continues a negation, so its clause is a
// conjunct of the nearest negated verb before it under that head.
func (s *sentenceState) repairNor(toks []redline.Token, fixed bool) ([]redline.Token, bool) {
	for c := range toks {
		if toks[c].Lower != "nor" || toks[c].Rel != redline.Cc {
			continue
		}
		v := int(toks[c].Head)
		if v < 0 || v >= len(toks) || toks[v].Rel != redline.Conj || toks[v].UPOS != redline.VERB {
			continue
		}
		h := int(toks[v].Head)
		if h < 0 || h >= v || negatedVerb(toks, h) {
			continue
		}
		n := -1
		for w := c - 1; w > h; w-- {
			if toks[w].UPOS == redline.VERB && negatedVerb(toks, w) && dominates(toks, h, w) {
				n = w
				break
			}
		}
		if n < 0 {
			continue
		}
		toks, fixed = s.mend(toks, fixed)
		toks[v].Head = int32(n)
	}
	return toks, fixed
}

// negatedVerb reports a "not", "n't" or "never" on token v.
func negatedVerb(toks []redline.Token, v int) bool {
	for i := range toks {
		if int(toks[i].Head) == v && toks[i].Rel.Base() == redline.Advmod {
			switch toks[i].Lower {
			case "not", "n't", "never":
				return true
			}
		}
	}
	return false
}

// hasCc reports a coordinating conjunction before conjunct n.
func hasCc(toks []redline.Token, n int) bool {
	for i := 0; i < n; i++ {
		if int(toks[i].Head) == n && toks[i].Rel == redline.Cc {
			return true
		}
	}
	return false
}

// dominates reports whether w lies in the subtree of h.
func dominates(toks []redline.Token, h, w int) bool {
	for steps := 0; w >= 0 && w < len(toks) && steps < len(toks); steps++ {
		if w == h {
			return true
		}
		w = int(toks[w].Head)
	}
	return false
}

// verbTakes reports whether a verb pattern of lemma v has obj among its
// first item's words ("broker &TALKS" takes "discussion").
func (s *sentenceState) verbTakes(v, obj string) bool {
	for _, p := range s.c.dict.Patterns(v, false) {
		if len(p.Items) == 0 {
			continue
		}
		for _, a := range p.Items[0] {
			if a == obj || pluralOf(obj, a) {
				return true
			}
		}
	}
	return false
}

// participleAdjectives are present participles that, right before a noun
// phrase, are adjectives of it rather than verbs taking it as object: "from
// neighboring Lebanon", "assassinate outgoing Prime Minister Iyad Allawi",
// "Acting Prime Minister Jules Wijdenbosch will open". None of them takes a
// direct object as a verb in news ("acting on", "ailing from").
var participleAdjectives = set("neighboring", "neighbouring", "outgoing", "incoming", "warring", "acting", "ailing", "reigning")

// markerWords are subordinators: a participle opened by one is a clause
// ("while visiting China"), never a preposition's object.
var markerWords = set("that", "whether", "if", "while", "when", "whilst", "because", "as", "since", "although", "though", "once", "until", "unless")

// repairParticiple mends a participial adjective the tagger took for a
// verb whose object is the noun phrase it qualifies: the phrase takes the
// participle's place in the clause (an oblique with the participle's
// preposition, a subject, an object) and the participle becomes its
// adjective. "visiting" counts only before a personal name ("assured
// visiting Foreign Minister Marise Payne"), as "visiting China" is a verb.
// When the parser split the phrase ("Acting Turkish Prime Minister Kaya
// Erdem said", "Turkish" the participle's object), the participle and its
// object join the rest of the phrase.
func (s *sentenceState) repairParticiple(toks []redline.Token, fixed bool) ([]redline.Token, bool) {
	for i := 0; i+1 < len(toks); i++ {
		w := toks[i].Lower
		if toks[i].UPOS != redline.VERB || toks[i].XPOS != "VBG" || !(participleAdjectives[w] || w == "visiting") {
			continue
		}
		// The participle's nominal dependent whose phrase starts right
		// after it, and its markers; no subject or auxiliary of its own.
		n, marker, clause := -1, -1, false
		for j := range toks {
			if int(toks[j].Head) != i {
				continue
			}
			switch toks[j].Rel.Base() {
			case redline.Obj, redline.Nsubj, redline.Xcomp, redline.Iobj:
				if j > i && n < 0 && (toks[j].UPOS == redline.NOUN || toks[j].UPOS == redline.PROPN || toks[j].UPOS == redline.ADJ) {
					n = j
				} else if j < i {
					clause = true
				}
			case redline.Mark, redline.Case:
				// A preposition the tagger may have called a
				// subordinator ("from/SCONJ neighboring Syria"); the
				// first of "out of" marks the phrase.
				if markerWords[toks[j].Lower] || j > i {
					clause = true
				}
				if marker < 0 {
					marker = j
				}
			case redline.Aux:
				clause = true
			}
		}
		if n < 0 || clause || leftmostTok(toks, n) != i+1 {
			continue
		}
		end := rightmostTok(toks, n)
		// The rest of a split phrase: the noun phrase starting right after.
		m := -1
		if k := end + 1; k < len(toks) && (toks[k].UPOS == redline.NOUN || toks[k].UPOS == redline.PROPN || toks[k].UPOS == redline.ADJ) {
			m = k
			for h := int(toks[m].Head); h > m && (toks[h].UPOS == redline.NOUN || toks[h].UPOS == redline.PROPN) && leftmostTok(toks, h) == k; h = int(toks[m].Head) {
				m = h
			}
			if toks[m].UPOS == redline.ADJ || dominates(toks, i, m) || marker >= 0 {
				continue
			}
		}
		if w == "visiting" && !s.namesPerson(toks, i+1, end) {
			continue
		}
		h := int(toks[i].Head)
		toks, fixed = s.mend(toks, fixed)
		if m >= 0 {
			rel := redline.Compound
			if toks[n].UPOS == redline.ADJ {
				rel = redline.Amod
			}
			toks[n].Rel, toks[n].Head = rel, int32(m)
		} else {
			rel := toks[i].Rel
			switch rel.Base() {
			case redline.Advcl, redline.Acl:
				switch {
				case marker >= 0 && h >= 0 && toks[h].UPOS == redline.VERB:
					rel = redline.Obl
				case marker >= 0:
					rel = redline.Nmod
				case i < h && toks[h].UPOS == redline.VERB && !hasChild(toks, h, redline.Nsubj):
					rel = redline.Nsubj
				default:
					rel = redline.Dep
				}
			case redline.Csubj:
				rel = redline.Nsubj
			case redline.Xcomp, redline.Ccomp:
				rel = redline.Obj
				if hasChild(toks, h, redline.Obj) {
					rel = redline.Dep
				}
			}
			toks[n].Rel, toks[n].Head = rel, toks[i].Head
			for j := range toks {
				if j < i && int(toks[j].Head) == i {
					switch toks[j].Rel.Base() {
					case redline.Mark, redline.Case:
						toks[j].Rel, toks[j].Head = redline.Case, int32(n)
					}
				}
			}
			m = n
		}
		toks[i].UPOS, toks[i].XPOS, toks[i].Lemma, toks[i].Rel, toks[i].Head = redline.ADJ, "JJ", toks[i].Lower, redline.Amod, int32(m)
		// What else hung on the participle (a date, a clause) is the
		// clause's.
		for j := range toks {
			if int(toks[j].Head) == i {
				toks[j].Head = int32(h)
			}
		}
	}
	return toks, fixed
}

// leftmostTok is the first token of n's subtree.
func leftmostTok(toks []redline.Token, n int) int {
	l := n
	for j := n - 1; j >= 0; j-- {
		if dominates(toks, n, j) {
			l = j
		}
	}
	return l
}

// rightmostTok is the last token of n's subtree.
func rightmostTok(toks []redline.Token, n int) int {
	r := n
	for j := n + 1; j < len(toks); j++ {
		if dominates(toks, n, j) {
			r = j
		}
	}
	return r
}

// hasChild reports a dependent of h with base relation rel.
func hasChild(toks []redline.Token, h int, rel redline.DepRel) bool {
	for j := range toks {
		if int(toks[j].Head) == h && toks[j].Rel.Base() == rel {
			return true
		}
	}
	return false
}

// namesPerson reports a person or a title among tokens a..b. Actors are
// matched again after the repairs, so s.matches serves as scratch; this
// runs only for the rare word that needs it.
func (s *sentenceState) namesPerson(toks []redline.Token, a, b int) bool {
	s.matches = s.c.dict.MatchActorsIn(s.matches[:0], toks, s.doc.Date, &s.c.surnames)
	for _, m := range s.matches {
		if m.Start >= a && m.End <= b+1 && (m.Kind == dict.Person || m.Kind == dict.Agent) {
			return true
		}
	}
	return false
}

// repairFrontedSubject gives a verb whose subject the parser coordinated
// with a fronted phrase ("On Wednesday, French President Emmanuel Macron
// in Berlin called", "Macron" a conjunct of "Wednesday"; "In late January,
// Burkina Faso, Mali and Niger withdrew", with "January" taken for the
// subject; "On Friday, the Israeli army in Gaza attacked", the army an
// appositive of "Friday") that subject: a time or prepositional phrase set
// off by a comma is not coordinated with, nor restated by, the noun phrase
// after the comma, which is the
// verb's subject when the verb has no other. A subject never has a
// preposition, so a "subject" with one is that fronted phrase.
func (s *sentenceState) repairFrontedSubject(toks []redline.Token, fixed bool) ([]redline.Token, bool) {
	for c := range toks {
		if toks[c].Rel != redline.Conj && toks[c].Rel != redline.Appos {
			continue
		}
		d := int(toks[c].Head)
		if d < 0 || d >= c {
			continue
		}
		r := int(toks[d].Head)
		if r <= c || toks[r].UPOS != redline.VERB {
			continue
		}
		if u := toks[c].UPOS; u != redline.NOUN && u != redline.PROPN && u != redline.PRON {
			continue
		}
		db := toks[d].Rel.Base()
		if db != redline.Obl && !(db == redline.Nsubj && caseWord(toks, d) != "") {
			continue
		}
		// The first conjunct after d, set off by a comma, without a
		// conjunction of its own (a list would have one).
		first, comma, subj := true, false, false
		for j := range toks {
			h := int(toks[j].Head)
			if h == d && toks[j].Rel == redline.Conj && j > d && j < c {
				first = false
			}
			if h == c && toks[j].Rel == redline.Cc {
				first = false
			}
			if h == r && j != d {
				switch toks[j].Rel.Base() {
				case redline.Nsubj, redline.Csubj, redline.Expl:
					subj = true
				}
			}
		}
		if l := leftmostTok(toks, c); toks[l].Lower == "," || (l > 0 && toks[l-1].Lower == ",") {
			comma = true
		}
		if !first || !comma || subj {
			continue
		}
		toks, fixed = s.mend(toks, fixed)
		rel := redline.Nsubj
		if hasChild(toks, r, redline.Aux) && passiveAux(toks, r) {
			rel = redline.NsubjPass
		}
		toks[c].Rel, toks[c].Head = rel, int32(r)
		if db == redline.Nsubj {
			toks[d].Rel = redline.Obl
		}
		// The rest of the phrase after the subject ("in Berlin", "Mali
		// and Niger") belongs to the subject.
		for j := c + 1; j < r; j++ {
			if int(toks[j].Head) != d {
				continue
			}
			toks[j].Head = int32(c)
			// A "conjunct" with neither comma nor conjunction before it
			// is the rest of the subject's name ("German Chancellor Olaf
			// Scholz" split after the title).
			if l := leftmostTok(toks, j); toks[j].Rel == redline.Conj && !hasChild(toks, j, redline.Cc) && toks[l].Lower != "," && toks[l-1].Lower != "," {
				toks[j].Rel = redline.Appos
			}
		}
	}
	return toks, fixed
}

// passiveAux reports a passive auxiliary on verb v.
func passiveAux(toks []redline.Token, v int) bool {
	for j := range toks {
		if int(toks[j].Head) == v && toks[j].Rel == redline.AuxPass {
			return true
		}
	}
	return false
}

// repairVocative makes the subject of a finite verb that has none the name
// the parser took for a form of address before it ("Ankara, too, is warning
// Washington", "Greece, replying to a warning from Turkey, repeated"): news
// addresses no one, and a finite clause has a subject. An imperative (a
// bare verb without auxiliary) keeps its vocative.
func (s *sentenceState) repairVocative(toks []redline.Token, fixed bool) ([]redline.Token, bool) {
	for n := range toks {
		v := int(toks[n].Head)
		if toks[n].Rel != redline.Vocative || v <= n || toks[v].UPOS != redline.VERB {
			continue
		}
		if u := toks[n].UPOS; u != redline.PROPN && u != redline.NOUN {
			continue
		}
		tensed := toks[v].XPOS == "VBD" || toks[v].XPOS == "VBZ" || toks[v].XPOS == "VBP"
		subj := false
		for j := range toks {
			if int(toks[j].Head) != v {
				continue
			}
			switch toks[j].Rel.Base() {
			case redline.Nsubj, redline.Csubj, redline.Expl:
				subj = true
			case redline.Aux:
				tensed = true
			}
		}
		if subj || !tensed {
			continue
		}
		toks, fixed = s.mend(toks, fixed)
		toks[n].Rel = redline.Nsubj
		if passiveAux(toks, v) {
			toks[n].Rel = redline.NsubjPass
		}
	}
	return toks, fixed
}

// timeUnits measure the distance of one event from another ("two days
// after").
var timeUnits = set("hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades")

// repairTimeSubject mends "two days after Erdogan denounced Israel" parsed
// with "days" the subject of "denounced" and "after Erdogan" its modifier:
// a measure of time is not who acts; the name after the subordinator is
// the subject, the subordinator opens the clause, and the measure dates it.
func (s *sentenceState) repairTimeSubject(toks []redline.Token, fixed bool) ([]redline.Token, bool) {
	for d := range toks {
		v := int(toks[d].Head)
		if v <= d || toks[d].Rel.Base() != redline.Nsubj || !timeUnits[toks[d].Lower] || toks[v].UPOS != redline.VERB {
			continue
		}
		c, k := -1, -1
		for j := d + 1; j < v; j++ {
			if int(toks[j].Head) != d || toks[j].Rel != redline.Nmod {
				continue
			}
			for i := d + 1; i < j; i++ {
				if int(toks[i].Head) == j && toks[i].Rel == redline.Case {
					switch toks[i].Lower {
					case "after", "before", "since", "until":
						c, k = j, i
					}
				}
			}
			break
		}
		if c < 0 {
			continue
		}
		toks, fixed = s.mend(toks, fixed)
		toks[c].Rel, toks[c].Head = toks[d].Rel, int32(v)
		toks[k].Rel, toks[k].Head = redline.Mark, int32(v)
		toks[d].Rel, toks[d].Head = redline.OblTmod, int32(v)
	}
	return toks, fixed
}

// repairComplementSubject mends a clause complement without "that" whose
// subject the parser made the object of the verb before it ("announced
// Kenya had given the agency 14 days", "thinks North Korea could escalate
// threats", with "Kenya" and "Korea" objects and the clause subjectless):
// a tensed clause, or one with an auxiliary, has a subject, and the noun
// phrase right before it is that subject. A verb of telling keeps its
// object, the one told.
func (s *sentenceState) repairComplementSubject(toks []redline.Token, fixed bool) ([]redline.Token, bool) {
	for c := range toks {
		v := int(toks[c].Head)
		if toks[c].Rel != redline.Ccomp || toks[c].UPOS != redline.VERB || v < 0 || v >= c || tellVerbs[toks[v].Lemma] {
			continue
		}
		// A bare participle as a clause is a past tense the tagger took for
		// one ("said the envoy met with").
		tensed := toks[c].XPOS == "VBD" || toks[c].XPOS == "VBZ" || toks[c].XPOS == "VBP" || toks[c].XPOS == "VBN"
		bad, aux := false, false
		for j := range toks {
			if int(toks[j].Head) != c {
				continue
			}
			switch toks[j].Rel.Base() {
			case redline.Nsubj, redline.Csubj, redline.Expl, redline.Mark:
				bad = true
			case redline.Aux:
				tensed, aux = true, true
			}
		}
		if bad || !tensed {
			continue
		}
		// The clause opens with its verb group: nothing but the verb's own
		// auxiliaries, adverbs and punctuation before it ("at the London
		// talks" with "talks" tagged a verb is no clause).
		l := leftmostTok(toks, c)
		for l < c && int(toks[l].Head) == c && (toks[l].Rel.Base() == redline.Aux || toks[l].Rel.Base() == redline.Advmod || toks[l].Rel.Base() == redline.Cc || toks[l].UPOS == redline.PUNCT) {
			l++
		}
		if l != c {
			continue
		}
		// The verb's nominal dependent whose phrase ends right before it.
		e := leftmostTok(toks, c) - 1
		for e > v && (toks[e].UPOS == redline.PUNCT || toks[e].Rel.Base() == redline.Advmod) {
			e--
		}
		n := -1
		for j := v + 1; j <= e; j++ {
			if int(toks[j].Head) != v || (toks[j].UPOS != redline.NOUN && toks[j].UPOS != redline.PROPN) {
				continue
			}
			switch toks[j].Rel {
			case redline.Obj, redline.Ccomp, redline.Iobj, redline.Dep:
				if rightmostTok(toks, j) == e {
					n = j
				}
			}
		}
		// Without an auxiliary only a bare verb form says it is a clause,
		// and the tagger also reads plurals so ("backed Brazil at the
		// London talks"): the subject must then end in its own name, not
		// in a prepositional phrase.
		if n < 0 || (!aux && endsInModifier(toks, n, e)) {
			continue
		}
		toks, fixed = s.mend(toks, fixed)
		toks[n].Rel, toks[n].Head = redline.Nsubj, int32(c)
		if passiveAux(toks, c) {
			toks[n].Rel = redline.NsubjPass
		}
	}
	return toks, fixed
}

// endsInModifier reports whether the path from token e up to n passes a
// prepositional or clausal modifier.
func endsInModifier(toks []redline.Token, n, e int) bool {
	for steps := 0; e != n && e >= 0 && steps < len(toks); steps++ {
		switch toks[e].Rel.Base() {
		case redline.Nmod, redline.Acl, redline.Obl:
			if toks[e].Rel != redline.NmodPoss {
				return true
			}
		}
		e = int(toks[e].Head)
	}
	return false
}

// speechVerbs report what was said, before or after their subject.
var speechVerbs = set("say", "write", "add", "note", "explain", "state", "insist", "declare", "reply", "conclude")

// repairFinalSpeaker mends a sentence that ends in its speaker ("...,
// the International Commodities Clearing House said.", "..., officials and
// seismologists said.") whose speaker the parser hung inside the reported
// clause, as an object or oblique of one of its words: after the last
// comma, a single noun phrase right before a final verb of saying that
// reports the clause before it is that verb's subject. Of an appositive
// ("Egypt's Minister of State, Boutros Boutros Ghali, said"), the phrase it
// restates.
func (s *sentenceState) repairFinalSpeaker(toks []redline.Token, fixed bool) ([]redline.Token, bool) {
	for v := 2; v < len(toks); v++ {
		if toks[v].UPOS != redline.VERB || !speechVerbs[toks[v].Lemma] {
			continue
		}
		// Nothing after the verb but punctuation and its own adjuncts
		// ("said on Tuesday").
		end := true
		for j := v + 1; j < len(toks) && end; j++ {
			if toks[j].UPOS != redline.PUNCT && !dominates(toks, v, j) {
				end = false
			}
		}
		q, subj := -1, false
		for j := range toks {
			if int(toks[j].Head) != v {
				continue
			}
			switch toks[j].Rel.Base() {
			case redline.Nsubj, redline.Csubj, redline.Expl:
				subj = true
			case redline.Ccomp, redline.Parataxis:
				if j < v {
					q = j
				}
			case redline.Obj, redline.Iobj:
				if j > v {
					subj = true // "told VOA": not this shape
				}
			}
		}
		if !end || subj || q < 0 {
			continue
		}
		// The phrase between the last comma and the verb.
		e := v - 1
		for e > q && toks[e].UPOS == redline.PUNCT {
			e--
		}
		k := e
		for k > q && toks[k].Lower != "," {
			k--
		}
		if k <= q || k >= e {
			continue
		}
		h := -1
		for j := k + 1; j <= e; j++ {
			if g := int(toks[j].Head); g <= k || g > e {
				if h >= 0 {
					h = -2 // more than one phrase
					break
				}
				h = j
			}
		}
		if h < 0 {
			continue
		}
		if u := toks[h].UPOS; u != redline.NOUN && u != redline.PROPN {
			continue
		}
		// Of an appositive (or a conjunct without a conjunction, which is
		// one), the phrase it restates, set off by a comma of its own ("a
		// spokesman for the Foreign Trade Department, Cacex, said"): up
		// through the nominals it hangs on.
		if toks[h].Rel == redline.Appos || (toks[h].Rel == redline.Conj && !hasCc(toks, h)) {
			for g, steps := int(toks[h].Head), 0; g >= 0 && g < k && steps < 4; g, steps = int(toks[g].Head), steps+1 {
				if u := toks[g].UPOS; u != redline.NOUN && u != redline.PROPN {
					break
				}
				if l := leftmostTok(toks, g); toks[l].Lower == "," || (l > 0 && toks[l-1].Lower == ",") {
					h = g
					break
				}
				if b := toks[g].Rel.Base(); b != redline.Nmod && b != redline.Appos && b != redline.Compound && b != redline.Flat {
					break
				}
			}
		}
		if dominates(toks, h, v) {
			continue
		}
		toks, fixed = s.mend(toks, fixed)
		toks[h].Rel, toks[h].Head = redline.Nsubj, int32(v)
	}
	return toks, fixed
}

// repairInvertedSpeaker mends a verb of saying that follows what it reports
// and precedes its speaker ("...," wrote one user from Hebei; "...," said
// former Ambassador Mithat Rende) with the speaker parsed as its object or
// complement: after a quotation the speaker is the subject. A participle
// the tagger took for the verb of such a phrase ("said retired Turkish
// admiral Cem Gurdeniz", "retired" a verb with "admiral" its object) is
// the speaker's adjective.
func (s *sentenceState) repairInvertedSpeaker(toks []redline.Token, fixed bool) ([]redline.Token, bool) {
	for v := 1; v+1 < len(toks); v++ {
		if toks[v].UPOS != redline.VERB || !speechVerbs[toks[v].Lemma] {
			continue
		}
		q, subj, n := -1, false, -1
		for j := range toks {
			if int(toks[j].Head) != v {
				continue
			}
			switch b := toks[j].Rel.Base(); {
			case b == redline.Nsubj || b == redline.Csubj || b == redline.Expl:
				subj = true
			case (b == redline.Ccomp || b == redline.Parataxis) && j < v:
				q = j
			case b == redline.Ccomp && j > v && toks[j].UPOS == redline.VERB && hasChild(toks, j, redline.Nsubj):
				subj = true // it reports a clause of its own after it
			case j > v && n < 0 && leftmostTok(toks, j) == v+1:
				n = j
			}
		}
		if subj || q < 0 || n < 0 || toks[v-1].UPOS != redline.PUNCT {
			continue
		}
		// The reported clause ends right before the verb (its closing
		// punctuation aside).
		if e := rightmostTok(toks, q); e < v-3 {
			continue
		}
		p := -1
		if toks[n].UPOS == redline.VERB && (toks[n].XPOS == "VBD" || toks[n].XPOS == "VBN") {
			// "retired Turkish admiral": the participle's object.
			o := -1
			for j := n + 1; j < len(toks); j++ {
				if int(toks[j].Head) == n && toks[j].Rel == redline.Obj && leftmostTok(toks, j) == n+1 {
					o = j
					break
				}
			}
			if o < 0 {
				continue
			}
			p, n = n, o
		}
		if u := toks[n].UPOS; u != redline.NOUN && u != redline.PROPN {
			continue
		}
		switch toks[n].Rel.Base() {
		case redline.Obj, redline.Ccomp, redline.Xcomp, redline.Obl, redline.Dep:
		default:
			continue
		}
		if p < 0 && caseWord(toks, n) != "" {
			continue
		}
		toks, fixed = s.mend(toks, fixed)
		toks[n].Rel, toks[n].Head = redline.Nsubj, int32(v)
		if p >= 0 {
			toks[p].UPOS, toks[p].XPOS, toks[p].Lemma, toks[p].Rel, toks[p].Head = redline.ADJ, "JJ", toks[p].Lower, redline.Amod, int32(n)
			for j := range toks {
				if int(toks[j].Head) == p {
					toks[j].Head = int32(n)
				}
			}
		}
	}
	return toks, fixed
}
