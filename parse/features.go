package parse

import "github.com/redline-events/redline"

// Features are hashed: each template combines a few per-token atoms (hashed
// once per sentence) into one 64-bit value whose low bits pick a row of the
// weight table. Nothing is looked up in a dictionary, so extracting features
// costs a few multiplications and never allocates.

const (
	atomRoot = 0x6a09e667f3bcc908
	atomNone = 0xbb67ae8584caa73b
	// punctAtom is the UPOS atom (UPOS+1) of punctuation.
	punctAtom = uint64(redline.PUNCT) + 1
)

// hashWord hashes s lower-cased (ASCII) with digits folded to 0, so that
// "1,200" and "3,400" share their features. FNV-1a, inlined so that no
// lower-cased copy is made.
func hashWord(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= '1' && c <= '9':
			c = '0'
		}
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mix folds atom a into hash h.
func mix(h, a uint64) uint64 {
	h ^= a
	h *= 0x9e3779b97f4a7c15
	return h ^ h>>29
}

func f1(t, a uint64) uint64       { return mix(mix(t*0xff51afd7ed558ccd, a), 0) }
func f2(t, a, b uint64) uint64    { return mix(mix(mix(t*0xff51afd7ed558ccd, a), b), 1) }
func f3(t, a, b, c uint64) uint64 { return mix(mix(mix(mix(t*0xff51afd7ed558ccd, a), b), c), 2) }

// distance buckets a token distance.
func distance(a, b int32) uint64 {
	d := b - a
	if d < 0 {
		d = -d
	}
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 9:
		return 6
	case d <= 14:
		return 7
	}
	return 8
}

const nMoveFeats = 79

// moveFeatures fills s.moveFeats for the current configuration, after the
// templates of Zhang and Nivre (2011) adapted to arc-hybrid: words, tags and
// lemmas of s0-s2 and b0-b2, their leftmost and rightmost children with
// labels, valencies, distances and label sets.
func (s *state) moveFeatures() {
	S0, S1, S2 := s.s(0), s.s(1), s.s(2)
	B0, B1, B2 := s.b(0), s.b(1), s.b(2)
	w, p := s.word, s.tag
	s0w, s0p, s1w, s1p, s2p := w[S0], p[S0], w[S1], p[S1], p[S2]
	b0w, b0p, b1w, b1p, b2p := w[B0], p[B0], w[B1], p[B1], p[B2]
	s0wp, s1wp, b0wp, b1wp := mix(s0w, s0p), mix(s1w, s1p), mix(b0w, b0p), mix(b1w, b1p)
	s0L, s0L2, s0R, s0R2 := s.lc1[S0], s.lc2[S0], s.rc1[S0], s.rc2[S0]
	b0L, b0L2 := s.lc1[B0], s.lc2[B0]
	s1L, s1R := s.lc1[S1], s.rc1[S1]
	s0lp, s0rp, b0lp, s1rp := p[s0L], p[s0R], p[b0L], p[s1R]
	rl := func(i int32) uint64 { return uint64(s.rel[i]) }
	d1, d2 := distance(S0, B0), distance(S1, S0)
	if S0 == s.root() {
		d1 = 15
	}
	if S1 == s.root() || S1 == s.none() {
		d2 = 15
	}
	vl0, vr0, vlb, vl1, vr1 := uint64(s.nl[S0]), uint64(s.nr[S0]), uint64(s.nl[B0]), uint64(s.nl[S1]), uint64(s.nr[S1])

	f := &s.moveFeats
	// unigrams
	f[0] = f1(1, s0w)
	f[1] = f1(2, s0p)
	f[2] = f1(3, s0wp)
	f[3] = f1(5, s1w)
	f[4] = f1(6, s1p)
	f[5] = f1(7, s1wp)
	f[6] = f1(8, s2p)
	f[7] = f1(10, b0w)
	f[8] = f1(11, b0p)
	f[9] = f1(12, b0wp)
	f[10] = f1(14, b1w)
	f[11] = f1(15, b1p)
	f[12] = f1(16, b1wp)
	f[13] = f1(18, b2p)
	// pairs
	f[14] = f2(19, s0wp, b0wp)
	f[15] = f2(22, s0wp, b0p)
	f[16] = f2(23, s0p, b0wp)
	f[17] = f2(24, s0w, b0w)
	f[18] = f2(25, s0p, b0p)
	f[19] = f2(26, b0p, b1p)
	f[20] = f2(27, s1p, s0p)
	f[21] = f2(28, s1w, s0w)
	f[22] = f2(29, s1wp, s0p)
	f[23] = f2(30, s1p, s0wp)
	f[24] = f2(31, s1w, b0w)
	f[25] = f2(32, s1p, b0p)
	// triples
	f[26] = f3(35, b0p, b1p, b2p)
	f[27] = f3(36, s0p, b0p, b1p)
	f[28] = f3(37, s1p, s0p, b0p)
	f[29] = f3(38, s2p, s1p, s0p)
	f[30] = f3(39, s0p, s0lp, b0p)
	f[31] = f3(40, s0p, s0rp, b0p)
	f[32] = f3(41, s0p, b0p, b0lp)
	f[33] = f3(42, s1p, s1rp, s0p)
	f[34] = f3(43, s1p, s0p, s0lp)
	f[35] = f3(44, s1p, s0p, s0rp)
	// distances
	f[36] = f2(45, s0w, d1)
	f[37] = f2(46, s0p, d1)
	f[38] = f2(47, b0w, d1)
	f[39] = f2(48, b0p, d1)
	f[40] = f3(49, s0w, b0w, d1)
	f[41] = f3(50, s0p, b0p, d1)
	f[42] = f3(51, s1p, s0p, d2)
	f[43] = f3(52, s1w, s0w, d2)
	// valencies
	f[44] = f2(53, s0w, vl0)
	f[45] = f2(54, s0p, vl0)
	f[46] = f2(55, s0w, vr0)
	f[47] = f2(56, s0p, vr0)
	f[48] = f2(57, b0w, vlb)
	f[49] = f2(58, b0p, vlb)
	f[50] = f3(59, s1p, vl1, vr1)
	// children
	f[51] = f1(60, w[s0L])
	f[52] = f1(61, s0lp)
	f[53] = f2(62, s0p, rl(s0L))
	f[54] = f1(63, w[s0R])
	f[55] = f1(64, s0rp)
	f[56] = f2(65, s0p, rl(s0R))
	f[57] = f1(66, w[b0L])
	f[58] = f1(67, b0lp)
	f[59] = f2(68, b0p, rl(b0L))
	f[60] = f2(69, s1rp, rl(s1R))
	f[61] = f2(70, p[s1L], rl(s1L))
	f[62] = f2(71, p[s0L2], rl(s0L2))
	f[63] = f2(72, p[s0R2], rl(s0R2))
	f[64] = f2(73, p[b0L2], rl(b0L2))
	f[65] = f3(74, s0p, s0lp, p[s0L2])
	f[66] = f3(75, s0p, s0rp, p[s0R2])
	f[67] = f3(76, b0p, b0lp, p[b0L2])
	// label sets
	f[68] = f2(77, s0wp, s.lset[S0])
	f[69] = f2(78, s0p, s.rset[S0])
	f[70] = f2(79, s0p, s.lset[S0])
	f[71] = f2(80, b0wp, s.lset[B0])
	f[72] = f2(81, b0p, s.lset[B0])
	f[73] = f3(82, s1p, s.rset[S1], s0p)
	// universal tags: coarser, so more robust to the tagger's errors
	u := s.upos
	f[74] = f2(87, u[S0], u[B0])
	f[75] = f2(88, u[S1], u[S0])
	f[76] = f3(89, u[S0], u[B0], u[B1])
	f[77] = f3(90, u[S1], u[S0], u[B0])
	f[78] = f3(91, u[B0], u[B1], u[B2])
}

