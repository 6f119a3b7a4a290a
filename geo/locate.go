package geo

import (
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/redline-events/redline"
)

// maxContext bounds what a DocContext remembers; news stories name few
// countries and divisions, and a fixed array keeps Add free of allocation.
const maxContext = 16

type ctxCount struct {
	code string
	n    int32
}

// DocContext is what a document has said so far about where it is: the
// countries of its actors and places and the divisions of its places, with
// how often each was named. Locate uses it to pick among places of one name
// (Paris, Texas in a story about Texas). The zero value is empty; Reset
// empties it for the next document.
type DocContext struct {
	countries [maxContext]ctxCount
	adm1      [maxContext]ctxCount
	// places counts the countries of places (not actors) named.
	places     [maxContext]ctxCount
	nc, na, np int
}

// Reset forgets everything.
func (c *DocContext) Reset() { *c = DocContext{} }

// AddCountry notes one mention of a country (ISO alpha-3, as actors carry it).
func (c *DocContext) AddCountry(code string) {
	if len(code) != 3 {
		return
	}
	c.nc = bump(&c.countries, c.nc, code)
}

// Add notes one mention of a place: its country and its division.
func (c *DocContext) Add(p Place) {
	c.AddCountry(p.Country)
	c.np = bump(&c.places, c.np, p.Country)
	if p.ADM1 != "" {
		c.na = bump(&c.adm1, c.na, p.ADM1)
	}
}

func bump(a *[maxContext]ctxCount, n int, code string) int {
	for i := 0; i < n; i++ {
		if a[i].code == code {
			a[i].n++
			return n
		}
	}
	if n == maxContext {
		// Full: the least named entry gives way.
		low := 0
		for i := 1; i < n; i++ {
			if a[i].n < a[low].n {
				low = i
			}
		}
		a[low] = ctxCount{code, 1}
		return n
	}
	a[n] = ctxCount{code, 1}
	return n + 1
}

func count(a []ctxCount, code string) int32 {
	for i := range a {
		if a[i].code == code {
			return a[i].n
		}
	}
	return 0
}

// Country returns how often the document named country code.
func (c *DocContext) Country(code string) int { return int(count(c.countries[:c.nc], code)) }

// Main returns the country the document names most, and how often; ties go
// to the one named first.
func (c *DocContext) Main() (string, int) {
	best := -1
	for i := 0; i < c.nc; i++ {
		if best < 0 || c.countries[i].n > c.countries[best].n {
			best = i
		}
	}
	if best < 0 {
		return "", 0
	}
	return c.countries[best].code, int(c.countries[best].n)
}

// Note looks name up, picks the entry the context best supports and adds
// it to the context. It reports whether the name is a place.
func (g *Gazetteer) Note(ctx *DocContext, name string) (Place, bool) {
	best, _ := g.best(g.lookupIDs(name), anyKind, "", "", ctx, false)
	if best < 0 {
		return Place{}, false
	}
	ctx.Add(g.places[best])
	return g.places[best], true
}

// prepKind says which places a case marker can introduce as the place of
// the event: "in", "at", "near" any; "on", "from", "to" only a city or a
// division ("strikes on Kharkiv", "withdrew from Kherson"), since with a
// country they name a target or a partner ("sanctions on Russia", "talks
// with Iran").
func prepKind(w string) (ok, subnational bool) {
	switch w {
	case "in", "near", "outside", "inside", "across", "throughout", "within", "around", "into", "off", "nearby", "along":
		return true, false
	case "at", "on", "from", "to", "toward", "towards", "over":
		// "at" too: "look at China", "aimed at Russia".
		return true, true
	}
	return false, false
}

// transparentPreps introduce phrases that are not places but carry one:
// "clashed with rebels near the border", "amid fighting in Gaza". Not
// "over" or "about" ("protests over the war in Gaza" were elsewhere).
var transparentPreps = map[string]bool{"with": true, "against": true, "during": true, "amid": true, "amidst": true, "of": true, "by": true}

