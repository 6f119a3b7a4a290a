// Package coder turns a tagged and parsed Doc into CAMEO events: it finds
// predicates with the verb dictionary, fills source and target from the
// dependency tree and the actor dictionaries, composes speech acts with the
// events they are about, tells asserted events from negated, hypothetical
// and future ones, attributes reported events to their speakers and dates
// events from the text.
package coder

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/dict"
	"github.com/redline-events/redline/timex"
)

// Coder codes documents with one set of dictionaries. It is safe for
// concurrent use; per-document state lives in pooled buffers.
type Coder struct {
	dict *dict.Dictionary
	sigs map[*dict.Pattern][]uint64 // see signature.go
	pool sync.Pool
}

// New returns a Coder that uses d.
func New(d *dict.Dictionary) *Coder {
	c := &Coder{dict: d, sigs: signatures(d)}
	c.pool.New = func() any { return &docState{dict: d, coder: c} }
	return c
}

// Dictionary returns the dictionaries the coder uses.
func (c *Coder) Dictionary() *dict.Dictionary { return c.dict }

// docState is what the coder remembers across the sentences of a document.
type docState struct {
	dict   *dict.Dictionary
	coder  *Coder
	recent []actorRef // named actors so far, for pronouns and context
	// lastTextDate is the date of the latest event dated from the text: the
	// narrative's "now", which "three days after" counts from.
	lastTextDate time.Time
	// pair is the last two parties that met, talked or fought: what "both
	// sides" and "the two countries" refer to.
	pair  [2]actorRef
	pairs int
	s     sentenceState
	seen  map[dedupKey]int
	// surnames the story wrote after another given name (dict.Surnames).
	surnames dict.Surnames
}

// sentenceState holds one sentence's analysis; its slices are reused.
type sentenceState struct {
	c         *docState
	doc       *redline.Doc
	index     int
	t         tree
	matches   []dict.ActorMatch
	mention   []int32 // per token: index into matches, or -1
	exprs     []timex.Expr
	exprAt    []int32 // per token: the predicate token a date expression attaches to, or -1
	preds     []predicate
	phrase    []int32 // the current candidate's phrase tokens (collectPhrase)
	phraseSig uint64  // their signature (signature.go)
	refs      []actorRef
	// self is the source list while a target is looked for: an actor
	// does not act on itself, so actorsOf passes over such candidates and
	// the search goes on to the next place a target may be named.
	self     []actorRef
	selfCode redline.Code
	// selfTok is the predicate token of the event whose sides are being
	// resolved while self is set.
	selfTok int
	// mended is the sentence's tokens with tagging errors repaired
	// (repair.go), when there were any.
	mended  []redline.Token
	explain *explainLog
	// pronounDepth bounds pronouns resolved through other pronouns: "I
	// said we will attack, we said" would otherwise resolve "we" through
	// its own reporting clause for ever.
	pronounDepth int
}

type dedupKey struct {
	src, tgt string
	code     redline.Code
	date     time.Time
	mode     redline.Mode
}

// Code returns the events of d, which must have been segmented, tagged and
// parsed. Within the document one event is kept per (source, target, code,
// date, mode), with the number of sentences that mention it.
func (c *Coder) Code(d *redline.Doc) []redline.Event {
	st := c.pool.Get().(*docState)
	defer c.pool.Put(st)
	return c.code(d, st, nil)
}

func (c *Coder) code(d *redline.Doc, st *docState, ex *explainLog) []redline.Event {
	st.recent = st.recent[:0]
	st.lastTextDate = time.Time{}
	st.pairs = 0
	st.surnames.Reset()
	if st.seen == nil {
		st.seen = make(map[dedupKey]int)
	}
	clear(st.seen)
	var out []redline.Event
	s := &st.s
	s.c, s.doc, s.explain = st, d, ex
	for i := range d.Sentences {
		toks := d.SentenceTokens(i)
		if len(toks) == 0 {
			continue
		}
		s.index = i
		// Discard phrases (PETRARCH's sports and entertainment lists) skip
		// the sentence, or the whole story when the entry says so.
		if a, b, story, ok := c.dict.MatchDiscard(toks); ok {
			if ex != nil {
				ex.lines = append(ex.lines, fmt.Sprintf("sentence %d: discard phrase %q (story=%v)", i, d.Text[toks[a].Start:toks[b-1].End], story))
			}
			if story {
				return nil
			}
			continue
		}
		out = s.code(toks, out)
	}
	s.doc = nil
	return out
}

