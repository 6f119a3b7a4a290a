package coder

import (
	"strings"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/dict"
)

// actorRef is an actor found for an argument of a predicate.
type actorRef struct {
	actor redline.Actor
	kind  dict.Kind
}

// npRels are the relations that stay inside a noun phrase: a country or
// title among them describes the phrase's head ("Russian troops",
// "Russia's Deputy Foreign Minister Sergei Ryabkov", "the government of Sudan").
func npRel(r redline.DepRel) bool {
	switch r.Base() {
	case redline.Compound, redline.Flat, redline.Amod, redline.Appos, redline.Nmod, redline.Det, redline.Nummod:
		return r != redline.CompoundPrt
	}
	return false
}

// kindRank orders what names an actor best: a person or a named
// organisation over a country, a country over a bare place.
func kindRank(k dict.Kind) int {
	switch k {
	case dict.Person:
		return 5
	case dict.Org, dict.Group:
		return 4
	case dict.Country:
		return 3
	case dict.Place:
		return 2
	case dict.Agent:
		return 1
	}
	return 0
}

// actorsOf resolves the noun phrase headed by h, and each phrase
// coordinated with it ("Jordan and Britain"), to actors. Phrases that name
// no actor are left out.
func (s *sentenceState) actorsOf(h int, out []actorRef) []actorRef {
	if h < 0 {
		return out
	}
	tok := &s.t.toks[h]
	n := len(out)
	if tok.UPOS == redline.NOUN && anaphoricNouns[tok.Lower] && tok.XPOS == "NNS" {
		// "the two leaders", "both sides": the parties named before,
		// before any country the title could be combined with.
		out = s.anaphora(h, out)
	}
	if len(out) > n {
		// resolved as anaphora
	} else if a, ok := s.npActor(h); ok {
		out = append(out, a)
		if a.kind == dict.Agent {
			out = s.coordinatedCountries(h, a, out)
		}
	} else if tok.UPOS == redline.NOUN && anaphoricNouns[tok.Lower] {
		out = s.anaphora(h, out)
	}
	for c := s.t.first[h]; c >= 0; c = s.t.next[c] {
		if s.t.toks[c].Rel == redline.Conj && !s.locatesPlace(int(c)) {
			out = s.actorsOf(int(c), out)
		}
	}
	if len(s.self) > 0 {
		out = s.others(out, n)
	}
	return out
}

// locatesPlace reports a country the parser made a conjunct that only
// says where the place before it is: "the Red Crescent in Bam, Iran" is
// one party, in Bam, which is in Iran. The country follows a comma, with
// no conjunction of its own, after a name that is a place or unknown (not
// a country, organisation or person: "Russia, Ukraine and Belarus").
func (s *sentenceState) locatesPlace(c int) bool {
	t := &s.t
	if c < 2 || t.toks[c-1].Lower != "," || t.toks[c-2].UPOS != redline.PROPN || t.child(c, redline.Cc) >= 0 {
		return false
	}
	if m := s.mention[c]; m < 0 || s.matches[m].Kind != dict.Country {
		return false
	}
	if m := s.mention[c-2]; m >= 0 && s.matches[m].Kind != dict.Place {
		return false
	}
	// A later conjunct with its own conjunction makes a list: "Bam, Iran
	// and Iraq".
	for d := t.first[t.head(c)]; d >= 0; d = t.next[d] {
		if int(d) > c && t.toks[d].Rel == redline.Conj && t.child(int(d), redline.Cc) >= 0 {
			return false
		}
	}
	return true
}

// others drops from out[n:] the candidates that are the source of the
// event being coded (s.self): the same actor ("Russia ... Russia"), or an
// organ of the source's state whose country was only inferred from context
// ("France is ready to contribute troops": the troops are France's own).
// With several sources, a candidate is dropped only when it is all of
// them: "Jordan and Britain met" may pair them.
func (s *sentenceState) others(out []actorRef, n int) []actorRef {
	k := n
	for _, a := range out[n:] {
		// In protest and repression, domestic by nature, a city of the
		// source's own country, or that country named as a place, stands
		// for the authorities or the people there: "Nigerians rallied in
		// Lagos", "a strike shut down Kathmandu", "declared a state of
		// siege in Haiti".
		self := !domesticPlace(s.selfCode, a)
		for _, src := range s.self {
			if a.actor.Code != src.actor.Code && !s.ownOrgan(a, src) {
				self = false
				break
			}
		}
		if !self {
			out[k] = a
			k++
		}
	}
	return out[:k]
}