// placeNouns are heads that name a kind of place whose name is a modifier:
// "Balochistan province", "the city of Kharkiv", "the Cameroon border".
var placeNouns = map[string]PlaceKind{
	"province": ADM1, "region": ADM1, "state": ADM1, "oblast": ADM1, "governorate": ADM1, "territory": ADM1,
	"prefecture": ADM1, "county": ADM1, "district": ADM1, "department": ADM1, "regions": ADM1, "provinces": ADM1,
	"city": City, "town": City, "village": City, "capital": City, "outskirts": City, "suburb": City,
	"suburbs": City, "port": City, "camp": City, "neighborhood": City, "neighbourhood": City, "area": anyKind,
	"areas": anyKind, "part": anyKind, "parts": anyKind, "border": Country, "borders": Country,
	"frontier": Country, "coast": anyKind, "enclave": anyKind, "countryside": anyKind, "center": City, "centre": City,
}

// placeVerbs take the place they act on as their object: "shelled Kharkiv",
// "captured Bakhmut", "visited Quetta". Other verbs' objects are people and
// things ("arrested Zamora", "provided Tehran with").
var placeVerbs = map[string]bool{
	"attack": true, "strike": true, "shell": true, "bomb": true, "raid": true, "capture": true, "seize": true,
	"storm": true, "besiege": true, "hit": true, "target": true, "bombard": true, "occupy": true, "enter": true,
	"liberate": true, "recapture": true, "retake": true, "visit": true, "evacuate": true, "surround": true,
	"encircle": true, "reach": true, "leave": true, "flee": true, "overrun": true, "invade": true, "tour": true,
	"rock": true, "pound": true, "blockade": true, "siege": true,
}

// speechVerbs report other events; their object and the clause around them
// do not say where the statement was made.
var speechVerbs = map[string]bool{
	"say": true, "tell": true, "claim": true, "announce": true, "state": true, "add": true, "report": true,
	"warn": true, "accuse": true, "deny": true, "reject": true, "insist": true, "note": true, "confirm": true,
	"allege": true, "blame": true, "urge": true, "ask": true, "call": true, "demand": true, "write": true,
}

// anyKind asks for no kind in particular.
const anyKind PlaceKind = 255

// stopNames are names of divisions and towns that are everyday English words
// capitalised in headlines or at the start of a phrase ("in Central", "at
// Independence").
var stopNames = map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "central": true, "centre": true, "center": true,
	"northern": true, "southern": true, "eastern": true, "western": true, "capital": true, "coast": true,
	"lakes": true, "upper": true, "lower": true, "bay": true, "river": true, "islands": true, "island": true,
	"city": true, "valley": true, "border": true, "lake": true, "sea": true, "gulf": true, "plateau": true,
	"highlands": true, "unity": true, "liberty": true, "independence": true, "union": true, "federal": true,
	"national": true, "interior": true, "littoral": true, "maritime": true, "greater": true, "new": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true, "monday": true,
	"tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"of": true, "the": true, "president": true, "mobile": true, "reading": true, "split": true, "nice": true,
	"bath": true, "victoria": true, "hope": true, "paradise": true, "progress": true, "eagle": true, "union city": true,
	"mercy": true, "amazon": true, "hamas": true, "congress": true, "parliament": true, "white house": true,
	"bari": true, "sahel": true, "van": true, "gao": true, "male": true, "split city": true, "home": true, "orange": true, "trump": true,
}

// Locate finds where the event whose predicate is token v of the parsed
// sentence toks happened: a place phrase on the predicate ("in Kalat",
// "near the Cameroon border", "at the Syrian border town of Azaz"), on its
// object ("attacked a train in Balochistan") or on the clause it belongs to
// ("stormed a base in Kalat, killing 10"). Places of one name are told apart
// by what the phrase itself says ("Pakistan's ... Balochistan province",
// "Jeddah, Saudi Arabia") and by ctx, which may be nil. How is "text".
func (g *Gazetteer) Locate(toks []redline.Token, v int, ctx *DocContext) (redline.Place, bool) {
	if g == nil || v < 0 || v >= len(toks) {
		return redline.Place{}, false
	}
	var empty DocContext
	if ctx == nil {
		ctx = &empty
	}
	l := locator{g: g, toks: toks, ctx: ctx, best: -1, poss: -1}
	for step := 0; step < 3 && v >= 0; step++ {
		l.phrasesOf(v, 0)
		if l.best >= 0 {
			break
		}
		// The clause or phrase the predicate belongs to shares its place:
		// "stormed a base in Kalat, killing 10", "launched an attack in X";
		// a statement does not share the place of what it is about.
		if speechVerbs[toks[v].Lemma] {
			break
		}
		switch toks[v].Rel.Base() {
		case redline.Advcl, redline.Xcomp, redline.Conj, redline.Obj, redline.Acl, redline.Nsubj, redline.Obl, redline.Amod:
			v = int(toks[v].Head)
		default:
			v = -1
		}
	}
	if l.best < 0 {
		return redline.Place{}, false
	}
	p := g.places[l.best]
	out := redline.Place{Name: p.Name, Country: p.Country, ADM1: p.ADM1, Lat: p.Lat, Lon: p.Lon, How: "text", Kind: p.Kind.String()}
	if l.borderOf != "" {
		// "near the Cameroon border" in a story about Nigeria is in
		// Nigeria, beside Cameroon: the country the story is about when it
		// is another, else the one named.
		if c, n := ctx.Main(); n > 0 && c != p.Country {
			if cp, ok := g.Code(c); ok {
				out = redline.Place{Name: p.Name + " border", Country: cp.Country, Lat: cp.Lat, Lon: cp.Lon, How: "text", Kind: "country"}
			}
		}
	}
	return out, true
}

