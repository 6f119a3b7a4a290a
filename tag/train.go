package tag

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/conllu"
)

// TrainOptions controls training. The zero value means the defaults.
type TrainOptions struct {
	Epochs int    // passes over the training data (default 10); the best epoch on dev is kept
	Seed   uint64 // shuffling seed (default 1): the same seed and data give the same model
	// DictMin and DictRatio choose the words tagged by lookup: seen at
	// least DictMin times with one label at least DictRatio of the time
	// (defaults 20 and 0.97).
	DictMin   int
	DictRatio float64
	// LemmaMin is how often a form+label must be seen, with the lemma rules
	// getting it wrong, to enter the learned exception table (default 1).
	LemmaMin int
	// LexMin and LexShare define the ambiguity classes: the labels a word
	// seen at least LexMin times had at least LexShare of the time
	// (defaults 3 and 0.1).
	LexMin   int
	LexShare float64
	// TwoPass adds a second left-to-right pass that also sees the first
	// pass's labels of the next two words, trained on labels from Folds
	// jackknifed first-pass models (default 4).
	TwoPass bool
	Folds   int
}

func (o *TrainOptions) defaults() {
	if o.Epochs <= 0 {
		o.Epochs = 10
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.DictMin <= 0 {
		o.DictMin = 20
	}
	if o.DictRatio <= 0 {
		o.DictRatio = 0.97
	}
	if o.Folds <= 1 {
		o.Folds = 4
	}
	if o.LexMin <= 0 {
		o.LexMin = 3
	}
	if o.LexShare <= 0 {
		o.LexShare = 0.1
	}
	if o.LemmaMin <= 0 {
		o.LemmaMin = 1
	}
}

// example is one training sentence: tokens plus gold labels.
type example struct {
	toks   []redline.Token
	gold   []uint8 // label index, padLabel when training never saw the label
	upos   []redline.UPOS
	xpos   []string
	lemmas []string
}

// tEnt is one (label, weight) cell during training, averaged lazily: tot
// accumulates w over the updates, ts is when w last changed.
type tEnt struct {
	c   uint8
	w   int32
	ts  int32
	tot int64
}

type trainer struct {
	idx  map[uint64]int32
	keys []uint64
	rows [][]tEnt
	now  int32
}

func (tr *trainer) score(feats []uint64, scores []int32) {
	for i := range scores {
		scores[i] = 0
	}
	for _, f := range feats {
		if j, ok := tr.idx[f]; ok {
			for _, e := range tr.rows[j] {
				scores[e.c] += e.w
			}
		}
	}
}

func (tr *trainer) update(feats []uint64, truth, guess uint8) {
	for _, f := range feats {
		j, ok := tr.idx[f]
		if !ok {
			j = int32(len(tr.rows))
			tr.idx[f] = j
			tr.keys = append(tr.keys, f)
			tr.rows = append(tr.rows, nil)
		}
		tr.bump(j, truth, 1)
		tr.bump(j, guess, -1)
	}
}

func (tr *trainer) bump(j int32, c uint8, d int32) {
	row := tr.rows[j]
	for k := range row {
		if row[k].c == c {
			e := &row[k]
			e.tot += int64(tr.now-e.ts) * int64(e.w)
			e.ts = tr.now
			e.w += d
			return
		}
	}
	tr.rows[j] = append(row, tEnt{c: c, w: d, ts: tr.now})
}

// table builds the run-time table from the averaged weights, quantised to
// int16; cells that round to zero are dropped.
func (tr *trainer) table() table {
	now := float64(tr.now)
	if now == 0 {
		now = 1
	}
	avg := func(e tEnt) float64 { return (float64(e.tot) + float64(tr.now-e.ts)*float64(e.w)) / now }
	maxAbs := 0.0
	for _, row := range tr.rows {
		for _, e := range row {
			maxAbs = math.Max(maxAbs, math.Abs(avg(e)))
		}
	}
	scale := 0.0
	if maxAbs > 0 {
		scale = 32767 / maxAbs
	}
	b := newTableBuilder(len(tr.rows))
	var cells []uint32
	for j, row := range tr.rows {
		cells = cells[:0]
		for _, e := range row {
			q := math.Round(avg(e) * scale)
			if q != 0 {
				cells = append(cells, uint32(e.c)|uint32(uint16(int16(q)))<<16)
			}
		}
		b.add(tr.keys[j], cells)
	}
	return b.build()
}

// tableBuilder collects rows in insertion order and lays them out by slot.
type tableBuilder struct {
	keys []uint64
	rows [][]uint32
}

func newTableBuilder(n int) *tableBuilder {
	return &tableBuilder{keys: make([]uint64, 0, n), rows: make([][]uint32, 0, n)}
}

func (b *tableBuilder) add(key uint64, cells []uint32) {
	if len(cells) == 0 {
		return
	}
	b.keys = append(b.keys, key)
	b.rows = append(b.rows, append([]uint32(nil), cells...))
}

func (b *tableBuilder) build() table {
	// Load factor at most 0.7: probes stay short and the table small.
	size := 16
	for size*7 < len(b.keys)*10 {
		size *= 2
	}
	t := table{mask: uint64(size - 1), slots: make([]slot, size+1)}
	if len(b.keys) == 0 {
		return t
	}
	rowOf := make([]int32, size)
	for j, k := range b.keys {
		i := k & t.mask
		for t.slots[i].fp != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i].fp = fingerprint(k)
		rowOf[i] = int32(j)
	}
	for i := 0; i < size; i++ {
		t.slots[i].off = uint32(len(t.ent))
		if t.slots[i].fp != 0 {
			t.ent = append(t.ent, b.rows[rowOf[i]]...)
		}
	}
	t.slots[size].off = uint32(len(t.ent))
	return t
}

