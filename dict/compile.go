package dict

import (
	"slices"
	"sort"
	"strings"
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

// internKeys is nameKeys for compiling: keys already in the trie's
// vocabulary are shared rather than allocated again.
func (t *trie) internKeys(dst []string, name string, buf *[]byte) []string {
	var toks [16]string
	for _, w := range nameTokens(toks[:0], name) {
		if isDash(w) {
			continue
		}
		if isFolded(w) {
			dst = append(dst, w)
			continue
		}
		*buf = appendFold((*buf)[:0], w)
		if id, ok := t.vocab[string(*buf)]; ok {
			dst = append(dst, t.words[id])
		} else {
			dst = append(dst, string(*buf))
		}
	}
	return dst
}

// has reports whether the key sequence already ends at a node holding a
// listed (not derived) name of entry.
func (t *trie) has(keys []string, entry int32) bool {
	node := int32(0)
	for _, k := range keys {
		if node = t.child(node, t.id(k)); node < 0 {
			return false
		}
	}
	for _, v := range t.vals[node] {
		if v.entry == entry && !v.surname {
			return true
		}
	}
	return false
}

func isDash(s string) bool {
	return s == "-" || s == "\u2013" || s == "\u2014"
}

// compile builds the tries, the fuzzy index and the pattern index.
func (d *Dictionary) compile() {
	c := &compiled{actors: newTrie(), discard: newTrie(),
		byHead: map[headKey][]*Pattern{}, preds: map[string]bool{}, known: map[string]bool{}}
	for _, p := range d.patterns {
		k := headKey{p.Head, p.Noun}
		c.byHead[k] = append(c.byHead[k], p)
		c.preds[p.Head] = true
		c.known[p.Head] = true
		for _, it := range p.Items {
			for _, a := range it {
				c.known[a] = true
			}
		}
	}
	var keys []string
	var buf []byte
	firstTokens := map[string]bool{}
	for i := range d.entries {
		e := &d.entries[i]
		for j, n := range e.Names {
			keys = c.actors.internKeys(keys[:0], n, &buf)
			c.actors.insert(keys, termVal{entry: int32(i), caps: capsMask(n, e.Caseless)})
			if e.Kind == Agent {
				for _, k := range keys {
					c.known[k] = true
				}
			}
			if e.Kind == Person || e.Kind == Org || e.Kind == Group {
				for _, k := range keys {
					if len(k) >= minFuzzyLen && utf8.RuneCountInString(k) >= minFuzzyLen {
						c.fuzzyIDs = append(c.fuzzyIDs, c.actors.id(k))
					}
				}
			}
			if len(keys) > 1 && j == 0 {
				firstTokens[keys[0]] = true
			}
		}
	}
	// Surname keys, once every listed name is in the trie: a listed name is
	// not derived again, and a word that begins other names ("Ahmed",
	// "Martin", "Meta" of Meta Platforms) is a given name or a word, not a
	// surname to match alone.
	for i := range d.entries {
		e := &d.entries[i]
		if e.Kind != Person {
			continue
		}
		keys = c.actors.internKeys(keys[:0], e.Names[0], &buf)
		for _, sk := range surnameKeys(keys, hyphenatedGiven(e.Names[0])) {
			if len(sk) == 1 && (firstTokens[sk[0]] || c.commonWord(sk)) {
				continue
			}
			if !c.actors.has(sk, int32(i)) {
				c.actors.insert(sk, termVal{entry: int32(i), surname: true})
			}
		}
	}
	for i := range d.discards {
		keys = nameKeys(keys[:0], d.discards[i].Names[0])
		c.discard.insert(keys, termVal{entry: int32(i)})
	}
	for _, ps := range c.byHead {
		sort.SliceStable(ps, func(i, j int) bool { return specificity(ps[i]) > specificity(ps[j]) })
	}
	d.c = c
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

// commonWord reports whether a derived surname key is a word rather than a
// name: a month, weekday or common English word, or a word of the verb and
// agent dictionaries.
func (c *compiled) commonWord(key []string) bool {
	if len(key) != 1 {
		return false
	}
	return notSurnames[key[0]] || c.known[key[0]]
}

// minSurnameLen is the shortest surname matched alone: shorter ones
// ("Kim", "Lee", "Ali", "Sun") are given names, words or several people's.
const minSurnameLen = 4

// surnameKeys derives the surname keys of a full name's folded tokens: the
// last token, and with its particles ("al assad", "von der leyen") when it
// has some. A hyphenated last word that is a given name ("Hwang Kyo-ahn",
// "Willem-Alexander") or a double surname ("Shihab-Eldin") gives only the
// whole compound. None for one-token names.
func surnameKeys(keys []string, hyphenated bool) [][]string {
	for len(keys) > 1 && nameSuffixes[keys[len(keys)-1]] {
		keys = keys[:len(keys)-1]
	}
	if len(keys) < 2 {
		return nil
	}
	if hyphenated {
		if len(keys) < 3 {
			return nil
		}
		return [][]string{slices.Clone(keys[len(keys)-2:])}
	}
	var out [][]string
	last := keys[len(keys)-1]
	if utf8.RuneCountInString(last) >= minSurnameLen {
		out = append(out, []string{last})
	}
	k := len(keys) - 1
	for k > 1 && surnameParticles[keys[k-1]] {
		k--
	}
	if k < len(keys)-1 {
		out = append(out, slices.Clone(keys[k:]))
	}
	return out
}

// hyphenatedGiven reports whether a full name ends in a hyphenated word
// whose first part is not a particle: "Kyo-ahn" and "Shihab-Eldin" are,
// "al-Assad" is not.
func hyphenatedGiven(name string) bool {
	f := strings.Fields(name)
	for len(f) > 1 && nameSuffixes[fold(f[len(f)-1])] {
		f = f[:len(f)-1]
	}
	if len(f) == 0 {
		return false
	}
	last := f[len(f)-1]
	i := strings.LastIndexAny(last, "-\u2010\u2013")
	if i <= 0 {
		return false
	}
	first := last[:i]
	if j := strings.LastIndexAny(first, "-\u2010\u2013"); j >= 0 {
		first = first[j+1:]
	}
	return !surnameParticles[fold(first)]
}