type locator struct {
	g        *Gazetteer
	toks     []redline.Token
	ctx      *DocContext
	best     int32
	score    float64
	borderOf string
	// poss is a possessive on an outer word of the phrase being resolved
	// ("Pakistan's" on a mis-parsed head), -1 when none; depth bounds the
	// descent into such phrases.
	poss, depth int
	buf         [96]byte
}

// possOf returns h's possessive modifier, or -1.
func (l *locator) possOf(h int) int {
	for i := range l.toks {
		if int(l.toks[i].Head) == h && l.toks[i].Rel == redline.NmodPoss {
			return i
		}
	}
	return -1
}

// phrasesOf tries the place phrases attached to h: obliques and nominal
// modifiers with a locative case marker, and (depth 0) those on h's object.
func (l *locator) phrasesOf(h, depth int) {
	toks := l.toks
	for i := range toks {
		if int(toks[i].Head) != h || i == h {
			continue
		}
		r := toks[i].Rel
		switch {
		case depth == 0 && r == redline.Obj && speechVerbs[toks[h].Lemma]:
			// "said their forces near Latakia came under attack": what a
			// statement is about happened elsewhere.
			continue
		case depth == 0 && (r == redline.Obj || r == redline.NsubjPass || r == redline.Nsubj):
			// "attacked a train in Balochistan", "officials in Kyiv said";
			// an object that is itself a town is where the event happened
			// ("raided the Jenin refugee camp", "shelled Kharkiv").
			if r == redline.Obj && placeVerbs[toks[h].Lemma] {
				l.phrase(i, true, "")
			}
			l.phrasesOf(i, depth+1)
			continue
		case r.Base() != redline.Obl && r.Base() != redline.Nmod || r == redline.NmodPoss || r == redline.OblAgent || r == redline.OblTmod || r == redline.NmodTmod:
			continue
		}
		ci := l.caseIndex(i)
		prep := ""
		if ci >= 0 {
			prep = toks[ci].Lower
		}
		ok, sub := prepKind(prep)
		if !ok || prep == "along" && ci+1 < len(toks) && toks[ci+1].Lower == "with" {
			// "clashed with rebels near the Cameroon border", "met on
			// the sidelines of the summit in Geneva": the place hangs on
			// a phrase that is not one.
			if depth < 2 && (transparentPreps[prep] || toks[i].Lower == "sidelines" || toks[i].Lower == "margins") {
				l.phrasesOf(i, depth+1)
			}
			continue
		}
		if prep == "off" && toks[i].Lower != "coast" && toks[i].Lower != "coasts" {
			continue // "ripping off the United States"; "off the coast of Somalia" is a place
		}
		if prep == "from" && (depth > 0 || r.Base() != redline.Obl) {
			// "workers from Punjab": where someone comes from, not where
			// the event is.
			continue
		}
		before := l.best
		l.phrase(i, sub, prep)
		if l.best == before && depth < 2 && (!sub || prep == "at" || toks[i].Lower == "sidelines" || toks[i].Lower == "margins") {
			// "in an attack in Kalat": the place hangs on the phrase.
			l.phrasesOf(i, depth+1)
		}
	}
}

func (l *locator) caseOf(h int) string {
	if i := l.caseIndex(h); i >= 0 {
		return l.toks[i].Lower
	}
	return ""
}

