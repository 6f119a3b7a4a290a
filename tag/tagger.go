// Package tag assigns parts of speech (UD UPOS and Penn Treebank XPOS, as one
// joint label) and lemmas to the tokens of a Doc, in place.
//
// The tagger is an averaged perceptron trained on Universal Dependencies
// treebanks (Train; `redline train tagger`). A first greedy left-to-right pass
// uses the words around a token (forms, affixes, shapes, ambiguity classes)
// and the two labels before it; a second pass, trained on jackknifed
// first-pass output, also sees the first pass's labels of the next two words
// and retags only the tokens the first pass was unsure of. Frequent
// unambiguous words are tagged from a dictionary. Feature keys are 64-bit
// hashes; weights are int16 cells in open-addressing tables, and the rows
// that depend only on a known word or on the two previous labels are summed
// once (after training and at load), so tagging a token is a few lookups
// and integer adds and allocates nothing. Lemmas come from exceptions learned from the treebank,
// then from the rules in Lemma.
//
// Default returns the model embedded in package data.
package tag

import (
	"math"
	"slices"
	"sync"

	"github.com/redline-events/redline"
)

// label is one joint UPOS+XPOS class: predicting both at once keeps them
// consistent (AUX|MD, never VERB|MD) and costs nothing extra.
type label struct {
	upos redline.UPOS
	xpos string
}

// table maps feature keys to sparse rows of (label, weight) cells. It is an
// open-addressing hash table that keeps only a 32-bit fingerprint of each
// 64-bit key, and each slot's row ends where the next slot's begins, so a
// lookup touches one 8-byte slot (and its neighbour, nearly always on the
// same cache line) before the row itself. A false fingerprint match needs
// a 64-bit hash to agree on its low and high bits: rare enough to ignore.
type table struct {
	mask  uint64
	slots []slot   // len mask+2: the last one only ends the row before it
	ent   []uint32 // label in the low byte, int16 weight in the high half
	// cells replaces ent in the weight tables of a loaded model: three
	// bytes a cell (label, then the int16 weight, little-endian), used in
	// place in the model bytes (6 MB less heap, and rows a quarter
	// shorter to fetch).
	cells []byte
}

type slot struct {
	fp  uint32 // 0 marks an empty slot
	off uint32
}

func fingerprint(key uint64) uint32 { return uint32(key>>32) | 1 }

// each calls f with the label and weight of each cell of key's row.
func (t *table) each(key uint64, f func(l uint8, w int32)) {
	if t.cells == nil {
		for _, e := range t.lookup(key) {
			f(uint8(e), int32(int16(e>>16)))
		}
		return
	}
	fp := fingerprint(key)
	for i := key & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s.fp == fp {
			row := t.cells[3*s.off : 3*t.slots[i+1].off]
			for k := 0; k+2 < len(row); k += 3 {
				f(row[k], int32(int16(uint16(row[k+1])|uint16(row[k+2])<<8)))
			}
			return
		}
		if s.fp == 0 {
			return
		}
	}
}

// lookup returns the row of key, or nil; the table must use ent.
func (t *table) lookup(key uint64) []uint32 {
	fp := fingerprint(key)
	for i := key & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s.fp == fp {
			return t.ent[s.off:t.slots[i+1].off]
		}
		if s.fp == 0 {
			return nil
		}
	}
}

// find appends the bounds of the rows of feats to lo and hi from n, and
// returns the new count; keys without a row are skipped.
func (t *table) find(feats []uint64, lo, hi []uint32, n int) int {
	for _, key := range feats {
		fp := fingerprint(key)
		for i := key & t.mask; ; i = (i + 1) & t.mask {
			s := t.slots[i]
			if s.fp == fp {
				lo[n], hi[n] = s.off, t.slots[i+1].off
				n++
				break
			}
			if s.fp == 0 {
				break
			}
		}
	}
	return n
}

// touch reads the first cell of each row, so that the cache misses on
// the rows are issued together; the result only keeps the reads.
func (t *table) touch(lo, hi []uint32) uint32 {
	var x uint32
	if c := t.cells; c != nil {
		for j, o := range lo {
			if o < hi[j] {
				x |= uint32(c[3*o])
			}
		}
		return x
	}
	for j, o := range lo {
		if o < hi[j] {
			x |= t.ent[o]
		}
	}
	return x
}

// addRows adds the rows bounded by lo and hi into scores, a full 256-entry
// array so that indexing by a label byte needs no bounds check.
func (t *table) addRows(lo, hi []uint32, scores *[256]int32) {
	sc := scores[:] // one nil check here, none per cell
	if c := t.cells; c != nil {
		for j, o := range lo {
			row := c[3*o : 3*hi[j]]
			for k := 0; k+2 < len(row); k += 3 {
				sc[row[k]] += int32(int16(uint16(row[k+1]) | uint16(row[k+2])<<8))
			}
		}
		return
	}
	for j, o := range lo {
		for _, e := range t.ent[o:hi[j]] {
			sc[uint8(e)] += int32(int16(e >> 16))
		}
	}
}

