package coder

// Who acts and who is acted on: sources and targets from the tree.

import (
	"github.com/redline-events/redline"
	"github.com/redline-events/redline/dict"
)

// sources returns the actors that do what predicate v says.
func (s *sentenceState) sources(v int, noun bool, out []actorRef) []actorRef {
	t := &s.t
	if noun {
		if o := s.nounAgents(v, out); len(o) > len(out) {
			return o
		}
		if subj := s.culpable(v); subj >= 0 {
			return s.actorsOf(subj, out)
		}
		// "Russia launched an invasion", "Serb forces were engaged in
		// ethnic cleansing": the light verb's subject.
		if h := t.head(v); h >= 0 && lightVerbs[t.lemma(h)] {
			if r := t.toks[v].Rel.Base(); r == redline.Obj || (r == redline.Obl && t.caseOf(v) == "in") {
				return s.sources(h, false, out)
			}
		}
		return out
	}
	if t.isPassive(v) {
		for c := t.first[v]; c >= 0; c = t.next[c] {
			if r := t.toks[c].Rel; (r == redline.OblAgent || r.Base() == redline.Obl) && t.caseOf(int(c)) == "by" {
				return s.actorsOf(int(c), out)
			}
		}
		// "was opposed earlier by Osgiliath": the agent hung on an
		// adverb of the verb.
		if a := t.byAgent(v); a >= 0 {
			return s.actorsOf(a, out)
		}
		// "has been accused of misusing funds, much of it believed to have
		// been embezzled, by current government officials": an agent set
		// off by a comma closes the parenthetical and belongs to the
		// passive before it, wherever the parse hung it.
		if a := s.commaAgent(v, v, 0); a >= 0 {
			if o := s.actorsOf(a, out); len(o) > len(out) {
				return o
			}
		}
		// "was arrested in Lebanon", "put under investigation in Italy":
		// without an agent, the state where it happened acts.
		if s.stateAction(v) {
			// On the verb, or on its oblique: "put under investigation in
			// Italy".
			for c := t.first[v]; c >= 0; c = t.next[c] {
				if t.toks[c].Rel.Base() != redline.Obl {
					continue
				}
				if t.caseOf(int(c)) == "in" {
					if m := s.mention[c]; m >= 0 && s.matches[m].Kind == dict.Country {
						return append(out, s.refFromMatch(&s.matches[m]))
					}
				}
				for d := t.first[c]; d >= 0; d = t.next[d] {
					if t.toks[d].Rel == redline.Nmod && t.caseOf(int(d)) == "in" {
						if m := s.mention[d]; m >= 0 && s.matches[m].Kind == dict.Country {
							return append(out, s.refFromMatch(&s.matches[m]))
						}
					}
				}
			}
		}
		return out
	}
	if subj := t.subject(v); subj >= 0 {
		n := len(out)
		eventNoun := s.eventNoun(subj)
		if _, _, pair := s.hyphenPair(subj); eventNoun && (pair || s.hasPatientCompound(subj)) {
			// "The Gaza offensive killed hundreds": the offensive's doer,
			// never the place it hit; "Russia-Ukraine talks resumed": both
			// parties.
			return s.nounAgents(subj, out)
		}
		if out = s.subjectActors(v, subj, out); len(out) > n {
			return out
		}
		// "The talks between Iran and Iraq ended": an event noun subject's
		// own parties.
		if eventNoun {
			return s.nounAgents(subj, out)
		}
		return out
	}
	// "imposed sanctions after Russian troops invaded Ukraine": a parser
	// that missed the clause's subject may have hung it before the verb
	// under the subordinator ("after Russian troops" as an oblique).
	if finite(t.toks[v].XPOS) {
		for c := t.first[v]; c >= 0 && int(c) < v; c = t.next[c] {
			if t.toks[c].Rel.Base() == redline.Obl && subordinators[t.caseOf(int(c))] {
				return s.actorsOf(int(c), out)
			}
		}
	}
	h := t.head(v)
	if h < 0 {
		return out
	}
	if subj := s.culpable(v); subj >= 0 {
		return s.actorsOf(subj, out)
	}
	if g := s.stepsTaken(v); g >= 0 {
		return s.sources(g, false, out)
	}
	switch t.toks[v].Rel {
	case redline.Xcomp:
		// "urged Iran to release": object control; "agreed to allow": the
		// controller's subject.
		if objectControl[t.lemma(h)] {
			if o := t.child(h, redline.Obj); o >= 0 {
				return s.actorsOf(o, out)
			}
			if o := t.childBase(h, redline.Obl); o >= 0 && t.caseOf(o) == "on" {
				return s.actorsOf(o, out)
			}
		}
		return s.sources(h, false, out)
	case redline.Conj, redline.Advcl:
		if t.toks[v].Rel == redline.Advcl && t.child(v, redline.Cc) >= 0 && t.child(v, redline.Mark) < 0 {
			// "Benin opened its borders to West Africans ordered out of
			// Nigeria, but was still refusing admittance": a predicate
			// opened by "but" or "and" is a conjunct the parser hung
			// lower; it shares the subject of the nearest clause above
			// that has one.
			for g, steps := h, 0; g >= 0 && steps < 3; g, steps = t.head(g), steps+1 {
				if subj := t.subject(g); subj >= 0 && t.toks[g].UPOS == redline.VERB {
					return s.subjectActors(g, subj, out)
				}
			}
			return out
		}
		if t.toks[v].Rel == redline.Advcl && finite(t.toks[v].XPOS) {
			// A finite adverbial clause has a subject of its own, never
			// the main clause's (see subordinateSubject).
			return out
		}
		if t.toks[v].Rel == redline.Advcl && (judgingVerbs[t.lemma(h)] || stateVerbs[t.lemma(h)]) && s.markedBy(v, "of", "with", "for") {
			// "charged Russia with attacking", "praised Kyiv for
			// holding", "arrested students for attacking soldiers":
			// the one judged or punished did it.
			if o := t.child(h, redline.Obj); o >= 0 {
				return s.actorsOf(o, out)
			}
		}
		if t.toks[h].UPOS == redline.VERB {
			// "has been indicted ... and will resign": an active verb
			// shares the passive one's surface subject, not its agent.
			if t.isPassive(h) {
				if sp := t.child(h, redline.NsubjPass); sp >= 0 {
					return s.actorsOf(sp, out)
				}
				return out
			}
			return s.sources(h, false, out)
		}
	case redline.AclRelcl:
		return s.actorsOf(h, out)
	case redline.Acl:
		// A finite verb, or a participle with an object, that the parse
		// hung on the noun before it ("A top U.S. official today praised
		// Haiti's efforts", "The Palestinians reject the changes") has that
		// noun for its subject: a reduced relative would be passive.
		if s.activeAcl(v) {
			// From "Forces" in "Sudan's army and the Rapid Support Forces
			// clashed" to the whole coordination.
			for t.toks[h].Rel == redline.Conj && t.head(h) >= 0 {
				h = t.head(h)
			}
			return s.actorsOf(h, out)
		}
		// "demonstrators protesting election results": a present
		// participle is done by the actor it describes. After a comma
		// (", killing dozens") or on a bare country or city ("the capital
		// Mogadishu using car bombs") it is rather an adverbial the parser
		// misplaced.
		if t.toks[v].XPOS == "VBG" && t.child(v, redline.Mark) < 0 && v > 0 && t.toks[v-1].Lower != "," {
			if a, ok := s.npActor(h); ok && a.kind != dict.Country && a.kind != dict.Place {
				return s.actorsOf(h, out)
			}
		}
		// "he has no intent on invading": the noun's verb's subject.
		if g := t.head(h); g >= 0 && t.toks[g].UPOS == redline.VERB {
			if r := t.toks[h].Rel.Base(); r == redline.Obj || r == redline.Obl {
				return s.sources(g, false, out)
			}
		}
	}
	return out
}