func (l *locator) caseIndex(h int) int {
	for i := range l.toks {
		if int(l.toks[i].Head) == h && l.toks[i].Rel == redline.Case {
			return i
		}
	}
	return -1
}

// phrase resolves the noun phrase headed by h and keeps it if it scores
// better than what was found so far.
func (l *locator) phrase(h int, subnational bool, prep string) {
	toks := l.toks
	want := anyKind
	name := h
	border := false
	if k, ok := placeNouns[toks[h].Lower]; ok && toks[h].UPOS == redline.NOUN {
		want = k
		border = k == Country
		// The name is a modifier: "Balochistan province", "the city of
		// Kharkiv", "the capital, Kyiv".
		// By preference: "the city of Kharkiv", "the capital, Kyiv",
		// "Balochistan province", and only then an adjective ("the
		// Somali city of Beledweyne" is not Ethiopia's Somali Region).
		name = -1
		rank := 0
		for i := range toks {
			if int(toks[i].Head) != h || !capitalised(toks[i].Form) {
				continue
			}
			rk := 0
			switch r := toks[i].Rel; {
			case r.Base() == redline.Nmod && r != redline.NmodPoss && l.caseOf(i) == "of":
				rk = 4
			case r == redline.Appos:
				rk = 3
			case r == redline.Compound || r == redline.Flat:
				rk = 2
			case r == redline.Amod:
				rk = 1
			}
			if rk > rank {
				name, rank = i, rk
			}
		}
		if name < 0 {
			return
		}
	}
	a, b, ok := l.span(name)
	if !ok {
		// The parser may hang the name under a modifier it took for the
		// head ("in Pakistan's restive southwestern Balochistan
		// province" with "southwestern" as head): try the phrase's
		// words that carry no case marker of their own.
		if want == anyKind && l.depth < 3 {
			l.depth++
			if l.poss < 0 {
				l.poss = l.possOf(h)
			}
			for i := range toks {
				r := toks[i].Rel
				if int(toks[i].Head) == h && i != h && ((r.Base() == redline.Nmod && r != redline.NmodPoss) || r == redline.Appos) && l.caseOf(i) == "" {
					l.phrase(i, subnational, prep)
				}
			}
			l.depth--
			if l.depth == 0 {
				l.poss = -1
			}
		}
		return
	}
	// What the phrase says of its country or division: a possessive
	// ("Pakistan's ... province") or a name after a comma ("Jeddah, Saudi
	// Arabia", "Paris, Texas").
	var wantCountry, wantADM1 string
	for _, i := range [3]int{l.possOf(h), l.possOf(name), l.poss} {
		if i >= 0 && (i < a || i >= b) {
			if c, ok := l.constraint(i); ok {
				wantCountry, wantADM1 = c.Country, c.ADM1
			}
		}
	}
	if b+1 < len(toks) && toks[b].Lower == "," && wantCountry == "" {
		if c, ok := l.after(b+1, a, b); ok {
			wantCountry, wantADM1 = c.Country, c.ADM1
		}
	}
	// Longest name inside the span that contains the head word.
	for x := a; x <= name; x++ {
		for y := b; y > name; y-- {
			if y-x > l.g.maxWords {
				continue
			}
			key := l.key(x, y)
			if stopNames[key] {
				continue
			}
			ids := l.g.names[key]
			if len(ids) == 0 {
				continue
			}
			best, sc := l.g.best(ids, want, wantCountry, wantADM1, l.ctx, subnational)
			if best < 0 {
				continue
			}
			p := &l.g.places[best]
			if prep == "from" {
				sc -= 2
			}
			if l.best < 0 || sc > l.score {
				l.best, l.score = best, sc
				l.borderOf = ""
				if border && p.Kind == Country {
					l.borderOf = p.Country
				}
			}
			return
		}
	}
}