func argmax(scores []int32) uint8 {
	best, bi := scores[0], 0
	for i, s := range scores {
		if s > best {
			best, bi = s, i
		}
	}
	return uint8(bi)
}

// lemKey is an entry of the learned lemma exceptions.
type lemKey struct {
	lower string
	label uint8
}

// Tagger tags and lemmatises tokens. It is immutable once built and safe for
// concurrent use; per-call scratch memory comes from a pool.
type Tagger struct {
	labels []label
	// dict holds frequent words whose label is (nearly) never ambiguous;
	// they are tagged without scoring.
	dict map[string]uint8
	// lex maps frequent lower-cased words to a hash of the set of labels
	// they had in training (their ambiguity class).
	lex    map[string]uint64
	pass1  table
	pass2  *table // optional second pass that also sees first-pass labels to the right
	lemmas map[lemKey]string
	// gate: the second pass retags only tokens whose first-pass margin
	// (best minus runner-up score) is below it; confident tokens keep their
	// label, which saves most of the second pass at no cost in accuracy.
	gate int32
	// merged holds, for each lexicon word and lexical group, the sum of the
	// group's first-pass rows; its cells carry a 24-bit weight. Built from
	// pass1 and lex by merge after training, and stored with the model.
	merged table
	// pairs holds, for every pair of previous labels (t1, t2), the dense
	// sum of the first pass's bias, t1, t2 and t1+t2 rows: about 400 of
	// the ~900 cells a token would otherwise add one by one. Rebuilt at
	// load by buildPairs: quicker than reading its 5 MB.
	pairs []int32
	pool  sync.Pool
}

// pairIndex is where the dense row of labels (t1, t2) starts in t.pairs;
// padLabel counts as label len(labels).
func (t *Tagger) pairIndex(t1, t2 uint8) int {
	n := len(t.labels)
	a, b := int(t1), int(t2)
	if a >= n {
		a = n
	}
	if b >= n {
		b = n
	}
	return (a*(n+1) + b) * n
}

// groupSeed distinguishes the merged rows of the groups.
var groupSeed = [numGroups]uint64{0x9a1, 0x9a2, 0x9a3, 0x9a4}

// score adds to s.buf the rows of tab for the keys f and, with merged, the
// merged rows of the lexicon words around token i. Scoring is bound by
// cache misses: every row is found, then touched, before any is added, so
// that the misses overlap instead of each waiting behind the additions
// before it.
func (t *Tagger) score(s *scratch, i int, tab *table, f []uint64, merged bool) {
	var lo, hi [maxFeats + numGroups]uint32
	n := tab.find(f, lo[:], hi[:], 0)
	m := n
	if merged {
		var keys [numGroups]uint64
		k := 0
		for g, off := range groupOffset {
			if w := &s.wi[i+2+off]; w.inLex {
				keys[k] = mix(groupSeed[g], w.lower)
				k++
			}
		}
		m = t.merged.find(keys[:k], lo[:], hi[:], n)
	}
	s.sink = tab.touch(lo[:n], hi[:n]) | t.merged.touch(lo[n:m], hi[n:m])
	tab.addRows(lo[:n], hi[:n], &s.buf)
	sc := s.buf[:]
	for j, o := range lo[n:m] {
		for _, e := range t.merged.ent[o:hi[n+j]] {
			sc[uint8(e)] += int32(e) >> 8
		}
	}
}

// merge builds t.merged from t.pass1 and t.lex, then t.pairs. Scores are
// unchanged: the merged rows are exact sums of the rows they replace.
func (t *Tagger) merge() {
	words := make([]string, 0, len(t.lex))
	for w := range t.lex {
		words = append(words, w)
	}
	slices.Sort(words)
	b := newTableBuilder(len(words) * numGroups)
	acc := make([]int32, len(t.labels))
	var wi wordInfo
	var keys []uint64
	var cells []uint32
	for _, w := range words {
		wi.fill(w, w, false)
		wi.amb = t.lex[w]
		for g := range numGroups {
			clear(acc)
			keys = groupKeys(keys[:0], g, &wi)
			for _, k := range keys {
				t.pass1.each(k, func(l uint8, w int32) { acc[l] += w })
			}
			cells = cells[:0]
			for l, v := range acc {
				if v != 0 {
					cells = append(cells, uint32(l)|uint32(v)<<8)
				}
			}
			b.add(mix(groupSeed[g], wi.lower), cells)
		}
	}
	t.merged = b.build()
	t.buildPairs()
}

