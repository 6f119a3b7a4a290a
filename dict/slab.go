package dict

// slab hands out sub-slices of a few large arrays, so that loading
// thousands of entries and patterns makes a few allocations per thousand
// rather than one or more per line. Every slice handed out is capped at its
// length: appending to one copies it rather than overwriting a neighbour.
type slab[T any] struct{ free []T }

// slabChunk is the number of elements a slab allocates at a time.
const slabChunk = 2048

// reserve returns an empty slice with room for n elements, to be filled
// with append and then kept with commit.
func (s *slab[T]) reserve(n int) []T {
	if cap(s.free)-len(s.free) < n || s.free == nil {
		s.free = make([]T, 0, max(slabChunk, n))
	}
	l := len(s.free)
	return s.free[l : l : l+n]
}

// commit keeps used, the slice the last reserve returned after appending
// to it. A slice that outgrew its room (and so has its own array) leaves
// the slab as it was.
func (s *slab[T]) commit(used []T) {
	l := len(s.free)
	if len(used) > 0 && l < cap(s.free) && &used[0] == &s.free[:l+1][l] {
		s.free = s.free[:l+len(used)]
	}
}

// take returns a copy of src in the slab (empty, not nil, for an empty src).
func (s *slab[T]) take(src []T) []T {
	dst := append(s.reserve(len(src)), src...)
	s.commit(dst)
	return dst
}

// add copies v into the slab and returns a pointer to the copy.
func (s *slab[T]) add(v T) *T {
	if len(s.free) == cap(s.free) {
		s.free = make([]T, 0, slabChunk)
	}
	s.free = append(s.free, v)
	return &s.free[len(s.free)-1]
}

// loadMem is where a load puts the small slices of what it reads.
type loadMem struct {
	strs  slab[string]
	items slab[[]string]
	roles slab[Role]
	pats  slab[Pattern]
}

// mem returns d's load memory, made on first use; compile drops it.
func (d *Dictionary) mem() *loadMem {
	if d.lmem == nil {
		d.lmem = &loadMem{}
	}
	return d.lmem
}
