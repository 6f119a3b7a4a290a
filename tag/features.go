package tag

import (
	"math/bits"

	"github.com/redline-events/redline"
)

// Features are 64-bit hashes of (template, values). Every string a template
// needs is hashed once per token into a wordInfo, so that building the ~30
// feature keys of a token is integer mixing only: no string concatenation and
// no allocation on the tagging path.

const (
	k1 = 0x9E3779B97F4A7C15
	k2 = 0xC2B2AE3D27D4EB4F
	k3 = 0x165667B19E3779F9
)

// mix combines two hashes; it is a multiply-xorshift finaliser, cheap and well
// spread enough for an open-addressing table.
func mix(a, b uint64) uint64 {
	h := (a ^ bits.RotateLeft64(b*k2, 31)) * k1
	h ^= h >> 29
	h *= k3
	h ^= h >> 32
	return h
}

// fnv hashes bytes (FNV-1a), used for words; it is only ever called once per
// token per string.
const (
	fnvOff   = 14695981039346656037
	fnvPrime = 1099511628211
)

// Hashes of the sentence padding around real tokens.
var (
	hStart  = mix(1, 0x5354415254) // "START"
	hStart2 = mix(2, 0x5354415254)
	hEnd    = mix(3, 0x454e44)
	hEnd2   = mix(4, 0x454e44)
)

// maxAffix is the longest prefix and suffix used as a feature.
const maxAffix = 4

// wordInfo holds the string hashes of one token, computed once.
type wordInfo struct {
	lower, form, shape uint64
	suf, pre           [maxAffix]uint64 // suf[k-1]: last k bytes of lower; 0 when the word is not longer than k
	flags              uint64
	amb                uint64 // hash of the labels the word had in training (0: rare or unseen)
	inLex              bool   // the word is in the lexicon, so its merged rows exist
}

// Flag bits describing the characters of a token.
const (
	flagDigit = 1 << iota
	flagHyphen
	flagUpper
	flagAllUpper
	flagInitUpper
	flagFirst
	flagPunctOnly
	flagHasLetter
	flagPeriod
)

// fill computes the hashes of tok; first says whether it opens the sentence.
func (wi *wordInfo) fill(form, lower string, first bool) {
	h := uint64(fnvOff)
	for i := 0; i < len(lower); i++ {
		h ^= uint64(lower[i])
		h *= fnvPrime
	}
	wi.lower = mix(h, 11)
	if form == lower {
		wi.form = wi.lower
	} else {
		h = fnvOff
		for i := 0; i < len(form); i++ {
			h ^= uint64(form[i])
			h *= fnvPrime
		}
		wi.form = mix(h, 12)
	}
	// Suffixes hashed right to left, prefixes left to right; each length
	// gets its own seed so "s" as a suffix and "s" as a prefix differ.
	n := len(lower)
	h = fnvOff
	for k := 1; k <= maxAffix; k++ {
		if k < n {
			h ^= uint64(lower[n-k])
			h *= fnvPrime
			wi.suf[k-1] = mix(h, uint64(20+k))
		} else {
			wi.suf[k-1] = 0
		}
	}
	h = fnvOff
	for k := 1; k <= maxAffix; k++ {
		if k < n {
			h ^= uint64(lower[k-1])
			h *= fnvPrime
			wi.pre[k-1] = mix(h, uint64(30+k))
		} else {
			wi.pre[k-1] = 0
		}
	}
	// Shape: X x d or the byte itself, runs capped at 3 so that "Xxxxxxx"
	// and "Xxxx" share a shape but "Xx" stays apart.
	var fl uint64
	h = fnvOff
	var last byte
	run := 0
	upper, letters := 0, 0
	punct := true
	for i := 0; i < len(form); i++ {
		c := form[i]
		var s byte
		switch {
		case c >= 'A' && c <= 'Z':
			s = 'X'
			upper++
			letters++
			punct = false
		case c >= 'a' && c <= 'z':
			s = 'x'
			letters++
			punct = false
		case c >= '0' && c <= '9':
			s = 'd'
			fl |= flagDigit
			punct = false
		case c >= 0x80:
			s = 'u'
			punct = false
		default:
			s = c
			if c == '-' {
				fl |= flagHyphen
			} else if c == '.' {
				fl |= flagPeriod
			}
		}
		if s == last {
			run++
			if run >= 3 {
				continue
			}
		} else {
			run = 0
			last = s
		}
		h ^= uint64(s)
		h *= fnvPrime
	}
	wi.shape = mix(h, 13)
	if upper > 0 {
		fl |= flagUpper
		if upper == letters {
			fl |= flagAllUpper
		}
		if form[0] >= 'A' && form[0] <= 'Z' {
			fl |= flagInitUpper
		}
	}
	if letters > 0 {
		fl |= flagHasLetter
	}
	if punct {
		fl |= flagPunctOnly
	}
	if first {
		fl |= flagFirst
	}
	wi.flags = fl
}

