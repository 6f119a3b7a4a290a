package parse

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/data"
)

// Model file: a gzip stream holding
//
//	magic "RLPARSE1"
//	uint8 moveBits, uint8 labelBits
//	per direction (left, right): uint8 number of classes, then each a uint8 DepRel
//	per table (moves, then labels): a bitmap of the rows that are not all
//	zero, then those rows' int16 weights, little-endian.
//
// Hashed tables are sparse; the bitmap keeps empty rows out of the file and
// gzip does the rest. gzip's CRC catches corruption.
const magic = "RLPARSE2"

// Limits on what a model file may ask for, so that a corrupt header cannot
// make Load allocate gigabytes.
const (
	maxMoveBits  = 24
	maxLabelBits = 21
)

// Save writes the model, gzip-compressed.
func (p *Parser) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	bw.WriteByte(byte(bits(p.moveMask)))
	bw.WriteByte(byte(bits(p.labelMask)))
	for _, cls := range p.classes {
		bw.WriteByte(byte(len(cls)))
		for _, c := range cls {
			bw.WriteByte(byte(c))
		}
	}
	writeTable(bw, p.moves, moveWidth, moveWidth)
	writeTable(bw, p.labels, p.labelWidth, p.labelStride)
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

func bits(mask uint64) int {
	n := 0
	for ; mask != 0; mask >>= 1 {
		n++
	}
	return n
}

// writeTable writes the first width weights of each row of stride.
func writeTable(w *bufio.Writer, t []int16, width, stride int) {
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
	w.Write(bm)
	var b [2]byte
	for r := 0; r < rows; r++ {
		if bm[r/8]&(1<<(r%8)) == 0 {
			continue
		}
		for _, v := range t[r*stride : r*stride+width] {
			binary.LittleEndian.PutUint16(b[:], uint16(v))
			w.Write(b[:])
		}
	}
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Parser, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("parse: model: %w", err)
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	var hdr [len(magic) + 2]byte
	if _, err := io.ReadFull(br, hdr[:]); err != nil {
		return nil, fmt.Errorf("parse: model header: %w", err)
	}
	if string(hdr[:len(magic)]) != magic {
		return nil, errors.New("parse: not a parser model of this version")
	}
	mb, lb := int(hdr[len(magic)]), int(hdr[len(magic)+1])
	if mb < 1 || mb > maxMoveBits || lb < 1 || lb > maxLabelBits {
		return nil, fmt.Errorf("parse: model header out of range (%d, %d)", mb, lb)
	}
	p := &Parser{moveMask: 1<<mb - 1, labelMask: 1<<lb - 1}
	for dir := range p.classes {
		var cls [redline.NumDepRel]byte
		if _, err := io.ReadFull(br, cls[:1]); err != nil {
			return nil, fmt.Errorf("parse: model classes: %w", err)
		}
		nc := int(cls[0])
		if nc < 1 || nc >= int(redline.NumDepRel) {
			return nil, fmt.Errorf("parse: model has %d classes", nc)
		}
		if _, err := io.ReadFull(br, cls[:nc]); err != nil {
			return nil, fmt.Errorf("parse: model classes: %w", err)
		}
		for _, c := range cls[:nc] {
			if c == byte(redline.NoRel) || c >= byte(redline.NumDepRel) {
				return nil, fmt.Errorf("parse: model class %d invalid", c)
			}
			p.classes[dir] = append(p.classes[dir], redline.DepRel(c))
		}
		p.labelWidth = max(p.labelWidth, nc)
	}
	if p.moves, err = readTable(br, 1<<mb, moveWidth); err != nil {
		return nil, fmt.Errorf("parse: move weights: %w", err)
	}
	if p.labels, err = readTable(br, 1<<lb, p.labelWidth); err != nil {
		return nil, fmt.Errorf("parse: label weights: %w", err)
	}
	p.labelStride = strideFor(p.labelWidth)
	p.labels = padRows(p.labels, p.labelWidth, p.labelStride)
	// Reading to the end makes gzip verify its checksum.
	if n, err := io.Copy(io.Discard, br); err != nil {
		return nil, fmt.Errorf("parse: model: %w", err)
	} else if n != 0 {
		return nil, errors.New("parse: model: trailing data")
	}
	return p, nil
}

func readTable(r io.Reader, rows, width int) ([]int16, error) {
	bm := make([]byte, (rows+7)/8)
	if _, err := io.ReadFull(r, bm); err != nil {
		return nil, err
	}
	t := make([]int16, rows*width)
	row := make([]byte, 2*width)
	for i := 0; i < rows; i++ {
		if bm[i/8]&(1<<(i%8)) == 0 {
			continue
		}
		if _, err := io.ReadFull(r, row); err != nil {
			return nil, err
		}
		for j := 0; j < width; j++ {
			t[i*width+j] = int16(binary.LittleEndian.Uint16(row[2*j:]))
		}
	}
	return t, nil
}

var defaultModel struct {
	once sync.Once
	p    *Parser
	err  error
}

// Default returns the parser trained on UD English (see data/parser.go),
// decoded on first use and shared afterwards.
func Default() (*Parser, error) {
	defaultModel.once.Do(func() {
		defaultModel.p, defaultModel.err = Load(bytes.NewReader(data.ParserModel))
	})
	return defaultModel.p, defaultModel.err
}