const nLabelFeats = 24

// labelFeatures fills s.labelFeats for labelling the arc h → d. In
// arc-hybrid a dependent is attached only once its own subtree is complete,
// so the label sees all of d's children (a "by" case child makes obl:agent,
// a "that" mark makes ccomp) and the head's children so far (an aux:pass
// sibling makes nsubj:pass).
func (s *state) labelFeatures(h, d int32) {
	w, p, lm := s.word, s.tag, s.lm
	dir := uint64(0)
	if d > h {
		dir = 1
	}
	dw, dp, hw, hp := w[d], p[d], w[h], p[h]
	dpd, hpd := mix(dp, dir), mix(hp, dir)
	dist := distance(h, d)
	prev := func(i int32) int32 {
		if i > 0 && i < int32(s.n) {
			return i - 1
		}
		return s.none()
	}
	next := func(i int32) int32 {
		if i+1 < int32(s.n) {
			return i + 1
		}
		return s.none()
	}
	dL, dR, hL := s.lc1[d], s.rc1[d], s.lc1[h]
	f := &s.labelFeats
	f[0] = f2(101, dw, dir)
	f[1] = f1(102, dpd)
	f[2] = f2(103, dw, dpd)
	f[3] = f2(105, hw, dir)
	f[4] = f1(106, hpd)
	f[5] = f2(107, hw, hpd)
	f[6] = f2(109, dpd, hp)
	f[7] = f3(110, dw, hp, dir)
	f[8] = f3(111, dpd, hw, hp)
	f[9] = f3(112, dw, hw, dir)
	f[10] = f3(114, dpd, hp, dist)
	f[11] = f2(115, dpd, s.lset[d])
	f[12] = f2(116, dpd, s.rset[d])
	f[13] = f3(117, hpd, s.lset[h], dp)
	f[14] = f3(118, hpd, s.rset[h], dp)
	f[15] = f3(119, dpd, w[dL], hp)
	f[16] = f3(120, dpd, p[dL], uint64(s.rel[dL]))
	f[17] = f3(121, dpd, p[dR], uint64(s.rel[dR]))
	f[18] = f3(122, dpd, p[prev(d)], p[next(d)])
	f[19] = f3(123, hpd, p[prev(h)], p[next(h)])
	f[20] = f3(124, dpd, hp, uint64(s.nl[d])<<8|uint64(s.nr[d]))
	f[21] = f3(126, dpd, hp, p[hL])
	f[22] = f3(128, hpd, lm[h], s.lset[h])
	f[23] = f2(130, dpd, uint64(h-d)) // exact signed offset
}
