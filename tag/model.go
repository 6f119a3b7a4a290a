package tag

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"math/bits"
	"slices"
	"sync"
	"unsafe"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/data"
)

// The model file is laid out so that loading is a few tight loops and no
// per-entry decoding: it is stored uncompressed (inflating it cost more than
// everything else at start-up), and the merged rows, which took most of the
// old load time to rebuild, are stored, their cells as little-endian uint32
// arrays at 4-byte-aligned offsets that the tagger uses where they lie.
// Only the weight cells (stored in three bytes, not four), the hash slots
// (from the filled slots' fingerprints and one-byte row lengths: a third of
// their size in memory) and the dense label-pair sums (5 MB stored, ~3 ms to
// rebuild) are built at load.
//
// After the magic line come the labels, the tag dictionary, the lexicon,
// the gate, the first-pass, second-pass and merged tables, the lemma
// exceptions, and a CRC-32C of everything before it.
const magic = "redline-tagger 2\n"

// Limits that keep a corrupt file from asking for absurd allocations.
const (
	maxRows    = 1 << 24
	maxStr     = 1 << 10
	maxEntries = 1 << 26
)

var errCorrupt = errors.New("corrupt model")

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

var (
	defaultOnce   sync.Once
	defaultTagger *Tagger
	defaultErr    error
)

// Default returns the model embedded in the binary, decoded on first use.
// The tagger points into the embedded bytes rather than copying them.
func Default() (*Tagger, error) {
	defaultOnce.Do(func() {
		if len(data.Tagger) == 0 {
			defaultErr = errors.New("tag: no embedded tagger model")
			return
		}
		defaultTagger, defaultErr = loadBytes(data.Tagger)
	})
	return defaultTagger, defaultErr
}

// Load reads a model written by Save (or by Save before the format
// changed: the old gzip-compressed format still loads). A damaged model
// gives an error.
func Load(r io.Reader) (*Tagger, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("tag: reading model: %w", err)
	}
	return loadBytes(b)
}

// loadBytes decodes a model held in b, which must not change afterwards:
// the tagger keeps pointing into it.
func loadBytes(b []byte) (*Tagger, error) {
	var t *Tagger
	var err error
	if len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b {
		t, err = loadV1(bytes.NewReader(b))
	} else {
		t, err = decode(b, true)
	}
	if err != nil {
		return nil, fmt.Errorf("tag: reading model: %w", err)
	}
	return t, nil
}

// Save writes the model in the format Load reads. The same model always
// gives the same bytes.
func (t *Tagger) Save(w io.Writer) error {
	e := encoder{b: make([]byte, 0, 1<<20)}
	e.b = append(e.b, magic...)
	e.uvarint(uint64(len(t.labels)))
	for _, l := range t.labels {
		e.uvarint(uint64(l.upos))
		e.str(l.xpos)
	}
	words := sortedKeys(t.dict)
	e.uvarint(uint64(len(words)))
	for _, w := range words {
		e.str(w)
		e.b = append(e.b, t.dict[w])
	}
	words = sortedKeys(t.lex)
	e.uvarint(uint64(len(words)))
	for _, w := range words {
		e.str(w)
		e.b = binary.LittleEndian.AppendUint64(e.b, t.lex[w])
	}
	e.uvarint(uint64(uint32(t.gate)))
	e.table(&t.pass1)
	if t.pass2 != nil {
		e.table(t.pass2)
	} else {
		e.table(&table{})
	}
	e.table(&t.merged)
	keys := make([]lemKey, 0, len(t.lemmas))
	for k := range t.lemmas {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b lemKey) int {
		if a.lower != b.lower {
			if a.lower < b.lower {
				return -1
			}
			return 1
		}
		return int(a.label) - int(b.label)
	})
	e.uvarint(uint64(len(keys)))
	for _, k := range keys {
		e.str(k.lower)
		e.b = append(e.b, k.label)
		e.str(t.lemmas[k])
	}
	e.b = binary.LittleEndian.AppendUint32(e.b, crc32.Checksum(e.b, castagnoli))
	_, err := w.Write(e.b)
	return err
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

type encoder struct{ b []byte }

func (e *encoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) str(s string)     { e.uvarint(uint64(len(s))); e.b = append(e.b, s...) }

