package parse

import (
	"slices"

	"github.com/redline-events/redline"
)

// Beam search (Zhang and Nivre 2011): instead of committing to the best
// move at each step, keep the k best move sequences by the sum of their
// move scores. Every arc-hybrid sequence for a sentence of n words has 2n
// moves, so the items of a beam always finish together. Labels are still
// chosen greedily, when an item makes its arc. A model trained globally for
// the beam (TrainOptions.Beam) parses better with it than greedily; a
// greedy model gains little from a beam.

// beam is the scratch of one beam-search parse.
type beam struct {
	cur, next   []*state
	score, nscr []int64
	cands       []cand
	k           int
}

// cand is a move from an item of the beam and the score of the sequence it
// makes.
type cand struct {
	item  int32
	move  int8
	feat  int32 // training: index of the item's features, -1 for a forced move
	score float64
}

func (b *beam) size(k, n int) {
	if b.k < k {
		for len(b.cur) < k {
			b.cur = append(b.cur, new(state))
			b.next = append(b.next, new(state))
		}
		b.score = make([]int64, k)
		b.nscr = make([]int64, k)
		b.k = k
	}
	for i := 0; i < k; i++ {
		b.cur[i].reset(n)
		b.next[i].reset(n)
	}
}

// copyAtoms gives every state of the beam the atoms of from.
func (b *beam) copyAtoms(from *state, k int) {
	for i := 0; i < k; i++ {
		for _, s := range [2]*state{b.cur[i], b.next[i]} {
			if s == from {
				continue
			}
			copy(s.word, from.word)
			copy(s.tag, from.tag)
			copy(s.lm, from.lm)
			copy(s.upos, from.upos)
		}
	}
}

// copyConfig makes s the configuration o is in, for the same sentence.
// Only tokens up to the buffer's front have heads or children, so only
// they (and the root) are copied: up to the front of either state, since s
// may hold a configuration further on.
func (s *state) copyConfig(o *state) {
	e := int(max(s.b0, o.b0)) + 1
	if e > s.n {
		e = s.n
	}
	s.b0 = o.b0
	s.stack = append(s.stack[:0], o.stack...)
	copy(s.head[:e], o.head)
	copy(s.rel[:e], o.rel)
	copy(s.lc1[:e], o.lc1)
	copy(s.lc2[:e], o.lc2)
	copy(s.rc1[:e], o.rc1)
	copy(s.rc2[:e], o.rc2)
	copy(s.nl[:e], o.nl)
	copy(s.nr[:e], o.nr)
	copy(s.lset[:e], o.lset)
	copy(s.rset[:e], o.rset)
	r := s.n
	s.head[r], s.rel[r] = o.head[r], o.rel[r]
	s.lc1[r], s.lc2[r], s.rc1[r], s.rc2[r] = o.lc1[r], o.lc2[r], o.rc1[r], o.rc2[r]
	s.nl[r], s.nr[r], s.lset[r], s.rset[r] = o.nl[r], o.nr[r], o.lset[r], o.rset[r]
}

// topCands sorts the best k candidates first, by score and then by their
// order (so that ties break as the greedy parser breaks them), and returns
// how many there are.
func topCands(cs []cand, k int) int {
	slices.SortStableFunc(cs, func(a, b cand) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return 0
	})
	return min(k, len(cs))
}

func (p *Parser) getBeam() *beam {
	if b, ok := p.beamPool.Get().(*beam); ok {
		return b
	}
	return new(beam)
}

// ParseBeam is Parse with a beam of k items (greedy when k <= 1). A beam
// needs a model trained for it (TrainOptions.Beam): the embedded model is
// trained greedily, and a beam over its scores parses worse (EWT test UAS
// 85.2 greedy, 81.5 with k = 8), as a beam-trained model does greedily.
func (p *Parser) ParseBeam(d *redline.Doc, k int) {
	if k <= 1 {
		p.Parse(d)
		return
	}
	b := p.getBeam()
	if len(d.Sentences) == 0 {
		p.parseBeam(b, d.Tokens, k)
	}
	for i := range d.Sentences {
		p.parseBeam(b, d.SentenceTokens(i), k)
	}
	p.beamPool.Put(b)
}

// ParseTokensBeam is ParseTokens with a beam of k items (greedy when k <= 1).
func (p *Parser) ParseTokensBeam(toks []redline.Token, k int) {
	if k <= 1 {
		p.ParseTokens(toks)
		return
	}
	b := p.getBeam()
	p.parseBeam(b, toks, k)
	p.beamPool.Put(b)
}

func (p *Parser) parseBeam(b *beam, toks []redline.Token, k int) {
	n := len(toks)
	if n == 0 {
		return
	}
	b.size(k, n)
	b.cur[0].setAtoms(toks)
	b.copyAtoms(b.cur[0], k)
	live := 1
	b.score[0] = 0
	var sc [moveWidth]int32
	for !b.cur[0].terminal() {
		cs := b.cands[:0]
		for i := 0; i < live; i++ {
			st := b.cur[i]
			if m := st.forced(); m >= 0 {
				cs = append(cs, cand{item: int32(i), move: int8(m), score: float64(b.score[i])})
				continue
			}
			st.moveFeatures()
			p.scoreMoves(st, &sc)
			for m := 0; m < nMoves; m++ {
				if st.valid(m) {
					cs = append(cs, cand{item: int32(i), move: int8(m), score: float64(b.score[i] + int64(sc[m]))})
				}
			}
		}
		live = topCands(cs, k)
		for j, c := range cs[:live] {
			nx := b.next[j]
			nx.copyConfig(b.cur[c.item])
			m := int(c.move)
			nx.apply(m, p.label(nx, m))
			b.nscr[j] = int64(c.score)
		}
		b.cands = cs
		b.cur, b.next = b.next, b.cur
		b.score, b.nscr = b.nscr, b.score
	}
	st := b.cur[0]
	st.writeTo(toks)
}
