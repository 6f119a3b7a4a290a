package dict

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/redline-events/redline"
)

// ActorMatch is one actor or agent mention in a sentence. Code is the
// actor's code at the date: for an agent the role alone ("MIL"), for a
// person outside every term the country their roles share or, when they
// span several countries, "".
type ActorMatch struct {
	Start, End int // token indices [Start,End) within the sentence
	Code       string
	Country    string
	Kind       Kind
	Name       string // the dictionary's canonical name
	Fuzzy      bool   // found by tolerating a misspelling
}

// kindRank orders the kinds when one name has several entries: a listed
// person or organisation is more specific than a country, a country than a
// place, anything than an agent word.
var kindRank = [numKinds]uint8{NoKind: 9, Person: 0, Org: 1, Group: 2, Country: 3, Place: 4, Agent: 5}

// MatchActors appends to dst the actor and agent mentions in one sentence's
// tokens, leftmost-longest, with person roles resolved at date (zero: the
// role outside dated terms, else the latest). It allocates only when dst
// must grow.
func (d *Dictionary) MatchActors(dst []ActorMatch, toks []redline.Token, date time.Time) []ActorMatch {
	return d.MatchActorsIn(dst, toks, date, nil)
}

// Surnames remembers, within one document, the people whose surname was
// written after another given name ("chairman Allan Taylor"): the news
// goes on calling that person by the surname alone ("Taylor said"), so a
// bare mention later in the document is not the dictionary's Taylor
// either. The zero value is empty; Reset it between documents.
type Surnames struct{ entries []int32 }

// Reset forgets every surname, keeping the storage.
func (m *Surnames) Reset() { m.entries = m.entries[:0] }

func (m *Surnames) has(e int32) bool {
	for _, x := range m.entries {
		if x == e {
			return true
		}
	}
	return false
}

// MatchActorsIn is MatchActors within a document whose surnames written
// after other given names are remembered in seen (nil: none).
func (d *Dictionary) MatchActorsIn(dst []ActorMatch, toks []redline.Token, date time.Time, seen *Surnames) []ActorMatch {
	c := d.c
	if c == nil {
		return dst // a zero Dictionary knows no names
	}
	var scratch [64]byte
	buf := scratch[:0]
	base := len(dst)
	for i := 0; i < len(toks); {
		node, fz := int32(0), false
		var best ActorMatch
		bestEnd, bestSurname := -1, int32(-1)
		for j := i; j < len(toks); {
			t := &toks[j]
			if node != 0 && isDash(t.Form) {
				j++
				continue
			}
			var next int32
			var f bool
			next, f, buf = d.step(node, t, buf)
			if next < 0 {
				if node != 0 && isInitial(t.Form) {
					j++ // a middle initial: "Joseph R. Biden"
					continue
				}
				break
			}
			node, fz, j = next, fz || f, j+1
			if vals := c.actors.valsAt(node); len(vals) > 0 {
				if m, sur, ok := d.resolve(vals, toks[i:j], date, fz); ok {
					m.Start, m.End, m.Fuzzy = i, j, fz
					best, bestEnd, bestSurname = m, j, sur
				}
			}
		}
		prevEnd := -1
		if len(dst) > base {
			prevEnd = dst[len(dst)-1].End
		}
		if bestEnd < 0 || (best.Fuzzy && !fuzzyContextOK(&best, toks, prevEnd)) {
			i++
			continue
		}
		if bestSurname >= 0 {
			if !d.surnameContextOK(&best, bestSurname, toks, prevEnd, buf) {
				if seen != nil && !seen.has(bestSurname) {
					seen.entries = append(seen.entries, bestSurname)
				}
				i++
				continue
			}
			if seen != nil && seen.has(bestSurname) {
				i++
				continue
			}
		}
		dst = append(dst, best)
		i = bestEnd
	}
	return dst
}

