package coder

import "github.com/redline-events/redline/dict"

// Speech-act heads such as "demand" or "call" carry hundreds of patterns
// (every object class crossed with the family), so checking each item
// against the predicate's phrase word by word dominated coding time. Each
// pattern item gets a 64-bit signature, one bit per alternative word; a
// predicate's phrase gets one from its tokens' lemmas and forms. An item
// whose bits all miss the phrase's cannot match, and its pattern is skipped
// without comparing a string.

// wordBit is the signature bit of a word (FNV-1a, folded to 6 bits).
func wordBit(w string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 1099511628211
	}
	return 1 << (h >> 58)
}

// signatures maps each pattern to its items' signatures.
func signatures(d *dict.Dictionary) map[*dict.Pattern][]uint64 {
	all := d.AllPatterns()
	m := make(map[*dict.Pattern][]uint64, len(all))
	for _, p := range all {
		sig := make([]uint64, len(p.Items))
		for i, alts := range p.Items {
			for _, a := range alts {
				sig[i] |= wordBit(a)
			}
		}
		m[p] = sig
	}
	return m
}

// mayMatch reports whether every item of p has a word that could be in a
// phrase with signature phrase. A pattern unknown to the index (added after
// the coder was built) is always tried.
func (c *Coder) mayMatch(p *dict.Pattern, phrase uint64) bool {
	sig, ok := c.sigs[p]
	if !ok {
		return true
	}
	for _, m := range sig {
		if m&phrase == 0 {
			return false
		}
	}
	return true
}
