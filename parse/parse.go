// Package parse is a transition-based dependency parser producing Universal
// Dependencies trees: arc-hybrid transitions chosen greedily by an averaged
// perceptron over hashed features, trained with a dynamic oracle, with a
// second perceptron labelling each arc as it is made. Beam search with a
// globally trained model is an option (see beam.go).
//
// A Parser is safe for concurrent use: per-sentence scratch comes from a
// sync.Pool and the weights are read-only.
package parse

import (
	"encoding/binary"
	"math/bits"
	"sync"

	"github.com/redline-events/redline"
)

// Parser holds a trained model.
type Parser struct {
	// raw is the model file, which Save writes.
	raw []byte
	// moves has moveWidth int16 weights per row, one row per hashed
	// feature (32 MB). 63% of the rows are zero, but finding a row in a
	// sparse layout (rank index, or packed buckets) cost more than the
	// cache miss on a dense one: parsing was 25% slower.
	moves    []int16
	moveMask uint64
	// Label rows are sparse (see indexLabels): labelOff[r] says where row
	// r lies. A sparse row lies in raw, at labelData[labelOff[r]>>2]:
	// labelCols bytes of bitmap of its non-zero columns, then those
	// weights, int16 little-endian. A dense row lies in labelDense. Every
	// label feature includes the arc's direction, so a row belongs to one
	// direction and its columns name the relations seen in that
	// direction: classes[0] for dependents left of their head, classes[1]
	// for the right. This keeps rows short.
	labelOff   []uint32
	labelData  []byte
	labelDense []int16
	labelMask  uint64
	labelWidth int
	labelCols  int
	classes    [2][]redline.DepRel

	pool     sync.Pool
	beamPool sync.Pool
}

func (p *Parser) getState() *state {
	if s, ok := p.pool.Get().(*state); ok {
		return s
	}
	return new(state)
}

// Parse fills Head and Rel of every token of d, sentence by sentence (all
// tokens as one sentence when d has none). The tokens must carry UPOS and
// XPOS tags (see Analyze).
func (p *Parser) Parse(d *redline.Doc) {
	st := p.getState()
	if len(d.Sentences) == 0 {
		p.parse(st, d.Tokens)
	}
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
		m := st.forced()
		if m < 0 {
			st.moveFeatures()
			p.scoreMoves(st, &sc)
			m = bestMove(st, &sc)
		}
		st.apply(m, p.label(st, m))
	}
	st.writeTo(toks)
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
	// Scoring is bound by cache misses on the rows. Touching every row
	// first issues the misses together instead of one row at a time.
	var touch int16
	for _, f := range &st.moveFeats {
		touch |= w[int(f&mask)*moveWidth]
	}
	st.sink = touch
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
	if st.upos[d] == punctAtom {
		// UD attaches every PUNCT as punct; no need to score.
		return redline.Punct
	}
	st.labelFeatures(h, d)
	var sc [64]int32
	st.sink = p.scoreLabels(&st.labelFeats, &sc)
	cls := p.classes[dirOf(h, d)]
	best := 0
	for c := 1; c < len(cls); c++ {
		if sc[c] > sc[best] {
			best = c
		}
	}
	return cls[best]
}

// scoreLabels adds the label rows of feats into sc. It returns the
// result of its cache-touching reads, for the caller to keep.
func (p *Parser) scoreLabels(feats *[nLabelFeats]uint64, sc *[64]int32) int16 {
	// As in scoreMoves, find and touch every row before adding any.
	var at [nLabelFeats]uint32
	data, dense, off := p.labelData, p.labelDense, p.labelOff
	stride := labelStride(p.labelWidth)
	var touch int16
	for i, f := range feats {
		a := off[f&p.labelMask]
		at[i] = a
		switch a & (1<<rowKindBits - 1) {
		case rowSparse:
			touch |= int16(data[a>>rowKindBits])
		case rowDense:
			touch |= dense[int(a>>rowKindBits)*stride]
		}
	}
	nc := p.labelCols
	for _, a := range &at {
		o := int(a >> rowKindBits)
		switch a & (1<<rowKindBits - 1) {
		case rowSparse:
			cols := binary.LittleEndian.Uint64(data[o:]) & (1<<(8*nc) - 1)
			for v := o + nc; cols != 0; v += 2 {
				sc[bits.TrailingZeros64(cols)&63] += int32(int16(binary.LittleEndian.Uint16(data[v:])))
				cols &= cols - 1
			}
		case rowDense:
			row := dense[o*stride : (o+1)*stride]
			for c := 0; c+8 <= len(row) && c+8 <= len(sc); c += 8 {
				w, s := (*[8]int16)(row[c:c+8]), (*[8]int32)(sc[c:c+8])
				s[0] += int32(w[0])
				s[1] += int32(w[1])
				s[2] += int32(w[2])
				s[3] += int32(w[3])
				s[4] += int32(w[4])
				s[5] += int32(w[5])
				s[6] += int32(w[6])
				s[7] += int32(w[7])
			}
		}
	}
	return touch
}

// dirOf is 0 for a dependent left of its head, 1 for one right of it.
func dirOf(h, d int32) int {
	if d > h {
		return 1
	}
	return 0
}
