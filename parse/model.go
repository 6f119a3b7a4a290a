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

// Save writes the model. The same model always gives the same bytes.
func (p *Parser) Save(w io.Writer) error {
	b := make([]byte, 0, 1<<20)
	b = append(b, magic...)
	b = append(b, byte(bits.Len64(p.moveMask)), byte(bits.Len64(p.labelMask)))
	for _, cls := range p.classes {
		b = append(b, byte(len(cls)))
		for _, c := range cls {
			b = append(b, byte(c))
		}
	}
	b = appendTable(b, p.moves, moveWidth, moveWidth)
	b = appendTable(b, p.labels, p.labelWidth, p.labelStride)
	b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
	_, err := w.Write(b)
	return err
}

// appendTable appends the bitmap of non-zero rows, then for each such row
// (its first width weights of stride) a bitmap of its non-zero weights and
// those weights. Most weights are zero (87% of the label weights, 40% of
// the move weights): the file is a third of the size of the whole rows.
func appendTable(b []byte, t []int16, width, stride int) []byte {
	rows := len(t) / stride
	bm := make([]byte, (rows+7)/8)
	for r := 0; r < rows; r++ {
		for _, v := range t[r*stride : r*stride+width] {
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
		row := t[r*stride : r*stride+width]
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
// skips it to reach the structure checks).
func decode(b []byte, verify bool) (*Parser, error) {
	if len(b) < len(magic)+2+4 || string(b[:len(magic)]) != magic {
		return nil, errors.New("parse: not a parser model of this version")
	}
	body := b[:len(b)-4]
	if verify && crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(b[len(body):]) {
		return nil, errors.New("parse: model: checksum mismatch (damaged file)")
	}
	mb, lb := int(body[len(magic)]), int(body[len(magic)+1])
	if mb < 1 || mb > maxMoveBits || lb < 1 || lb > maxLabelBits {
		return nil, fmt.Errorf("parse: model header out of range (%d, %d)", mb, lb)
	}
	rest := body[len(magic)+2:]
	p := &Parser{moveMask: 1<<mb - 1, labelMask: 1<<lb - 1}
	for dir := range p.classes {
		if len(rest) < 1 {
			return nil, errors.New("parse: model classes: truncated")
		}
		nc := int(rest[0])
		if nc < 1 || nc >= int(redline.NumDepRel) || len(rest) < 1+nc {
			return nil, fmt.Errorf("parse: model has %d classes", nc)
		}
		for _, c := range rest[1 : 1+nc] {
			if c == byte(redline.NoRel) || c >= byte(redline.NumDepRel) {
				return nil, fmt.Errorf("parse: model class %d invalid", c)
			}
			p.classes[dir] = append(p.classes[dir], redline.DepRel(c))
		}
		rest = rest[1+nc:]
		p.labelWidth = max(p.labelWidth, nc)
	}
	p.labelStride = strideFor(p.labelWidth)
	var err error
	if p.moves, rest, err = decodeTable(rest, 1<<mb, moveWidth, moveWidth); err != nil {
		return nil, fmt.Errorf("parse: move weights: %w", err)
	}
	if p.labels, rest, err = decodeTable(rest, 1<<lb, p.labelWidth, p.labelStride); err != nil {
		return nil, fmt.Errorf("parse: label weights: %w", err)
	}
	if len(rest) != 0 {
		return nil, errors.New("parse: model: trailing data")
	}
	return p, nil
}

// decodeTable fills a table of rows of stride weights from the stored
// rows; it returns what follows the table in b.
func decodeTable(b []byte, rows, width, stride int) ([]int16, []byte, error) {
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
	t := make([]int16, rows*stride)
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
			row := t[r*stride : r*stride+width]
			for k, m := range cols {
				for ; m != 0; m &= m - 1 {
					row[8*k+bits.TrailingZeros8(m)] = int16(binary.LittleEndian.Uint16(vals))
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