// domesticPlace reports a place that may be the target of an event of
// code c by an actor of its own country (see others).
func domesticPlace(c redline.Code, a actorRef) bool {
	r := c.Root()
	return (a.kind == dict.Place || a.kind == dict.Country) && (r == "14" || r == "17")
}

// ownOrgan reports a role of src's own state (government, military,
// police, ...) that the text gave no country of its own, when src is that
// state or one of its organs.
func (s *sentenceState) ownOrgan(a, src actorRef) bool {
	if !a.actor.Inferred || a.kind != dict.Agent || a.actor.Country == "" || a.actor.Country != src.actor.Country {
		return false
	}
	role := strings.TrimPrefix(src.actor.Code, src.actor.Country)
	arole := strings.TrimPrefix(a.actor.Code, a.actor.Country)
	if !stateRole(arole) {
		return false
	}
	switch {
	case role == "":
		return true
	case len(role) >= 3 && len(arole) >= 3 && role[:3] == arole[:3]:
		return true
	case len(role) >= 3 && role[:3] == "GOV":
		// The executive commands the forces, police and services; a
		// legislature or a court is a branch of its own ("a member of
		// parliament urged the president").
		switch arole[:3] {
		case "MIL", "COP", "SPY":
			return true
		}
	}
	return false
}

// stateRole reports a CAMEO role code of the state's own apparatus.
func stateRole(role string) bool {
	if len(role) < 3 {
		return false
	}
	switch role[:3] {
	case "GOV", "MIL", "COP", "SPY", "JUD", "LEG":
		return true
	}
	return false
}

// coordinatedCountries adds, for a title combined with a country that has
// conjuncts ("the foreign ministers of Armenia and Azerbaijan"), the same
// title of each coordinated country.
func (s *sentenceState) coordinatedCountries(h int, a actorRef, out []actorRef) []actorRef {
	t := &s.t
	agent := strings.TrimPrefix(a.actor.Code, a.actor.Country)
	if agent == a.actor.Code || agent == "" {
		return out
	}
	for c := t.first[h]; c >= 0; c = t.next[c] {
		if b := t.toks[c].Rel.Base(); b != redline.Nmod && b != redline.Amod && b != redline.Compound {
			continue
		}
		if m := s.mention[c]; m < 0 || (s.matches[m].Kind != dict.Country && s.matches[m].Kind != dict.Place) {
			continue
		}
		for k := t.first[c]; k >= 0; k = t.next[k] {
			if t.toks[k].Rel != redline.Conj {
				continue
			}
			if m := s.mention[k]; m >= 0 && (s.matches[m].Kind == dict.Country || s.matches[m].Kind == dict.Place) {
				cm := &s.matches[m]
				country := cm.Country
				if country == "" {
					country = cm.Code
				}
				b := actorRef{kind: dict.Agent, actor: redline.Actor{Text: s.spanText(cm.Start, cm.End),
					Code: dict.CombineCodes(country, agent), Country: country}}
				b.actor.Start, b.actor.End = s.byteSpan(cm.Start, cm.End)
				out = append(out, b)
			}
		}
	}
	return out
}

