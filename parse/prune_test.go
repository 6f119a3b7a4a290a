package parse

import "testing"

// TestPrune: pruning zeroes exactly the weights below the threshold and
// keeps the others; a threshold of 0 or 1 keeps the model as it is.
func TestPrune(t *testing.T) {
	p, _ := tinyModel(t)
	moves, labels, err := p.dense()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		min  int16
		same bool
	}{{0, true}, {1, true}, {300, false}, {32767, false}} {
		q, err := Prune(p, tc.min)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(q.raw) == string(p.raw); got != tc.same {
			t.Errorf("prune %d: model unchanged %v, want %v", tc.min, got, tc.same)
		}
		qm, ql, err := q.dense()
		if err != nil {
			t.Fatal(err)
		}
		for _, pair := range [][2][]int16{{moves, qm}, {labels, ql}} {
			for i, v := range pair[0] {
				want := v
				if v > -tc.min && v < tc.min {
					want = 0
				}
				if pair[1][i] != want {
					t.Fatalf("prune %d: weight %d is %d, want %d", tc.min, i, pair[1][i], want)
				}
			}
		}
	}
}