// Train learns a tagger from gold sentences and reports dev accuracy after
// every epoch to log; it keeps the epoch that did best on dev (the last one
// when dev is empty). Training uses one goroutine and is deterministic.
func Train(train, dev []*conllu.Sentence, opt TrainOptions, log io.Writer) (*Tagger, error) {
	opt.defaults()
	if log == nil {
		log = io.Discard
	}
	if len(train) == 0 {
		return nil, errors.New("tag: no training sentences")
	}
	labels, labelIdx, err := collectLabels(train)
	if err != nil {
		return nil, err
	}
	exs := examples(train, labelIdx)
	devExs := examples(dev, labelIdx)
	fmt.Fprintf(log, "train: %d sentences, %d labels; dev: %d sentences\n", len(exs), len(labels), len(devExs))

	dict := buildDict(exs, opt)
	lex := buildLex(exs, opt.LexMin, opt.LexShare)
	// Pass 1: left-to-right with its own predictions as history.
	fmt.Fprintln(log, "pass 1")
	best, ep1, bestAcc := trainPass(exs, nil, devExs, opt.Epochs, opt.Seed, log, func(t table) *Tagger {
		return &Tagger{labels: labels, dict: dict, lex: lex, pass1: t}
	})
	if opt.TwoPass {
		// Pass 2 sees pass-1 labels to its right. On the training set those
		// must come from models that did not see the sentence (jackknifing),
		// or pass 2 would learn to trust them far too much.
		right := make([][]uint8, len(exs))
		for k := 0; k < opt.Folds; k++ {
			var in, out []int
			for i := range exs {
				if i%opt.Folds == k {
					out = append(out, i)
				} else {
					in = append(in, i)
				}
			}
			sub := make([]example, len(in))
			for j, i := range in {
				sub[j] = exs[i]
			}
			ft, _, _ := trainPass(sub, nil, nil, ep1, opt.Seed+uint64(k)+1, io.Discard, func(t table) *Tagger {
				return &Tagger{labels: labels, dict: dict, lex: lex, pass1: t}
			})
			s := new(scratch)
			for _, i := range out {
				ft.predict(s, exs[i].toks)
				right[i] = append([]uint8(nil), s.hist...)
			}
			fmt.Fprintf(log, "fold %d/%d tagged\n", k+1, opt.Folds)
		}
		fmt.Fprintln(log, "pass 2")
		p1 := best.pass1
		best, _, bestAcc = trainPass(exs, right, devExs, opt.Epochs, opt.Seed, log, func(t table) *Tagger {
			return &Tagger{labels: labels, dict: dict, lex: lex, pass1: p1, pass2: &t, gate: math.MaxInt32}
		})
		best.gate = chooseGate(best, exs, devExs, log)
	}
	best.merge()
	best.lemmas = learnLemmas(exs, best.labels, opt.LemmaMin)
	fmt.Fprintf(log, "kept dev UPOS %.2f%%; %d dictionary words, %d lemma exceptions\n", 100*bestAcc, len(best.dict), len(best.lemmas))
	return best, nil
}