// npActor resolves the phrase headed by h (without its conjuncts).
func (s *sentenceState) npActor(h int) (actorRef, bool) {
	tok := &s.t.toks[h]
	if tok.UPOS == redline.PRON || tok.UPOS == redline.DET {
		return s.pronounActor(h)
	}
	// The best named mention inside the phrase, and the best country and
	// agent to combine when no named mention is there.
	best, country, agent := -1, -1, -1
	s.visitNP(h, h, 0, func(i int) {
		m := s.mention[i]
		if m < 0 {
			return
		}
		k := s.matches[m].Kind
		switch {
		case k == dict.Agent:
			if agent < 0 || i == h {
				agent = int(m)
			}
		case k == dict.Country || k == dict.Place:
			if country < 0 || s.matches[country].Kind == dict.Place && k == dict.Country {
				country = int(m)
			}
			fallthrough
		default:
			if best < 0 || kindRank(k) > kindRank(s.matches[best].Kind) {
				best = int(m)
			}
		}
	})
	// The head's own name wins over its modifiers: "NATO-member Norway" is
	// Norway, "Russian President Putin" is Putin; a title head ("the
	// Russian leader") combines below.
	// But a name without a code at this date (a person outside their
	// terms) or one whose country the phrase contradicts ("Pakistan
	// President Mohammad Zia-Ul-Haq" is not Bangladesh's Khaleda Zia) gives
	// way to the phrase's country and title.
	if m := s.mention[h]; m >= 0 && s.matches[m].Kind != dict.Agent && s.usable(int(m), country) {
		return s.refFromMatch(&s.matches[m]), true
	}
	if best >= 0 && !s.usable(best, country) {
		best = country
	}
	if best >= 0 && s.matches[best].Kind == dict.Org && s.envoyTo(h, int32(agent), int32(best), int32(country)) {
		// "China's U.N. ambassador", "Iran's IAEA envoy": a country's
		// envoy to an organisation is the country's; the country and the
		// title combine below.
		best = -1
	}
	if best >= 0 && kindRank(s.matches[best].Kind) >= kindRank(dict.Org) {
		m := &s.matches[best]
		a := s.refFromMatch(m)
		// A person or organisation named without a country code gets the
		// phrase's country ("Ukrainian lawmaker X" when X is unknown is
		// handled below; an org keeps its own code).
		return a, true
	}
	if agent >= 0 && country < 0 {
		// "its fighters", "their troops": the possessor's.
		if a, ok := s.possessor(h); ok {
			if a.kind == dict.Group || a.kind == dict.Org {
				a.actor.Text = s.spanText(s.matches[agent].Start, s.matches[agent].End)
				a.actor.Start, a.actor.End = s.byteSpan(s.matches[agent].Start, s.matches[agent].End)
				return a, true
			}
			if a.actor.Country != "" {
				am := &s.matches[agent]
				b := actorRef{kind: dict.Agent, actor: redline.Actor{Text: s.spanText(am.Start, am.End),
					Code: dict.CombineCodes(a.actor.Country, am.Code), Country: a.actor.Country}}
				b.actor.Start, b.actor.End = s.byteSpan(am.Start, am.End)
				return b, true
			}
		}
		// "Security forces in Guinea", "rebels in the Ivory Coast": an
		// agent's country may come in a locative phrase.
		country = s.locativeCountry(h)
	}
	if agent >= 0 {
		am := &s.matches[agent]
		c := ""
		var cm *dict.ActorMatch
		if country >= 0 {
			cm = &s.matches[country]
			c = cm.Country
			if c == "" {
				c = cm.Code
			}
		} else if pc := s.placeCountry(h); pc != "" {
			// "Militants attacked a train in Balochistan": the country of
			// the place where the clause happens, marked inferred.
			a := actorRef{kind: dict.Agent, actor: redline.Actor{Text: s.spanText(am.Start, am.End),
				Code: dict.CombineCodes(pc, am.Code), Country: pc, Inferred: true}}
			a.actor.Start, a.actor.End = s.byteSpan(am.Start, am.End)
			return a, true
		} else if ref, ok := s.contextCountry(s.t.toks[h].Start); ok {
			// "the president" with no country: the document's current
			// country, marked inferred.
			ref.actor.Code = dict.CombineCodes(ref.actor.Country, am.Code)
			ref.actor.Text = s.spanText(am.Start, am.End)
			ref.actor.Start, ref.actor.End = s.byteSpan(am.Start, am.End)
			ref.actor.Inferred = true
			ref.kind = dict.Agent
			return ref, true
		}
		if c == "" && politicalRoles[am.Code] {
			// A political role the text names without any country in sight
			// ("the government", "rebels"): CAMEO's unknown-country form.
			// Other roles (students, companies, people) without a country
			// are everyday life more often than political events.
			a := actorRef{kind: dict.Agent, actor: redline.Actor{Text: s.spanText(am.Start, am.End), Code: "---" + am.Code}}
			a.actor.Start, a.actor.End = s.byteSpan(am.Start, am.End)
			return a, true
		}
		if c == "" {
			return actorRef{}, false
		}
		start, end := am.Start, am.End
		if cm != nil {
			start, end = min(start, cm.Start), max(end, cm.End)
		}
		a := actorRef{kind: dict.Agent, actor: redline.Actor{
			Text: s.spanText(start, end), Code: dict.CombineCodes(c, am.Code), Country: c}}
		a.actor.Start, a.actor.End = s.byteSpan(start, end)
		return a, true
	}
	if best >= 0 {
		// A proper name that the dictionaries do not know, modified by a
		// country ("Georgia Tech", "American Express", "Norwegian Forest
		// Cat"), is some named thing of that country, not the country.
		if tok.UPOS == redline.PROPN && s.mention[h] < 0 {
			return actorRef{}, false
		}
		return s.refFromMatch(&s.matches[best]), true
	}
	return actorRef{}, false
}