// fuzzyContextOK guards a match that needed a misspelling: an organisation
// must be matched on more than the misspelt word, and a one-word person
// match must not sit next to a capitalised word that no match explains,
// which makes it part of a longer name the dictionaries do not know
// ("Mansoor Tima-Weeyne", "Ganjar Pranowo"). A title the agent dictionary
// knows ("Minister Rybakov") is explained. prevEnd is the end of the
// previous match in the sentence, or -1.
func fuzzyContextOK(m *ActorMatch, toks []redline.Token, prevEnd int) bool {
	if m.End-m.Start > 1 {
		return true
	}
	if m.Kind != Person {
		return false
	}
	if m.End < len(toks) && isCapitalised(toks[m.End].Form) {
		return false
	}
	p := m.Start - 1
	for p >= 0 && isDash(toks[p].Form) {
		p--
	}
	return p < 0 || prevEnd > p || !isCapitalised(toks[p].Form)
}

// honorifics are capitalised words written before a surname alone that
// name no one ("Mr. Biden", "Sen. Warren"); titles the agent dictionary
// knows ("President", "Minister") are explained by their own match.
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "sir": true, "dame": true,
	"lady": true, "lord": true, "sen": true, "rep": true, "gov": true, "gen": true, "col": true,
	"maj": true, "capt": true, "lt": true, "sgt": true, "adm": true, "cmdr": true, "prof": true,
	"rev": true, "sheikh": true, "sheik": true, "mme": true, "herr": true, "frau": true, "messrs": true,
}

// surnameContextOK guards a surname matched alone: it stands for its
// person only when no other given name is written right before it, so a
// capitalised word there must be the previous match (a title, a country),
// an honorific, a word of the verb and agent dictionaries, a word the
// tagger calls anything but a proper noun (a sentence's first "But"), or
// the person's own given name in a spelling the dictionary does not list
// with the surname. "Breonna Taylor" is not Charles Taylor, nor "Katy
// Gallagher" the Vatican's Gallagher. Untagged, a sentence's first word
// cannot be told from a given name and is let through.
func (d *Dictionary) surnameContextOK(m *ActorMatch, entry int32, toks []redline.Token, prevEnd int, buf []byte) bool {
	p := m.Start - 1
	if p < 0 || prevEnd > p {
		return true
	}
	t := &toks[p]
	if !isCapitalised(t.Form) {
		return true
	}
	if t.UPOS != redline.NoPOS {
		if t.UPOS != redline.PROPN && t.UPOS != redline.X {
			return true
		}
	} else if p == 0 {
		return true
	}
	buf = appendFold(buf[:0], t.Form)
	if honorifics[string(buf)] || d.c.known[string(buf)] {
		return true
	}
	return d.givenName(entry, t.Form)
}

// givenName reports whether form is the first word of one of the names
// listed for the entry.
func (d *Dictionary) givenName(entry int32, form string) bool {
	for _, n := range d.entries[entry].Names {
		first, _, _ := strings.Cut(n, " ")
		if strings.EqualFold(first, form) {
			return true
		}
	}
	return false
}

// step advances from node over token t: its form, else its lemma, else its
// hyphen-separated pieces, else (guarded) a name within one edit.
func (d *Dictionary) step(node int32, t *redline.Token, buf []byte) (int32, bool, []byte) {
	tr := &d.c.actors
	form := t.Lower
	if form == "" {
		form = t.Form
	}
	id, buf := tr.idOf(form, buf)
	if next := tr.child(node, id); next >= 0 {
		return next, false, buf
	}
	if t.Lemma != "" && t.Lemma != t.Lower && t.Lemma != "_" {
		lid, b := tr.idOf(t.Lemma, buf)
		buf = b
		if next := tr.child(node, lid); next >= 0 {
			return next, false, buf
		}
	}
	if len(form) > 2 && strings.IndexByte(form[1:len(form)-1], '-') >= 0 {
		n := node
		for p := range strings.SplitSeq(form, "-") {
			if p == "" {
				continue
			}
			var pid int32
			pid, buf = tr.idOf(p, buf)
			if n = tr.child(n, pid); n < 0 {
				break
			}
		}
		if n >= 0 {
			return n, false, buf
		}
	}
	if id < 0 {
		return d.fuzzyStep(node, t, form, buf)
	}
	return -1, false, buf
}

