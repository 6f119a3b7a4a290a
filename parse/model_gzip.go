package parse

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/redline-events/redline"
)

// magicGzip opens the previous format: a gzip stream holding the magic,
// moveBits and labelBits, the classes of each direction, then per table a
// bitmap of the rows that are not all zero and those rows' int16 weights.
const magicGzip = "RLPARSE2"

// loadGzip reads the previous, gzip-compressed format (RLPARSE2). Save no
// longer writes it; it is kept so that such a model still loads and so that
// converting one (Load, then Save) stays reproducible.
func loadGzip(r io.Reader) (*Parser, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("parse: model: %w", err)
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	var hdr [len(magicGzip) + 2]byte
	if _, err := io.ReadFull(br, hdr[:]); err != nil {
		return nil, fmt.Errorf("parse: model header: %w", err)
	}
	if string(hdr[:len(magicGzip)]) != magicGzip {
		return nil, errors.New("parse: not a parser model of this version")
	}
	mb, lb := int(hdr[len(magicGzip)]), int(hdr[len(magicGzip)+1])
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
	moves, err := readTable(br, 1<<mb, moveWidth)
	if err != nil {
		return nil, fmt.Errorf("parse: move weights: %w", err)
	}
	labels, err := readTable(br, 1<<lb, p.labelWidth)
	if err != nil {
		return nil, fmt.Errorf("parse: label weights: %w", err)
	}
	// Reading to the end makes gzip verify its checksum.
	if n, err := io.Copy(io.Discard, br); err != nil {
		return nil, fmt.Errorf("parse: model: %w", err)
	} else if n != 0 {
		return nil, errors.New("parse: model: trailing data")
	}
	return fromDense(p.moveMask, p.labelMask, p.classes, moves, labels, p.labelWidth)
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