// usable reports whether match m can stand for its phrase: it has a code,
// and a person's country agrees with the phrase's country modifier.
func (s *sentenceState) usable(m, country int) bool {
	am := &s.matches[m]
	if am.Code == "" {
		return false
	}
	if am.Kind == dict.Person && country >= 0 && country != m {
		c := s.matches[country].Country
		if c == "" {
			c = s.matches[country].Code
		}
		pc := am.Country
		if pc == "" && len(am.Code) >= 3 {
			pc = am.Code[:3]
		}
		return c == "" || pc == "" || c == pc
	}
	return true
}

// visitNP calls fn on h and the tokens of its noun phrase: dependents by
// noun-phrase relations, not crossing into clauses or conjuncts. Prepositional
// modifiers count only with "of" ("the government of Sudan"), so that
// "troops in Iraq" stays about the troops.
func (s *sentenceState) visitNP(root, h, depth int, fn func(int)) {
	fn(h)
	if depth > 4 {
		return
	}
	for c := s.t.first[h]; c >= 0; c = s.t.next[c] {
		r := s.t.toks[c].Rel
		if !npRel(r) {
			if s.controllerOf(h, int(c)) {
				s.visitNP(root, int(c), depth+1, fn)
			}
			continue
		}
		if r.Base() == redline.Nmod && r != redline.NmodPoss {
			// A modifier without a preposition is a title the parser hung
			// as nmod ("foreign minister Dubem Oniya"); dates are tagged
			// nmod:tmod or nmod:unmarked and name no actor.
			if cs := s.t.caseOf(int(c)); cs != "of" && cs != "from" && (cs != "" || r != redline.Nmod) {
				continue
			}
		}
		s.visitNP(root, int(c), depth+1, fn)
	}
}

// controllerOf reports whether c is the controller joined by a hyphen to
// participle h of a noun phrase: "the U.S.-led coalition", "Kremlin-
// controlled media", "state-run television" belong to whoever leads,
// controls or runs them. A patron ("Iran-backed", "Russian-funded") or a
// maker ("U.S.-made missiles") is not who the phrase names, nor is an
// occupier ("Russian-occupied Donetsk").
func (s *sentenceState) controllerOf(h, c int) bool {
	t := &s.t
	if c+2 != h || t.toks[c+1].Lower != "-" || t.toks[h].XPOS != "VBN" || t.toks[h].Rel != redline.Amod {
		return false
	}
	switch t.toks[c].Rel {
	case redline.OblUnmarked, redline.OblNpmod, redline.Obl, redline.Compound, redline.NmodNpmod:
	default:
		return false
	}
	return controlParticiples[t.lemma(h)]
}

func (s *sentenceState) refFromMatch(m *dict.ActorMatch) actorRef {
	a := actorRef{kind: m.Kind, actor: redline.Actor{Text: s.spanText(m.Start, m.End), Code: m.Code, Country: m.Country}}
	if a.actor.Country == "" && len(m.Code) >= 3 {
		a.actor.Country = m.Code[:3]
	}
	a.actor.Start, a.actor.End = s.byteSpan(m.Start, m.End)
	return a
}