// Feature templates. The numbers are part of the model: never renumber.
const (
	fBias = iota + 1
	fLower
	fForm
	fSuf1
	fSuf2
	fSuf3
	fSuf4
	fPre1
	fPre2
	fPre3
	fPre4
	fShape
	fFlags
	fT1
	fT2
	fT1T2
	fT1W
	fWm1
	fWm2
	fWp1
	fWp2
	fSufm1
	fSufp1
	fWm1W
	fWWp1
	fT1Wp1
	fShapep1
	fT1Suf3
	fShapem1
	fWm1Wp1
	// Second-pass templates: predicted tags to the right.
	fR1
	fR2
	fR1R2
	fR1W
	fT1R1
	fAmb
	fAmbp1
	fAmbp2
	fT1Amb
	fAmbAmbp1
	maxFeats = 48
)

// scratch is the per-call working memory of a tagging run, reused through a
// sync.Pool so that tagging allocates nothing per token.
type scratch struct {
	sink   uint32 // keeps the cache-touching reads of scoring
	wi     []wordInfo
	hist   []uint8 // labels of the current pass, padded by two on each side
	first  []uint8 // first-pass labels when a second pass runs
	feats  [maxFeats]uint64
	buf    [256]int32 // scores of all labels; scores is its first len(labels)
	scores []int32
	margin []int32 // first-pass margin of each token
}

func (s *scratch) reset(n, nLabels int) {
	if cap(s.wi) < n+4 {
		s.wi = make([]wordInfo, n+4, 2*n+8)
		s.hist = make([]uint8, n+4, 2*n+8)
		s.first = make([]uint8, n+4, 2*n+8)
		s.margin = make([]int32, n+4, 2*n+8)
	}
	s.margin = s.margin[:n+4]
	s.wi = s.wi[:n+4]
	s.hist = s.hist[:n+4]
	s.first = s.first[:n+4]
	for _, t := range [][]uint8{s.hist, s.first} {
		t[0], t[1], t[n+2], t[n+3] = padLabel, padLabel, padLabel, padLabel
	}
	s.scores = s.buf[:nLabels]
}

// prepare fills the word hashes of a sentence; wi[2+i] belongs to token i,
// with two padding slots at each end.
func (s *scratch) prepare(toks []redline.Token, lex map[string]uint64) {
	wi := s.wi
	wi[0] = wordInfo{lower: hStart2, form: hStart2, shape: hStart2}
	wi[1] = wordInfo{lower: hStart, form: hStart, shape: hStart}
	n := len(toks)
	wi[n+2] = wordInfo{lower: hEnd, form: hEnd, shape: hEnd}
	wi[n+3] = wordInfo{lower: hEnd2, form: hEnd2, shape: hEnd2}
	for i := range toks {
		wi[i+2].fill(toks[i].Form, toks[i].Lower, i == 0)
		wi[i+2].amb, wi[i+2].inLex = lex[toks[i].Lower]
	}
}

// Label hashes for the tag-history features; labels are small integers,
// padLabel marks a position before the sentence.
const padLabel = 255

