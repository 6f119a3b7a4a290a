package parse

import (
	"errors"
	"math"
)

// Average returns a parser whose weights are the sum of ps's weights,
// rescaled to int16: a "model soup". Parsers trained on the same treebanks
// with the same table sizes but on different tags (gold and jackknifed) err
// differently, and their average parses better than either (EWT dev LAS
// +0.4). All must have the same table sizes and label classes.
func Average(ps ...*Parser) (*Parser, error) {
	if len(ps) == 0 {
		return nil, errors.New("parse: nothing to average")
	}
	a := ps[0]
	moves, labels := make([][]int16, len(ps)), make([][]int16, len(ps))
	for i, p := range ps {
		if p.moveMask != a.moveMask || p.labelMask != a.labelMask || p.labelWidth != a.labelWidth || !sameClasses(p, a) {
			return nil, errors.New("parse: cannot average models with different table sizes or label classes")
		}
		var err error
		if moves[i], labels[i], err = p.dense(); err != nil {
			return nil, err
		}
	}
	return fromDense(a.moveMask, a.labelMask, a.classes, sumTables(moves), sumTables(labels), a.labelWidth)
}

func sameClasses(p, q *Parser) bool {
	for d := range p.classes {
		if len(p.classes[d]) != len(q.classes[d]) {
			return false
		}
		for i, c := range p.classes[d] {
			if q.classes[d][i] != c {
				return false
			}
		}
	}
	return true
}

func sumTables(ts [][]int16) []int16 {
	acc := make([]int32, len(ts[0]))
	for _, t := range ts {
		for i, v := range t {
			acc[i] += int32(v)
		}
	}
	var m int32 = 1
	for _, v := range acc {
		m = max(m, v, -v)
	}
	out := make([]int16, len(acc))
	for i, v := range acc {
		out[i] = int16(math.Round(float64(v) * 32767 / float64(m)))
	}
	return out
}
