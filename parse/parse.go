// Package parse is a transition-based dependency parser producing Universal
// Dependencies trees: arc-hybrid transitions chosen greedily by an averaged
// perceptron over hashed features, trained with a dynamic oracle, with a
// second perceptron labelling each arc as it is made.
//
// A Parser is safe for concurrent use: per-sentence scratch comes from a
// sync.Pool and the weights are read-only.
package parse

import (
	"sync"

	"github.com/redline-events/redline"
)

// Parser holds a trained model.
type Parser struct {
	// moves has moveWidth int16 weights per row, one row per hashed feature.
	moves    []int16
	moveMask uint64
	// labels has len(classes) weights per row.
	labels    []int16
	labelMask uint64
	classes   []redline.DepRel
	// dirOK[c] has bit 0 set when class c was seen on a dependent left of
	// its head in training, bit 1 when right of it.
	dirOK []uint8

	pool sync.Pool
}

func (p *Parser) getState() *state {
	if s, ok := p.pool.Get().(*state); ok {
		return s
	}
	return new(state)
}

// Parse fills Head and Rel of every token of d, sentence by sentence. The
// tokens must carry UPOS and XPOS tags (see Analyze).
func (p *Parser) Parse(d *redline.Doc) {
	st := p.getState()
	for i := range d.Sentences {
		p.parse(st, d.SentenceTokens(i))
	}
	p.pool.Put(st)
}

// ParseTokens parses toks as one sentence, filling Head (index within toks,
// -1 for the root) and Rel.
func (p *Parser) ParseTokens(toks []redline.Token) {
	st := p.getState()
	p.parse(st, toks)
	p.pool.Put(st)
}

func (p *Parser) parse(st *state, toks []redline.Token) {
	if len(toks) == 0 {
		return
	}
	st.reset(len(toks))
	st.setAtoms(toks)
	var sc [moveWidth]int32
	for !st.terminal() {
		st.moveFeatures()
		p.scoreMoves(st, &sc)
		m := bestMove(st, &sc)
		st.apply(m, p.label(st, m))
	}
	root := st.root()
	for i := range toks {
		h := st.head[i]
		if h == root {
			h = -1
		}
		toks[i].Head = h
		toks[i].Rel = st.rel[i]
	}
}

func bestMove(st *state, sc *[moveWidth]int32) int {
	best := -1
	for m := 0; m < nMoves; m++ {
		if st.valid(m) && (best < 0 || sc[m] > sc[best]) {
			best = m
		}
	}
	return best
}

func (p *Parser) scoreMoves(st *state, sc *[moveWidth]int32) {
	var a, b, c int32
	w, mask := p.moves, p.moveMask
	for _, f := range &st.moveFeats {
		r := int(f&mask) * moveWidth
		row := w[r : r+moveWidth : r+moveWidth]
		a += int32(row[0])
		b += int32(row[1])
		c += int32(row[2])
	}
	sc[shift], sc[left], sc[right] = a, b, c
}

// label returns the relation for the arc move m would make.
func (p *Parser) label(st *state, m int) redline.DepRel {
	if m == shift {
		return redline.NoRel
	}
	h, d := st.arc(m)
	if h == st.root() {
		return redline.Root
	}
	st.labelFeatures(h, d)
	nc := len(p.classes)
	var buf [redline.NumDepRel]int32
	sc := buf[:nc]
	for _, f := range &st.labelFeats {
		r := int(f&p.labelMask) * nc
		row := p.labels[r : r+nc : r+nc]
		for c, v := range row {
			sc[c] += int32(v)
		}
	}
	bit := uint8(1)
	if d > h {
		bit = 2
	}
	best := -1
	for c := range sc {
		if p.dirOK[c]&bit != 0 && (best < 0 || sc[c] > sc[best]) {
			best = c
		}
	}
	if best < 0 {
		return redline.Dep
	}
	return p.classes[best]
}