// maxPronounChain is how many pronouns may stand behind one another in a
// resolution ("we" → the speaker of its quotation → "they" → …); real text
// needs two or three.
const maxPronounChain = 4

// pronounActor resolves a pronoun to the most recent compatible actor of
// the document: "he" to a person, "they"/"it" to a country, organisation or
// group; a relative pronoun to the noun its clause modifies.
func (s *sentenceState) pronounActor(h int) (actorRef, bool) {
	if s.pronounDepth >= maxPronounChain {
		return actorRef{}, false
	}
	s.pronounDepth++
	defer func() { s.pronounDepth-- }()
	w := s.t.toks[h].Lower
	if reflexivePronouns[w] {
		return s.reflexiveActor(h)
	}
	if relativePronouns[w] {
		// "Zelensky, who ..." : the pronoun's clause is a relcl of the noun.
		for v := s.t.head(h); v >= 0; v = s.t.head(v) {
			if s.t.toks[v].Rel == redline.AclRelcl {
				if n := s.t.head(v); n >= 0 {
					return s.npActor(n)
				}
			}
			if s.t.toks[v].UPOS != redline.VERB && s.t.toks[v].UPOS != redline.AUX {
				break
			}
		}
		return actorRef{}, false
	}
	// "'We will respond,' Iran said": the first person in a quotation is
	// its speaker.
	if speechPronouns[w] {
		v := s.t.head(h)
		for steps := 0; v >= 0 && s.t.toks[v].UPOS != redline.VERB && steps < 4; steps++ {
			v = s.t.head(v)
		}
		if v >= 0 && w != "you" && w != "your" {
			if a := s.saidBy(v); a != nil {
				r := actorRef{kind: dict.Country, actor: *a}
				r = s.mentionedAt(r, h)
				return r, true
			}
		}
		return actorRef{}, false
	}
	// "warning the Russian leader about consequences should he invade",
	// "EU officials told national governments that they shouldn't close
	// borders": in a clause under a verb addressed to someone, the pronoun
	// is that addressee.
	if personPronouns[w] || w == "they" || w == "them" {
		if a, found := s.addresseeOf(h); found {
			return a, true
		}
	}
	// "Aid agencies said they could not ...": otherwise a pronoun subject
	// of what someone reports is the reporter.
	if a, found := s.reporterOf(h); found {
		return a, true
	}
	// "NATO will not grant Ukraine membership, nor will it supply weapons":
	// the subject pronoun of a coordinated clause takes up the first
	// clause's subject when it is of the pronoun's kind.
	if a, found := s.conjunctSubjectOf(h); found {
		return a, true
	}
	// "when it comes to", "it is time": an expletive "it" names nothing.
	if w == "it" {
		if v := s.t.head(h); v >= 0 && expletiveVerbs[s.t.lemma(v)] {
			return actorRef{}, false
		}
	}
	var ok func(k dict.Kind) bool
	switch {
	case personPronouns[w]:
		ok = func(k dict.Kind) bool { return k == dict.Person }
	case groupPronouns[w]:
		ok = func(k dict.Kind) bool { return k != dict.Person && k != dict.Place }
	default:
		return actorRef{}, false
	}
	for i := len(s.c.recent) - 1; i >= 0; i-- {
		r := s.c.recent[i]
		// Only actors named before the pronoun.
		if r.actor.Start >= s.t.toks[h].Start {
			continue
		}
		if ok(r.kind) {
			r = s.mentionedAt(r, h)
			return r, true
		}
	}
	return actorRef{}, false
}

// conjunctSubjectOf resolves pronoun h, the subject of a verb coordinated
// with an earlier one, to that verb's own subject: a person for "he"/"she",
// anything but a person or place for "it"/"they".
func (s *sentenceState) conjunctSubjectOf(h int) (actorRef, bool) {
	t := &s.t
	v := t.head(h)
	if v < 0 || t.toks[h].Rel.Base() != redline.Nsubj || t.toks[v].Rel != redline.Conj {
		return actorRef{}, false
	}
	g := t.head(v)
	if g < 0 || g > v {
		return actorRef{}, false
	}
	a, _, ok := s.nounSubject(g)
	if !ok {
		return actorRef{}, false
	}
	w := t.toks[h].Lower
	if personPronouns[w] != (a.kind == dict.Person) || a.kind == dict.Place {
		return actorRef{}, false
	}
	if !personPronouns[w] && !groupPronouns[w] {
		return actorRef{}, false
	}
	a = s.mentionedAt(a, h)
	return a, true
}

