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
//	uint8 moveBits, uint8 labelBits, uint8 number of label classes
//	per class: uint8 DepRel, uint8 direction mask
//	per table (moves, then labels): a bitmap of the rows that are not all
//	zero, then those rows' int16 weights, little-endian.
//
// Hashed tables are sparse; the bitmap keeps empty rows out of the file and
// gzip does the rest. gzip's CRC catches corruption.
const magic = "RLPARSE1"

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
	bw.WriteByte(byte(len(p.classes)))
	for i, c := range p.classes {
		bw.WriteByte(byte(c))
		bw.WriteByte(p.dirOK[i])
	}
	writeTable(bw, p.moves, moveWidth)
	writeTable(bw, p.labels, len(p.classes))
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

func writeTable(w *bufio.Writer, t []int16, width int) {
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
	w.Write(bm)
	var b [2]byte
	for r := 0; r < rows; r++ {
		if bm[r/8]&(1<<(r%8)) == 0 {
			continue
		}
		for _, v := range t[r*width : (r+1)*width] {
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
	var hdr [len(magic) + 3]byte
	if _, err := io.ReadFull(br, hdr[:]); err != nil {
		return nil, fmt.Errorf("parse: model header: %w", err)
	}
	if string(hdr[:len(magic)]) != magic {
		return nil, errors.New("parse: not a parser model")
	}
	mb, lb, nc := int(hdr[len(magic)]), int(hdr[len(magic)+1]), int(hdr[len(magic)+2])
	if mb < 1 || mb > maxMoveBits || lb < 1 || lb > maxLabelBits || nc < 1 || nc >= int(redline.NumDepRel) {
		return nil, fmt.Errorf("parse: model header out of range (%d, %d, %d)", mb, lb, nc)
	}
	p := &Parser{moveMask: 1<<mb - 1, labelMask: 1<<lb - 1}
	cls := make([]byte, 2*nc)
	if _, err := io.ReadFull(br, cls); err != nil {
		return nil, fmt.Errorf("parse: model classes: %w", err)
	}
	for i := 0; i < nc; i++ {
		c := redline.DepRel(cls[2*i])
		if c == redline.NoRel || c >= redline.NumDepRel || cls[2*i+1] > 3 {
			return nil, fmt.Errorf("parse: model class %d invalid", i)
		}
		p.classes = append(p.classes, c)
		p.dirOK = append(p.dirOK, cls[2*i+1])
	}
	if p.moves, err = readTable(br, 1<<mb, moveWidth); err != nil {
		return nil, fmt.Errorf("parse: move weights: %w", err)
	}
	if p.labels, err = readTable(br, 1<<lb, nc); err != nil {
		return nil, fmt.Errorf("parse: label weights: %w", err)
	}
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
