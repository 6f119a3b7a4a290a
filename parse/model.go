package parse

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math/bits"
	"sync"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/data"
)

// Model file, uncompressed (inflating 27 MB was most of the start-up time):
//
//	magic "RLPARSE3"
//	uint8 moveBits, uint8 labelBits
//	per direction (left, right): uint8 number of classes, then each a uint8 DepRel
//	per table (moves, then labels): a bitmap of the rows that are not all
//	zero, then per such row a bitmap of its non-zero weights and those
//	weights, int16 little-endian
//	CRC-32C of all the bytes before it, little-endian
//
// Hashed tables are sparse, and so are the rows: bitmaps keep empty rows and
// zero weights out of the file. Load still reads the previous,
// gzip-compressed format (see model_gzip.go).
const magic = "RLPARSE3"

// Limits on what a model file may ask for, so that a corrupt header cannot
// make Load allocate gigabytes.
const (
	maxMoveBits  = 24
	maxLabelBits = 21
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Save writes the model: the bytes it was read from or built as (see
// fromDense). The same model always gives the same bytes.
func (p *Parser) Save(w io.Writer) error {
	_, err := w.Write(p.raw)
	return err
}

// encode returns the model file for dense tables: moves of moveWidth
// weights per row, labels of labelWidth.
func encode(moveMask, labelMask uint64, classes [2][]redline.DepRel, moves, labels []int16, labelWidth int) []byte {
	b := make([]byte, 0, 1<<20)
	b = append(b, magic...)
	b = append(b, byte(bits.Len64(moveMask)), byte(bits.Len64(labelMask)))
	for _, cls := range classes {
		b = append(b, byte(len(cls)))
		for _, c := range cls {
			b = append(b, byte(c))
		}
	}
	b = appendTable(b, moves, moveWidth)
	b = appendTable(b, labels, labelWidth)
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

// fromDense makes a parser of dense tables (from training, averaging or
// the gzip format) by encoding them as Save writes them and decoding that,
// so that every parser scores from the same sparse layout.
func fromDense(moveMask, labelMask uint64, classes [2][]redline.DepRel, moves, labels []int16, labelWidth int) (*Parser, error) {
	return decode(encode(moveMask, labelMask, classes, moves, labels, labelWidth), false)
}

// appendTable appends the bitmap of non-zero rows, then for each such row
// (of width weights) a bitmap of its non-zero weights and
// those weights. Most weights are zero (87% of the label weights, 40% of
// the move weights): the file is a third of the size of the whole rows.
func appendTable(b []byte, t []int16, width int) []byte {
	rows := len(t) / width
	bm := make([]byte, (rows+7)/8)
	for r := 0; r < rows; r++ {
		for _, v := range t[r*width : (r+1)*width] {
			if v != 0 {
				bm[r/8] |= 1 << (r % 8)
				break
			}
		}
	}
	b = append(b, bm...)
	cols := make([]byte, (width+7)/8)
	for r := 0; r < rows; r++ {
		if bm[r/8]&(1<<(r%8)) == 0 {
			continue
		}
		row := t[r*width : (r+1)*width]
		clear(cols)
		for j, v := range row {
			if v != 0 {
				cols[j/8] |= 1 << (j % 8)
			}
		}
		b = append(b, cols...)
		for _, v := range row {
			if v != 0 {
				b = binary.LittleEndian.AppendUint16(b, uint16(v))
			}
		}
	}
	return b
}

// Load reads a model written by Save, or by Save before the format changed.
func Load(r io.Reader) (*Parser, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("parse: model: %w", err)
	}
	return loadBytes(b)
}

func loadBytes(b []byte) (*Parser, error) {
	if len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b {
		return loadGzip(bytes.NewReader(b))
	}
	return decode(b, true)
}

// decode reads the current format; verify checks the CRC (the fuzz test
// skips it to reach the structure checks). The parser keeps b for Save.
func decode(b []byte, verify bool) (*Parser, error) {
	p, rest, err := header(b, verify)
	if err != nil {
		return nil, err
	}
	p.raw = b
	if p.moves, rest, err = decodeTable(rest, int(p.moveMask)+1, moveWidth, moveWidth); err != nil {
		return nil, fmt.Errorf("parse: move weights: %w", err)
	}
	if rest, err = p.indexLabels(rest, int(p.labelMask)+1); err != nil {
		return nil, fmt.Errorf("parse: label weights: %w", err)
	}
	if len(rest) != 0 {
		return nil, errors.New("parse: model: trailing data")
	}
	return p, nil
}

// header reads the model up to its tables: a parser without weights, and
// the bytes of the tables.
func header(b []byte, verify bool) (*Parser, []byte, error) {
	if len(b) < len(magic)+2+4 || string(b[:len(magic)]) != magic {
		return nil, nil, errors.New("parse: not a parser model of this version")
	}
	body := b[:len(b)-4]
	if verify && crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(b[len(body):]) {
		return nil, nil, errors.New("parse: model: checksum mismatch (damaged file)")
	}
	mb, lb := int(body[len(magic)]), int(body[len(magic)+1])
	if mb < 1 || mb > maxMoveBits || lb < 1 || lb > maxLabelBits {
		return nil, nil, fmt.Errorf("parse: model header out of range (%d, %d)", mb, lb)
	}
	rest := body[len(magic)+2:]
	p := &Parser{moveMask: 1<<mb - 1, labelMask: 1<<lb - 1}
	for dir := range p.classes {
		if len(rest) < 1 {
			return nil, nil, errors.New("parse: model classes: truncated")
		}
		nc := int(rest[0])
		if nc < 1 || nc >= int(redline.NumDepRel) || len(rest) < 1+nc {
			return nil, nil, fmt.Errorf("parse: model has %d classes", nc)
		}
		for _, c := range rest[1 : 1+nc] {
			if c == byte(redline.NoRel) || c >= byte(redline.NumDepRel) {
				return nil, nil, fmt.Errorf("parse: model class %d invalid", c)
			}
			p.classes[dir] = append(p.classes[dir], redline.DepRel(c))
		}
		rest = rest[1+nc:]
		p.labelWidth = max(p.labelWidth, nc)
	}
	return p, rest, nil
}

// Label rows with at least denseMin non-zero weights are copied out as
// dense rows. They are few (6% of the stored rows) but, being the rows of
// frequent features, they are most of those scored (60%), and adding a
// dense row eight weights at a time is quicker than walking its bitmap.
const denseMin = 12

// Kinds of label rows, in the low bits of labelOff.
const (
	rowEmpty = iota
	rowSparse
	rowDense
	rowKindBits = 2
)

// indexLabels indexes the label table at the start of b. Sparse rows are
// read where they lie: a bitmap of their non-zero columns, then those
// weights. 87% of the label weights are zero; dense rows took 25 MB, the
// index and the dense copies take 3. It returns what follows the table.
func (p *Parser) indexLabels(b []byte, rows int) ([]byte, error) {
	nb := (rows + 7) / 8
	if len(b) < nb {
		return nil, io.ErrUnexpectedEOF
	}
	bm, data := b[:nb], b[nb:]
	if rows%8 != 0 && bm[nb-1]>>(rows%8) != 0 {
		return nil, errCorrupt
	}
	if len(data) >= 1<<(32-rowKindBits) {
		return nil, errCorrupt
	}
	nc := (p.labelWidth + 7) / 8
	over := ^uint64(0) << p.labelWidth
	// off[r] is the position of row r, or the index of its dense copy,
	// shifted left by rowKindBits, plus its kind.
	off := hugeSlice[uint32](rows)
	pos, nd := 0, 0
	for r := 0; r < rows; r++ {
		if bm[r/8]&(1<<(r%8)) == 0 {
			continue
		}
		if len(data)-pos < nc {
			return nil, errCorrupt
		}
		var cols uint64
		for i, c := range data[pos : pos+nc] {
			cols |= uint64(c) << (8 * i)
		}
		n := bits.OnesCount64(cols)
		if cols&over != 0 || len(data)-pos < nc+2*n {
			return nil, errCorrupt
		}
		off[r] = uint32(pos)<<rowKindBits | rowSparse
		if n >= denseMin {
			nd++
		}
		pos += nc + 2*n
	}
	stride := labelStride(p.labelWidth)
	dense := hugeSlice[int16](nd * stride)
	nd = 0
	for r, a := range off {
		if a&(1<<rowKindBits-1) != rowSparse {
			continue
		}
		o := int(a >> rowKindBits)
		var cols uint64
		for i, c := range data[o : o+nc] {
			cols |= uint64(c) << (8 * i)
		}
		if bits.OnesCount64(cols) < denseMin {
			continue
		}
		row := dense[nd*stride : (nd+1)*stride]
		for v := o + nc; cols != 0; v += 2 {
			row[bits.TrailingZeros64(cols)] = int16(binary.LittleEndian.Uint16(data[v:]))
			cols &= cols - 1
		}
		off[r] = uint32(nd)<<rowKindBits | rowDense
		nd++
	}
	// Scoring reads a sparse row's column bitmap as 8 bytes. Past the
	// table, the file's checksum provides them but for tiny models: pad a
	// copy then.
	need := pos + 8
	ld := data[:pos]
	if need <= cap(data) {
		ld = data[:need]
	} else {
		ld = append(make([]byte, 0, need), ld...)[:need]
	}
	p.labelOff, p.labelData, p.labelDense, p.labelCols = off, ld, dense, nc
	return data[pos:], nil
}

// labelStride is the length of a dense label row: the width rounded up to
// a multiple of 8, so that scoring adds eight weights at a time.
func labelStride(width int) int { return (width + 7) &^ 7 }

// dense returns the weight tables as full rows, as training makes them:
// moves of moveWidth weights, labels of labelWidth.
func (p *Parser) dense() (moves, labels []int16, err error) {
	_, rest, err := header(p.raw, false)
	if err != nil {
		return nil, nil, err
	}
	if moves, rest, err = decodeTable(rest, int(p.moveMask)+1, moveWidth, moveWidth); err != nil {
		return nil, nil, err
	}
	labels, _, err = decodeTable(rest, int(p.labelMask)+1, p.labelWidth, p.labelWidth)
	return moves, labels, err
}

// decodeTable fills a table of rows of width weights from the stored rows,
// keeping the first keep weights of each; it returns what follows the
// table in b.
func decodeTable(b []byte, rows, width, keep int) ([]int16, []byte, error) {
	nb := (rows + 7) / 8
	if len(b) < nb {
		return nil, nil, io.ErrUnexpectedEOF
	}
	bm, b := b[:nb], b[nb:]
	nc := (width + 7) / 8
	// Bits of a row's last bitmap byte past its width would write outside
	// the row.
	var over byte
	if width%8 != 0 {
		over = 0xff << (width % 8)
	}
	t := hugeSlice[int16](rows * keep)
	for i, c := range bm {
		for ; c != 0; c &= c - 1 {
			r := 8*i + bits.TrailingZeros8(c)
			if r >= rows || len(b) < nc {
				return nil, nil, errCorrupt
			}
			cols := b[:nc]
			n := 0
			for _, m := range cols {
				n += bits.OnesCount8(m)
			}
			if cols[nc-1]&over != 0 || len(b) < nc+2*n {
				return nil, nil, errCorrupt
			}
			vals := b[nc : nc+2*n]
			b = b[nc+2*n:]
			row := t[r*keep : (r+1)*keep]
			for k, m := range cols {
				for ; m != 0; m &= m - 1 {
					if c := 8*k + bits.TrailingZeros8(m); c < keep {
						row[c] = int16(binary.LittleEndian.Uint16(vals))
					}
					vals = vals[2:]
				}
			}
		}
	}
	return t, b, nil
}

var errCorrupt = errors.New("corrupt model")

var defaultModel struct {
	once sync.Once
	p    *Parser
	err  error
}

// Default returns the parser trained on UD English (see data/parser.go),
// decoded on first use and shared afterwards.
func Default() (*Parser, error) {
	defaultModel.once.Do(func() {
		defaultModel.p, defaultModel.err = loadBytes(data.ParserModel)
	})
	return defaultModel.p, defaultModel.err
}
