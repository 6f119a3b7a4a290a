package dict

// slab hands out sub-slices of a few large arrays, so that loading
// thousands of entries and patterns makes a few allocations per thousand
// rather than one or more per line. Every slice handed out is capped at its
// length: appending to one copies it rather than overwriting a neighbour.
type slab[T any] struct{ free []T }

// A slab's arrays start at slabMin elements and double up to slabMax, so
// that a small user file costs little and the defaults a few arrays each.
const (
	slabMin = 64
	slabMax = 4096
)

// grow replaces the free array with a new one of at least n elements.
func (s *slab[T]) grow(n int) {
	s.free = make([]T, 0, max(n, min(max(2*cap(s.free), slabMin), slabMax)))
}

// reserve returns an empty slice with room for n elements, to be filled
// with append and then kept with commit.
func (s *slab[T]) reserve(n int) []T {
	if cap(s.free)-len(s.free) < n || s.free == nil {
		s.grow(n)
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
		s.grow(1)
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