// fuzzyStep tries names within one edit (Damerau-Levenshtein) of the token,
// only for capitalised tokens of at least minFuzzyLen letters that are not
// dictionary words and that the tagger, if it ran, calls proper nouns.
func (d *Dictionary) fuzzyStep(node int32, t *redline.Token, form string, buf []byte) (int32, bool, []byte) {
	c := d.c
	if len(c.fuzzyIDs) == 0 || !isCapitalised(t.Form) || isUpperForm(t.Form) {
		return -1, false, buf
	}
	if t.UPOS != redline.NoPOS && t.UPOS != redline.PROPN && t.UPOS != redline.X {
		return -1, false, buf
	}
	if utf8.RuneCountInString(form) < minFuzzyLen {
		return -1, false, buf
	}
	buf = appendFold(buf[:0], form)
	n := len(buf)
	if n > 48 {
		return -1, false, buf
	}
	if c.known[string(buf)] {
		return -1, false, buf
	}
	c.fuzzyOnce.Do(c.buildFuzzy)
	// The query and its one-letter deletions, built after the query in buf.
	try := func(key []byte) int32 {
		for _, id := range c.fuzzy[string(key)] {
			if next := c.actors.child(node, id); next >= 0 && withinOneEdit(string(buf[:n]), c.actors.words[id]) {
				return next
			}
		}
		return -1
	}
	if next := try(buf[:n]); next >= 0 {
		return next, true, buf
	}
	for i := 0; i < n; {
		_, w := utf8.DecodeRune(buf[i:n])
		buf = append(append(buf[:n], buf[:i]...), buf[i+w:n]...)
		if next := try(buf[n:]); next >= 0 {
			return next, true, buf
		}
		i += w
	}
	return -1, false, buf
}

// withinOneEdit reports whether a and b differ by one insertion, deletion,
// substitution or transposition of adjacent letters, away from the first
// and last letters: names that differ at an end are usually other names
// ("Abdullah"/"Abdullahi"), while typing slips fall inside ("Stotenberg",
// "Rybakov").
func withinOneEdit(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	if i == 0 {
		return false
	}
	switch len(a) - len(b) {
	case 0:
		if i+1 < len(a)-1 && a[i+1:] == b[i+1:] {
			return true // substitution
		}
		return i+2 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case 1:
		return i < len(a)-1 && a[i+1:] == b[i:]
	}
	return false
}

// resolve chooses among the names ending at one trie node for the matched
// tokens: listed names before derived surnames, the latest layer, then the
// most specific kind.
func (d *Dictionary) resolve(vals []termVal, toks []redline.Token, date time.Time, fuzzy bool) (m ActorMatch, surname int32, ok bool) {
	best := -1
	// News capitalises people's names: a lower-case "bush", "power" or
	// "trump" is a word, not George Bush, Samantha Power or Donald Trump.
	proper := hasUpper(toks)
	for k, v := range vals {
		if v.surname {
			continue
		}
		e := &d.entries[v.entry]
		if v.caps != 0 && !capsMatch(toks, v.caps) {
			continue
		}
		if e.Kind == Person && !proper {
			continue
		}
		if fuzzy && !fuzzyTarget(e, date) {
			continue
		}
		if best < 0 || d.better(v.entry, vals[best].entry, date) {
			best = k
		}
	}
	surname = -1
	if best < 0 {
		// A surname alone names a person when no other person with that
		// surname is active at the date (or there is only one).
		if !isCapitalised(toks[len(toks)-1].Form) {
			return ActorMatch{}, -1, false
		}
		n, active, pick, apick := 0, 0, -1, -1
		for k, v := range vals {
			if !v.surname {
				continue
			}
			e := &d.entries[v.entry]
			if fuzzy && !fuzzyTarget(e, date) {
				continue
			}
			n++
			pick = k
			if activeAt(e, date) {
				active++
				apick = k
			}
		}
		switch {
		case n == 1:
			best = pick
		case active == 1:
			best = apick
		default:
			return ActorMatch{}, -1, false
		}
		surname = vals[best].entry
	}
	e := &d.entries[vals[best].entry]
	code := codeAt(e, date)
	return ActorMatch{Code: code, Country: countryOf(code, e.Kind), Kind: e.Kind, Name: e.Names[0]}, surname, true
}

