package parse

import "github.com/redline-events/redline"

// The parser uses the arc-hybrid transition system (Kuhlmann et al. 2011) with
// the root at the bottom of the stack. The buffer is always a suffix of the
// sentence, so it is represented by the index of its front.
//
//	shift: push b0
//	left:  b0 → s0, pop s0
//	right: s1 → s0, pop s0
//
// A right arc from the root is only allowed once the buffer is empty and the
// stack holds the root and one word, so every terminal state is a tree with
// exactly one root: no repair pass is needed.
const (
	shift = iota
	left
	right
	nMoves
	// moveWidth pads a weight row to 4 so that one row is 8 aligned bytes.
	moveWidth = 4
)

// state is a parser configuration plus the per-token atoms features read.
// All slices have length n+2: index n is the root, n+1 stands for "none", so
// feature code never tests for absence.
type state struct {
	n     int
	stack []int32
	b0    int32 // front of the buffer; the buffer is b0..n-1

	head          []int32
	rel           []redline.DepRel
	lc1, lc2      []int32 // leftmost and second leftmost child, or none
	rc1, rc2      []int32 // rightmost and second rightmost child, or none
	nl, nr        []uint8 // number of left and right children
	lset, rset    []uint64
	word, tag, lm []uint64 // hashed atoms: lower-cased form, XPOS, lemma
	upos          []uint64

	// sink keeps the cache-touching loads of scoring from being optimised away.
	sink int16

	moveFeats  [nMoveFeats]uint64
	labelFeats [nLabelFeats]uint64
}

func (s *state) none() int32 { return int32(s.n + 1) }
func (s *state) root() int32 { return int32(s.n) }

// writeTo fills the heads (-1 for the root) and relations of toks from the
// finished state.
func (s *state) writeTo(toks []redline.Token) {
	root := s.root()
	for i := range toks {
		h := s.head[i]
		if h == root {
			h = -1
		}
		toks[i].Head = h
		toks[i].Rel = s.rel[i]
	}
}

// reset sizes the scratch for n tokens and empties the configuration; it only
// allocates when a sentence is longer than any seen before by this state.
func (s *state) reset(n int) {
	s.n = n
	m := n + 2
	if cap(s.head) < m {
		c := m + m/2
		s.head = make([]int32, c)
		s.rel = make([]redline.DepRel, c)
		s.lc1 = make([]int32, c)
		s.lc2 = make([]int32, c)
		s.rc1 = make([]int32, c)
		s.rc2 = make([]int32, c)
		s.nl = make([]uint8, c)
		s.nr = make([]uint8, c)
		s.lset = make([]uint64, c)
		s.rset = make([]uint64, c)
		s.word = make([]uint64, c)
		s.tag = make([]uint64, c)
		s.lm = make([]uint64, c)
		s.upos = make([]uint64, c)
		s.stack = make([]int32, 0, c)
	}
	s.head = s.head[:m]
	s.rel = s.rel[:m]
	s.lc1, s.lc2, s.rc1, s.rc2 = s.lc1[:m], s.lc2[:m], s.rc1[:m], s.rc2[:m]
	s.nl, s.nr, s.lset, s.rset = s.nl[:m], s.nr[:m], s.lset[:m], s.rset[:m]
	s.word, s.tag, s.lm, s.upos = s.word[:m], s.tag[:m], s.lm[:m], s.upos[:m]
	none := s.none()
	for i := 0; i < m; i++ {
		s.head[i] = -1
		s.rel[i] = redline.NoRel
		s.lc1[i], s.lc2[i], s.rc1[i], s.rc2[i] = none, none, none, none
		s.nl[i], s.nr[i] = 0, 0
		s.lset[i], s.rset[i] = 0, 0
	}
	s.word[n], s.tag[n], s.lm[n], s.upos[n] = atomRoot, atomRoot, atomRoot, atomRoot
	s.word[n+1], s.tag[n+1], s.lm[n+1], s.upos[n+1] = atomNone, atomNone, atomNone, atomNone
	s.stack = append(s.stack[:0], s.root())
	s.b0 = 0
}

