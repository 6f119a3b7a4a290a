package parse

import (
	"math/rand/v2"
	"testing"

	"github.com/redline-events/redline"
)

// TestSparseLabelRows checks that scoring label rows through the sparse
// index (rows read in place, dense copies of the fuller ones) gives the
// sums of the dense rows the model was made from.
func TestSparseLabelRows(t *testing.T) {
	for _, tc := range []struct {
		name    string
		width   int     // label classes
		bits    int     // log2 of the rows
		density float64 // share of non-zero weights in a stored row
		mixed   bool    // expect both sparse rows and dense copies
	}{
		{"one class", 1, 4, 1, false},
		{"narrow", 5, 6, 0.5, false},
		{"sparse rows", 43, 8, 0.1, false},
		{"sparse and dense rows", 43, 8, 0.3, true},
		{"widest", int(redline.NumDepRel) - 1, 7, 0.2, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(tc.width), uint64(tc.bits)))
			rows := 1 << tc.bits
			labels := make([]int16, rows*tc.width)
			for r := range rows {
				if rng.IntN(4) == 0 {
					continue // an empty row
				}
				for c := range tc.width {
					if rng.Float64() < tc.density {
						labels[r*tc.width+c] = int16(rng.IntN(1<<16) - 1<<15)
					}
				}
			}
			var classes [2][]redline.DepRel
			for c := range tc.width {
				classes[0] = append(classes[0], redline.DepRel(c+1))
			}
			classes[1] = classes[0][:1]
			p, err := fromDense(3, uint64(rows-1), classes, make([]int16, 4*moveWidth), labels, tc.width)
			if err != nil {
				t.Fatal(err)
			}
			var kinds [1 << rowKindBits]int
			for _, a := range p.labelOff {
				kinds[a&(1<<rowKindBits-1)]++
			}
			if tc.mixed && (kinds[rowSparse] == 0 || kinds[rowDense] == 0) {
				t.Fatalf("rows by kind %v: want both sparse and dense rows", kinds)
			}
			for range 200 {
				var feats [nLabelFeats]uint64
				var want, got [64]int32
				for i := range feats {
					feats[i] = rng.Uint64()
					r := int(feats[i] & uint64(rows-1))
					for c, w := range labels[r*tc.width : (r+1)*tc.width] {
						want[c] += int32(w)
					}
				}
				p.scoreLabels(&feats, &got)
				if got != want {
					t.Fatalf("scores %v, want %v", got[:tc.width], want[:tc.width])
				}
			}
		})
	}
}