func (s *sentenceState) code(toks []redline.Token, out []redline.Event) []redline.Event {
	toks = s.repair(toks)
	s.t.build(toks)
	n := len(toks)
	s.matches = s.c.dict.MatchActorsIn(s.matches[:0], toks, s.doc.Date, &s.c.surnames)
	// A name written all in lower case ("i am from mexico", "an indian
	// ringneck") is informal writing, not a news actor: proper names of
	// countries, places and organisations are capitalised in news copy.
	// Role words ("troops", "government") are lower case by nature.
	kept := s.matches[:0]
	for _, m := range s.matches {
		if m.Kind == dict.Agent || !lowerCaseSpan(toks[m.Start:m.End]) {
			kept = append(kept, m)
		}
	}
	s.matches = kept
	s.capitalsAbroad()
	s.mention = grow(s.mention, n)
	for i := range s.mention {
		s.mention[i] = -1
	}
	for mi, m := range s.matches {
		for j := m.Start; j < m.End && j < n; j++ {
			s.mention[j] = int32(mi)
		}
	}
	s.remember()
	s.exprs = timex.FindAppend(s.exprs[:0], toks, s.doc.Date)
	s.findPredicates()
	if s.explain != nil {
		s.explainSentence()
	}
	s.attachDates()
	s.composeAll()
	s.findObligations()
	s.findWishes()
	s.findWarnings()
	first := len(out)
	for pi := range s.preds {
		p := &s.preds[pi]
		if p.outer >= 0 {
			continue
		}
		out = s.emit(pi, out)
	}
	return s.statements(first, out)
}

// lowerCaseSpan reports whether every letter of the tokens is lower case.
func lowerCaseSpan(toks []redline.Token) bool {
	for i := range toks {
		f := toks[i].Form
		for j := 0; j < len(f); j++ {
			if c := f[j]; c >= 'A' && c <= 'Z' || c >= 0x80 {
				return false
			}
		}
	}
	return true
}

