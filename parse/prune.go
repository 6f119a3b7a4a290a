package parse

// Prune returns p with every weight of magnitude below minAbs (of 32767)
// set to zero: the zero weights are left out of the model file, and the
// smallest weights decide few choices.
func Prune(p *Parser, minAbs int16) (*Parser, error) {
	moves, labels, err := p.dense()
	if err != nil {
		return nil, err
	}
	for _, t := range [][]int16{moves, labels} {
		for i, v := range t {
			if v > -minAbs && v < minAbs {
				t[i] = 0
			}
		}
	}
	return fromDense(p.moveMask, p.labelMask, p.classes, moves, labels, p.labelWidth)
}
