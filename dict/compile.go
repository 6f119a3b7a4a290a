package dict

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// minFuzzyLen is the shortest name token (in letters) that fuzzy matching
// considers: below it one edit turns too many names into other words.
const minFuzzyLen = 7

// nameSuffixes are dropped before deriving a surname key.
var nameSuffixes = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true}

// surnameParticles stay with the surname ("von der Leyen", "al-Assad").
var surnameParticles = map[string]bool{"al": true, "el": true, "bin": true, "ibn": true, "von": true,
	"van": true, "der": true, "den": true, "de": true, "da": true, "di": true, "du": true, "la": true,
	"le": true, "dos": true, "das": true, "del": true, "ben": true, "abu": true}

// nameKeys returns the folded trie keys of a name: its tokens without
// dashes, which the matcher skips in text.
func nameKeys(dst []string, name string) []string {
	var toks [16]string
	for _, t := range nameTokens(toks[:0], name) {
		if isDash(t) {
			continue
		}
		dst = append(dst, fold(t))
	}
	return dst
}

func isDash(s string) bool {
	return s == "-" || s == "\u2013" || s == "\u2014"
}

// nameIDs is the folded tokens of every entry name as token ids, computed
// once per compile: the tokens of name k of the whole list are
// ids[end[k-1]:end[k]].
type nameIDs struct {
	ids []int32
	end []int32
}

func (n *nameIDs) name(k int) []int32 {
	start := int32(0)
	if k > 0 {
		start = n.end[k-1]
	}
	return n.ids[start:n.end[k]]
}

// tokeniseNames folds the tokens of every name into one buffer, makes it
// one string (the trie's vocabulary points into it, so a load allocates
// no string per token) and interns its tokens.
func (d *Dictionary) tokeniseNames(t *trie) nameIDs {
	nNames, nBytes := 0, 0
	for i := range d.entries {
		nNames += len(d.entries[i].Names)
		for _, n := range d.entries[i].Names {
			nBytes += len(n)
		}
	}
	arena := make([]byte, 0, nBytes+nBytes/8)
	ends := make([]int32, 0, nBytes/5)
	nameEnd := make([]int32, 0, nNames)
	var toks [16]string
	for i := range d.entries {
		for _, n := range d.entries[i].Names {
			for _, w := range nameTokens(toks[:0], n) {
				if isDash(w) {
					continue // the matcher skips dashes in text
				}
				arena = appendFold(arena, w)
				ends = append(ends, int32(len(arena)))
			}
			nameEnd = append(nameEnd, int32(len(ends)))
		}
	}
	words := string(arena)
	ids := make([]int32, len(ends))
	start := int32(0)
	for k, e := range ends {
		ids[k] = t.intern(words[start:e])
		start = e
	}
	return nameIDs{ids, nameEnd}
}

// compile builds the tries, the fuzzy index and the pattern index.
func (d *Dictionary) compile() {
	d.lmem = nil // loading is over: new slices come from new arrays
	c := &compiled{}
	c.indexPatterns(d.patterns)
	nNames := 0
	for i := range d.entries {
		nNames += len(d.entries[i].Names)
	}
	// About two tokens per name, one in two new; fewer nodes than tokens,
	// as names share prefixes, but for the surname keys.
	c.actors = newTrie(nNames, 0)
	names := d.tokeniseNames(&c.actors)
	c.actors.reserveNodes(len(names.ids))
	firstToken := make([]bool, len(c.actors.words))
	k := 0 // index of the name in names
	for i := range d.entries {
		e := &d.entries[i]
		for j, n := range e.Names {
			keys := names.name(k)
			k++
			caps := capsMask(n, e.Caseless)
			if caps == 0 && e.Kind == Agent && !e.Caseless && isCapitalised(n) && !isUpperForm(n) && hasLowerName(e.Names) {
				// Agents are common nouns written in lower case; one
				// written capitalised is a proper name that needs its
				// capital: "Labour" the party, not a "labour market";
				// "Liberals", "Greens", "Conservatives" likewise. A name
				// wholly in capitals (converted PETRARCH lists) tells
				// nothing, as does a list written all in title case
				// (converted PETRARCH agents).
				caps = 1
			}
			c.actors.insert(keys, termVal{entry: int32(i), caps: caps})
			if e.Kind == Agent {
				for _, id := range keys {
					c.known[c.actors.words[id]] = true
				}
			}
			if e.Kind == Person || e.Kind == Org || e.Kind == Group {
				for _, id := range keys {
					if w := c.actors.words[id]; len(w) >= minFuzzyLen && utf8.RuneCountInString(w) >= minFuzzyLen {
						c.fuzzyIDs = append(c.fuzzyIDs, id)
					}
				}
			}
			if len(keys) > 1 && j == 0 {
				firstToken[keys[0]] = true
			}
		}
	}
	// Surname keys, once every listed name is in the trie: a listed name is
	// not derived again, and a word that begins other names ("Ahmed",
	// "Martin", "Meta" of Meta Platforms) is a given name or a word, not a
	// surname to match alone.
	k = 0
	var sks [2][]int32
	for i := range d.entries {
		e := &d.entries[i]
		first := k
		k += len(e.Names)
		if e.Kind != Person {
			continue
		}
		keys := names.name(first)
		for _, sk := range surnameKeys(sks[:0], keys, c.actors.words, hyphenatedGiven(e.Names[0])) {
			if len(sk) == 1 && (firstToken[sk[0]] || c.commonWord(c.actors.words[sk[0]])) {
				continue
			}
			if !c.actors.hasListed(sk, int32(i)) {
				c.actors.insert(sk, termVal{entry: int32(i), surname: true})
			}
		}
	}
	c.actors.finish()
	c.discard = newTrie(len(d.discards), 2*len(d.discards))
	var keys []string
	for i := range d.discards {
		keys = nameKeys(keys[:0], d.discards[i].Names[0])
		c.discard.insertKeys(keys, termVal{entry: int32(i)})
	}
	c.discard.finish()
	d.c = c
}

