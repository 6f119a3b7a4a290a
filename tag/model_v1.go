package tag

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"math"

	"github.com/redline-events/redline"
)

// magicV1 opens the gzip-compressed body of a first-format model.
const magicV1 = "redline-tagger 1\n"

// loadV1 reads the first model format: gzip-compressed, varint-coded, with
// the merged rows and label-pair sums left to be rebuilt. Save no longer
// writes it; it is kept so that a model in it still loads and so that
// converting one (Load, then Save) stays reproducible.
func loadV1(r io.Reader) (*Tagger, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	d := decoder{r: bufio.NewReader(zr)}
	return d.model()
}

type decoder struct {
	r   *bufio.Reader
	err error
}

func (d *decoder) fail(err error) {
	if d.err == nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		d.err = err
	}
}

func (d *decoder) byte() byte {
	if d.err != nil {
		return 0
	}
	b, err := d.r.ReadByte()
	d.fail(err)
	return b
}

func (d *decoder) uvarint(limit uint64) uint64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(d.r)
	if err != nil {
		d.fail(err)
		return 0
	}
	if v > limit {
		d.fail(errCorrupt)
		return 0
	}
	return v
}

func (d *decoder) full(b []byte) {
	if d.err == nil {
		_, err := io.ReadFull(d.r, b)
		d.fail(err)
	}
}

func (d *decoder) str() string {
	n := d.uvarint(maxStr)
	if d.err != nil {
		return ""
	}
	b := make([]byte, n)
	d.full(b)
	return string(b)
}

func (d *decoder) model() (*Tagger, error) {
	m := make([]byte, len(magicV1))
	d.full(m)
	if d.err == nil && string(m) != magicV1 {
		return nil, errors.New("not a redline tagger model")
	}
	t := &Tagger{}
	nl := d.uvarint(padLabel - 1)
	for i := uint64(0); i < nl && d.err == nil; i++ {
		u := d.uvarint(uint64(redline.NumUPOS) - 1)
		t.labels = append(t.labels, label{upos: redline.UPOS(u), xpos: d.str()})
	}
	if d.err == nil && nl == 0 {
		d.fail(errCorrupt)
	}
	nd := d.uvarint(maxRows)
	t.dict = make(map[string]uint8, min(nd, 1<<10))
	for i := uint64(0); i < nd && d.err == nil; i++ {
		w := d.str()
		t.dict[w] = d.label(nl)
	}
	nv := d.uvarint(maxRows)
	t.lex = make(map[string]uint64, min(nv, 1<<10))
	var buf [8]byte
	for i := uint64(0); i < nv && d.err == nil; i++ {
		w := d.str()
		d.full(buf[:])
		t.lex[w] = binary.LittleEndian.Uint64(buf[:])
	}
	t.pass1 = d.table(nl)
	switch d.byte() {
	case 0:
	case 1:
		p2 := d.table(nl)
		t.pass2 = &p2
		t.gate = int32(uint32(d.uvarint(math.MaxUint32)))
	default:
		d.fail(errCorrupt)
	}
	nx := d.uvarint(maxRows)
	t.lemmas = make(map[lemKey]string, min(nx, 1<<10))
	for i := uint64(0); i < nx && d.err == nil; i++ {
		k := lemKey{lower: d.str(), label: d.label(nl)}
		t.lemmas[k] = d.str()
	}
	if d.err != nil {
		return nil, d.err
	}
	t.merge()
	return t, nil
}

func (d *decoder) label(n uint64) uint8 {
	b := d.byte()
	if uint64(b) >= n {
		d.fail(errCorrupt)
	}
	return b
}

func (d *decoder) table(nl uint64) table {
	size := d.uvarint(maxRows)
	if d.err != nil || size < 2 || size&(size-1) != 0 {
		d.fail(errCorrupt)
		return table{}
	}
	t := table{mask: size - 1}
	var buf [4]byte
	empty := false
	for i := uint64(0); i < size && d.err == nil; i++ {
		d.full(buf[:])
		fp := binary.LittleEndian.Uint32(buf[:])
		empty = empty || fp == 0
		t.slots = append(t.slots, slot{fp: fp})
	}
	// Without an empty slot, a lookup of an absent key would never end.
	if d.err != nil || !empty {
		d.fail(errCorrupt)
		return table{}
	}
	total := 0
	for i := range t.slots {
		t.slots[i].off = uint32(total)
		if t.slots[i].fp != 0 {
			total += int(d.uvarint(nl))
			if total > maxEntries {
				d.fail(errCorrupt)
			}
		}
		if d.err != nil {
			return table{}
		}
	}
	t.slots = append(t.slots, slot{off: uint32(total)})
	labs := make([]byte, 0, min(total, 1<<12))
	for i := 0; i < total && d.err == nil; i++ {
		labs = append(labs, d.label(nl))
	}
	t.ent = make([]uint32, 0, min(total, 1<<12))
	for i := 0; i < total && d.err == nil; i++ {
		d.full(buf[:2])
		t.ent = append(t.ent, uint32(labs[i])|uint32(binary.LittleEndian.Uint16(buf[:2]))<<16)
	}
	if d.err != nil {
		return table{}
	}
	return t
}