// commaAgent returns a "by" phrase after a comma in v's subtree, below h,
// four levels down, or -1.
func (s *sentenceState) commaAgent(v, h, depth int) int {
	t := &s.t
	for c := t.first[h]; c >= 0; c = t.next[c] {
		if int(c) < v {
			continue
		}
		if b := t.toks[c].Rel.Base(); b == redline.Conj || b == redline.Obl || b == redline.Nmod {
			if k := t.child(int(c), redline.Case); k > 1 && t.toks[k].Lower == "by" && t.toks[k-1].Lower == "," {
				return int(c)
			}
		}
		if depth < 4 {
			if a := s.commaAgent(v, int(c), depth+1); a >= 0 {
				return a
			}
		}
	}
	return -1
}

// subjectActors appends the actors of v's subject subj. A parse with two
// subjects may be a coordination the parser did not see ("The United
// States and the European Union imposed" with both as nsubj), one name
// split in two ("79-year-old President Joe Biden"), or a date taken for
// a subject ("said Wednesday that the US must"): every one that names an
// actor counts.
func (s *sentenceState) subjectActors(v, subj int, out []actorRef) []actorRef {
	t := &s.t
	n := len(out)
	out = s.actorsOf(subj, out)
	split := false
	for c := t.first[v]; c >= 0; c = t.next[c] {
		if int(c) != subj && t.toks[c].Rel == t.toks[subj].Rel {
			m := len(out)
			out = s.actorsOf(int(c), out)
			// "Human rights watchdog Amnesty International" split in two:
			// a description with no name of its own right before a named
			// actor is that actor, not a second one.
			if m == n+1 && len(out) == m+1 && int(c) > subj && s.describesNext(subj, int(c), out[n], out[m]) {
				out = append(out[:n], out[m])
			}
			split = true
		}
	}
	if !split {
		return out
	}
	// A name split in two ("Russian" and "President Vladimir Putin") is
	// one actor: a bare country that another subject belongs to goes.
	k := n
	for i, a := range out[n:] {
		dup := false
		if a.kind == dict.Country {
			for j, b := range out[n:] {
				if j != i && b.kind != dict.Country && b.actor.Country == a.actor.Country {
					dup = true
				}
			}
		}
		if !dup {
			out[k] = a
			k++
		}
	}
	return out[:k]
}

