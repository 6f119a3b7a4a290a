package parse

import (
	"math"

	"github.com/redline-events/redline"
)

// Global training for the beam: the structured perceptron with max-violation
// updates (Huang, Fayong and Guo 2012). Beside the beam, a gold sequence is
// followed: at each step the move of least cost under the dynamic oracle,
// the highest scoring when several tie, so that non-projective trees, which
// no sequence builds, still have a best reachable "gold". When the beam's
// best item is not gold, the step where it most outscores the gold prefix is
// the update: the gold prefix's features up to that step are rewarded and
// the best item's penalised. Labels stay local: the label perceptron learns
// on the gold sequence's arcs, as in greedy training.

// tnode is one move of a sequence, linked to the move before it.
type tnode struct {
	parent int32
	move   int8
	feat   int32 // index of the features scored for the move, -1 if forced
}

type beamTrainer struct {
	b            beam
	g            state
	feats        [][nMoveFeats]uint64
	nodes        []tnode
	node, nnode  []int32
	score, nscor []float64
	gold, ngold  []bool
	msc, lsc     []float32
	classes      [2][]redline.DepRel
	classOf      *[2][redline.NumDepRel]int
}

func (t *beamTrainer) addNode(parent int32, move int, feat int32) int32 {
	t.nodes = append(t.nodes, tnode{parent: parent, move: int8(move), feat: feat})
	return int32(len(t.nodes) - 1)
}

// predictLabel returns the label class the label table gives the arc h → d
// in st's direction.
func (t *beamTrainer) predictLabel(st *state, lt *table, h, d int32) int {
	st.labelFeatures(h, d)
	lt.score(st.labelFeats[:], t.lsc)
	cls := t.classes[dirOf(h, d)]
	pl := 0
	for c := 1; c < len(cls); c++ {
		if t.lsc[c] > t.lsc[pl] {
			pl = c
		}
	}
	return pl
}

// sentence trains on one example with a beam of k. It returns whether the
// move weights were updated, and counts of gold arcs and label errors.
func (t *beamTrainer) sentence(ex *example, k int, mt, lt *table, now float32) (updated bool, arcs, lerrs int) {
	n := len(ex.toks)
	b := &t.b
	b.size(k, n)
	if len(t.node) < k {
		t.node, t.nnode = make([]int32, k), make([]int32, k)
		t.score, t.nscor = make([]float64, k), make([]float64, k)
		t.gold, t.ngold = make([]bool, k), make([]bool, k)
	}
	t.g.reset(n)
	t.g.setAtoms(ex.toks)
	b.copyAtoms(&t.g, k)
	t.feats, t.nodes = t.feats[:0], t.nodes[:0]
	live := 1
	t.node[0], t.score[0], t.gold[0] = -1, 0, true
	gnode, gscore := int32(-1), 0.0
	maxV, vTop, vGold := 0.0, int32(-1), int32(-1) // the largest violation
	var cost [nMoves]int
	g := &t.g
	for !g.terminal() {
		cs := b.cands[:0]
		for i := 0; i < live; i++ {
			st := b.cur[i]
			if m := st.forced(); m >= 0 {
				cs = append(cs, cand{item: int32(i), move: int8(m), feat: -1, score: t.score[i]})
				continue
			}
			st.moveFeatures()
			fi := int32(len(t.feats))
			t.feats = append(t.feats, st.moveFeats)
			mt.score(st.moveFeats[:], t.msc)
			for m := 0; m < nMoves; m++ {
				if st.valid(m) {
					cs = append(cs, cand{item: int32(i), move: int8(m), feat: fi, score: t.score[i] + float64(t.msc[m])})
				}
			}
		}
		b.cands = cs

		// The gold sequence's move.
		gm, gfi := g.forced(), int32(-1)
		if gm < 0 {
			g.moveFeatures()
			gfi = int32(len(t.feats))
			t.feats = append(t.feats, g.moveFeats)
			mt.score(g.moveFeats[:], t.msc)
			g.costs(ex.gold, &cost)
			minCost := math.MaxInt
			for m := 0; m < nMoves; m++ {
				if g.valid(m) && cost[m] < minCost {
					minCost = cost[m]
				}
			}
			for m := 0; m < nMoves; m++ {
				if g.valid(m) && cost[m] == minCost && (gm < 0 || t.msc[m] > t.msc[gm]) {
					gm = m
				}
			}
			gscore += float64(t.msc[gm])
		}
		gnode = t.addNode(gnode, gm, gfi)
		rel := redline.NoRel
		if gm != shift {
			h, d := g.arc(gm)
			dir := dirOf(h, d)
			switch {
			case h == g.root():
				rel = redline.Root
			case ex.gold[d] == h:
				arcs++
				pl := t.predictLabel(g, lt, h, d)
				if gl := t.classOf[dir][ex.rels[d]]; gl >= 0 && gl != pl {
					lerrs++
					lt.update(g.labelFeats[:], gl, 1, now)
					lt.update(g.labelFeats[:], pl, -1, now)
				}
				rel = ex.rels[d]
			default:
				rel = t.classes[dir][t.predictLabel(g, lt, h, d)]
			}
		}
		g.apply(gm, rel)

		live = topCands(cs, k)
		for j, c := range cs[:live] {
			nx := b.next[j]
			nx.copyConfig(b.cur[c.item])
			m := int(c.move)
			rel := redline.NoRel
			if m != shift {
				h, d := nx.arc(m)
				if h == nx.root() {
					rel = redline.Root
				} else {
					rel = t.classes[dirOf(h, d)][t.predictLabel(nx, lt, h, d)]
				}
			}
			nx.apply(m, rel)
			t.nscor[j] = c.score
			t.nnode[j] = t.addNode(t.node[c.item], m, c.feat)
			t.ngold[j] = t.gold[c.item] && m == gm
		}
		b.cur, b.next = b.next, b.cur
		t.node, t.nnode = t.nnode, t.node
		t.score, t.nscor = t.nscor, t.score
		t.gold, t.ngold = t.ngold, t.gold
		// A tie is a violation too: with no weights yet, everything ties.
		if v := t.score[0] - gscore; !t.gold[0] && v >= 0 && (vTop < 0 || v > maxV) {
			maxV, vTop, vGold = v, t.node[0], gnode
		}
	}
	if vTop < 0 {
		return false, arcs, lerrs
	}
	for x := vGold; x >= 0; x = t.nodes[x].parent {
		if nd := t.nodes[x]; nd.feat >= 0 {
			mt.update(t.feats[nd.feat][:], int(nd.move), 1, now)
		}
	}
	for x := vTop; x >= 0; x = t.nodes[x].parent {
		if nd := t.nodes[x]; nd.feat >= 0 {
			mt.update(t.feats[nd.feat][:], int(nd.move), -1, now)
		}
	}
	return true, arcs, lerrs
}