// indexPatterns groups the patterns by head, most specific first within a
// head, into one shared array, and collects the words they use.
func (c *compiled) indexPatterns(pats []*Pattern) {
	c.byHead = make(map[headKey]int32, len(pats)/4)
	c.known = make(map[string]bool, len(pats)/2)
	group := make([]int32, len(pats))
	var size []int32
	for i, p := range pats {
		k := headKey{p.Head, p.Noun}
		g, ok := c.byHead[k]
		if !ok {
			g = int32(len(size))
			c.byHead[k] = g
			size = append(size, 0)
		}
		group[i] = g
		size[g]++
		// Most words recur (a look-up costs less than an assignment), and
		// the patterns of one line with several heads share their items:
		// their words are marked once.
		if !c.known[p.Head] {
			c.known[p.Head] = true
		}
		if i > 0 && sameItems(pats[i-1].Items, p.Items) {
			continue
		}
		for _, it := range p.Items {
			for _, a := range it {
				if !c.known[a] {
					c.known[a] = true
				}
			}
		}
	}
	all := make([]*Pattern, len(pats))
	c.groups = make([][]*Pattern, len(size))
	next := make([]int32, len(size))
	off := int32(0)
	for g, n := range size {
		c.groups[g] = all[off : off+n : off+n]
		next[g] = off
		off += n
	}
	for i, p := range pats {
		all[next[group[i]]] = p
		next[group[i]]++
	}
	for _, ps := range c.groups {
		if len(ps) > 1 {
			slices.SortStableFunc(ps, func(a, b *Pattern) int { return specificity(b) - specificity(a) })
		}
	}
}

// sameItems reports whether a and b are the same items (one backing array).
func sameItems(a, b [][]string) bool {
	return len(a) == len(b) && len(a) > 0 && &a[0] == &b[0]
}

