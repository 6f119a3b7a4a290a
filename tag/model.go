package tag

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"sync"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/data"
)

// The model file is gzip-compressed; inside, after a magic line, come the
// labels, the tag dictionary, one or two weight tables (stored column by
// column, which compresses better than row by row) and the lemma exceptions.
const magic = "redline-tagger 1\n"

// Limits that keep a corrupt file from asking for absurd allocations.
const (
	maxRows    = 1 << 24
	maxStr     = 1 << 10
	maxEntries = 1 << 26
)

var (
	defaultOnce   sync.Once
	defaultTagger *Tagger
	defaultErr    error
)

// Default returns the model embedded in the binary, decoded on first use.
func Default() (*Tagger, error) {
	defaultOnce.Do(func() {
		if len(data.Tagger) == 0 {
			defaultErr = errors.New("tag: no embedded tagger model")
			return
		}
		defaultTagger, defaultErr = Load(bytes.NewReader(data.Tagger))
	})
	return defaultTagger, defaultErr
}

// Save writes the model in the format Load reads. The same model always
// gives the same bytes.
func (t *Tagger) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	e := encoder{w: bw}
	e.bytes([]byte(magic))
	e.uvarint(uint64(len(t.labels)))
	for _, l := range t.labels {
		e.uvarint(uint64(l.upos))
		e.str(l.xpos)
	}
	words := make([]string, 0, len(t.dict))
	for w := range t.dict {
		words = append(words, w)
	}
	sort.Strings(words)
	e.uvarint(uint64(len(words)))
	for _, w := range words {
		e.str(w)
		e.byte(t.dict[w])
	}
	words = words[:0]
	for w := range t.lex {
		words = append(words, w)
	}
	sort.Strings(words)
	e.uvarint(uint64(len(words)))
	for _, w := range words {
		e.str(w)
		e.u64(t.lex[w])
	}
	e.table(&t.pass1)
	if t.pass2 != nil {
		e.byte(1)
		e.table(t.pass2)
		e.uvarint(uint64(uint32(t.gate)))
	} else {
		e.byte(0)
	}
	keys := make([]lemKey, 0, len(t.lemmas))
	for k := range t.lemmas {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].lower != keys[j].lower {
			return keys[i].lower < keys[j].lower
		}
		return keys[i].label < keys[j].label
	})
	e.uvarint(uint64(len(keys)))
	for _, k := range keys {
		e.str(k.lower)
		e.byte(k.label)
		e.str(t.lemmas[k])
	}
	if e.err != nil {
		return e.err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

type encoder struct {
	w   *bufio.Writer
	err error
	buf [binary.MaxVarintLen64]byte
}

func (e *encoder) bytes(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}
func (e *encoder) byte(b byte)      { e.bytes([]byte{b}) }
func (e *encoder) uvarint(v uint64) { e.bytes(e.buf[:binary.PutUvarint(e.buf[:], v)]) }
func (e *encoder) str(s string)     { e.uvarint(uint64(len(s))); e.bytes([]byte(s)) }
func (e *encoder) u64(v uint64)     { e.bytes(binary.LittleEndian.AppendUint64(e.buf[:0], v)) }
func (e *encoder) u16(v uint16)     { e.bytes(binary.LittleEndian.AppendUint16(e.buf[:0], v)) }

// table writes the slots as they lie (the layout is the format, so loading
// needs no rehashing): the size, every slot's fingerprint, the row length of
// each filled slot, then all labels and all weights.
func (e *encoder) table(t *table) {
	size := len(t.slots) - 1
	e.uvarint(uint64(size))
	for _, s := range t.slots[:size] {
		e.bytes(binary.LittleEndian.AppendUint32(e.buf[:0], s.fp))
	}
	for i, s := range t.slots[:size] {
		if s.fp != 0 {
			e.uvarint(uint64(t.slots[i+1].off - s.off))
		}
	}
	for _, c := range t.ent {
		e.byte(uint8(c))
	}
	for _, c := range t.ent {
		e.u16(uint16(c >> 16))
	}
}

// Load reads a model written by Save. A damaged model gives an error.
func Load(r io.Reader) (*Tagger, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("tag: reading model: %w", err)
	}
	d := decoder{r: bufio.NewReader(zr)}
	t, err := d.model()
	if err != nil {
		return nil, fmt.Errorf("tag: reading model: %w", err)
	}
	return t, nil
}

type decoder struct {
	r   *bufio.Reader
	err error
}

var errCorrupt = errors.New("corrupt model")

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
	m := make([]byte, len(magic))
	d.full(m)
	if d.err == nil && string(m) != magic {
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