// setAtoms hashes the features of each token once per sentence.
func (s *state) setAtoms(toks []redline.Token) {
	for i := range toks {
		t := &toks[i]
		s.word[i] = hashWord(t.Form)
		s.upos[i] = uint64(t.UPOS) + 1
		if t.XPOS != "" {
			s.tag[i] = hashString(t.XPOS)
		} else {
			s.tag[i] = s.upos[i] << 32
		}
		if t.Lemma != "" && t.Lemma != "_" {
			s.lm[i] = hashWord(t.Lemma)
		} else {
			s.lm[i] = s.word[i]
		}
	}
}

func (s *state) terminal() bool { return int(s.b0) >= s.n && len(s.stack) == 1 }

// s returns the i-th stack element from the top, or none.
func (s *state) s(i int) int32 {
	if i < len(s.stack) {
		return s.stack[len(s.stack)-1-i]
	}
	return s.none()
}

// b returns the i-th buffer element, or none.
func (s *state) b(i int) int32 {
	if j := int(s.b0) + i; j < s.n {
		return int32(j)
	}
	return s.none()
}

func (s *state) valid(m int) bool {
	switch m {
	case shift:
		return int(s.b0) < s.n
	case left:
		return int(s.b0) < s.n && len(s.stack) > 1
	case right:
		if len(s.stack) < 2 {
			return false
		}
		if len(s.stack) == 2 { // s1 is the root
			return int(s.b0) >= s.n
		}
		return true
	}
	return false
}

// forced returns the only valid move, or -1 when there is a choice: at the
// start only shift is possible and once the buffer is empty only right, and
// skipping the scoring there saves a tenth of the work.
func (s *state) forced() int {
	switch {
	case len(s.stack) == 1:
		return shift
	case int(s.b0) >= s.n:
		return right
	}
	return -1
}

// arc returns the head and dependent the move m would join.
func (s *state) arc(m int) (h, d int32) {
	switch m {
	case left:
		return s.b0, s.s(0)
	case right:
		return s.s(1), s.s(0)
	}
	return -1, -1
}

// apply performs move m; for arcs, rel is the dependency's label.
func (s *state) apply(m int, rel redline.DepRel) {
	switch m {
	case shift:
		s.stack = append(s.stack, s.b0)
		s.b0++
	case left, right:
		h, d := s.arc(m)
		s.stack = s.stack[:len(s.stack)-1]
		s.addArc(h, d, rel)
	}
}

func (s *state) addArc(h, d int32, rel redline.DepRel) {
	s.head[d] = h
	s.rel[d] = rel
	if h == s.root() {
		return
	}
	if d < h {
		s.nl[h]++
		s.lset[h] |= 1 << (rel & 63)
		switch {
		case s.lc1[h] == s.none() || d < s.lc1[h]:
			s.lc2[h], s.lc1[h] = s.lc1[h], d
		case s.lc2[h] == s.none() || d < s.lc2[h]:
			s.lc2[h] = d
		}
	} else {
		s.nr[h]++
		s.rset[h] |= 1 << (rel & 63)
		switch {
		case s.rc1[h] == s.none() || d > s.rc1[h]:
			s.rc2[h], s.rc1[h] = s.rc1[h], d
		case s.rc2[h] == s.none() || d > s.rc2[h]:
			s.rc2[h] = d
		}
	}
}

// costs fills c with the number of gold arcs each move makes unreachable
// (the arc-hybrid dynamic oracle of Goldberg and Nivre 2013). gold holds each
// token's gold head with the root as n. For non-projective gold trees the
// counts are an approximation; training follows the cheapest move.
func (s *state) costs(gold []int32, c *[nMoves]int) {
	n := int32(s.n)
	s0, s1 := s.s(0), s.s(1)
	b0 := s.b0
	for m := range c {
		c[m] = 0
	}
	if len(s.stack) > 1 {
		// Both arc moves pop s0: its children still in the buffer are lost.
		lost := 0
		for d := b0; d < n; d++ {
			if gold[d] == s0 {
				lost++
			}
		}
		g := gold[s0]
		c[left] = lost
		if g != b0 && (g == s1 || (g > b0 && g < n)) {
			c[left]++
		}
		c[right] = lost
		if g != s1 && g >= b0 && g < n {
			c[right]++
		}
	}
	if b0 < n {
		// Shifting b0 loses heads and dependents it has deeper in the stack.
		g := gold[b0]
		for i, x := range s.stack {
			if g == x && i < len(s.stack)-1 {
				c[shift]++
			}
			if x != n && gold[x] == b0 {
				c[shift]++
			}
		}
	}
}