// better reports whether entry a should win over entry b for the same name.
func (d *Dictionary) better(a, b int32, date time.Time) bool {
	if la, lb := d.layers[a], d.layers[b]; la != lb {
		return la > lb
	}
	ea, eb := &d.entries[a], &d.entries[b]
	if ea.Kind == Person && eb.Kind == Person && !date.IsZero() {
		// Two people listed under one name: the one in office at the date.
		if aa, ab := activeAt(ea, date), activeAt(eb, date); aa != ab {
			return aa
		}
	}
	return kindRank[d.entries[a].Kind] < kindRank[d.entries[b].Kind]
}

// hasUpper reports whether any token has a capital letter ("al-Assad",
// "Ban Ki-moon" do; "bush" does not).
func hasUpper(toks []redline.Token) bool {
	for i := range toks {
		for _, r := range toks[i].Form {
			if unicode.IsUpper(r) {
				return true
			}
		}
	}
	return false
}

// fuzzyTarget: only people active at the date and organisations may be
// reached through a misspelling; countries, places and agents are common
// enough words that a near miss is more likely another word.
func fuzzyTarget(e *Entry, date time.Time) bool {
	switch e.Kind {
	case Org, Group:
		return true
	case Person:
		return activeAt(e, date)
	}
	return false
}

// activeAt reports whether a person holds a dated role at t (any time when
// t is zero).
func activeAt(e *Entry, t time.Time) bool {
	for i := range e.Roles {
		if e.Roles[i].Default {
			continue
		}
		if t.IsZero() || e.Roles[i].covers(t) {
			return true
		}
	}
	return false
}

// codeAt returns e's code at t: the narrowest dated role covering t, else
// the undated role, else the country all its roles share, else "". With a
// zero t: the undated role, else the latest dated one.
func codeAt(e *Entry, t time.Time) string {
	if len(e.Roles) == 0 {
		return e.Code
	}
	var def, latest, cover *Role
	for i := range e.Roles {
		r := &e.Roles[i]
		if r.Default {
			def = r
			continue
		}
		if latest == nil || r.From.After(latest.From) {
			latest = r
		}
		if !t.IsZero() && r.covers(t) && (cover == nil || span(r) < span(cover)) {
			cover = r
		}
	}
	switch {
	case cover != nil:
		return cover.Code
	case def != nil:
		return def.Code
	case t.IsZero() && latest != nil:
		return latest.Code
	}
	country := ""
	for i := range e.Roles {
		c := e.Roles[i].Code
		if len(c) < 3 || (country != "" && c[:3] != country) {
			return ""
		}
		country = c[:3]
	}
	return country
}

// span is the length of a role's term, open ends counting as forever.
func span(r *Role) time.Duration {
	if r.From.IsZero() || r.To.IsZero() {
		return 1<<63 - 1
	}
	return r.To.Sub(r.From)
}

// countryOf returns the three-letter country or IGO prefix of an actor code.
func countryOf(code string, k Kind) string {
	if k == Agent || len(code) < 3 {
		return ""
	}
	return code[:3]
}