// describesNext reports a subject a that only describes the subject b
// which follows it with nothing between: a is a role whose country the text
// did not give (an agent, its country inferred or none), b a named
// organisation, group or person.
func (s *sentenceState) describesNext(ha, hb int, a, b actorRef) bool {
	if a.kind != dict.Agent || (a.actor.Country != "" && !a.actor.Inferred) {
		return false
	}
	if b.kind != dict.Org && b.kind != dict.Group && b.kind != dict.Person {
		return false
	}
	t := &s.t
	end := ha
	for i := ha + 1; i < hb; i++ {
		h, steps := t.head(i), 0
		for h >= 0 && h != ha && steps < 8 {
			h, steps = t.head(h), steps+1
		}
		if h != ha {
			break
		}
		end = i
	}
	return t.leftmost(hb, 0) == end+1
}

// requestNoun reports a noun whose patterns are all appeals, demands or
// offers: "demands from UNITA", "pressure from the commission", "an offer
// from Afghanistan" name who asks or offers with "from".
func (s *sentenceState) requestNoun(v int) bool {
	pats := s.c.dict.Patterns(s.t.lemma(v), true)
	for _, p := range pats {
		switch p.Code.Root() {
		case "02", "03", "10":
		default:
			return false
		}
	}
	return len(pats) > 0
}

// nounAgents appends who does event noun v by the noun's own
// dependents: "Russia's invasion", "the Russian invasion", "an invasion by
// Russia", "talks between Iran and Iraq" (each party, the other its
// target), "the demonstration staged by students", "a proposal made by the
// Commission".
func (s *sentenceState) nounAgents(v int, out []actorRef) []actorRef {
	t := &s.t
	if a, b, ok := s.hyphenPair(v); ok {
		// "US-Iran talks": both parties, each the other's target.
		return s.withParties(out, a, b)
	}
	for c := t.first[v]; c >= 0; c = t.next[c] {
		r := t.toks[c].Rel
		if s.patientCompound(v, int(c)) {
			continue
		}
		if r == redline.NmodPoss || r == redline.Amod || r == redline.Compound ||
			(r.Base() == redline.Nmod && (t.caseOf(int(c)) == "by" || t.caseOf(int(c)) == "between" ||
				(t.caseOf(int(c)) == "from" && s.requestNoun(v)))) {
			if o := s.actorsOf(int(c), out); len(o) > len(out) {
				return o
			}
		}
	}
	for c := t.first[v]; c >= 0; c = t.next[c] {
		// Only a verb of doing the event ("staged", "made", "proposed"), not
		// of causing it: in "protests triggered by the killing" the killing
		// did not protest.
		if t.toks[c].Rel != redline.Acl || t.toks[c].XPOS != "VBN" || !(lightVerbs[t.lemma(int(c))] || t.lemma(int(c)) == "propose") {
			continue
		}
		for a := t.first[c]; a >= 0; a = t.next[a] {
			if r := t.toks[a].Rel; (r == redline.OblAgent || r.Base() == redline.Obl) && t.caseOf(int(a)) == "by" {
				if o := s.actorsOf(int(a), out); len(o) > len(out) {
					return o
				}
			}
		}
	}
	return out
}

// patientCompound reports a proper-noun compound c of event noun v that
// names where or on whom the event is done, not who does it: a town or
// region hit by force ("the Gaza offensive", "the Bouake attack"), the
// land of an invasion ("a new Ukraine invasion"), or any place the noun
// also has a doer for ("Russia's Ukraine invasion", "the Israeli Gaza
// offensive"). Otherwise a country compound is the doer, as CAMEO reads
// "U.S. tariffs", "the U.K. ban" and "U.S. airstrikes".
func (s *sentenceState) patientCompound(v, c int) bool {
	t := &s.t
	if t.toks[c].Rel != redline.Compound || t.toks[c].UPOS != redline.PROPN || t.toks[v].UPOS != redline.NOUN {
		return false
	}
	m := s.mention[c]
	if m < 0 {
		return false
	}
	kind := s.matches[m].Kind
	if kind != dict.Place && kind != dict.Country {
		return false
	}
	pats := s.c.dict.Patterns(t.lemma(v), true)
	invasion := len(pats) > 0
	for _, p := range pats {
		switch p.Code.Root() {
		case "18", "19", "20":
		default:
			return false
		}
		if p.Code != "192" {
			invasion = false
		}
	}
	if len(pats) == 0 {
		return false
	}
	if kind == dict.Place || invasion {
		return true
	}
	for d := t.first[v]; d >= 0; d = t.next[d] {
		if r := t.toks[d].Rel; r == redline.NmodPoss || r == redline.Amod {
			if m := s.mention[d]; m >= 0 {
				return true
			}
		}
	}
	return false
}