// align pads with zeros to a multiple of 4 bytes from the file's start.
func (e *encoder) align() {
	for len(e.b)%4 != 0 {
		e.b = append(e.b, 0)
	}
}

// table writes the size (0: no table), a bitmap of the filled slots, the
// fingerprints of the filled slots, one byte per filled slot with its row
// length (a row has at most one cell per label, and there are fewer than
// 255 labels), the number of cells, then the cells: 3 and three bytes
// each, or 4 and, aligned, the uint32s as they lie in memory. Half the slots are
// empty: leaving them out saves 2 MB and costs nothing at load.
func (e *encoder) table(t *table) {
	if len(t.slots) == 0 {
		e.uvarint(0)
		return
	}
	size := len(t.slots) - 1
	e.uvarint(uint64(size))
	bm := make([]byte, (size+7)/8)
	filled := 0
	for i, s := range t.slots[:size] {
		if s.fp != 0 {
			bm[i/8] |= 1 << (i % 8)
			filled++
		}
	}
	e.b = append(e.b, bm...)
	e.align()
	for _, s := range t.slots[:size] {
		if s.fp != 0 {
			e.b = binary.LittleEndian.AppendUint32(e.b, s.fp)
		}
	}
	for i, s := range t.slots[:size] {
		if s.fp != 0 {
			e.b = append(e.b, uint8(t.slots[i+1].off-s.off))
		}
	}
	if t.cells != nil {
		e.uvarint(uint64(len(t.cells) / 3))
		e.b = append(e.b, 3)
		e.b = append(e.b, t.cells...)
		return
	}
	e.uvarint(uint64(len(t.ent)))
	// The weight tables' cells leave their second byte zero (label, then
	// int16): three bytes each, a fifth less. Merged cells use all four
	// and are stored as they lie.
	packed := true
	for _, c := range t.ent {
		packed = packed && c&0xff00 == 0
	}
	if packed {
		e.b = append(e.b, 3)
		for _, c := range t.ent {
			e.b = append(e.b, byte(c), byte(c>>16), byte(c>>24))
		}
		return
	}
	e.b = append(e.b, 4)
	e.align()
	for _, c := range t.ent {
		e.b = binary.LittleEndian.AppendUint32(e.b, c)
	}
}

// reader decodes a model held in memory. Reads past the end or values out
// of range set err and return zero values, so that the decoding code reads
// straight through and checks err where it matters.
type reader struct {
	b   []byte
	pos int
	err error
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = errCorrupt
	}
}

func (r *reader) take(n uint64) []byte {
	if r.err != nil || n > uint64(len(r.b)-r.pos) {
		r.fail()
		return nil
	}
	b := r.b[r.pos : r.pos+int(n)]
	r.pos += int(n)
	return b
}

func (r *reader) byte() byte {
	if b := r.take(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *reader) uvarint(limit uint64) uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.pos:])
	if n <= 0 || v > limit {
		r.fail()
		return 0
	}
	r.pos += n
	return v
}

