package coder

// Speech acts and intentions composed with the events they are about.

import (
	"github.com/redline-events/redline"
)

// composeAll joins each speech act or intention with the event in its
// complement ("threatened to impose sanctions").
func (s *sentenceState) composeAll() {
	for oi := range s.preds {
		o := &s.preds[oi]
		switch o.code.Root() {
		case "02", "03", "10", "11", "12", "13":
		default:
			continue
		}
		for ii := range s.preds {
			in := &s.preds[ii]
			if ii == oi || in.outer >= 0 || !s.complementOf(in.tok, o.tok) {
				continue
			}
			code, ok := compose(o.code, in.code)
			if !ok && o.code.Root() != "13" {
				continue
			}
			if !generic(o.code) {
				// The pattern already said what is demanded or threatened
				// ("demanded the removal" is 1041): the complement is part
				// of the same event, and does not recode it.
				code = o.code
			}
			s.note("%q (%s) composed with %q (%s) → %s", s.t.toks[o.tok].Form, o.code, s.t.toks[in.tok].Form, in.code, code)
			o.code, o.inner, in.outer = code, ii, oi
			break
		}
	}
	// An event noun that is the complement of a verb event is part of that
	// event, not another one: "suspended military aid" is a suspension,
	// "rejected the EU proposal" a rejection.
	for ii := range s.preds {
		in := &s.preds[ii]
		if !in.noun || in.outer >= 0 {
			continue
		}
		for oi := range s.preds {
			o := &s.preds[oi]
			if oi != ii && !o.noun && o.outer < 0 && s.complementOf(in.tok, o.tok) {
				s.note("%q (%s): complement of %q (%s)", s.t.toks[in.tok].Form, in.code, s.t.toks[o.tok].Form, o.code)
				in.outer = oi
				if s.means(in, o) {
					// "killed in a suicide bombing" is a suicide bombing:
					// the noun says how, the verb only that people died.
					s.note("%q (%s) takes the code of its means %q (%s)", s.t.toks[o.tok].Form, o.code, s.t.toks[in.tok].Form, in.code)
					o.code = in.code
				}
				break
			}
		}
	}
}

// means reports an event noun in an "in" phrase of a violent verb whose
// code is only its root's generic one ("killed in an air strike"), when
// the noun's code is a specific kind of violence, or a fight.
func (s *sentenceState) means(in, o *predicate) bool {
	switch o.code.Root() {
	case "18", "19", "20":
	default:
		return false
	}
	switch in.code.Root() {
	case "18", "19", "20":
	default:
		return false
	}
	// The codebook's 190 note: killings "during an attack or some form of
	// military engagement" that news calls murders are 190, so a murder
	// (180) in a fight takes the fight's code even when that is generic
	// ("was murdered in an attack on a police patrol").
	fight := o.code == "180" && in.code.Root() == "19"
	return generic(o.code) && (!generic(in.code) || fight) && s.t.head(in.tok) == o.tok &&
		s.t.toks[in.tok].Rel.Base() == redline.Obl && s.t.caseOf(in.tok) == "in"
}

// generic reports a code that says only the kind of speech act (100
// demand, 130 threaten, 112 accuse), which composition may specialise.
func generic(c redline.Code) bool {
	return c == "112" || (len(c) == 3 && c[2] == '0')
}

// complementOf reports whether v is what o asks, promises, threatens,
// refuses or accuses of: o's xcomp ("threatened to impose", through chains
// such as "agreed to try to hold"), its object or oblique noun
// ("threatened sanctions", "called for talks"), a noun hanging on that
// object ("demanded the release of"), or a subjectless clause marked "of"
// or "to" ("accused Russia of invading"). A clause with a subject of its own
// ("warned that Russia would invade") is a separate event, not a complement.
func (s *sentenceState) complementOf(v, o int) bool {
	t := &s.t
	h := v
	for steps := 0; steps < 3; steps++ {
		p := t.head(h)
		if p < 0 {
			return false
		}
		ok := false
		switch r := t.toks[h].Rel.Base(); r {
		case redline.Xcomp:
			ok = true
		case redline.Obj, redline.Obl, redline.Nmod:
			ok = t.toks[h].UPOS == redline.NOUN
		case redline.Advcl, redline.Acl:
			if t.child(h, redline.Nsubj) < 0 {
				for c := t.first[h]; c >= 0; c = t.next[c] {
					if t.toks[c].Rel == redline.Mark && (t.toks[c].Lower == "of" || t.toks[c].Lower == "to" || t.toks[c].Lower == "for") {
						ok = true
					}
				}
			}
		}
		if !ok {
			return false
		}
		if p == o {
			return true
		}
		h = p
	}
	return false
}

// intentCode is the statement of intent that announcing code makes:
// cooperation becomes the matching 03 code, conflict the matching threat.
func intentCode(code redline.Code) (redline.Code, bool) {
	switch code.Root() {
	case "04", "05", "06", "07", "08":
		return compose("030", code)
	case "14", "15", "16", "17", "18", "19", "20":
		return compose("130", code)
	}
	return "", false
}