// emit turns predicate pi into events: one per source × target.
func (s *sentenceState) emit(pi int, out []redline.Event) []redline.Event {
	p := &s.preds[pi]
	v := p.tok
	if (p.noun && s.background(v)) || (!p.noun && (s.describes(v) || s.placeRelative(v) || s.prepositionalParticiple(s.t.head(v)))) {
		s.note("%q (%s): background describing a thing, not news", s.t.toks[v].Form, p.code)
		return out
	}
	if p.pat != nil && !p.statement && s.isAttribution(p) {
		s.note("%q: reports other events (attribution), not a statement event", s.t.toks[v].Form)
		return out
	}
	if s.personal(v) {
		s.note("%q (%s): the writer or reader acts (first or second person, or an imperative), not a news actor", s.t.toks[v].Form, p.code)
		return out
	}
	srcs := s.sources(v, p.noun, s.refs[:0])
	nsrc := len(srcs)
	s.self, s.selfCode, s.selfTok = srcs, p.code, v
	if p.demanded >= 0 {
		d, subj := p.demanded, s.t.subject(p.demanded)
		if subj < 0 && s.t.toks[d].Rel.Base() == redline.Xcomp {
			// "wants Germany to pay": an infinitive without a subject of
			// its own is done by its head's object.
			d = s.t.head(d)
			subj = s.t.child(d, redline.Obj)
		}
		srcs = s.subjectActors(d, subj, srcs)
		if subj >= 0 && s.selfSubject(subj, srcs[:nsrc], srcs[nsrc:]) {
			// An obligation the doer puts on itself ("indicated it
			// should have acted against Libya") is aimed where the
			// obliged act is, coded or not ("must retaliate against").
			in := predicate{tok: d, code: p.code, inner: -1, outer: -1, demanded: -1}
			if p.inner >= 0 {
				in = s.preds[p.inner]
			}
			srcs = s.targets(in.tok, &in, srcs[:nsrc])
		}
	} else {
		srcs = s.criticised(pi, srcs)
		if len(srcs) == nsrc {
			srcs = s.targets(v, p, srcs)
		}
	}
	s.refs = srcs[:0]
	tgts := srcs[nsrc:]
	srcs = srcs[:nsrc]
	if p.inner >= 0 && len(tgts) == 0 && p.demanded < 0 {
		// The composed event's target: for threats, promises, refusals and
		// accusations ("threatened to impose sanctions on Russia") the
		// inner event's target; for appeals and demands the inner event's
		// own subject ("demanded that Iran release").
		in := &s.preds[p.inner]
		switch p.code.Root() {
		case "02", "10":
			if subj := s.t.child(in.tok, redline.Nsubj); subj >= 0 {
				tgts = s.actorsOf(subj, tgts)
			}
		}
		if len(tgts) == 0 {
			tgts = s.targets(in.tok, in, tgts)
		}
	}
	if len(tgts) == 0 && len(srcs) > 0 && p.inner < 0 && p.demanded < 0 {
		// An event noun that is part of this event ("blocked a road to
		// show their disapproval for the United States' policies") says
		// whom it is aimed at when the verb does not. Only of an event
		// with a doer: an aim alone is too weak a trace for an event.
		for i := range s.preds {
			if in := &s.preds[i]; i != pi && in.outer == pi && in.noun {
				tgts = s.targets(in.tok, in, tgts)
				break
			}
		}
	}
	s.self = nil
	if len(tgts) == 0 && len(srcs) == 2 && s.reciprocal(v, p) {
		// "Iran and Iraq clashed", "the two leaders met": each of a pair
		// acts on the other (the loop below skips an actor on itself). A
		// meeting of many is not a web of dyads.
		tgts = append(tgts, srcs...)
		s.note("%q (%s): reciprocal, each party the others' target", s.t.toks[v].Form, p.code)
	}
	if len(srcs) == 0 && len(tgts) == 0 {
		s.note("%q (%s): no actor for source or target", s.t.toks[v].Form, p.code)
		return out
	}
	code := p.code
	// A reported deployment of peacekeepers, arriving or sent, provides
	// them (074); where they arrive receives them (0861, actors reversed).
	// A deployment noun names the force, which is its own provider.
	peace := (code == "042" || code.Root() == "15") && s.peacekeeping(v, p.noun)
	if peace {
		if len(srcs) == 0 {
			srcs, tgts = tgts, tgts[len(tgts):]
		}
		code = "074"
		s.note("%q: peacekeepers deployed: 074", s.t.toks[v].Form)
	}
	if code == "1661" && len(srcs) == 0 && len(tgts) > 0 {
		// A withdrawal of peacekeepers with no one named doing it is
		// their provider's: the force stands for it as the source, and
		// the place they leave is the target (codebook, 1661: "Eighty UN
		// peacekeepers were shipped out of ... Gorazde"). An expulsion
		// is the host's: the place they are expelled from is the source.
		if place := s.placeLeft(v); place >= 0 {
			from := s.actorsOf(place, tgts[len(tgts):])
			if len(from) > 0 {
				if s.expulsion(v) {
					srcs = from
				} else {
					srcs, tgts = tgts, from
				}
				s.note("%q: peacekeepers leave %q: provider is source, place target (expelled: place is source)", s.t.toks[v].Form, s.t.toks[place].Form)
			}
		}
	}
	if len(srcs) == 0 && (code == "042" || code == "043") {
		// A visit is made by someone: with no visitor named ("during a
		// visit to Beijing", "the train was traveling north") there is
		// no event to code.
		s.note("%q (%s): a visit without a visitor", s.t.toks[v].Form, code)
		return out
	}
	s.notePair(srcs, tgts)
	mode, intent := s.mode(v)
	if mode == redline.Asserted && len(srcs) == 0 && s.gerundNoun(v) {
		// "when it comes to de-escalating tension in Ukraine": a gerund
		// with no one doing it names an activity in general, not a
		// reported act.
		mode = redline.Hypothetical
	}
	said := s.saidBy(v)
	date, from := s.dateOf(v)
	if from == redline.DateFromText && mode == redline.Asserted && !s.doc.Date.IsZero() && date.After(s.doc.Date.AddDate(0, 0, 7)) {
		// A report cannot tell of a done event that has not happened yet:
		// a date well after the document's belongs to something else in
		// the sentence (a deadline, a goal).
		date, from = s.doc.Date, redline.DateFromDocument
	}
	place := s.place(v)
	// An announced intention is itself an event CAMEO codes as asserted:
	// "will support" is an expression of intent to cooperate (03), "will
	// strike" a threat (13). The future event is kept beside it.
	codes := [2]redline.Code{code}
	modes := [2]redline.Mode{mode}
	if intent && mode == redline.Future {
		switch r := code.Root(); {
		case r == "02" || r == "03" || r == "10" || r == "12" || r == "13":
			// Announcing an appeal, a promise, a demand, a refusal or a
			// threat is already making it: "will ask", "is ready to
			// contribute troops" (0334).
			modes[0] = redline.Asserted
		case s.conditionalThreat(v, code):
			// "will withdraw its force unless the president arranges a
			// ceasefire": an action announced on a condition is a threat.
			codes[1], modes[1] = threatCode(code), redline.Asserted
		default:
			if c, ok := intentCode(code); ok {
				codes[1], modes[1] = c, redline.Asserted
			}
		}
	}
	// An announced refusal ("will not meet the demands", "said it would not
	// release") is itself a rejection (12).
	// Announcing not to fight ("will not invade") is a statement of intent
	// to de-escalate (0356).
	if intent && mode == redline.Negated {
		switch r := code.Root(); {
		case r == "18" || r == "19" || r == "20":
			codes[1], modes[1] = "0356", redline.Asserted
		case r >= "13":
			// Not announcing a threat, protest or sanction: no new event.
		default:
			if c, ok := compose("120", code); ok && c.Root() == "12" {
				codes[1], modes[1] = c, redline.Asserted
			} else if r != "12" {
				codes[1], modes[1] = "120", redline.Asserted
			}
		}
	}
	// A missing side is one null actor. srcs and tgts share one backing
	// array (srcs first), so the placeholder must not be appended to srcs.
	var none [1]actorRef
	if len(srcs) == 0 {
		srcs = none[:]
	}
	if len(tgts) == 0 {
		tgts = none[:]
	}
	sent := s.doc.Sentences[s.index]
	verb := &s.t.toks[v]
	add := func(code redline.Code, mode redline.Mode, src, tgt *redline.Actor) {
		key := dedupKey{src.ActorCode(), tgt.ActorCode(), code, date, mode}
		if k, ok := s.c.seen[key]; ok && k < len(out) {
			out[k].Mentions++
			return
		}
		ev := redline.Event{
			ID:       redline.EventID(s.doc.ID, s.index, src.ActorCode(), tgt.ActorCode(), code, mode, date),
			DocID:    s.doc.ID,
			Sentence: s.index,
			Date:     date,
			DateFrom: from,
			Source:   src,
			Target:   tgt,
			Code:     code,
			Mode:     mode,
			SaidBy:   said,
			Evidence: redline.Evidence{Start: sent.Start, End: sent.End, Text: s.doc.Text[sent.Start:sent.End],
				Verb: s.doc.Text[verb.Start:verb.End], VerbStart: verb.Start, VerbEnd: verb.End},
			Mentions: 1,
			URL:      s.doc.URL,
			Place:    place,
		}
		s.c.seen[key] = len(out)
		if from == redline.DateFromText {
			s.c.lastTextDate = date
		}
		out = append(out, ev)
		s.note("event %s → %s %s (%s) mode=%s", src.ActorCode(), tgt.ActorCode(), code, code.Name(), mode)
	}
	for k, code := range codes {
		if code == "" {
			continue
		}
		mode := modes[k]
		for i := range srcs {
			for j := range tgts {
				src, tgt := actorPtr(&srcs[i]), actorPtr(&tgts[j])
				if src == nil && tgt == nil {
					continue
				}
				if src != nil && tgt != nil && src.Code == tgt.Code && !domesticPlace(code, tgts[j]) {
					// "they killed them" with both pronouns on one group,
					// "Russia ... Russia": an actor does not act on itself.
					// The event stands; the target is not known.
					// (Domestic events keep distinct codes: PAKGOV → PAKREB.)
					s.note("%q (%s): %s would act on itself; target dropped", s.t.toks[v].Form, code, src.Code)
					if len(tgts) > 1 {
						continue
					}
					tgt = nil
				}
				add(code, mode, src, tgt)
				if peace && k == 0 && src != nil && tgt != nil {
					add("0861", mode, tgt, src)
				}
			}
		}
	}
	return out
}

