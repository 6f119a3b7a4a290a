package redline

import (
	"fmt"
	"sort"
)

// Code is a CAMEO event code: two digits for the root ("13"), three for the
// event ("130"), four for a subtype ("1311").
type Code string

// QuadClass is CAMEO's four-way split of events.
type QuadClass uint8

const (
	VerbalCooperation   QuadClass = 1
	MaterialCooperation QuadClass = 2
	VerbalConflict      QuadClass = 3
	MaterialConflict    QuadClass = 4
)

// CodeInfo is the codebook entry of one CAMEO code.
type CodeInfo struct {
	Code      Code
	Name      string
	Goldstein float64
	Quad      QuadClass
	// Penta is the five-class grouping: 0 statement/appeal, 1 verbal
	// cooperation, 2 material cooperation, 3 verbal conflict, 4 material
	// conflict.
	Penta uint8
	// PLOVER is the event type in the PLOVER ontology; empty for public
	// statements (CAMEO 01), which PLOVER does not code as events. Appeals
	// (02) map to REQUEST.
	PLOVER string
}

var codeIndex = func() map[Code]*CodeInfo {
	m := make(map[Code]*CodeInfo, len(codebook))
	for i := range codebook {
		m[codebook[i].Code] = &codebook[i]
	}
	return m
}()

// Codebook returns every CAMEO code, sorted by code.
func Codebook() []CodeInfo {
	out := append([]CodeInfo(nil), codebook...)
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// Info returns the codebook entry of c; ok is false for an unknown code.
func (c Code) Info() (info CodeInfo, ok bool) {
	p := codeIndex[c]
	if p == nil {
		return CodeInfo{}, false
	}
	return *p, true
}

// Valid reports whether c is in the codebook.
func (c Code) Valid() bool { return codeIndex[c] != nil }

// Root returns the two-digit root of c ("1311" → "13").
func (c Code) Root() Code {
	if len(c) < 2 {
		return c
	}
	return c[:2]
}

// Goldstein returns the Goldstein conflict–cooperation score of c, falling
// back to its parent codes when c itself is not listed.
func (c Code) Goldstein() float64 { return c.lookup().Goldstein }

// Quad returns the QuadClass of c.
func (c Code) Quad() QuadClass { return c.lookup().Quad }

// PLOVER returns the PLOVER event type of c.
func (c Code) PLOVER() string { return c.lookup().PLOVER }

// Name returns the short name of c.
func (c Code) Name() string { return c.lookup().Name }

// lookup finds c or its nearest listed ancestor (CAMEO extensions such as
// "1384" inherit from "138").
func (c Code) lookup() CodeInfo {
	for k := c; len(k) >= 2; k = k[:len(k)-1] {
		if p := codeIndex[k]; p != nil {
			return *p
		}
	}
	return CodeInfo{Code: c}
}

// ParseCode checks s against the codebook.
func ParseCode(s string) (Code, error) {
	c := Code(s)
	if !c.Valid() {
		return "", fmt.Errorf("unknown CAMEO code %q", s)
	}
	return c, nil
}