// Lookup codes a name as the dictionaries see it at date: one actor, or a
// country or organisation with agent words ("Russian troops" → RUSMIL).
func (d *Dictionary) Lookup(name string, date time.Time) (ActorMatch, bool) {
	words := nameTokens(nil, name)
	toks := make([]redline.Token, len(words))
	for i, w := range words {
		toks[i] = redline.Token{Form: w, Lower: strings.ToLower(w)}
	}
	ms := d.MatchActors(nil, toks, date)
	if len(ms) == 0 {
		return ActorMatch{}, false
	}
	// Every word must be covered, apart from articles, possessives and dashes.
	covered := make([]bool, len(toks))
	for _, m := range ms {
		for i := m.Start; i < m.End; i++ {
			covered[i] = true
		}
	}
	for i, t := range toks {
		if !covered[i] && !isDash(t.Form) && t.Lower != "the" && t.Lower != "'s" && t.Lower != "'" {
			return ActorMatch{}, false
		}
	}
	// A named person is the most specific reading: "President Putin",
	// "Russia's Deputy Foreign Minister Sergei Ryabkov".
	persons := 0
	for _, m := range ms {
		if m.Kind == Person {
			persons++
		}
	}
	if persons == 1 {
		for _, m := range ms {
			if m.Kind == Person {
				m.Start, m.End = 0, len(toks)
				return m, true
			}
		}
	}
	out := ms[0]
	out.Start, out.End = 0, len(toks)
	for _, m := range ms[1:] {
		out.Fuzzy = out.Fuzzy || m.Fuzzy
		switch {
		case m.Kind == Agent:
			out.Code = CombineCodes(out.Code, m.Code)
		case out.Kind == Agent:
			out = ActorMatch{Start: 0, End: len(toks), Code: CombineCodes(m.Code, out.Code),
				Kind: m.Kind, Name: m.Name, Fuzzy: out.Fuzzy || m.Fuzzy}
		default:
			// Two actors ("Russia Ukraine"): not one name.
			return ActorMatch{}, false
		}
	}
	if out.Kind != Agent {
		out.Country = countryOf(out.Code, out.Kind)
	}
	return out, true
}

// internationalPrefixes are the agent codes that go before a country in
// CAMEO ("NGO" + "FRA") rather than after it.
var internationalPrefixes = map[string]bool{"IGO": true, "NGO": true, "IMG": true, "MNC": true, "NGM": true}

// CombineCodes joins a country (or IGO, or an already coded actor) with an
// agent's role code by the CAMEO rules: roles follow the country ("UKR" +
// "MIL" → "UKRMIL"), an IGO keeps its full code before the role
// ("IGOWSTNAT" + "MIL"), international agent codes go first ("NGO" +
// "FRA" → "NGOFRA"), and a role the actor already has is not added twice
// ("RUSGOV" + "GOV" → "RUSGOV").
func CombineCodes(country, agent string) string {
	switch {
	case agent == "":
		return country
	case country == "":
		return agent
	}
	if len(agent) >= 3 && internationalPrefixes[agent[:3]] && !internationalPrefixes[country[:min(3, len(country))]] {
		return agent + country
	}
	// Drop the agent's role groups the actor already has.
	var b strings.Builder
	b.WriteString(country)
	for k := 0; k+3 <= len(agent); k += 3 {
		role := agent[k : k+3]
		has := false
		for j := 3; j+3 <= len(country); j += 3 {
			if country[j:j+3] == role {
				has = true
				break
			}
		}
		if !has {
			b.WriteString(role)
		}
	}
	if len(agent)%3 != 0 {
		b.WriteString(agent[len(agent)/3*3:])
	}
	return b.String()
}

// MatchDiscard reports the first PETRARCH discard phrase in the tokens:
// story is set when the phrase discards the whole story, not only the
// sentence.
func (d *Dictionary) MatchDiscard(toks []redline.Token) (start, end int, story, ok bool) {
	if d.c == nil || len(d.c.discard.vals) == 0 {
		return 0, 0, false, false
	}
	tr := &d.c.discard
	var scratch [64]byte
	buf := scratch[:0]
	for i := range toks {
		node := int32(0)
		for j := i; j < len(toks); j++ {
			form := toks[j].Lower
			if form == "" {
				form = toks[j].Form
			}
			var id int32
			id, buf = tr.idOf(form, buf)
			if node = tr.child(node, id); node < 0 {
				break
			}
			if vs := tr.valsAt(node); len(vs) > 0 {
				return i, j + 1, d.discards[vs[0].entry].Code == "+", true
			}
		}
	}
	return 0, 0, false, false
}