// nounSubject is the actor named by verb v's subject, and that subject's
// token, when the subject is not itself a pronoun.
func (s *sentenceState) nounSubject(v int) (actorRef, int, bool) {
	subj := s.t.child(v, redline.Nsubj)
	if subj < 0 || s.t.toks[subj].UPOS == redline.PRON {
		return actorRef{}, -1, false
	}
	a, ok := s.npActor(subj)
	return a, subj, ok
}

// mentionedAt is r as the pronoun or description at token h refers to it:
// the evidence points at the word in this sentence.
func (s *sentenceState) mentionedAt(r actorRef, h int) actorRef {
	r.actor.Text = s.t.toks[h].Form
	r.actor.Start, r.actor.End = s.t.toks[h].Start, s.t.toks[h].End
	return r
}

// addresseeOf resolves pronoun h, the subject of a clause below a verb
// addressed to someone (warn, urge, tell, ask: objectControl), to that
// verb's object: for "he"/"she" when it names a person or an office.
func (s *sentenceState) addresseeOf(h int) (actorRef, bool) {
	t := &s.t
	v := t.head(h)
	if v < 0 || t.toks[h].Rel.Base() != redline.Nsubj {
		return actorRef{}, false
	}
	for x, steps := v, 0; steps < 3; steps++ {
		g := t.head(x)
		if g < 0 {
			break
		}
		switch t.toks[x].Rel.Base() {
		case redline.Advcl, redline.Ccomp, redline.Acl, redline.Nmod, redline.Parataxis:
		default:
			return actorRef{}, false
		}
		if objectControl[t.lemma(g)] {
			if o := t.child(g, redline.Obj); o >= 0 && o < h {
				if a, ok := s.npActor(o); ok && (a.kind == dict.Person || a.kind == dict.Agent || !personPronouns[t.toks[h].Lower]) {
					a = s.mentionedAt(a, h)
					return a, true
				}
			}
			return actorRef{}, false
		}
		x = g
	}
	return actorRef{}, false
}

// reporterOf resolves pronoun h to the subject of the reporting verb whose
// complement h is the subject of, when they agree in kind: "he" needs a
// person, "they" a plural noun or a group.
func (s *sentenceState) reporterOf(h int) (actorRef, bool) {
	t := &s.t
	v := t.head(h)
	if v < 0 || t.toks[h].Rel.Base() != redline.Nsubj || t.toks[v].Rel != redline.Ccomp {
		return actorRef{}, false
	}
	r := t.head(v)
	if r < 0 || !reportingVerbs[t.lemma(r)] {
		return actorRef{}, false
	}
	a, subj, ok := s.nounSubject(r)
	if !ok {
		return actorRef{}, false
	}
	w := t.toks[h].Lower
	plural := t.toks[subj].XPOS == "NNS" || t.toks[subj].XPOS == "NNPS" || t.child(subj, redline.Conj) >= 0
	switch {
	case personPronouns[w] && a.kind == dict.Person:
	case (w == "they" || w == "we") && (plural || a.kind == dict.Group || a.kind == dict.Org):
	case w == "it" && !plural && a.kind != dict.Person && (a.kind != dict.Agent || collectiveNouns[t.lemma(subj)]):
	default:
		return actorRef{}, false
	}
	a = s.mentionedAt(a, h)
	return a, true
}