// selfSubject reports whether subj, whose actors are got, is the doer
// itself: its actors are among srcs, or, a pronoun filtered out as the doer
// acting on itself, it refers to one of them.
func (s *sentenceState) selfSubject(subj int, srcs, got []actorRef) bool {
	if len(got) > 0 {
		return sameActors(srcs, got)
	}
	if s.t.toks[subj].UPOS != redline.PRON {
		return false
	}
	a, ok := s.pronounActor(subj)
	if !ok {
		return false
	}
	for i := range srcs {
		if srcs[i].actor.Code == a.actor.Code {
			return true
		}
	}
	return false
}

// sameActors reports whether every actor of b is one of a's.
func sameActors(a, b []actorRef) bool {
	for i := range b {
		found := false
		for j := range a {
			found = found || a[j].actor.Code == b[i].actor.Code
		}
		if !found {
			return false
		}
	}
	return true
}

// criticised appends, for a disapproval (11), the actors of the event
// noun it is about: "complained to the UN over Israeli air raids" is a
// complaint against Israel, not the UN it was made to.
func (s *sentenceState) criticised(pi int, out []actorRef) []actorRef {
	v := s.preds[pi].tok
	if s.preds[pi].code.Root() != "11" {
		return out
	}
	obj := s.t.child(v, redline.Obj)
	for k := range s.preds {
		in := &s.preds[k]
		if in.outer != pi || !in.noun || s.t.head(in.tok) != v {
			continue
		}
		// Only the event itself, the object or an oblique of the verb:
		// "accused Syrian troops of crimes" accuses the troops.
		if r := s.t.toks[in.tok].Rel.Base(); (r == redline.Obj || r == redline.Obl) && (obj < 0 || obj == in.tok) {
			return s.sources(in.tok, true, out)
		}
	}
	return out
}

