package parse

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand"
	"sort"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/conllu"
	"github.com/redline-events/redline/tag"
)

// TrainOptions control Train. Zero values take the defaults.
type TrainOptions struct {
	Epochs int // passes over the training set (default 12)
	Seed   int64
	// MoveBits and LabelBits are log2 of the rows of the hashed weight
	// tables (defaults 21 and 17).
	MoveBits, LabelBits int
	// Explore is the probability of following the model's own (possibly
	// wrong) move rather than the oracle's after the first epoch, so that
	// the parser learns to recover from its mistakes (default 0.9).
	Explore float64
	// Retag, if set, replaces the gold tags of every training and dev
	// sentence, so that the parser learns on the tags it will see.
	Retag func(toks []redline.Token)
	// Jackknife, when 2 or more, re-tags the training sentences with that
	// many jackknifed taggers (see Jackknife) and dev with a tagger trained
	// on all of train, before anything else. It overwrites the LEMMA, UPOS
	// and XPOS columns of train and dev.
	Jackknife int
	// TagOptions train the jackknife and dev taggers; use the options the
	// shipped tagger was trained with, so that the tags match.
	TagOptions tag.TrainOptions
	// Beam, when 2 or more, trains the move weights globally for beam
	// search with that many items (see beamtrain.go), and scores dev with
	// that beam; Explore is then unused. 0 or 1 trains the greedy parser.
	Beam int
}

func (o *TrainOptions) defaults() {
	if o.Epochs <= 0 {
		o.Epochs = 12
	}
	if o.MoveBits <= 0 {
		o.MoveBits = 21
	}
	if o.LabelBits <= 0 {
		o.LabelBits = 17
	}
	if o.Explore == 0 {
		o.Explore = 0.9
	}
}

// Example is one sentence with its gold tree, as the parser sees it.
type example struct {
	toks []redline.Token
	gold []int32 // gold head, the root as len(toks)
	rels []redline.DepRel
}

func examples(ss []*conllu.Sentence, retag func([]redline.Token), unknown map[string]int) []example {
	out := make([]example, 0, len(ss))
	for _, s := range ss {
		toks := Tokens(s, nil, unknown)
		ok := len(toks) > 0
		ex := example{toks: toks, gold: make([]int32, len(toks)), rels: make([]redline.DepRel, len(toks))}
		for i, t := range toks {
			if t.Head < -1 || int(t.Head) >= len(toks) {
				ok = false
				break
			}
			ex.gold[i] = t.Head
			if t.Head < 0 {
				ex.gold[i] = int32(len(toks))
			}
			ex.rels[i] = t.Rel
		}
		if !ok {
			continue
		}
		if retag != nil {
			retag(toks)
		}
		out = append(out, ex)
	}
	return out
}

// table is a hashed weight table during training, with the sums needed for
// averaging: the averaged weight is w - u/t (Daumé's trick), so an update
// costs two additions however many rounds a weight sat unchanged.
type table struct {
	w, u  []float32
	width int
	mask  uint64
}

func newTable(bits, width int) *table {
	n := (1 << bits) * width
	return &table{w: make([]float32, n), u: make([]float32, n), width: width, mask: 1<<bits - 1}
}

func (t *table) score(fs []uint64, sc []float32) {
	for i := range sc {
		sc[i] = 0
	}
	for _, f := range fs {
		r := int(f&t.mask) * t.width
		row := t.w[r : r+len(sc)]
		for c, v := range row {
			sc[c] += v
		}
	}
}

func (t *table) update(fs []uint64, class int, delta, now float32) {
	for _, f := range fs {
		i := int(f&t.mask)*t.width + class
		t.w[i] += delta
		t.u[i] += now * delta
	}
}