// str returns a string that points into the model bytes: no copy.
func (r *reader) str() string {
	b := r.take(r.uvarint(maxStr))
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// count reads a number of entries that each take at least min bytes, so
// that a damaged count cannot ask for more memory than the file could fill.
func (r *reader) count(min int) int {
	n := r.uvarint(maxRows)
	if n > uint64((len(r.b)-r.pos)/min) {
		r.fail()
		return 0
	}
	return int(n)
}

func (r *reader) align() {
	for r.err == nil && r.pos%4 != 0 {
		if r.byte() != 0 {
			r.fail()
		}
	}
}

// littleEndian says whether the machine stores a uint32 as the file does,
// so that the cells can be used where they lie.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// u32s returns n little-endian uint32 values at a 4-byte-aligned position:
// the bytes themselves when the machine allows, a decoded copy otherwise.
func (r *reader) u32s(n uint64) []uint32 {
	r.align()
	b := r.take(4 * n)
	if len(b) == 0 {
		return nil
	}
	if littleEndian && uintptr(unsafe.Pointer(&b[0]))%4 == 0 {
		return unsafe.Slice((*uint32)(unsafe.Pointer(&b[0])), n)
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return out
}

// decode reads a model in the current format; verify checks the CRC (the
// fuzz test skips it to reach the structure checks).
func decode(b []byte, verify bool) (*Tagger, error) {
	if len(b) < len(magic)+4 || string(b[:len(magic)]) != magic {
		return nil, errors.New("not a redline tagger model")
	}
	body := b[:len(b)-4]
	if verify && crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(b[len(body):]) {
		return nil, errors.New("checksum mismatch: damaged model")
	}
	// The cells are aligned relative to the start of the file; if the
	// file itself is not aligned, copy it once to memory that is.
	if uintptr(unsafe.Pointer(&b[0]))%4 != 0 {
		words := make([]uint32, (len(body)+3)/4)
		body = unsafe.Slice((*byte)(unsafe.Pointer(&words[0])), len(body))
		copy(body, b)
	}
	r := reader{b: body, pos: len(magic)}
	t := &Tagger{}
	nl := r.count(2)
	if nl == 0 || nl >= padLabel {
		r.fail()
	}
	t.labels = make([]label, 0, nl)
	for range nl {
		u := r.uvarint(uint64(redline.NumUPOS) - 1)
		t.labels = append(t.labels, label{upos: redline.UPOS(u), xpos: r.str()})
	}
	lab := func() uint8 {
		l := r.byte()
		if int(l) >= nl {
			r.fail()
		}
		return l
	}
	nd := r.count(2)
	t.dict = make(map[string]uint8, nd)
	for i := 0; i < nd && r.err == nil; i++ {
		w := r.str()
		t.dict[w] = lab()
	}
	nv := r.count(9)
	t.lex = make(map[string]uint64, nv)
	for i := 0; i < nv && r.err == nil; i++ {
		w := r.str()
		if v := r.take(8); v != nil {
			t.lex[w] = binary.LittleEndian.Uint64(v)
		}
	}
	t.gate = int32(uint32(r.uvarint(math.MaxUint32)))
	t.pass1 = r.table(nl)
	if t.pass1.slots == nil {
		r.fail()
	}
	if p2 := r.table(nl); p2.slots != nil {
		t.pass2 = &p2
	}
	t.merged = r.table(nl)
	nx := r.count(3)
	t.lemmas = make(map[lemKey]string, nx)
	for i := 0; i < nx && r.err == nil; i++ {
		k := lemKey{lower: r.str(), label: lab()}
		t.lemmas[k] = r.str()
	}
	if r.err == nil && r.pos != len(r.b) {
		r.fail()
	}
	if r.err != nil {
		return nil, r.err
	}
	t.buildPairs()
	return t, nil
}

// table reads what encoder.table wrote; a missing table has nil slots.
func (r *reader) table(nl int) table {
	size := r.uvarint(maxRows)
	if r.err != nil || size == 0 {
		return table{}
	}
	if size < 2 || size&(size-1) != 0 {
		r.fail()
		return table{}
	}
	bm := r.take((size + 7) / 8)
	filled := 0
	for _, c := range bm {
		filled += bits.OnesCount8(c)
	}
	r.align()
	fps := r.take(4 * uint64(filled))
	lens := r.take(uint64(filled))
	total := r.uvarint(maxEntries)
	var ent []uint32
	var cells []byte
	switch r.byte() {
	case 3:
		// Used where they lie, as the merged cells are.
		cells = r.take(3 * total)
	case 4:
		ent = r.u32s(total)
	default:
		r.fail()
	}
	if r.err != nil || filled >= int(size) {
		// Without an empty slot, a lookup of an absent key would never end.
		r.fail()
		return table{}
	}
	slots := make([]slot, size+1)
	off, j := uint64(0), 0
	for i := range slots[:size] {
		slots[i].off = uint32(off)
		if bm[i/8]&(1<<(i%8)) == 0 {
			continue
		}
		fp, n := binary.LittleEndian.Uint32(fps[4*j:]), lens[j]
		if fp == 0 || int(n) > nl {
			r.fail()
			return table{}
		}
		slots[i].fp = fp
		off += uint64(n)
		j++
	}
	if off != total {
		r.fail()
		return table{}
	}
	slots[size].off = uint32(total)
	return table{mask: size - 1, slots: slots, ent: ent, cells: cells}
}
