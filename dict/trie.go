package dict

// trie is a token trie: each edge is one folded token. Tokens are interned
// to ids and edges live in one map keyed by (node, token id), so a walk does
// one map look-up per token and allocates nothing. Our own structure rather
// than an Aho-Corasick library: the matcher needs leftmost-longest over
// whole tokens with per-step fallbacks (lemma, hyphen pieces, initials,
// fuzzy), which automata built over bytes do not give.
type trie struct {
	vocab map[string]int32 // folded token → id
	words []string         // id → folded token
	edges map[uint64]int32 // node<<32 | token id → child node
	vals  [][]termVal      // values ending at each node; node 0 is the root
}

// termVal is one name ending at a trie node.
type termVal struct {
	entry int32 // index into Dictionary.entries (or discards)
	// caps marks the capitals of a short acronym ("US", "U.N.", "LeT"),
	// bit k for its k-th letter: the text must have capitals there too.
	// Zero for every other name, which matches in any case.
	caps    uint8
	surname bool // a derived surname key, not a listed name
}

func newTrie() trie {
	return trie{vocab: map[string]int32{}, edges: map[uint64]int32{}, vals: make([][]termVal, 1)}
}

func (t *trie) intern(w string) int32 {
	if id, ok := t.vocab[w]; ok {
		return id
	}
	id := int32(len(t.words))
	t.vocab[w] = id
	t.words = append(t.words, w)
	return id
}

// insert adds the folded token sequence keys with value v.
func (t *trie) insert(keys []string, v termVal) {
	if len(keys) == 0 {
		return
	}
	node := int32(0)
	for _, k := range keys {
		e := uint64(node)<<32 | uint64(uint32(t.intern(k)))
		next, ok := t.edges[e]
		if !ok {
			next = int32(len(t.vals))
			t.vals = append(t.vals, nil)
			t.edges[e] = next
		}
		node = next
	}
	for _, old := range t.vals[node] {
		if old == v {
			return
		}
	}
	t.vals[node] = append(t.vals[node], v)
}

// child returns the node reached from node over token id, or -1.
func (t *trie) child(node, id int32) int32 {
	if id < 0 {
		return -1
	}
	if next, ok := t.edges[uint64(node)<<32|uint64(uint32(id))]; ok {
		return next
	}
	return -1
}

// id returns the id of an already folded token, or -1.
func (t *trie) id(key string) int32 {
	if id, ok := t.vocab[key]; ok {
		return id
	}
	return -1
}

// idOf folds s into buf when needed and returns its token id (or -1) and
// the buffer for reuse. The map look-up with string(buf) does not allocate.
func (t *trie) idOf(s string, buf []byte) (int32, []byte) {
	if isFolded(s) {
		return t.id(s), buf
	}
	buf = appendFold(buf[:0], s)
	if id, ok := t.vocab[string(buf)]; ok {
		return id, buf
	}
	return -1, buf
}