// Lexical groups: templates that depend only on the lower-cased word at one
// offset from the token. For words of the lexicon their rows are summed
// once, at load time, into one merged row per word and group (see
// Tagger.merge), so that tagging does one lookup where it did up to ten.
var groupOffset = [...]int{0, 1, -1, 2}

const numGroups = len(groupOffset)

// groupKeys appends the keys of group g for the word w.
func groupKeys(f []uint64, g int, w *wordInfo) []uint64 {
	switch g {
	case 0:
		f = append(f, mix(fLower, w.lower), mix(fAmb, w.amb))
		for k := 0; k < maxAffix; k++ {
			if w.suf[k] != 0 {
				f = append(f, mix(fSuf1+uint64(k), w.suf[k]))
			}
			if w.pre[k] != 0 {
				f = append(f, mix(fPre1+uint64(k), w.pre[k]))
			}
		}
	case 1:
		f = append(f, mix(fWp1, w.lower), mix(fSufp1, suf3(w)), mix(fAmbp1, w.amb))
	case 2:
		f = append(f, mix(fWm1, w.lower), mix(fSufm1, suf3(w)))
	case 3:
		f = append(f, mix(fWp2, w.lower), mix(fAmbp2, w.amb))
	}
	return f
}

// tagKeys appends the keys of the templates that depend only on the two
// previous labels (as offset by features); with merged rows their sum comes
// from Tagger.pairs instead.
func tagKeys(f []uint64, t1, t2 uint64) []uint64 {
	return append(f, mix(fBias, 1), mix(fT1, t1), mix(fT2, t2), mix(mix(fT1T2, t1), t2))
}

// features returns the feature keys of token i (0-based), in s.feats. tags
// holds the labels already predicted left of i (padded: token i is at i+2);
// right, when not nil, holds first-pass labels used by the second pass.
// With merged set, the groups of lexicon words are left out: the caller adds
// their merged rows.
func (s *scratch) features(i int, tags, right []uint8, merged bool) []uint64 {
	p := i + 2
	wi := s.wi
	w := &wi[p]
	t1 := uint64(tags[p-1]) + 1000
	t2 := uint64(tags[p-2]) + 2000
	f := s.feats[:0]
	for g, off := range groupOffset {
		if u := &wi[p+off]; !merged || !u.inLex {
			f = groupKeys(f, g, u)
		}
	}
	if !merged {
		f = tagKeys(f, t1, t2)
	}
	if w.form != w.lower {
		f = append(f, mix(fForm, w.form))
	}
	f = append(f, mix(fShape, w.shape))
	f = append(f, mix(fFlags, w.flags))
	f = append(f, mix(mix(fT1W, t1), w.lower))
	f = append(f, mix(fWm2, wi[p-2].lower))
	f = append(f, mix(mix(fWm1W, wi[p-1].lower), w.lower))
	f = append(f, mix(mix(fWWp1, w.lower), wi[p+1].lower))
	f = append(f, mix(mix(fT1Wp1, t1), wi[p+1].lower))
	f = append(f, mix(fShapep1, wi[p+1].shape))
	f = append(f, mix(fShapem1, wi[p-1].shape))
	f = append(f, mix(mix(fT1Suf3, t1), suf3(w)))
	f = append(f, mix(mix(fWm1Wp1, wi[p-1].lower), wi[p+1].lower))
	// Ambiguity classes generalise over words with the same possible labels.
	f = append(f, mix(mix(fT1Amb, t1), w.amb))
	f = append(f, mix(mix(fAmbAmbp1, w.amb), wi[p+1].amb))
	if right != nil {
		r1 := uint64(right[p+1]) + 3000
		r2 := uint64(right[p+2]) + 4000
		f = append(f, mix(fR1, r1))
		f = append(f, mix(fR2, r2))
		f = append(f, mix(mix(fR1R2, r1), r2))
		f = append(f, mix(mix(fR1W, r1), w.lower))
		f = append(f, mix(mix(fT1R1, t1), r1))
	}
	return f
}

// suf3 is the three-byte suffix, or the whole word when it is shorter.
func suf3(w *wordInfo) uint64 {
	if w.suf[2] != 0 {
		return w.suf[2]
	}
	return w.lower
}