// buildFuzzy makes the fuzzy index on first use (most runs never need a
// misspelt name, and loading stays cheaper without it): each name token and
// each of its one-letter deletions maps to the token, so two words within
// one edit share a key.
func (c *compiled) buildFuzzy() {
	// fuzzyIDs is read by matchers while this runs: work on a copy.
	ids := slices.Clone(c.fuzzyIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	fuzzy := map[string][]int32{}
	var buf []byte
	for _, id := range ids {
		w := c.actors.words[id]
		if c.known[w] {
			continue
		}
		fuzzy[w] = appendID(fuzzy[w], id)
		for i := 0; i < len(w); {
			_, n := utf8.DecodeRuneInString(w[i:])
			buf = append(append(buf[:0], w[:i]...), w[i+n:]...)
			k := string(buf)
			fuzzy[k] = appendID(fuzzy[k], id)
			i += n
		}
	}
	c.fuzzy = fuzzy
}

func appendID(ids []int32, id int32) []int32 {
	for _, x := range ids {
		if x == id {
			return ids
		}
	}
	return append(ids, id)
}

// specificity orders patterns: more items first, then those naming target
// prepositions.
func specificity(p *Pattern) int {
	s := 2 * len(p.Items)
	if len(p.TargetPreps) > 0 {
		s++
	}
	return s
}

// notSurnames are capitalised words of news that are also surnames of
// people in the dictionaries ("Theresa May", "Condoleezza Rice"): a
// surname key would turn every "May 5" into an actor. Such people are
// found by full name or by variants listed explicitly.
var notSurnames = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "will": true, "rice": true, "bush": true, "brown": true, "white": true, "black": true,
	"green": true, "young": true, "king": true, "power": true, "hope": true, "price": true, "cash": true,
	"long": true, "little": true, "love": true, "rich": true, "hunt": true, "grant": true, "gray": true,
	"grey": true, "stone": true, "wood": true, "church": true, "cook": true, "baker": true, "banks": true,
	"mills": true, "case": true, "day": true, "house": true, "hall": true, "lord": true, "law": true,
	"new": true, "north": true, "south": true, "east": true, "west": true, "all": true, "said": true,
	"street": true, "park": true, "field": true, "ford": true, "english": true, "french": true,
	"ramadan": true, "stock": true, "gross": true, "parts": true, "meta": true,
	"fox": true, "star": true, "post": true, "times": true, "money": true, "rock": true, "hill": true,
}

// commonWord reports whether a derived one-word surname key is a word
// rather than a name: a month, weekday or common English word, or a word of
// the verb and agent dictionaries.
func (c *compiled) commonWord(key string) bool {
	return notSurnames[key] || c.known[key]
}

// minSurnameLen is the shortest surname matched alone: shorter ones
// ("Kim", "Lee", "Ali", "Sun") are given names, words or several people's.
const minSurnameLen = 4

// surnameKeys appends to dst the surname keys derived from a full name's
// token ids (words maps ids to folded tokens): the last token, and with its
// particles ("al assad", "von der leyen") when it has some. A hyphenated
// last word that is a given name ("Hwang Kyo-ahn", "Willem-Alexander") or a
// double surname ("Shihab-Eldin") gives only the whole compound. None for
// one-token names. The keys are sub-slices of keys.
func surnameKeys(dst [][]int32, keys []int32, words []string, hyphenated bool) [][]int32 {
	for len(keys) > 1 && nameSuffixes[words[keys[len(keys)-1]]] {
		keys = keys[:len(keys)-1]
	}
	if len(keys) < 2 {
		return dst
	}
	if hyphenated {
		if len(keys) < 3 {
			return dst
		}
		return append(dst, keys[len(keys)-2:])
	}
	if utf8.RuneCountInString(words[keys[len(keys)-1]]) >= minSurnameLen {
		dst = append(dst, keys[len(keys)-1:])
	}
	k := len(keys) - 1
	for k > 1 && surnameParticles[words[keys[k-1]]] {
		k--
	}
	if k < len(keys)-1 {
		dst = append(dst, keys[k:])
	}
	return dst
}

// hyphenatedGiven reports whether a full name ends in a hyphenated word
// whose first part is not a particle: "Kyo-ahn" and "Shihab-Eldin" are,
// "al-Assad" is not.
func hyphenatedGiven(name string) bool {
	// The last word of the name other than a suffix ("Jr."), found without
	// splitting the name into a slice of words.
	var buf [32]byte
	s := strings.TrimRightFunc(name, unicode.IsSpace)
	last := s
	for {
		i := strings.LastIndexFunc(s, unicode.IsSpace)
		last = s[i+1:]
		if i < 0 || !nameSuffixes[string(appendFold(buf[:0], last))] {
			break
		}
		prev := strings.TrimRightFunc(s[:i], unicode.IsSpace)
		if prev == "" {
			break // the only word is kept even when it is a suffix
		}
		s = prev
	}
	i := strings.LastIndexAny(last, "-\u2010\u2013")
	if i <= 0 {
		return false
	}
	first := last[:i]
	if j := strings.LastIndexAny(first, "-\u2010\u2013"); j >= 0 {
		first = first[j+1:]
	}
	return !surnameParticles[string(appendFold(buf[:0], first))]
}

// hasLowerName reports whether one of names begins with a lower-case
// letter: the entry writes common nouns in lower case.
func hasLowerName(names []string) bool {
	for _, n := range names {
		if r, _ := utf8.DecodeRuneInString(n); unicode.IsLower(r) {
			return true
		}
	}
	return false
}