// span returns the tokens of the name headed by h: h and the compound,
// flat and capitalised modifier words next to it ("Deir ez-Zor", "Gaza
// Strip", "Saudi Arabia", "Mazar-i-Sharif").
func (l *locator) span(h int) (int, int, bool) {
	toks := l.toks
	if !capitalised(toks[h].Form) && toks[h].UPOS != redline.PROPN {
		return 0, 0, false
	}
	in := func(i, a, b int) bool {
		for j, steps := i, 0; j >= 0 && steps < 4; j, steps = int(toks[j].Head), steps+1 {
			if j >= a && j < b && j != i {
				return true
			}
		}
		return false
	}
	a, b := h, h+1
	for a > 0 {
		t := &toks[a-1]
		r := t.Rel.Base()
		if (r == redline.Compound || r == redline.Flat || r == redline.Amod || r == redline.Punct && t.Lower == "-" || r == redline.Case && t.Lower == "al") &&
			(capitalised(t.Form) || t.Lower == "-" || t.Lower == "al" || t.Lower == "el") && in(a-1, a, b) {
			a--
			continue
		}
		break
	}
	for b < len(toks) {
		t := &toks[b]
		r := t.Rel.Base()
		if (r == redline.Flat || r == redline.Compound || r == redline.Punct && t.Lower == "-" || r == redline.Nmod && t.UPOS == redline.PROPN) &&
			(capitalised(t.Form) || t.Lower == "-" || len(t.Lower) <= 3) && in(b, a, b) && b-h < 4 {
			b++
			continue
		}
		break
	}
	for b > h+1 && toks[b-1].Lower == "-" {
		b--
	}
	return a, b, true
}

// constraint resolves the possessive or appositive at token i to a country
// or division.
func (l *locator) constraint(i int) (Place, bool) {
	a, b, ok := l.span(i)
	if !ok {
		return Place{}, false
	}
	for x := a; x <= i; x++ {
		for y := b; y > i; y-- {
			if y-x > l.g.maxWords {
				continue
			}
			for _, id := range l.g.names[l.key(x, y)] {
				if p := l.g.places[id]; p.Kind != City {
					return p, true
				}
			}
		}
	}
	return Place{}, false
}

// after resolves the name starting at token s, after a comma that follows
// the name [a,b): "Jeddah, Saudi Arabia". It must hang on that name.
func (l *locator) after(s, a, b int) (Place, bool) {
	toks := l.toks
	attached := false
	for y := s; y < len(toks) && y < s+l.g.maxWords; y++ {
		if h := int(toks[y].Head); h >= a && h < b {
			attached = true
		}
	}
	if !attached || !capitalised(toks[s].Form) {
		return Place{}, false
	}
	for y := min(len(toks), s+l.g.maxWords); y > s; y-- {
		if isList(toks, y) {
			// "offices in Washington, New York and San Francisco": a
			// list, not a place and its state.
			continue
		}
		var found Place
		ok := false
		for _, id := range l.g.names[l.key(s, y)] {
			p := l.g.places[id]
			if p.Kind == Country || p.Kind == ADM1 && (!ok || found.Kind != Country) {
				found, ok = p, true
			}
		}
		if ok {
			return found, true
		}
	}
	return Place{}, false
}

// key folds the words of toks[a:b] into the locator's buffer and returns
// it as a string that does not escape (map lookups with string(bytes) do
// not allocate).
func (l *locator) key(a, b int) string {
	buf := l.buf[:0]
	for i := a; i < b; i++ {
		w := l.toks[i].Lower
		if w == "-" {
			continue
		}
		if len(buf) > 0 && buf[len(buf)-1] != ' ' {
			buf = append(buf, ' ')
		}
		for j := 0; j < len(w); j++ {
			c := w[j]
			if c >= utf8.RuneSelf {
				// Rare: fold the whole span the slow way.
				return l.slowKey(a, b)
			}
			switch c {
			case '-', '_', '/':
				if len(buf) > 0 && buf[len(buf)-1] != ' ' {
					buf = append(buf, ' ')
				}
			case '\'', '.', '`':
			default:
				buf = append(buf, c)
			}
		}
		if len(buf) > len(l.buf)-8 {
			return l.slowKey(a, b)
		}
	}
	for len(buf) > 0 && buf[len(buf)-1] == ' ' {
		buf = buf[:len(buf)-1]
	}
	return unsafeString(buf)
}

func (l *locator) slowKey(a, b int) string {
	s := ""
	for i := a; i < b; i++ {
		s += l.toks[i].Form + " "
	}
	return Fold(s)
}

func capitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// best picks among entries ids the one the phrase and the document support
// best, with its score; -1 when none is acceptable.
//
// subnational leaves out countries and capitals, which after "on", "to"
// and "from" name a state acting or acted on ("sanctions on Moscow", "a
// signal to Washington").
func (g *Gazetteer) best(ids []int32, want PlaceKind, wantCountry, wantADM1 string, ctx *DocContext, subnational bool) (int32, float64) {
	best, bestScore := int32(-1), math.Inf(-1)
	ambiguous := false
	for _, id := range ids {
		ambiguous = ambiguous || g.places[id].Country != g.places[ids[0]].Country
	}
	for _, id := range ids {
		p := &g.places[id]
		if subnational && (p.Kind == Country || p.Capital) {
			// The name is the state's: not a smaller place of that name
			// either (Moscow, Idaho).
			return -1, 0
		}
		var sc float64
		switch p.Kind {
		case Country:
			sc = 9
		case ADM1:
			sc = 5
		default:
			pop := p.Population
			if pop == 0 {
				pop = 30000 // our hand-written towns and sites
			}
			sc = math.Log10(float64(pop))
		}
		if want != anyKind && p.Kind == want {
			sc += 4
		}
		if wantCountry != "" {
			if p.Country != wantCountry {
				continue
			}
			sc += 10
		}
		if wantADM1 != "" && p.Kind == City {
			if p.ADM1 != wantADM1 {
				continue
			}
			sc += 10
		}
		support := false
		if ctx != nil {
			if n := count(ctx.countries[:ctx.nc], p.Country); n > 0 {
				sc += 3 + math.Min(float64(n), 3)/2
				support = true
			}
			if p.ADM1 != "" && count(ctx.adm1[:ctx.na], p.ADM1) > 0 {
				sc += 3
				support = true
			}
		}
		// A small town or a division abroad, named without anything in the
		// story to support it, is more often a word or a person.
		if !support && wantCountry == "" && ambiguous && (p.Kind == ADM1 && want != ADM1 || p.Kind == City && p.Population > 0 && p.Population < 20000) {
			continue
		}
		if sc > bestScore {
			best, bestScore = id, sc
		}
	}
	return best, bestScore
}

// MainPlace returns the country most of the document's places (not its
// actors) are in, how many of them are, and how many places there are.
func (c *DocContext) MainPlace() (country string, n, total int) {
	best := -1
	for i := 0; i < c.np; i++ {
		total += int(c.places[i].n)
		if best < 0 || c.places[i].n > c.places[best].n {
			best = i
		}
	}
	if best < 0 {
		return "", 0, 0
	}
	return c.places[best].code, int(c.places[best].n), total
}

// Total returns how many country mentions the context holds.
func (c *DocContext) Total() int {
	t := 0
	for i := 0; i < c.nc; i++ {
		t += int(c.countries[i].n)
	}
	return t
}

// lookupIDs is Lookup without the copies; an ASCII name is folded on the
// stack.
func (g *Gazetteer) lookupIDs(name string) []int32 {
	var a [96]byte
	buf := a[:0]
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= utf8.RuneSelf || len(buf) >= len(a)-1:
			return g.names[Fold(name)]
		case c == '-' || c == '_' || c == '/' || c == ' ' || c == ',' || c == '\t':
			if len(buf) > 0 && buf[len(buf)-1] != ' ' {
				buf = append(buf, ' ')
			}
		case c == '\'' || c == '.' || c == '`':
		case 'A' <= c && c <= 'Z':
			buf = append(buf, c+'a'-'A')
		default:
			buf = append(buf, c)
		}
	}
	for len(buf) > 0 && buf[len(buf)-1] == ' ' {
		buf = buf[:len(buf)-1]
	}
	return g.names[string(buf)]
}

// isList reports whether the name ending before token y goes on a list:
// "and", "or", or a comma and another name follow it.
func isList(toks []redline.Token, y int) bool {
	if y >= len(toks) {
		return false
	}
	switch toks[y].Lower {
	case "and", "or":
		return true
	case ",":
		return y+1 < len(toks) && capitalised(toks[y+1].Form)
	}
	return false
}

// ActorPlace is the place of an actor for GDELT's Actor1Geo and Actor2Geo:
// its country's point, How "actor". False when the actor has no country the
// gazetteer knows (an IGO, a region).
func (g *Gazetteer) ActorPlace(a *redline.Actor) (redline.Place, bool) {
	if a == nil || a.Country == "" {
		return redline.Place{}, false
	}
	p, ok := g.Code(a.Country)
	if !ok || p.Kind != Country {
		return redline.Place{}, false
	}
	return redline.Place{Name: p.Name, Country: p.Country, Lat: p.Lat, Lon: p.Lon, How: "actor", Kind: "country"}, true
}