func actorPtr(r *actorRef) *redline.Actor {
	if r.kind == dict.NoKind && r.actor.Code == "" {
		return nil
	}
	a := r.actor
	return &a
}

// background reports an event noun that only describes another noun: "a
// guard involved in a shooting", "after fifteen years of occupation", "his
// part in atrocities during the fight". Event nouns that are arguments of a
// verb ("launched an invasion", "the attack killed") or stand alone are news.
func (s *sentenceState) background(v int) bool {
	t := &s.t
	h := t.head(v)
	if h < 0 {
		return false
	}
	if r := t.toks[v].Rel.Base(); (r == redline.Obl || r == redline.Nmod) && timeFrames[t.caseOf(v)] {
		// "rioted after a peaceful demonstration", "protests since the
		// coup": an event that only dates another is told as known.
		return true
	}
	if t.toks[v].Rel.Base() == redline.Obj && s.prepositionalParticiple(h) {
		// "set fire to offices following the killing of a man".
		return true
	}
	switch t.toks[v].Rel.Base() {
	case redline.Nmod, redline.Compound, redline.Amod, redline.Appos:
		return t.toks[h].UPOS == redline.NOUN || t.toks[h].UPOS == redline.PROPN
	case redline.Obl:
		// "a guard involved in a shooting", "officers holed up since the
		// invasion": the oblique of a participle that describes a noun,
		// unless that noun phrase is all the sentence has (a headline).
		switch hr := t.toks[h].Rel; {
		case hr == redline.Acl && (t.toks[h].XPOS == "VBN" || t.toks[h].XPOS == "VBG"):
		case hr == redline.Amod && strings.HasSuffix(t.toks[h].Lower, "ed"): // tagged as an adjective
		default:
			return false
		}
		n := t.head(h)
		return n >= 0 && t.head(n) >= 0 && (t.toks[n].UPOS == redline.NOUN || t.toks[n].UPOS == redline.PROPN)
	}
	return false
}

