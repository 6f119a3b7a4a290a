package coder

import (
	"slices"
	"strings"
	"testing"

	"github.com/redline-events/redline/dict"
)

// codeDefault codes text with the default dictionaries and checks that
// every wanted event is there and no event contains an unwanted string.
func codeDefault(t *testing.T, c *Coder, text string, want, not []string) {
	t.Helper()
	var got []string
	for _, e := range c.Code(analyze(t, text, "2025-03-11")) {
		got = append(got, describe(&e))
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("%q: want %q among %q", text, w, got)
		}
	}
	for _, n := range not {
		for _, g := range got {
			if strings.Contains(g, n) {
				t.Errorf("%q: unwanted %q", text, g)
			}
		}
	}
}

// A participial adjective the tagger took for a verb ("from neighboring
// Syria" as a clause with Syria its object) qualifies the phrase, which
// takes the participle's place: the oblique, object or subject it is.
func TestRepairParticiple(t *testing.T) {
	dd, err := dict.Default()
	if err != nil {
		t.Fatal(err)
	}
	c := New(dd)
	tests := []struct {
		text      string
		want, not []string
	}{
		// An oblique with the participle's preposition, even one the
		// tagger called a subordinator.
		{"Turkey withdrew its soldiers from neighboring Syria.", []string{"TUR>SYR 0874 asserted"}, nil},
		// The object of the verb before it.
		{"Rebels tried to kill outgoing President Ashraf Ghani in Kabul.", []string{"AFGREB>AFGELI 185 asserted"}, nil},
		// The subject of the clause it stood for.
		{"Acting President Hamid Karzai will meet the Pakistani foreign minister.", []string{"AFGELI>PAKGOV 036 asserted"}, nil},
		// "visiting" before a person is no visit of the host's guest by
		// the host; before a country it stays a verb.
		{"President Emmanuel Macron received visiting German Chancellor Olaf Scholz in Paris.", []string{"FRAGOV>DEUGOV 043 asserted"}, []string{"042"}},
	}
	for _, tt := range tests {
		codeDefault(t, c, tt.text, tt.want, tt.not)
	}
}