// anaphora resolves "the two countries", "both sides", "the country" to
// the most recent distinct actors named before h: two for a plural with
// "two" or "both", one for a singular with "the".
func (s *sentenceState) anaphora(h int, out []actorRef) []actorRef {
	t := &s.t
	plural := t.toks[h].XPOS == "NNS"
	want := 0
	for c := t.first[h]; c >= 0; c = t.next[c] {
		switch t.toks[c].Lower {
		case "two", "both":
			if plural {
				want = 2
			}
		case "the", "this", "that":
			if !plural && want == 0 {
				want = 1
			}
		}
	}
	if want == 0 {
		return out
	}
	n := len(out)
	if want == 2 && s.c.pairs == 2 && s.c.pair[1].actor.Start < t.toks[h].Start {
		for _, r := range s.c.pair {
			r.actor.Text = s.spanText(h, h+1)
			r.actor.Start, r.actor.End = t.toks[h].Start, t.toks[h].End
			out = append(out, r)
		}
		return out
	}
	// "Saudi Arabia and the US called on both sides": the two sides are
	// looked for in earlier sentences first, then in this one.
	sentStart := s.doc.Sentences[s.index].Start
	for pass := 0; pass < 2 && len(out)-n < want; pass++ {
		for i := len(s.c.recent) - 1; i >= 0 && len(out)-n < want; i-- {
			r := s.c.recent[i]
			if r.actor.Start >= t.toks[h].Start || r.kind == dict.Place || r.kind == dict.Agent {
				continue
			}
			if (r.actor.Start >= sentStart) != (pass == 1) {
				continue
			}
			dup := false
			for _, o := range out[n:] {
				dup = dup || o.actor.Country == r.actor.Country
			}
			if dup {
				continue
			}
			r.actor.Text = s.spanText(h, h+1)
			r.actor.Start, r.actor.End = t.toks[h].Start, t.toks[h].End
			out = append(out, r)
		}
	}
	if len(out)-n < want {
		return out[:n]
	}
	return out
}

// possessor resolves a possessive pronoun on h ("its fighters").
func (s *sentenceState) possessor(h int) (actorRef, bool) {
	for c := s.t.first[h]; c >= 0; c = s.t.next[c] {
		if s.t.toks[c].Rel == redline.NmodPoss && s.t.toks[c].UPOS == redline.PRON {
			return s.pronounActor(int(c))
		}
	}
	return actorRef{}, false
}

// locativeCountry finds the country or place named by an "in" phrase on
// h ("forces in Guinea"), as a match index, or -1.
func (s *sentenceState) locativeCountry(h int) int {
	for c := s.t.first[h]; c >= 0; c = s.t.next[c] {
		if s.t.toks[c].Rel.Base() != redline.Nmod || s.t.caseOf(int(c)) != "in" {
			continue
		}
		best := -1
		s.visitNP(int(c), int(c), 0, func(i int) {
			if m := s.mention[i]; m >= 0 {
				if k := s.matches[m].Kind; (k == dict.Country || k == dict.Place) && (best < 0 || k == dict.Country) {
					best = int(m)
				}
			}
		})
		if best >= 0 {
			return best
		}
	}
	return -1
}

// contextCountry is the country the document is about at byte offset at:
// the most recent country named before it, else the first one named later
// in the same sentence ("security forces ... in Guinea's capital"). A
// country written as the first half of a hyphenated modifier ("a
// U.S.-designated terrorist group", "Iran-backed rebels") names a third
// party, not where the story is, and does not count.
//
// While an event's other side is resolved (s.self set), the mention that is
// the event's own doer names who acts, not where: a country named later in
// the sentence, if any, is where the other side is ("The U.S. said it would
// not meet hostage-takers' demands to release prisoners in Iraq").
func (s *sentenceState) contextCountry(at int) (actorRef, bool) {
	end := s.doc.Sentences[s.index].End
	for i := len(s.c.recent) - 1; i >= 0; i-- {
		r := s.c.recent[i]
		if r.actor.Start < at && r.kind == dict.Country && r.actor.Country != "" && !s.hyphenModifier(r) {
			if s.selfMention(r) {
				for _, q := range s.c.recent[i+1:] {
					if q.actor.Start >= at && q.actor.Start < end && q.kind == dict.Country && q.actor.Country != "" && q.actor.Country != r.actor.Country && !s.hyphenModifier(q) && !s.ofSelfVerb(q) {
						return q, true
					}
				}
			}
			return r, true
		}
	}
	for _, r := range s.c.recent {
		if r.actor.Start >= at && r.actor.Start < end && r.kind == dict.Country && r.actor.Country != "" && !s.hyphenModifier(r) {
			return r, true
		}
	}
	return actorRef{}, false
}

