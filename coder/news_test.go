package coder

import (
	"slices"
	"strings"
	"testing"

	"github.com/redline-events/redline/dict"
)

// A reflexive pronoun is bound by its clause's subject, never by an earlier
// actor of the story: coded with the default dictionaries.
func TestReflexive(t *testing.T) {
	dd, err := dict.Default()
	if err != nil {
		t.Fatal(err)
	}
	c := New(dd)
	tests := []struct {
		text string
		want []string // among the events (describe form)
		not  []string // no event contains these
	}{
		// The subject names no actor, so neither does "themselves": no
		// suicide bombing of the African Union.
		{"African Union troops attacked the militants. Four of them blew themselves up.", nil, []string{">IGOAFRAFU 1831"}},
		// Bound to a subject that is the source: no self-target, the
		// search goes on to the "against" phrase or stays empty.
		{"Ukraine's army defended itself against Russian troops.", []string{"UKRMIL>RUSMIL 052 asserted"}, []string{"UKRMIL>UKR "}},
		{"Russian troops attacked Ukraine. Ukrainian soldiers defended themselves.", []string{"UKRMIL> 052 asserted"}, []string{"UKRMIL>UKR "}},
	}
	for _, tt := range tests {
		var got []string
		for _, e := range c.Code(analyze(t, tt.text, "2025-03-11")) {
			got = append(got, describe(&e))
		}
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: want %q among %q", tt.text, w, got)
			}
		}
		for _, n := range tt.not {
			for _, g := range got {
				if strings.Contains(g, n) {
					t.Errorf("%q: unwanted %q", tt.text, g)
				}
			}
		}
	}
}

// An agent the text gives no country takes the story's current country,
// which a country written as a hyphenated modifier of a third party
// ("U.S.-designated", "Iran-backed") is not.
func TestContextCountryHyphen(t *testing.T) {
	dd, err := dict.Default()
	if err != nil {
		t.Fatal(err)
	}
	c := New(dd)
	tests := []struct{ text, want, not string }{
		{"Security forces in Somalia killed six attackers. Al-Shabab, a U.S.-designated terrorist group, claimed responsibility. Government soldiers later killed two militants.",
			"SOMMIL>SOMINS 190 asserted", "USAMIL>"},
		{"Troops in Yemen clashed with rebels. The Iran-backed Houthis claimed responsibility. Government soldiers later killed two militants.",
			"YEMMIL>YEMINS 190 asserted", "IRNMIL>"},
	}
	for _, tt := range tests {
		var got []string
		for _, e := range c.Code(analyze(t, tt.text, "2025-03-11")) {
			got = append(got, describe(&e))
		}
		if !slices.Contains(got, tt.want) {
			t.Errorf("%q: want %q among %q", tt.text, tt.want, got)
		}
		for _, g := range got {
			if strings.HasPrefix(g, tt.not) {
				t.Errorf("%q: unwanted %q", tt.text, g)
			}
		}
	}
}

// A proper-noun compound of an event noun of force names whom or where the
// force hits when it is a town or region, the land of an invasion, or when
// the noun has a doer already; a country compound is otherwise the doer.
func TestPatientCompound(t *testing.T) {
	dd, err := dict.Default()
	if err != nil {
		t.Fatal(err)
	}
	c := New(dd)
	tests := []struct{ text, want, not string }{
		{"Analysts feared that a new Ukraine invasion was imminent.", ">UKR 192", "UKR>"},
		{"Moscow's Ukraine invasion shocked Europe.", "RUS>UKR 192", "UKR>"},
		{"The Russian invasion of Ukraine began in 2022.", "RUS>UKR 192", "UKR>"},
		{"Washington announced new Iran sanctions.", "USA>IRN 163", "IRN>"},
		{"The Gaza offensive killed hundreds of people.", ">PSE 190", "PSE>"},
	}
	for _, tt := range tests {
		var got []string
		for _, e := range c.Code(analyze(t, tt.text, "2025-03-11")) {
			got = append(got, describe(&e))
		}
		found := false
		for _, g := range got {
			found = found || strings.HasPrefix(g, tt.want)
			if strings.HasPrefix(g, tt.not) {
				t.Errorf("%q: unwanted %q", tt.text, g)
			}
		}
		if !found {
			t.Errorf("%q: want %q among %q", tt.text, tt.want, got)
		}
	}
}