// hyphenPair finds two named actors joined by a hyphen in the modifiers
// before event noun v ("US-Iran talks", "the Russia-Ukraine war", "Israel-
// Hamas ceasefire"), read as "talks between the US and Iran": it returns
// their matches.
func (s *sentenceState) hyphenPair(v int) (a, b int, ok bool) {
	t := &s.t
	if t.toks[v].UPOS != redline.NOUN {
		return 0, 0, false
	}
	// The modifiers stand right before the noun: walk left over the
	// compound and adjective words that hang inside the noun phrase.
	i := v - 1
	for ; i >= 0 && v-i <= 6; i-- {
		if t.toks[i].Lower == "-" && i > 0 && i+1 < v {
			l, r := s.mention[i-1], s.mention[i+1]
			if l >= 0 && r >= 0 && l != r && named(s.matches[l].Kind) && named(s.matches[r].Kind) &&
				s.matches[l].End == i && s.matches[r].Start == i+1 && s.inPhrase(i-1, v) && s.inPhrase(i+1, v) {
				return int(l), int(r), true
			}
		}
		if r := t.toks[i].Rel; r != redline.Compound && r != redline.Amod && r != redline.Flat && r != redline.Punct && r != redline.Nummod {
			break
		}
	}
	return 0, 0, false
}

// withParties appends the actors of matches a and b, a hyphenated pair.
func (s *sentenceState) withParties(out []actorRef, a, b int) []actorRef {
	return append(out, s.refFromMatch(&s.matches[a]), s.refFromMatch(&s.matches[b]))
}

// named reports the kinds of actor a hyphenated pair may join.
func named(k dict.Kind) bool {
	return k == dict.Country || k == dict.Group || k == dict.Org || k == dict.Person
}

// inPhrase reports whether token i hangs (through at most 4 heads) from v.
func (s *sentenceState) inPhrase(i, v int) bool {
	for h, steps := i, 0; h >= 0 && steps < 4; h, steps = s.t.head(h), steps+1 {
		if h == v {
			return true
		}
	}
	return false
}

// eventNoun reports a noun that some pattern codes as an event ("talks",
// "invasion").
func (s *sentenceState) eventNoun(i int) bool {
	return s.t.toks[i].UPOS == redline.NOUN && len(s.c.dict.Patterns(s.t.lemma(i), true)) > 0
}

// hasPatientCompound reports whether event noun v has a patientCompound.
func (s *sentenceState) hasPatientCompound(v int) bool {
	for c := s.t.first[v]; c >= 0; c = s.t.next[c] {
		if s.patientCompound(v, int(c)) {
			return true
		}
	}
	return false
}

// markedBy reports whether clause v is introduced by one of the words.
func (s *sentenceState) markedBy(v int, words ...string) bool {
	for c := s.t.first[v]; c >= 0; c = s.t.next[c] {
		if s.t.toks[c].Rel == redline.Mark {
			for _, w := range words {
				if s.t.toks[c].Lower == w {
					return true
				}
			}
		}
	}
	return false
}

// activeAcl reports a verb the parse attached as a clause on the noun
// before it although it reads as that noun's predicate: finite (VBD, VBZ,
// VBP), or a participle with an object of its own and no "by" agent.
func (s *sentenceState) activeAcl(v int) bool {
	t := &s.t
	if t.toks[v].Rel != redline.Acl || t.head(v) > v || t.child(v, redline.Mark) >= 0 {
		return false
	}
	switch t.toks[v].XPOS {
	case "VBD", "VBZ", "VBP":
		return true
	case "VBN":
		// A sentence that is only a noun phrase has its verb mistaken for
		// a participle: "Sudan's army and the RSF clashed in Khartoum".
		if r := s.npRoot(t.head(v)); r >= 0 && t.head(r) < 0 {
			if a := t.child(v, redline.OblAgent); a < 0 || t.caseOf(a) != "by" {
				return true
			}
		}
		if t.child(v, redline.Obj) < 0 && t.child(v, redline.Iobj) < 0 {
			return false
		}
		if a := t.child(v, redline.OblAgent); a >= 0 && t.caseOf(a) == "by" {
			return false
		}
		return true
	}
	return false
}

// npRoot climbs from noun h through conjuncts to the first conjunct.
func (s *sentenceState) npRoot(h int) int {
	t := &s.t
	for h >= 0 && t.toks[h].Rel == redline.Conj {
		h = t.head(h)
	}
	if h >= 0 && t.toks[h].UPOS != redline.NOUN && t.toks[h].UPOS != redline.PROPN {
		return -1
	}
	return h
}

// stateAction reports whether the predicate at v is one only a state does
// (arrest, detain, deport, indict, investigate, expel, ban, sentence): CAMEO
// roots 09, 16 and 17, judicial 11s, and whatever such a verb codes
// ("arrested for collaborating" is an accusation, 1125).
func (s *sentenceState) stateAction(v int) bool {
	if stateVerbs[s.t.lemma(v)] {
		return true
	}
	for i := range s.preds {
		if s.preds[i].tok == v {
			switch r := s.preds[i].code.Root(); r {
			case "09", "16", "17":
				return true
			case "11":
				return s.preds[i].code >= "115"
			}
		}
	}
	return false
}