func collectLabels(sents []*conllu.Sentence) ([]label, map[[2]string]uint8, error) {
	count := map[[2]string]int{}
	for _, s := range sents {
		for _, w := range s.Words {
			count[[2]string{w.UPOS, w.XPOS}]++
		}
	}
	keys := make([][2]string, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	// Most frequent first, so that ties in scoring favour common labels.
	sort.Slice(keys, func(i, j int) bool {
		if count[keys[i]] != count[keys[j]] {
			return count[keys[i]] > count[keys[j]]
		}
		return keys[i][0]+keys[i][1] < keys[j][0]+keys[j][1]
	})
	if len(keys) >= padLabel {
		return nil, nil, fmt.Errorf("tag: %d distinct UPOS+XPOS labels, at most %d supported", len(keys), padLabel-1)
	}
	labels := make([]label, len(keys))
	idx := make(map[[2]string]uint8, len(keys))
	for i, k := range keys {
		labels[i] = label{upos: redline.ParseUPOS(k[0]), xpos: k[1]}
		idx[k] = uint8(i)
	}
	return labels, idx, nil
}

// examples converts treebank sentences; words whose label the training set
// never had keep label 0 and count as errors when scored.
func examples(sents []*conllu.Sentence, idx map[[2]string]uint8) []example {
	out := make([]example, 0, len(sents))
	for _, s := range sents {
		if len(s.Words) == 0 {
			continue
		}
		n := len(s.Words)
		ex := example{toks: SentenceTokens(s), gold: make([]uint8, n), upos: make([]redline.UPOS, n), xpos: make([]string, n), lemmas: make([]string, n)}
		for i, w := range s.Words {
			l, ok := idx[[2]string{w.UPOS, w.XPOS}] // a nil idx (evaluation) leaves every label unknown
			if !ok {
				l = padLabel
			}
			ex.gold[i] = l
			ex.upos[i], ex.xpos[i] = redline.ParseUPOS(w.UPOS), w.XPOS
			ex.lemmas[i] = w.Lemma
		}
		out = append(out, ex)
	}
	return out
}

// SentenceTokens makes tokens from the words of a treebank sentence, with the
// same ASCII normalisation as the text stage, so that training, evaluation and
// `redline parse --conllu` see what the pipeline sees.
func SentenceTokens(s *conllu.Sentence) []redline.Token {
	toks := make([]redline.Token, len(s.Words))
	for i := range s.Words {
		f := Normalize(s.Words[i].Form)
		toks[i] = redline.Token{Form: f, Lower: strings.ToLower(f), Head: -1, SpaceAfter: s.Words[i].SpaceAfter()}
	}
	return toks
}

var normalizer = strings.NewReplacer("\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'",
	"\u201c", "\"", "\u201d", "\"", "\u201e", "\"", "\u2032", "'", "\u2033", "\"",
	"\u2013", "-", "\u2014", "--", "\u2212", "-", "\u2026", "...", "\u00a0", " ")

// Normalize maps typographic quotes, apostrophes, dashes and ellipses to ASCII.
func Normalize(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return normalizer.Replace(s)
		}
	}
	return s
}

func buildDict(exs []example, opt TrainOptions) map[string]uint8 {
	counts := map[string]map[uint8]int{}
	for _, ex := range exs {
		for i, t := range ex.toks {
			m := counts[t.Form]
			if m == nil {
				m = map[uint8]int{}
				counts[t.Form] = m
			}
			m[ex.gold[i]]++
		}
	}
	dict := map[string]uint8{}
	for w, m := range counts {
		total, best, bl := 0, 0, uint8(0)
		for l, c := range m {
			total += c
			if c > best || (c == best && l < bl) {
				best, bl = c, l
			}
		}
		if total >= opt.DictMin && float64(best) >= opt.DictRatio*float64(total) && bl != padLabel {
			dict[w] = bl
		}
	}
	return dict
}

// learnLemmas records, for a lower-cased form and label, the most frequent
// gold lemma where the rules in Lemma get it wrong more often than right.
func learnLemmas(exs []example, labels []label, min int) map[lemKey]string {
	wrong := map[lemKey]map[string]int{}
	right := map[lemKey]int{}
	for _, ex := range exs {
		for i, t := range ex.toks {
			l := ex.gold[i]
			if l == padLabel || ex.lemmas[i] == "" || ex.lemmas[i] == "_" {
				continue
			}
			k := lemKey{t.Lower, l}
			gold := Normalize(ex.lemmas[i])
			if Lemma(t.Form, t.Lower, labels[l].upos, labels[l].xpos) == gold {
				right[k]++
				continue
			}
			m := wrong[k]
			if m == nil {
				m = map[string]int{}
				wrong[k] = m
			}
			m[gold]++
		}
	}
	out := map[lemKey]string{}
	for k, m := range wrong {
		best, bl := 0, ""
		for lem, c := range m {
			if c > best || (c == best && lem < bl) {
				best, bl = c, lem
			}
		}
		if best >= min && best > right[k] {
			out[k] = bl
		}
	}
	return out
}