// peacekeeping reports a predicate whose mover is a peacekeeping force:
// the subject of a verb ("NATO peacekeeping troops have arrived", "the
// first deployment of NATO peacekeepers arrived") or the phrase of a
// deployment noun.
func (s *sentenceState) peacekeeping(v int, noun bool) bool {
	h := v
	if !noun {
		if h = s.t.subject(v); h < 0 {
			return false
		}
	}
	found := false
	s.visitNP(h, h, 0, func(i int) {
		if strings.HasPrefix(s.t.toks[i].Lower, "peacekeep") {
			found = true
		}
	})
	return found
}

// placeLeft returns the phrase a verb or noun of leaving takes for the
// place left ("from Bosnia", "out of the enclave"), or -1.
func (s *sentenceState) placeLeft(v int) int {
	t := &s.t
	for c := t.first[v]; c >= 0; c = t.next[c] {
		switch t.toks[c].Rel.Base() {
		case redline.Obl, redline.Nmod:
		default:
			continue
		}
		switch cs := t.caseOf(int(c)); {
		case cs == "from", cs == "out":
			return int(c)
		case cs == "of":
			// "shipped out of": the particle may be parsed apart.
			if l := t.leftmost(int(c), 0); l > 0 && t.toks[l-1].Lower == "out" {
				return int(c)
			}
		}
	}
	return -1
}

// expulsion reports a verb or noun by which a host removes others.
func (s *sentenceState) expulsion(v int) bool {
	switch s.t.lemma(v) {
	case "expel", "kick", "order", "expulsion", "eject", "oust":
		return true
	}
	return false
}

// prepositionalParticiple reports "following" used as a preposition of
// time: a bare -ing form with neither subject nor auxiliary, hung on a
// clause or noun rather than heading one.
func (s *sentenceState) prepositionalParticiple(h int) bool {
	t := &s.t
	if h < 0 || t.lemma(h) != "follow" || t.toks[h].XPOS != "VBG" || t.head(h) < 0 {
		return false
	}
	switch t.toks[h].Rel.Base() {
	case redline.Acl, redline.Advcl, redline.Xcomp, redline.Case, redline.Obl, redline.Nmod:
	default:
		return false
	}
	return t.child(h, redline.Nsubj) < 0 && t.childBase(h, redline.Aux) < 0
}