// targets appends the actors that predicate p acts on.
func (s *sentenceState) targets(v int, p *predicate, out []actorRef) []actorRef {
	t := &s.t
	n := len(out)
	if p.pat != nil && len(p.pat.TargetPreps) > 0 {
		if i := s.targetByPrep(v, p.pat.TargetPreps, p.used); i >= 0 {
			if t.head(i) != v {
				// Found on a pattern word, it yields to an actor the verb
				// names as its object: "warned the United States against
				// any attack on Iranian soil".
				for _, rel := range [2]redline.DepRel{redline.Iobj, redline.Obj} {
					if o := t.child(v, rel); o >= 0 && (o >= 64 || p.used&(1<<uint(o)) == 0) && !s.own(o) {
						if out = s.actorsOf(o, out); len(out) > n {
							return out
						}
					}
				}
			}
			if out = s.actorsOrInside(i, out); len(out) > n {
				return out
			}
		}
	}
	if p.code.Root() == "13" {
		// An ultimatum threatens whoever must meet its condition: "threatened
		// to hold a strike unless Israel rescinded the annexation".
		if out = s.conditionSubject(v, p, out); len(out) > n {
			return out
		}
	}
	if p.noun {
		if a, b, ok := s.hyphenPair(v); ok {
			return s.withParties(out, a, b)
		}
		for c := t.first[v]; c >= 0; c = t.next[c] {
			if s.patientCompound(v, int(c)) {
				if out = s.actorsOf(int(c), out); len(out) > n {
					return out
				}
			}
			if t.toks[c].Rel == redline.Acl && c < 64 && p.used&(1<<uint(c)) != 0 && s.markedBy(int(c), "to") {
				// An infinitive of the pattern acts on its object: "an
				// attempt to assassinate the governor".
				if o := t.child(int(c), redline.Obj); o >= 0 {
					if out = s.actorsOrInside(o, out); len(out) > n {
						return out
					}
				}
			}
			if t.toks[c].Rel.Base() == redline.Nmod && t.toks[c].Rel != redline.NmodPoss {
				switch t.caseOf(int(c)) {
				case "of", "on", "against", "with", "between", "to", "into", "toward", "towards":
					if out = s.actorsOrInside(int(c), out); len(out) > n {
						return out
					}
				}
			}
		}
		// An event noun that is a verb's object ("showed their
		// disapproval for the United States' policies", "voiced anger
		// at Israel") is aimed where the verb's phrase of direction
		// points, which the parser often hangs on the verb; with a doer
		// only, as an aim alone makes no event.
		if h := t.head(v); len(s.self) > 0 && h >= 0 && t.toks[v].Rel == redline.Obj && t.toks[h].UPOS == redline.VERB {
			for c := t.first[h]; c >= 0; c = t.next[c] {
				if t.toks[c].Rel.Base() != redline.Obl || int(c) < v {
					continue
				}
				switch t.caseOf(int(c)) {
				case "against", "at", "for", "over", "toward", "towards", "upon", "with", "to":
					if out = s.actorsOrInside(int(c), out); len(out) > n {
						return out
					}
				}
			}
		}
		return out
	}
	if subj := t.subject(v); subj >= 0 && t.child(v, redline.Obj) < 0 {
		// "Russia-Ukraine talks resumed": each party the other's target.
		if a, b, ok := s.hyphenPair(subj); ok && s.eventNoun(subj) {
			return s.withParties(out, a, b)
		}
	}
	if t.isPassive(v) {
		if c := t.child(v, redline.NsubjPass); c >= 0 {
			return s.subjectActors(v, c, out)
		}
		if v2 := t.head(v); v2 >= 0 && t.toks[v].Rel == redline.Acl && !s.activeAcl(v) {
			// "forces led by X": the modified noun is the target.
			return s.actorsOf(v2, out)
		}
		return out
	}
	// Two parties acting on one another ("India and Pakistan held talks in
	// Dubai", "met in Rome") are each other's targets, not the place where
	// they meet.
	mutual := len(s.self) == 2 && s.reciprocal(v, p)
	if c := t.child(v, redline.Iobj); c >= 0 {
		// "read Putin the riot act", "gave Ukraine weapons".
		if out = s.actorsOf(c, out); len(out) > n {
			return out
		}
	}
	obj := t.child(v, redline.Obj)
	if obj < 0 {
		obj = t.clauseAsAmod(v)
	}
	if obj >= 0 && (obj >= 64 || p.used&(1<<uint(obj)) == 0) && !s.own(obj) {
		if out = s.actorsOrInside(obj, out); len(out) > n {
			return out
		}
	} else if obj >= 0 {
		// The object is a pattern word. It may name the target itself
		// ("expelled Russian diplomats", "ban opposition candidates"), or
		// its modifiers may ("rejected an offer from Afghanistan",
		// "demanded the removal of President X", "provide aid for Romania").
		if !s.own(obj) {
			if out = s.actorsOf(obj, out); len(out) > n {
				return out
			}
		}
		for c := t.first[obj]; c >= 0; c = t.next[c] {
			// Not the possessor: "opened its borders" is the subject's own.
			// Nor where parties acting on one another meet ("held talks in
			// Dubai").
			if t.toks[c].Rel.Base() == redline.Nmod && t.toks[c].Rel != redline.NmodPoss && !(mutual && t.caseOf(int(c)) == "in") {
				if out = s.actorsOrInside(int(c), out); len(out) > n {
					return out
				}
			}
		}
		if out = s.madeBy(obj, out); len(out) > n {
			return out
		}
		if out = s.ledTo(obj, out, 0); len(out) > n {
			return out
		}
	}
	// An event noun is done to whoever holds it: "prevented the
	// demonstration staged by students".
	if obj >= 0 && !s.own(obj) && s.eventNoun(obj) {
		if out = s.nounAgents(obj, out); len(out) > n {
			return out
		}
		// What the event did, in a relative clause on it: "organized
		// a general strike that shut down Kathmandu".
		for c := t.first[obj]; c >= 0; c = t.next[c] {
			if t.toks[c].Rel != redline.AclRelcl {
				continue
			}
			if subj := t.child(int(c), redline.Nsubj); subj >= 0 && relativePronouns[t.toks[subj].Lower] {
				if o := t.child(int(c), redline.Obj); o >= 0 {
					if out = s.actorsOrInside(o, out); len(out) > n {
						return out
					}
				}
			}
		}
	}
	// A verb among the pattern's items carries the target: "refused to meet
	// Jordan's King Abdullah" matches "refuse meet" (125), whose target is
	// the object of "meet".
	// So does a verb complement the pattern names nothing of: "threatened
	// to deliver devastating blows to the United States" (138), "insisting
	// on getting NATO membership", "warned against attacking Ukraine".
	for i := 0; i < len(t.toks) && i < 64; i++ {
		item := p.used&(1<<uint(i)) != 0 || (t.head(i) == v && t.toks[i].Rel == redline.Xcomp) ||
			(t.head(i) == v && t.toks[i].Rel.Base() == redline.Advcl && t.toks[i].XPOS == "VBG" && s.markedBy(i, "on", "for", "against"))
		if !item || t.toks[i].UPOS != redline.VERB {
			continue
		}
		// Its object ("ban opposition candidates"), even when the object
		// is itself an item, or an actor inside it ("resume attacks in
		// Israel"), or its target-like obliques ("cut off electricity to
		// Nakhichevan").
		for _, rel := range [2]redline.DepRel{redline.Obj, redline.Iobj} {
			if o := t.child(i, rel); o >= 0 && !s.own(o) {
				if out = s.actorsOrInside(o, out); len(out) > n {
					return out
				}
			}
		}
		for c := t.first[i]; c >= 0; c = t.next[c] {
			if t.toks[c].Rel.Base() != redline.Obl {
				continue
			}
			switch cs := t.caseOf(int(c)); cs {
			case "against", "on", "with", "to", "into", "at", "toward", "towards", "upon", "in":
				if mutual && cs == "in" {
					continue
				}
				if out = s.actorsOrInside(int(c), out); len(out) > n {
					return out
				}
			}
		}
	}
	// "invaded and annexed the Crimean Peninsula": a verb without an object
	// shares its conjunct's.
	if obj < 0 {
		if w := t.head(v); w >= 0 && t.toks[v].Rel == redline.Conj && t.toks[w].UPOS == redline.VERB {
			if o := t.child(w, redline.Obj); o >= 0 {
				if out = s.actorsOrInside(o, out); len(out) > n {
					return out
				}
			}
		}
		for c := t.first[v]; c >= 0; c = t.next[c] {
			if t.toks[c].Rel == redline.Conj && t.toks[c].UPOS == redline.VERB {
				if o := t.child(int(c), redline.Obj); o >= 0 {
					if out = s.actorsOrInside(o, out); len(out) > n {
						return out
					}
				}
				break
			}
		}
	}
	// The first actor-bearing oblique of the usual target prepositions.
	for c := t.first[v]; c >= 0; c = t.next[c] {
		if t.toks[c].Rel.Base() != redline.Obl {
			continue
		}
		switch t.caseOf(int(c)) {
		case "against", "on", "with", "to", "into", "at", "toward", "towards", "upon", "for", "from":
			if out = s.actorsOrInside(int(c), out); len(out) > n {
				return out
			}
		}
	}
	// A phrase of direction the parser hung on an adverb of the verb:
	// "marched very close to the border with Mordor", "sent them back to
	// China". Not "with" or "from" ("along with France", "away from").
	// Only for an event with a doer: such a phrase is a weak trace.
	for c := t.first[v]; c >= 0 && len(s.self) > 0; c = t.next[c] {
		if t.toks[c].Rel.Base() != redline.Advmod {
			continue
		}
		for d := t.first[c]; d >= 0; d = t.next[d] {
			if t.toks[d].Rel.Base() != redline.Obl {
				continue
			}
			switch t.caseOf(int(d)) {
			case "against", "on", "to", "into", "at", "toward", "towards", "upon":
				if out = s.actorsOrInside(int(d), out); len(out) > n {
					return out
				}
			}
		}
	}
	// A noun of the pattern names the other party in its own modifiers:
	// "engaged in ethnic cleansing against the Albanian population", "the
	// talks between Iran and Iraq ended".
	for i := 0; i < len(t.toks) && i < 64; i++ {
		if p.used&(1<<uint(i)) == 0 || t.toks[i].UPOS != redline.NOUN {
			continue
		}
		for c := t.first[i]; c >= 0; c = t.next[c] {
			if t.toks[c].Rel != redline.Nmod {
				continue
			}
			switch t.caseOf(int(c)) {
			case "against", "on", "with", "between", "to", "into", "toward", "towards", "upon", "at":
				if out = s.actorsOrInside(int(c), out); len(out) > n {
					return out
				}
			}
		}
	}
	// Yielding and refusing answer whoever asked: "conceded to demands
	// from UNITA", "declined to resign despite pressure by the commission".
	if r := p.code.Root(); r == "08" || r == "12" {
		if out = s.requester(v, out, 0); len(out) > n {
			return out
		}
	}
	// Appeals and demands address the subject of their clause: "demanding
	// that the Turkish government provide information", "its demand that
	// Israel ease restrictions".
	if r := p.code.Root(); r == "02" || r == "10" {
		for h := range s.t.toks {
			// v, its object, or a word of its pattern ("issued a
			// declaration demanding that ...").
			if h != v && h != obj && (h >= 64 || p.used&(1<<uint(h)) == 0) {
				continue
			}
			for c := t.first[h]; c >= 0; c = t.next[c] {
				if b := t.toks[c].Rel.Base(); b == redline.Ccomp || b == redline.Acl {
					if subj := t.subject(int(c)); subj >= 0 {
						if out = s.actorsOf(subj, out); len(out) > n {
							return out
						}
					}
				}
			}
		}
	}
	if mutual {
		return out
	}
	// Last, a country or capital where it happened: "opened an embassy in
	// Tehran", "postpone the demonstration in Baku", "resume attacks in
	// Israel" (on the verb or on its object).
	for _, h := range [2]int{v, obj} {
		if h < 0 {
			continue
		}
		for c := t.first[h]; c >= 0; c = t.next[c] {
			if b := t.toks[c].Rel.Base(); (b == redline.Obl || b == redline.Nmod) && t.caseOf(int(c)) == "in" {
				if m := s.mention[c]; m >= 0 && s.matches[m].Kind == dict.Country {
					return append(out, s.refFromMatch(&s.matches[m]))
				}
			}
		}
	}
	return out
}