// quantise returns the averaged weights scaled to int16.
func (t *table) quantise(now float32) []int16 {
	maxAbs := 0.0
	avg := make([]float32, len(t.w))
	for i, w := range t.w {
		a := w - t.u[i]/now
		avg[i] = a
		maxAbs = math.Max(maxAbs, math.Abs(float64(a)))
	}
	q := make([]int16, len(t.w))
	if maxAbs == 0 {
		return q
	}
	scale := 32767 / maxAbs
	for i, a := range avg {
		q[i] = int16(math.Round(float64(a) * scale))
	}
	return q
}

// Train learns a parser from train, reporting dev UAS/LAS (punctuation
// included) after each epoch on log, and returns the model of the best epoch
// on dev (the last epoch when dev is empty). Training is single-threaded and
// deterministic for a given Seed.
func Train(train, dev []*conllu.Sentence, opt TrainOptions, log io.Writer) (*Parser, error) {
	opt.defaults()
	if log == nil {
		log = io.Discard
	}
	if opt.Jackknife > 1 {
		if len(dev) > 0 {
			tg, err := tag.Train(train, nil, opt.TagOptions, nil)
			if err != nil {
				return nil, err
			}
			var toks []redline.Token
			for _, s := range dev {
				toks = Tokens(s, toks, nil)
				tg.TagTokens(toks)
				for i := range s.Words {
					w, t := &s.Words[i], &toks[i]
					w.Lemma, w.UPOS, w.XPOS = t.Lemma, t.UPOS.String(), t.XPOS
				}
			}
			fmt.Fprintln(log, "dev re-tagged by a tagger trained on train")
		}
		if err := Jackknife(train, nil, opt.Jackknife, opt.TagOptions, log); err != nil {
			return nil, err
		}
	}
	unknown := map[string]int{}
	tr := examples(train, opt.Retag, unknown)
	dv := examples(dev, opt.Retag, nil)
	if len(tr) == 0 {
		return nil, errors.New("parse: no training sentences")
	}
	if len(unknown) > 0 {
		names := make([]string, 0, len(unknown))
		for k := range unknown {
			names = append(names, k)
		}
		sort.Strings(names)
		fmt.Fprint(log, "relations mapped to a base or dep:")
		for _, k := range names {
			fmt.Fprintf(log, " %s→%s (%d)", k, redline.ParseDepRel(k), unknown[k])
		}
		fmt.Fprintln(log)
	}

	// Label classes and the directions each was seen in.
	var dirs [redline.NumDepRel]uint8
	for _, ex := range tr {
		for i, h := range ex.gold {
			if int(h) == len(ex.toks) || ex.rels[i] == redline.Root {
				continue
			}
			if int32(i) < h {
				dirs[ex.rels[i]] |= 1
			} else {
				dirs[ex.rels[i]] |= 2
			}
		}
	}
	var classes [2][]redline.DepRel
	var classOf [2][redline.NumDepRel]int
	width := 1
	for dir := range classes {
		for r := range dirs {
			classOf[dir][r] = -1
			if dirs[r]&(1<<dir) != 0 && redline.DepRel(r) != redline.NoRel {
				classOf[dir][r] = len(classes[dir])
				classes[dir] = append(classes[dir], redline.DepRel(r))
			}
		}
		if len(classes[dir]) == 0 { // a degenerate treebank; keep the model well-formed
			classes[dir] = append(classes[dir], redline.Dep)
		}
		width = max(width, len(classes[dir]))
	}
	nc := width
	mt := newTable(opt.MoveBits, moveWidth)
	lt := newTable(opt.LabelBits, nc)

	rng := rand.New(rand.NewSource(opt.Seed))
	order := make([]int, len(tr))
	for i := range order {
		order[i] = i
	}
	st := new(state)
	var now float32 = 1
	var best *Parser
	bestLAS := -1.0
	msc := make([]float32, nMoves)
	lsc := make([]float32, nc)
	var cost [nMoves]int
	bt := &beamTrainer{msc: msc, lsc: lsc, classes: classes, classOf: &classOf}
	for epoch := 0; epoch < opt.Epochs; epoch++ {
		start := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var moves, errs, arcs, lerrs int
		for _, k := range order {
			ex := &tr[k]
			if opt.Beam > 1 {
				// moves and errs count sentences and updates.
				up, a, le := bt.sentence(ex, opt.Beam, mt, lt, now)
				moves++
				if up {
					errs++
				}
				arcs += a
				lerrs += le
				now++
				continue
			}
			st.reset(len(ex.toks))
			st.setAtoms(ex.toks)
			for !st.terminal() {
				st.moveFeatures()
				mt.score(st.moveFeats[:], msc)
				st.costs(ex.gold, &cost)
				pred, gold, minCost := -1, -1, math.MaxInt
				for m := 0; m < nMoves; m++ {
					if st.valid(m) && cost[m] < minCost {
						minCost = cost[m]
					}
				}
				for m := 0; m < nMoves; m++ {
					if !st.valid(m) {
						continue
					}
					if pred < 0 || msc[m] > msc[pred] {
						pred = m
					}
					if cost[m] == minCost && (gold < 0 || msc[m] > msc[gold]) {
						gold = m
					}
				}
				moves++
				if cost[pred] > minCost {
					errs++
					mt.update(st.moveFeats[:], gold, 1, now)
					mt.update(st.moveFeats[:], pred, -1, now)
				}
				follow := gold
				if epoch > 0 && rng.Float64() < opt.Explore {
					follow = pred
				}
				rel := redline.NoRel
				if follow != shift {
					h, d := st.arc(follow)
					if h == st.root() {
						rel = redline.Root
					} else {
						st.labelFeatures(h, d)
						lt.score(st.labelFeats[:], lsc)
						dir := dirOf(h, d)
						cls := classes[dir]
						pl := 0
						for c := 1; c < len(cls); c++ {
							if lsc[c] > lsc[pl] {
								pl = c
							}
						}
						if ex.gold[d] == h {
							arcs++
							if gl := classOf[dir][ex.rels[d]]; gl >= 0 && gl != pl {
								lerrs++
								lt.update(st.labelFeats[:], gl, 1, now)
								lt.update(st.labelFeats[:], pl, -1, now)
							}
						}
						rel = cls[pl]
					}
				}
				st.apply(follow, rel)
				now++
			}
		}
		p, err := fromDense(mt.mask, lt.mask, classes, mt.quantise(now), lt.quantise(now), nc)
		if err != nil {
			return nil, err
		}
		train := time.Since(start)
		what := "move errors"
		if opt.Beam > 1 {
			what = "sentences updated"
		}
		if len(dv) == 0 {
			best = p
			fmt.Fprintf(log, "epoch %d: %s %.2f%%, label errors %.2f%% (%.1fs)\n", epoch+1, what,
				100*float64(errs)/float64(moves), 100*float64(lerrs)/float64(max(arcs, 1)), train.Seconds())
			continue
		}
		uas, las := p.evalExamples(dv, opt.Beam)
		fmt.Fprintf(log, "epoch %d: %s %.2f%%, label errors %.2f%%; dev UAS %.2f LAS %.2f (%.1fs)\n", epoch+1, what,
			100*float64(errs)/float64(moves), 100*float64(lerrs)/float64(max(arcs, 1)), uas, las, train.Seconds())
		if las > bestLAS {
			best, bestLAS = p, las
		}
	}
	return best, nil
}

// evalExamples parses copies of the examples and scores them (punctuation
// included). The accuracy test uses an independent scorer; this one only
// picks the best epoch.
func (p *Parser) evalExamples(exs []example, beam int) (uas, las float64) {
	var n, hu, hl int
	var toks []redline.Token
	for _, ex := range exs {
		toks = append(toks[:0], ex.toks...)
		p.ParseTokensBeam(toks, beam)
		for i, t := range toks {
			g := ex.gold[i]
			if int(g) == len(toks) {
				g = -1
			}
			n++
			if t.Head == g {
				hu++
				if t.Rel == ex.rels[i] {
					hl++
				}
			}
		}
	}
	return 100 * float64(hu) / float64(max(n, 1)), 100 * float64(hl) / float64(max(n, 1))
}
