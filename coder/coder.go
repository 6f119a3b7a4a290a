// Package coder turns a tagged and parsed Doc into CAMEO events: it finds
// predicates with the verb dictionary, fills source and target from the
// dependency tree and the actor dictionaries, composes speech acts with the
// events they are about, tells asserted events from negated, hypothetical
// and future ones, attributes reported events to their speakers and dates
// events from the text.
package coder

import (
	"fmt"
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
	explain   *explainLog
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
	s.t.build(toks)
	n := len(toks)
	s.matches = s.c.dict.MatchActors(s.matches[:0], toks, s.doc.Date)
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

// composeAll joins each speech act or intention with the event in its
// complement ("threatened to impose sanctions").
func (s *sentenceState) composeAll() {
	for oi := range s.preds {
		o := &s.preds[oi]
		switch o.code.Root() {
		case "02", "03", "10", "11", "12", "13":
		default:
			continue
		}
		for ii := range s.preds {
			in := &s.preds[ii]
			if ii == oi || in.outer >= 0 || !s.complementOf(in.tok, o.tok) {
				continue
			}
			code, ok := compose(o.code, in.code)
			if !ok && o.code.Root() != "13" {
				continue
			}
			if !generic(o.code) {
				// The pattern already said what is demanded or threatened
				// ("demanded the removal" is 1041): the complement is part
				// of the same event, and does not recode it.
				code = o.code
			}
			s.note("%q (%s) composed with %q (%s) → %s", s.t.toks[o.tok].Form, o.code, s.t.toks[in.tok].Form, in.code, code)
			o.code, o.inner, in.outer = code, ii, oi
			break
		}
	}
	// An event noun that is the complement of a verb event is part of that
	// event, not another one: "suspended military aid" is a suspension,
	// "rejected the EU proposal" a rejection.
	for ii := range s.preds {
		in := &s.preds[ii]
		if !in.noun || in.outer >= 0 {
			continue
		}
		for oi := range s.preds {
			o := &s.preds[oi]
			if oi != ii && !o.noun && o.outer < 0 && s.complementOf(in.tok, o.tok) {
				s.note("%q (%s): complement of %q (%s)", s.t.toks[in.tok].Form, in.code, s.t.toks[o.tok].Form, o.code)
				in.outer = oi
				break
			}
		}
	}
}

// generic reports a code that says only the kind of speech act (100
// demand, 130 threaten, 112 accuse), which composition may specialise.
func generic(c redline.Code) bool {
	return c == "112" || (len(c) == 3 && c[2] == '0')
}

// complementOf reports whether v is what o asks, promises, threatens,
// refuses or accuses of: o's xcomp ("threatened to impose", through chains
// such as "agreed to try to hold"), its object or oblique noun
// ("threatened sanctions", "called for talks"), a noun hanging on that
// object ("demanded the release of"), or a subjectless clause marked "of"
// or "to" ("accused Russia of invading"). A clause with a subject of its own
// ("warned that Russia would invade") is a separate event, not a complement.
func (s *sentenceState) complementOf(v, o int) bool {
	t := &s.t
	h := v
	for steps := 0; steps < 3; steps++ {
		p := t.head(h)
		if p < 0 {
			return false
		}
		ok := false
		switch r := t.toks[h].Rel.Base(); r {
		case redline.Xcomp:
			ok = true
		case redline.Obj, redline.Obl, redline.Nmod:
			ok = t.toks[h].UPOS == redline.NOUN
		case redline.Advcl, redline.Acl:
			if t.child(h, redline.Nsubj) < 0 {
				for c := t.first[h]; c >= 0; c = t.next[c] {
					if t.toks[c].Rel == redline.Mark && (t.toks[c].Lower == "of" || t.toks[c].Lower == "to" || t.toks[c].Lower == "for") {
						ok = true
					}
				}
			}
		}
		if !ok {
			return false
		}
		if p == o {
			return true
		}
		h = p
	}
	return false
}

// emit turns predicate pi into events: one per source × target.
func (s *sentenceState) emit(pi int, out []redline.Event) []redline.Event {
	p := &s.preds[pi]
	v := p.tok
	if (p.noun && s.background(v)) || (!p.noun && s.describes(v)) {
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
	if p.demanded >= 0 {
		srcs = s.actorsOf(s.t.subject(p.demanded), srcs)
	} else {
		srcs = s.targets(v, p, srcs)
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
	if len(srcs) == 0 && len(tgts) == 0 {
		s.note("%q (%s): no actor for source or target", s.t.toks[v].Form, p.code)
		return out
	}
	s.notePair(srcs, tgts)
	mode, intent := s.mode(v)
	said := s.saidBy(v)
	date, from := s.dateOf(v)
	place := s.place(v)
	// An announced intention is itself an event CAMEO codes as asserted:
	// "will support" is an expression of intent to cooperate (03), "will
	// strike" a threat (13). The future event is kept beside it.
	codes := [2]redline.Code{p.code}
	modes := [2]redline.Mode{mode}
	if intent && mode == redline.Future {
		switch r := p.code.Root(); {
		case r == "02" || r == "03" || r == "10" || r == "12" || r == "13":
			// Announcing an appeal, a promise, a demand, a refusal or a
			// threat is already making it: "will ask", "is ready to
			// contribute troops" (0334).
			modes[0] = redline.Asserted
		case s.conditioned(v):
			// "will withdraw its force unless the president arranges a
			// ceasefire": an action announced on a condition is a threat.
			codes[1], modes[1] = threatCode(p.code), redline.Asserted
		default:
			if c, ok := intentCode(p.code); ok {
				codes[1], modes[1] = c, redline.Asserted
			}
		}
	}
	// An announced refusal ("will not meet the demands", "said it would not
	// release") is itself a rejection (12).
	// Announcing not to fight ("will not invade") is a statement of intent
	// to de-escalate (0356).
	if intent && mode == redline.Negated {
		switch r := p.code.Root(); {
		case r == "18" || r == "19" || r == "20":
			codes[1], modes[1] = "0356", redline.Asserted
		case r >= "13":
			// Not announcing a threat, protest or sanction: no new event.
		default:
			if c, ok := compose("120", p.code); ok && c.Root() == "12" {
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
				if src != nil && tgt != nil && src.Code == tgt.Code && src.Start == tgt.Start {
					continue
				}
				if src != nil && tgt != nil && src.Code == tgt.Code && src.Code == src.Country && s.t.toks[v].Rel != redline.Conj {
					// "Russia ... Russia": an actor does not act on itself.
					s.note("%q (%s): %s would act on itself", s.t.toks[v].Form, code, src.Code)
					continue
				}
				key := dedupKey{src.ActorCode(), tgt.ActorCode(), code, date, mode}
				if k, ok := s.c.seen[key]; ok && k < len(out) {
					out[k].Mentions++
					continue
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
		}
	}
	return out
}

// intentCode is the statement of intent that announcing code makes:
// cooperation becomes the matching 03 code, conflict the matching threat.
func intentCode(code redline.Code) (redline.Code, bool) {
	switch code.Root() {
	case "04", "05", "06", "07", "08":
		return compose("030", code)
	case "14", "15", "16", "17", "18", "19", "20":
		return compose("130", code)
	}
	return "", false
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
	switch t.toks[v].Rel.Base() {
	case redline.Nmod, redline.Compound, redline.Amod, redline.Appos:
		return t.toks[h].UPOS == redline.NOUN || t.toks[h].UPOS == redline.PROPN
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
		if !speechPronouns[t.toks[subj].Lower] {
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

// sources returns the actors that do what predicate v says.
func (s *sentenceState) sources(v int, noun bool, out []actorRef) []actorRef {
	t := &s.t
	if noun {
		// "Russia's invasion", "the Russian invasion", "an invasion by Russia".
		for c := t.first[v]; c >= 0; c = t.next[c] {
			r := t.toks[c].Rel
			if r == redline.NmodPoss || r == redline.Amod || r == redline.Compound ||
				(r.Base() == redline.Nmod && t.caseOf(int(c)) == "by") {
				if n := len(out); len(s.actorsOf(int(c), out)) > n {
					return s.actorsOf(int(c), out[:n])
				}
			}
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
		// "was arrested in Lebanon", "put under investigation in Italy":
		// without an agent, the state where it happened acts.
		if s.stateAction(v) {
			for c := t.first[v]; c >= 0; c = t.next[c] {
				if t.toks[c].Rel.Base() == redline.Obl && t.caseOf(int(c)) == "in" {
					if m := s.mention[c]; m >= 0 && s.matches[m].Kind == dict.Country {
						return append(out, s.refFromMatch(&s.matches[m]))
					}
				}
			}
		}
		return out
	}
	if subj := t.subject(v); subj >= 0 {
		n := len(out)
		if out = s.actorsOf(subj, out); len(out) > n {
			return out
		}
		// A parse with two subjects ("79-year-old President Joe Biden"
		// split in two): the one that names an actor.
		for c := t.first[v]; c >= 0; c = t.next[c] {
			if int(c) != subj && t.toks[c].Rel == t.toks[subj].Rel {
				if out = s.actorsOf(int(c), out); len(out) > n {
					return out
				}
			}
		}
		return out
	}
	h := t.head(v)
	if h < 0 {
		return out
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
		// "he has no intent on invading": the noun's verb's subject.
		if g := t.head(h); g >= 0 && t.toks[g].UPOS == redline.VERB {
			if r := t.toks[h].Rel.Base(); r == redline.Obj || r == redline.Obl {
				return s.sources(g, false, out)
			}
		}
	}
	return out
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
// roots 09, 16 and 17, and judicial 11s.
func (s *sentenceState) stateAction(v int) bool {
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
			if out = s.actorsOrInside(i, out); len(out) > n {
				return out
			}
		}
	}
	if p.noun {
		for c := t.first[v]; c >= 0; c = t.next[c] {
			if t.toks[c].Rel.Base() == redline.Nmod && t.toks[c].Rel != redline.NmodPoss {
				switch t.caseOf(int(c)) {
				case "of", "on", "against", "with", "to", "into", "toward", "towards":
					if out = s.actorsOrInside(int(c), out); len(out) > n {
						return out
					}
				}
			}
		}
		return out
	}
	if t.isPassive(v) {
		if c := t.child(v, redline.NsubjPass); c >= 0 {
			return s.actorsOf(c, out)
		}
		if v2 := t.head(v); v2 >= 0 && t.toks[v].Rel == redline.Acl && !s.activeAcl(v) {
			// "forces led by X": the modified noun is the target.
			return s.actorsOf(v2, out)
		}
		return out
	}
	if c := t.child(v, redline.Iobj); c >= 0 {
		// "read Putin the riot act", "gave Ukraine weapons".
		if out = s.actorsOf(c, out); len(out) > n {
			return out
		}
	}
	obj := t.child(v, redline.Obj)
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
			if t.toks[c].Rel.Base() == redline.Nmod && t.toks[c].Rel != redline.NmodPoss {
				if out = s.actorsOrInside(int(c), out); len(out) > n {
					return out
				}
			}
		}
	}
	// A verb among the pattern's items carries the target: "refused to meet
	// Jordan's King Abdullah" matches "refuse meet" (125), whose target is
	// the object of "meet".
	// So does a verb complement the pattern names nothing of: "threatened
	// to deliver devastating blows to the United States" (138).
	for i := 0; i < len(t.toks) && i < 64; i++ {
		item := p.used&(1<<uint(i)) != 0 || (t.head(i) == v && t.toks[i].Rel == redline.Xcomp)
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
			switch t.caseOf(int(c)) {
			case "against", "on", "with", "to", "into", "at", "toward", "towards", "upon", "in":
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
	// Appeals and demands address the subject of their clause: "demanding
	// that the Turkish government provide information", "its demand that
	// Israel ease restrictions".
	if r := p.code.Root(); r == "02" || r == "10" {
		for _, h := range [2]int{v, obj} {
			if h < 0 {
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
	return out
}

// mode decides whether the text asserts the event at v: walking up from v
// through the clauses that embed it, the nearest negation, modal,
// condition or intention decides. intent is set when the event is one the
// subject itself announces ("will support", "is ready to send", "plans to
// impose"), which CAMEO codes as an asserted statement of intent.
func (s *sentenceState) mode(v int) (m redline.Mode, intent bool) {
	t := &s.t
	for h, prev, steps := v, -1, 0; h >= 0 && steps < 6; steps++ {
		lemma := t.lemma(h)
		if prev >= 0 && s.isComposedPair(h, prev) {
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
			if hypotheticalHeads[lemma] {
				if s.negated(h) {
					return redline.Negated, false
				}
				return redline.Hypothetical, false
			}
		}
		own := prev < 0 || t.toks[prev].Rel == redline.Xcomp
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

// conditioned reports an "unless" or "if" clause on v: the condition of an
// announced action.
func (s *sentenceState) conditioned(v int) bool {
	t := &s.t
	for c := t.first[v]; c >= 0; c = t.next[c] {
		if t.toks[c].Rel.Base() != redline.Advcl {
			continue
		}
		for m := t.first[c]; m >= 0; m = t.next[m] {
			if t.toks[m].Rel == redline.Mark && (t.toks[m].Lower == "unless" || t.toks[m].Lower == "if") {
				return true
			}
		}
	}
	return false
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

// note records a reason for explain; free when not explaining.
func (s *sentenceState) note(format string, args ...any) {
	if s.explain != nil {
		s.explain.lines = append(s.explain.lines, fmt.Sprintf(format, args...))
	}
}