// requester appends the agents of a request noun among h's obliques,
// objects and their complements, two levels down.
func (s *sentenceState) requester(h int, out []actorRef, depth int) []actorRef {
	t := &s.t
	n := len(out)
	for c := t.first[h]; c >= 0; c = t.next[c] {
		switch t.toks[c].Rel.Base() {
		case redline.Obl, redline.Obj, redline.Nmod, redline.Xcomp:
		default:
			continue
		}
		if t.toks[c].UPOS == redline.NOUN && s.requestNoun(int(c)) {
			if out = s.nounAgents(int(c), out); len(out) > n {
				return out
			}
		}
		if depth < 1 {
			if out = s.requester(int(c), out, depth+1); len(out) > n {
				return out
			}
		}
	}
	return out
}

// conditionSubject appends the subject of an "unless" or "if" clause on v
// or on a verb of its complement ("threatened to launch an offensive
// unless Baghdad accepted its conditions").
func (s *sentenceState) conditionSubject(v int, p *predicate, out []actorRef) []actorRef {
	t := &s.t
	n := len(out)
	for h := range t.toks {
		if h != v && !((h < 64 && p.used&(1<<uint(h)) != 0) || (t.head(h) == v && t.toks[h].Rel == redline.Xcomp)) {
			continue
		}
		if c := s.condition(h); c >= 0 {
			if subj := t.subject(c); subj >= 0 {
				if out = s.actorsOf(subj, out); len(out) > n {
					return out
				}
			}
		}
	}
	return out
}

