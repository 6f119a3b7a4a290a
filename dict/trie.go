package dict

// trie is a token trie: each edge is one folded token. Tokens are interned
// to ids and edges live in one map keyed by (node, token id), so a walk does
// one map look-up per token and allocates nothing. Our own structure rather
// than an Aho-Corasick library: the matcher needs leftmost-longest over
// whole tokens with per-step fallbacks (lemma, hyphen pieces, initials,
// fuzzy), which automata built over bytes do not give.
//
// The values ending at each node are kept flat (vals[valOff[n]:valOff[n+1]])
// rather than as one slice per node: tens of thousands of small slices made
// up much of the load time and of the garbage collector's work. While the
// trie is built they are linked lists in pend; finish lays them out.
type trie struct {
	vocab map[string]int32 // folded token → id
	words []string         // id → folded token
	edges map[uint64]int32 // node<<32 | token id → child node
	nodes int32            // node count; node 0 is the root

	vals   []termVal // values of every node, node by node
	valOff []int32   // node n's values are vals[valOff[n]:valOff[n+1]]

	// Building only: the first and last pending value of each node (-1:
	// none), and the pending values in insertion order.
	first, last []int32
	pend        []pendVal
}

type pendVal struct {
	v    termVal
	next int32
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

// newTrie returns an empty trie sized for about words distinct tokens and
// nodes nodes.
func newTrie(words, nodes int) trie {
	t := trie{vocab: make(map[string]int32, words), words: make([]string, 0, words)}
	t.reserveNodes(nodes)
	return t
}

// reserveNodes sizes a trie with no edges yet for about n nodes.
func (t *trie) reserveNodes(n int) {
	t.edges = make(map[uint64]int32, n)
	t.first, t.last = make([]int32, 1, n+1), make([]int32, 1, n+1)
	t.first[0], t.last[0], t.nodes = -1, -1, 1
}

// intern returns the id of the folded token w, adding it when new. w is
// kept: it should not be a string built for the call alone.
func (t *trie) intern(w string) int32 {
	if id, ok := t.vocab[w]; ok {
		return id
	}
	id := int32(len(t.words))
	t.vocab[w] = id
	t.words = append(t.words, w)
	return id
}

// insertKeys adds the folded token sequence keys with value v.
func (t *trie) insertKeys(keys []string, v termVal) {
	var ids [16]int32
	s := ids[:0]
	for _, k := range keys {
		s = append(s, t.intern(k))
	}
	t.insert(s, v)
}

// insert adds the token id sequence ids with value v; a value already at
// the node is not added twice.
func (t *trie) insert(ids []int32, v termVal) {
	if len(ids) == 0 {
		return
	}
	node := int32(0)
	for _, id := range ids {
		e := uint64(node)<<32 | uint64(uint32(id))
		next, ok := t.edges[e]
		if !ok {
			next = t.nodes
			t.nodes++
			t.first = append(t.first, -1)
			t.last = append(t.last, -1)
			t.edges[e] = next
		}
		node = next
	}
	for p := t.first[node]; p >= 0; p = t.pend[p].next {
		if t.pend[p].v == v {
			return
		}
	}
	p := int32(len(t.pend))
	t.pend = append(t.pend, pendVal{v, -1})
	if t.last[node] < 0 {
		t.first[node] = p
	} else {
		t.pend[t.last[node]].next = p
	}
	t.last[node] = p
}

// hasListed reports, while building, whether the id sequence already ends
// at a node holding a listed (not derived) name of entry.
func (t *trie) hasListed(ids []int32, entry int32) bool {
	node := int32(0)
	for _, id := range ids {
		if node = t.child(node, id); node < 0 {
			return false
		}
	}
	for p := t.first[node]; p >= 0; p = t.pend[p].next {
		if v := t.pend[p].v; v.entry == entry && !v.surname {
			return true
		}
	}
	return false
}

// finish lays out the pending values node by node and drops the building
// state.
func (t *trie) finish() {
	t.valOff = make([]int32, t.nodes+1)
	t.vals = make([]termVal, 0, len(t.pend))
	for n := int32(0); n < t.nodes; n++ {
		t.valOff[n] = int32(len(t.vals))
		for p := t.first[n]; p >= 0; p = t.pend[p].next {
			t.vals = append(t.vals, t.pend[p].v)
		}
	}
	t.valOff[t.nodes] = int32(len(t.vals))
	t.first, t.last, t.pend = nil, nil, nil
}

// valsAt returns the values ending at node (of a finished trie).
func (t *trie) valsAt(node int32) []termVal {
	return t.vals[t.valOff[node]:t.valOff[node+1]]
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