// placeRelative reports a clause opened by "where" or by a preposition and
// "which" ("the province of Kosovo, where 24 people were killed", "raids in
// which 20 people died"): it tells what happened at a place or in an event
// already named, not news of its own. Parses hang such clauses anywhere,
// so the test is on the clause's own words: its verb, or a reporting verb
// inserted in it ("where, it said, 100 people were killed").
// Only a passive without an agent: a toll recalled. A clause that names
// who acted ("where security forces clashed with fighters") is news.
func (s *sentenceState) placeRelative(v int) bool {
	t := &s.t
	if !t.isPassive(v) || t.child(v, redline.OblAgent) >= 0 {
		return false
	}
	opens := func(h int) bool {
		for c := t.first[h]; c >= 0 && int(c) < h; c = t.next[c] {
			tok := &t.toks[c]
			switch tok.Rel.Base() {
			case redline.Advmod:
				// Not sentence-initial: "Where ..." opens a question or
				// an adverbial clause.
				if tok.Lower == "where" && c > 0 {
					return true
				}
			case redline.Obl:
				if (tok.Lower == "which" || tok.Lower == "whom") && t.child(int(c), redline.Case) >= 0 {
					return true
				}
			}
		}
		return false
	}
	if opens(v) {
		return true
	}
	for c := t.first[v]; c >= 0; c = t.next[c] {
		if r := t.toks[c].Rel.Base(); (r == redline.Advcl || r == redline.Parataxis) && reportingVerbs[t.lemma(int(c))] && opens(int(c)) {
			return true
		}
	}
	if h := t.head(v); h >= 0 && t.toks[v].Rel.Base() == redline.Ccomp && reportingVerbs[t.lemma(h)] {
		return opens(h)
	}
	return false
}

// describes reports a verb in a relative clause that describes a thing,
// not an actor: "a resolution that aims to tighten sanctions", "the plant
// which was hit" (the clause's head noun names no actor). "Hamas, which
// fired rockets" is news and stays.
func (s *sentenceState) describes(v int) bool {
	t := &s.t
	for x, steps := v, 0; steps < 3; steps++ {
		h := t.head(x)
		if h < 0 {
			return false
		}
		switch t.toks[x].Rel {
		case redline.AclRelcl:
			if u := t.toks[h].UPOS; u != redline.NOUN {
				return false
			}
			_, actor := s.npActor(h)
			return !actor && s.mention[h] < 0
		case redline.Acl:
			// "her role in rioting", "charges of plotting": a gerund a
			// preposition hangs on a thing. Intentions ("a plan to
			// attack") are left to mode.
			// Not a predicate noun ("were guilty of violating"), nor a
			// process begun ("initiated the process of returning").
			if t.toks[h].UPOS != redline.NOUN || t.toks[x].XPOS != "VBG" || !s.markedBy(x, "in", "of", "for") ||
				intentHeads[t.lemma(h)] || hypotheticalHeads[t.lemma(h)] || t.head(h) < 0 || t.child(h, redline.Cop) >= 0 ||
				s.stepsTaken(x) >= 0 {
				return false
			}
			_, actor := s.npActor(h)
			return !actor && s.mention[h] < 0
		case redline.Xcomp, redline.Conj:
			x = h
		default:
			return false
		}
	}
	return false
}

// notePair remembers the two parties of an event with two distinct actors
// (a dyad, or coordinated subjects), for "both sides" later.
func (s *sentenceState) notePair(srcs, tgts []actorRef) {
	var p [2]actorRef
	n := 0
	for _, list := range [2][]actorRef{srcs, tgts} {
		for _, a := range list {
			if a.actor.Code == "" || (n == 1 && p[0].actor.Code == a.actor.Code) {
				continue
			}
			if n < 2 {
				p[n] = a
				n++
			}
		}
	}
	if n == 2 {
		s.c.pair, s.c.pairs = p, 2
	}
}

// note records a reason for explain; free when not explaining.
func (s *sentenceState) note(format string, args ...any) {
	if s.explain != nil {
		s.explain.lines = append(s.explain.lines, fmt.Sprintf(format, args...))
	}
}

// gerundNoun reports a gerund without subject or auxiliary used as a noun
// or adverbial ("comes to de-escalating", "stopping the strike is hard");
// a participle coordinated with a clause or describing a noun ("...,
// accusing Putin of ...") tells of an act.
func (s *sentenceState) gerundNoun(v int) bool {
	t := &s.t
	if t.toks[v].XPOS != "VBG" || t.child(v, redline.Nsubj) >= 0 || t.child(v, redline.Aux) >= 0 {
		return false
	}
	switch t.toks[v].Rel.Base() {
	case redline.Conj, redline.Acl, redline.Root, redline.Parataxis:
		return false
	}
	return true
}