// trainPass trains one pass for epochs and returns the tagger (made by mk
// from the averaged table) of the epoch best on dev, with that epoch and its
// dev UPOS accuracy; without dev, the last epoch. right, when not nil, gives
// each example's first-pass labels (padded like scratch.hist).
func trainPass(exs []example, right [][]uint8, dev []example, epochs int, seed uint64, log io.Writer, mk func(table) *Tagger) (*Tagger, int, float64) {
	nl := len(mk(table{}).labels)
	tr := &trainer{idx: make(map[uint64]int32, 1<<20)}
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	dict := mk(table{}).dict
	lex := mk(table{}).lex
	s := new(scratch)
	var best *Tagger
	bestEp, bestAcc := 0, -1.0
	for ep := 1; ep <= epochs; ep++ {
		start := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, k := range order {
			ex := &exs[k]
			s.reset(len(ex.toks), nl)
			s.prepare(ex.toks, lex)
			var r []uint8
			if right != nil {
				r = right[k]
			}
			for i := range ex.toks {
				tr.now++
				if l, ok := dict[ex.toks[i].Form]; ok {
					s.hist[i+2] = l
					continue
				}
				f := s.features(i, s.hist, r, false)
				tr.score(f, s.scores)
				g := argmax(s.scores)
				if g != ex.gold[i] {
					tr.update(f, ex.gold[i], g)
				} else {
					correct++
				}
				total++
				// Predicted, not gold, history: the tagger learns to
				// recover from its own mistakes as it will have to.
				s.hist[i+2] = g
			}
		}
		cand := mk(tr.table())
		acc := 0.0
		msg := ""
		if len(dev) > 0 {
			a := cand.accuracy(dev)
			acc = a.UPOS()
			msg = fmt.Sprintf(" dev UPOS %.2f%% XPOS %.2f%% both %.2f%%", 100*a.UPOS(), 100*a.XPOS(), 100*a.Both())
		}
		fmt.Fprintf(log, "epoch %2d: train (scored tokens) %.2f%%%s, %d features, %.1fs\n", ep,
			100*float64(correct)/float64(max(total, 1)), msg, len(tr.rows), time.Since(start).Seconds())
		if len(dev) == 0 || acc > bestAcc {
			best, bestEp, bestAcc = cand, ep, acc
		}
	}
	return best, bestEp, bestAcc
}

// chooseGate picks the first-pass margin below which the second pass runs:
// the smallest of a few quantiles of the margins that keeps (nearly all of)
// the second pass's gain on dev, or on the training set without dev.
func chooseGate(t *Tagger, train, dev []example, log io.Writer) int32 {
	exs := dev
	if len(exs) == 0 {
		exs = train[:min(len(train), 2000)]
	}
	var margins []int32
	s := new(scratch)
	for i := range exs {
		s.reset(len(exs[i].toks), len(t.labels))
		s.prepare(exs[i].toks, t.lex)
		t.pass(s, exs[i].toks, &t.pass1, s.hist, nil)
		for j := range exs[i].toks {
			if s.margin[j] != dictMargin {
				margins = append(margins, s.margin[j])
			}
		}
	}
	if len(margins) == 0 {
		return math.MaxInt32
	}
	slices.Sort(margins)
	t.gate = math.MaxInt32
	full := t.accuracy(exs).UPOS()
	for _, q := range []float64{0.1, 0.2, 0.3, 0.5, 0.7} {
		g := margins[int(q*float64(len(margins)-1))]
		t.gate = g
		if a := t.accuracy(exs).UPOS(); a >= full-0.0001 {
			fmt.Fprintf(log, "second pass on the %.0f%% least sure tokens: UPOS %.2f%% (all: %.2f%%)\n", 100*q, 100*a, 100*full)
			return g
		}
	}
	return math.MaxInt32
}

// buildLex gives each word seen at least min times the hash of the set of
// labels it had at least share of the time.
func buildLex(exs []example, min int, share float64) map[string]uint64 {
	counts := map[string]map[uint8]int{}
	for _, ex := range exs {
		for i, t := range ex.toks {
			m := counts[t.Lower]
			if m == nil {
				m = map[uint8]int{}
				counts[t.Lower] = m
			}
			m[ex.gold[i]]++
		}
	}
	lex := map[string]uint64{}
	for w, m := range counts {
		total := 0
		for _, c := range m {
			total += c
		}
		if total < min {
			continue
		}
		var set [4]uint64
		for l, c := range m {
			if float64(c) >= share*float64(total) {
				set[l/64] |= 1 << (l % 64)
			}
		}
		lex[w] = mix(mix(mix(set[0], set[1]), set[2]), set[3]) | 1
	}
	return lex
}