// buildPairs fills t.pairs, when there are merged rows to go with it. A
// pair's sum is the bias row plus the t1 row plus the t2 row plus the t1+t2
// row; the first three are summed densely once per label, so that each of
// the (n+1)² pairs costs one lookup and one dense add (integer sums: the
// order does not change the result).
func (t *Tagger) buildPairs() {
	if t.merged.slots == nil {
		return
	}
	n := len(t.labels)
	lab := func(a int) uint64 {
		if a == n {
			return padLabel
		}
		return uint64(a)
	}
	// The keys are those of tagKeys.
	var bias [256]int32
	t.pass1.each(mix(fBias, 1), func(l uint8, w int32) { bias[l] += w })
	// first[a] is bias + the t1 row of label a, second[c] the t2 row of c.
	first := make([][256]int32, n+1)
	second := make([][256]int32, n+1)
	for a := 0; a <= n; a++ {
		first[a] = bias
		t.pass1.each(mix(fT1, lab(a)+1000), func(l uint8, w int32) { first[a][l] += w })
		t.pass1.each(mix(fT2, lab(a)+2000), func(l uint8, w int32) { second[a][l] += w })
	}
	t.pairs = make([]int32, (n+1)*(n+1)*n)
	for a := 0; a <= n; a++ {
		t1 := mix(fT1T2, lab(a)+1000)
		for c := 0; c <= n; c++ {
			row := t.pairs[t.pairIndex(uint8(lab(a)), uint8(lab(c))):][:n]
			f, g := first[a][:n], second[c][:n]
			for i := range row {
				row[i] = f[i] + g[i]
			}
			t.pass1.each(mix(t1, lab(c)+2000), func(l uint8, w int32) {
				if int(l) < n {
					row[l] += w
				}
			})
		}
	}
}

func (t *Tagger) getScratch() *scratch {
	if s, ok := t.pool.Get().(*scratch); ok {
		return s
	}
	return new(scratch)
}

// Tag fills UPOS, XPOS and Lemma of every token of every sentence of d.
func (t *Tagger) Tag(d *redline.Doc) {
	if len(d.Sentences) == 0 {
		t.TagTokens(d.Tokens)
		return
	}
	for i := range d.Sentences {
		t.TagTokens(d.SentenceTokens(i))
	}
}

// TagTokens tags one sentence in place.
func (t *Tagger) TagTokens(toks []redline.Token) {
	if len(toks) == 0 {
		return
	}
	s := t.getScratch()
	t.predict(s, toks)
	for i := range toks {
		tok := &toks[i]
		l := s.hist[i+2]
		tok.UPOS = t.labels[l].upos
		tok.XPOS = t.labels[l].xpos
		tok.Lemma = t.lemma(tok, l)
	}
	t.pool.Put(s)
}

// predict leaves the labels of toks in s.hist[2:len(toks)+2].
func (t *Tagger) predict(s *scratch, toks []redline.Token) {
	s.reset(len(toks), len(t.labels))
	s.prepare(toks, t.lex)
	t.pass(s, toks, &t.pass1, s.hist, nil)
	if t.pass2 != nil {
		copy(s.first, s.hist)
		t.pass(s, toks, t.pass2, s.hist, s.first)
	}
}

func (t *Tagger) pass(s *scratch, toks []redline.Token, tab *table, out, right []uint8) {
	for i := range toks {
		if right != nil {
			// Second pass: only where the first was unsure.
			if s.margin[i] >= t.gate || s.margin[i] == dictMargin {
				continue
			}
		} else if l, ok := t.dict[toks[i].Form]; ok {
			out[i+2] = l
			s.margin[i] = dictMargin
			continue
		}
		merged := right == nil && t.merged.slots != nil
		f := s.features(i, out, right, merged)
		if merged {
			// Start from the dense sum of the label-pair rows.
			copy(s.scores, t.pairs[t.pairIndex(out[i+1], out[i]):])
		} else {
			clear(s.scores)
		}
		t.score(s, i, tab, f, merged)
		out[i+2], s.margin[i] = argmax2(s.scores)
	}
}

// dictMargin marks words tagged from the dictionary.
const dictMargin = math.MaxInt32

// argmax2 returns the best label and its lead over the runner-up.
func argmax2(scores []int32) (uint8, int32) {
	best, second, bi := int32(math.MinInt32), int32(math.MinInt32), 0
	for i, s := range scores {
		if s > best {
			best, second, bi = s, best, i
		} else if s > second {
			second = s
		}
	}
	return uint8(bi), best - second
}

func (t *Tagger) lemma(tok *redline.Token, l uint8) string {
	if lem, ok := t.lemmas[lemKey{tok.Lower, l}]; ok {
		return lem
	}
	return Lemma(tok.Form, tok.Lower, t.labels[l].upos, t.labels[l].xpos)
}