// own reports a phrase the subject possesses, "its troops", "their
// ambassador": what one does with one's own is not done to another actor.
func (s *sentenceState) own(h int) bool {
	for c := s.t.first[h]; c >= 0; c = s.t.next[c] {
		if s.t.toks[c].Rel == redline.NmodPoss && s.t.toks[c].UPOS == redline.PRON && !relativePronouns[s.t.toks[c].Lower] {
			return true
		}
	}
	return false
}

// actorsOrInside resolves the phrase at h, or when it names no actor, the
// first actor in its prepositional modifiers, two levels down ("targets in
// Pakistan", "a mission of observers from the OSCE").
func (s *sentenceState) actorsOrInside(h int, out []actorRef) []actorRef {
	return s.actorsInside(h, out, 0)
}

func (s *sentenceState) actorsInside(h int, out []actorRef, depth int) []actorRef {
	n := len(out)
	if out = s.actorsOf(h, out); len(out) > n || depth >= 2 {
		return out
	}
	for c := s.t.first[h]; c >= 0; c = s.t.next[c] {
		if s.t.toks[c].Rel.Base() == redline.Nmod && s.t.toks[c].Rel != redline.NmodPoss {
			if out = s.actorsInside(int(c), out, depth+1); len(out) > n {
				return out
			}
		}
	}
	// Only the phrase itself: in "hitting targets in areas abandoned by
	// the forces" the forces are not hit.
	if depth == 0 {
		if out = s.madeBy(h, out); len(out) > n {
			return out
		}
	}
	return s.ledTo(h, out, depth)
}