// ofSelfVerb reports whether r is named by a phrase of the event's own
// verb ("sent troops to Ukraine"): a destination or partner of the act is
// its other party, not where an agent of the doer's stands.
func (s *sentenceState) ofSelfVerb(r actorRef) bool {
	for i := range s.t.toks {
		if s.t.toks[i].Start == r.actor.Start {
			return s.t.head(i) == s.selfTok
		}
	}
	return false
}

// selfMention reports whether r is the mention of one of the doers of the
// event being resolved: the very mention, or, for a state acting as itself
// (a pronoun for it: "The U.S. said it would not"), its mention in this
// sentence.
func (s *sentenceState) selfMention(r actorRef) bool {
	start := s.doc.Sentences[s.index].Start
	for i := range s.self {
		a := &s.self[i].actor
		if a.Start == r.actor.Start && a.End == r.actor.End && a.Start < a.End {
			return true
		}
		if a.Code == a.Country && a.Code == r.actor.Code && r.actor.Start >= start {
			return true
		}
	}
	return false
}

// reflexiveActor is what a reflexive pronoun refers to: the subject of its
// clause ("four of them blew themselves up", "Russia declared itself
// neutral"), through the verbs that share a controlled subject ("agreed to
// protect themselves"). A reflexive is bound there or nowhere: when the
// subject names no actor, neither does the pronoun, which must not take up
// an earlier actor of the story the way "they" may.
func (s *sentenceState) reflexiveActor(h int) (actorRef, bool) {
	v := s.t.head(h)
	for steps := 0; v >= 0 && s.t.toks[v].UPOS != redline.VERB && steps < 4; steps++ {
		v = s.t.head(v)
	}
	for steps := 0; v >= 0 && steps < 4; steps++ {
		if subj := s.t.subject(v); subj >= 0 {
			if subj == h {
				return actorRef{}, false
			}
			return s.npActor(subj)
		}
		if r := s.t.toks[v].Rel; r != redline.Xcomp && r != redline.Conj {
			break
		}
		v = s.t.head(v)
	}
	return actorRef{}, false
}

// hyphenModifier reports whether r's mention is joined by a hyphen to the
// word after it ("U.S.-led", "Russian-backed").
func (s *sentenceState) hyphenModifier(r actorRef) bool {
	e := r.actor.End
	return e > 0 && e+1 < len(s.doc.Text) && s.doc.Text[e] == '-' && s.doc.Text[e+1] != ' '
}

// remember adds the sentence's named actors to the document's memory for
// later pronouns, in text order.
func (s *sentenceState) remember() {
	for i := range s.matches {
		m := &s.matches[i]
		if m.Kind == dict.Agent {
			continue
		}
		s.c.recent = append(s.c.recent, s.refFromMatch(m))
	}
	if n := len(s.c.recent); n > 64 {
		s.c.recent = append(s.c.recent[:0], s.c.recent[n-32:]...)
	}
}

func (s *sentenceState) spanText(start, end int) string {
	a, b := s.byteSpan(start, end)
	return s.doc.Text[a:b]
}

func (s *sentenceState) byteSpan(start, end int) (int, int) {
	return s.t.toks[start].Start, s.t.toks[end-1].End
}

// envoyTo reports a title head h whose organisation is a compound modifier
// and whose possessor is a country: "China's U.N. ambassador" is China's
// diplomat at the U.N., not the U.N.'s.
func (s *sentenceState) envoyTo(h int, agent, org, country int32) bool {
	t := &s.t
	if agent < 0 || country < 0 || s.mention[h] != agent || s.matches[country].Kind != dict.Country {
		return false
	}
	poss, comp := false, false
	for c := t.first[h]; c >= 0; c = t.next[c] {
		switch t.toks[c].Rel {
		case redline.NmodPoss:
			poss = poss || s.mention[c] == country
		case redline.Compound, redline.Amod:
			comp = comp || s.mention[c] == org
		}
	}
	return poss && comp
}
