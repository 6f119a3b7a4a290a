package redline

// UPOS is a Universal Dependencies part-of-speech tag. A small integer so that
// tokens stay compact and taggers compare tags without string work.
type UPOS uint8

// The 17 UD parts of speech; NoPOS means untagged.
const (
	NoPOS UPOS = iota
	ADJ
	ADP
	ADV
	AUX
	CCONJ
	DET
	INTJ
	NOUN
	NUM
	PART
	PRON
	PROPN
	PUNCT
	SCONJ
	SYM
	VERB
	X
	NumUPOS
)

var uposNames = [...]string{"_", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
	"PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"}

func (p UPOS) String() string {
	if int(p) < len(uposNames) {
		return uposNames[p]
	}
	return "_"
}

// ParseUPOS returns the tag named s, or NoPOS.
func ParseUPOS(s string) UPOS {
	for i, n := range uposNames {
		if n == s && i > 0 {
			return UPOS(i)
		}
	}
	return NoPOS
}

// DepRel is a Universal Dependencies relation, including the subtypes English
// treebanks use (nsubj:pass, obl:tmod, ...). NoRel means unparsed.
type DepRel uint8

// Relations; the order is fixed because trained models store them as numbers.
const (
	NoRel DepRel = iota
	Acl
	AclRelcl
	Advcl
	Advmod
	Amod
	Appos
	Aux
	AuxPass
	Case
	Cc
	CcPreconj
	Ccomp
	Clf
	Compound
	CompoundPrt
	Conj
	Cop
	Csubj
	CsubjPass
	Dep
	Det
	DetPredet
	Discourse
	Dislocated
	Expl
	Fixed
	Flat
	FlatForeign
	Goeswith
	Iobj
	List
	Mark
	Nmod
	NmodPoss
	NmodTmod
	NmodNpmod
	Nsubj
	NsubjPass
	Nummod
	Obj
	Obl
	OblTmod
	OblNpmod
	Orphan
	Parataxis
	Punct
	Reparandum
	Root
	Vocative
	Xcomp
	NmodUnmarked
	OblUnmarked
	OblAgent
	NsubjOuter
	CsubjOuter
	ExplPv
	NumDepRel
)

var depRelNames = [...]string{"_", "acl", "acl:relcl", "advcl", "advmod", "amod", "appos", "aux", "aux:pass",
	"case", "cc", "cc:preconj", "ccomp", "clf", "compound", "compound:prt", "conj", "cop", "csubj",
	"csubj:pass", "dep", "det", "det:predet", "discourse", "dislocated", "expl", "fixed", "flat",
	"flat:foreign", "goeswith", "iobj", "list", "mark", "nmod", "nmod:poss", "nmod:tmod", "nmod:npmod",
	"nsubj", "nsubj:pass", "nummod", "obj", "obl", "obl:tmod", "obl:npmod", "orphan", "parataxis",
	"punct", "reparandum", "root", "vocative", "xcomp", "nmod:unmarked", "obl:unmarked", "obl:agent",
	"nsubj:outer", "csubj:outer", "expl:pv"}

func (r DepRel) String() string {
	if int(r) < len(depRelNames) {
		return depRelNames[r]
	}
	return "_"
}

// ParseDepRel returns the relation named s. An unknown subtype falls back to
// its base relation ("obl:foo" → obl); an unknown relation gives Dep.
func ParseDepRel(s string) DepRel {
	if s == "" || s == "_" {
		return NoRel
	}
	for i, n := range depRelNames {
		if n == s && i > 0 {
			return DepRel(i)
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			return ParseDepRel(s[:i])
		}
	}
	return Dep
}

// baseRel maps each relation to itself without subtype, computed once so that
// the coder can ask on every token without string work.
var baseRel = func() (t [NumDepRel]DepRel) {
	for i := range t {
		t[i] = DepRel(i)
		n := depRelNames[i]
		for j := 0; j < len(n); j++ {
			if n[j] == ':' {
				t[i] = ParseDepRel(n[:j])
				break
			}
		}
	}
	return t
}()

// Base returns the relation without its subtype (AuxPass → Aux).
func (r DepRel) Base() DepRel {
	if r < NumDepRel {
		return baseRel[r]
	}
	return r
}