// madeBy appends who made, sent or proposed the thing at h, by a
// participle with a "by" agent: "welcomed the memos sent by Bree",
// "rejected the plan put forward by France"; for a doer the text names
// (see ledTo).
func (s *sentenceState) madeBy(h int, out []actorRef) []actorRef {
	n := len(out)
	for c := s.t.first[h]; c >= 0 && len(s.self) > 0; c = s.t.next[c] {
		if s.t.toks[c].Rel != redline.Acl || s.t.toks[c].XPOS != "VBN" || !makingVerbs[s.t.lemma(int(c))] {
			continue
		}
		for a := s.t.first[c]; a >= 0; a = s.t.next[a] {
			if r := s.t.toks[a].Rel; (r == redline.OblAgent || r.Base() == redline.Obl) && s.t.caseOf(int(a)) == "by" {
				if out = s.actorsOf(int(a), out); len(out) > n {
					return out
				}
			}
		}
	}
	return out
}

// makingVerbs make, send, offer or hold a thing, whose maker or holder is
// the party the thing stands for ("the plan put forward by France", "the
// stake held by Carter"); "areas abandoned by the forces" are not theirs.
var makingVerbs = set("make", "send", "propose", "put", "submit", "offer", "draft", "present", "issue", "provide",
	"supply", "prepare", "sponsor", "write", "deliver", "table", "extend", "seek", "hold", "own", "advance", "float", "sign")

// ledTo appends the actors of where the thing at h leads, by a participle
// of direction: "power lines leading into Kabul", "the roads going to
// Mosul" are the city's. Such a place completes a dyad whose doer is
// known; alone it is too weak a trace to make an event of.
func (s *sentenceState) ledTo(h int, out []actorRef, depth int) []actorRef {
	if len(s.self) == 0 {
		return out
	}
	n := len(out)
	for c := s.t.first[h]; c >= 0; c = s.t.next[c] {
		if s.t.toks[c].Rel != redline.Acl || s.t.toks[c].XPOS != "VBG" {
			continue
		}
		for d := s.t.first[c]; d >= 0; d = s.t.next[d] {
			if s.t.toks[d].Rel.Base() != redline.Obl {
				continue
			}
			switch s.t.caseOf(int(d)) {
			case "into", "to", "toward", "towards":
				if out = s.actorsInside(int(d), out, depth+1); len(out) > n {
					return out
				}
			}
		}
	}
	return out
}

// finite reports a tensed verb tag.
func finite(xpos string) bool { return xpos == "VBD" || xpos == "VBZ" || xpos == "VBP" }

// culpable returns the subject of the adjective of blame that v's event
// hangs on with "for" or "of" ("the government is responsible for mass
// killings", "the front is guilty of violating the ceasefire"): the one
// held to blame did it. It returns -1 otherwise.
func (s *sentenceState) culpable(v int) int {
	t := &s.t
	h := t.head(v)
	if h < 0 || !culpableAdjectives[t.lemma(h)] || t.toks[v].Rel.Base() == redline.Nsubj {
		return -1
	}
	if t.caseOf(v) != "for" && t.caseOf(v) != "of" && !s.markedBy(v, "for", "of") {
		return -1
	}
	// Blame is for harm: "responsible for scrutinizing the policies" is a
	// duty, not a deed.
	harm := false
	for i := range s.preds {
		if s.preds[i].tok == v {
			r := s.preds[i].code.Root()
			harm = r >= "14" || r == "11" || r == "12" || r == "13"
		}
	}
	if !harm {
		return -1
	}
	return t.subject(h)
}

// reciprocalWords are predicates whose plural subject acts on itself, each
// party on the others, when nothing else is named: "Iran and Iraq
// clashed", "the two leaders met", "held talks", "reached an agreement".
var reciprocalWords = set("meet", "meeting", "talk", "talks", "speak", "negotiate", "negotiation", "agree", "agreement", "pact", "accord", "treaty", "deal", "clash",
	"cooperate", "cooperation", "collaborate", "disagree", "quarrel", "reconcile", "confer", "spar", "feud",
	"wrangle", "argue", "consult", "consultation", "summit", "fight", "skirmish", "normalize", "normalise")

// reciprocal reports a predicate at v whose several sources act on one
// another: a reciprocal word with no object of its own, a light verb whose
// object is one ("held talks"), or any verb whose object is "each other"
// or "one another" ("accused each other").
func (s *sentenceState) reciprocal(v int, p *predicate) bool {
	t := &s.t
	o := t.child(v, redline.Obj)
	if o >= 0 {
		// "each other" as a fixed pair, or "other" with its determiner.
		w, x := t.toks[o].Lower, ""
		if f := t.child(o, redline.Fixed); f >= 0 {
			x = t.toks[f].Lower
		} else if o > 0 && t.head(o-1) == o {
			w, x = t.toks[o-1].Lower, w
		}
		if (w == "each" && x == "other") || (w == "one" && x == "another") {
			return true
		}
	}
	if p.noun {
		return reciprocalWords[t.lemma(v)]
	}
	if reciprocalWords[t.lemma(v)] {
		return o < 0 && t.child(v, redline.Iobj) < 0
	}
	// "held talks", "reached an agreement": the object is the pattern's
	// reciprocal noun.
	return o >= 0 && o < 64 && p.used&(1<<uint(o)) != 0 && reciprocalWords[t.lemma(o)]
}
