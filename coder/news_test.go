package coder

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/redline-events/redline/dict"
)

// newsCase is a short story coded with the default dictionaries, as the
// pipeline codes it.
type newsCase struct {
	text string
	want []string // each begins some event's description (a date from the text may follow)
	not  []string // no event's description contains these
}

var (
	defaultOnce sync.Once
	defaultC    *Coder
	defaultCErr error
)

// defaultCoder is a Coder over the default dictionaries, made once for all
// the tests that need one.
func defaultCoder(t testing.TB) *Coder {
	t.Helper()
	defaultOnce.Do(func() {
		var d *dict.Dictionary
		if d, defaultCErr = dict.Default(); defaultCErr == nil {
			defaultC = New(d)
		}
	})
	if defaultCErr != nil {
		t.Fatal(defaultCErr)
	}
	return defaultC
}

func checkNews(t *testing.T, tests []newsCase) {
	t.Helper()
	c := defaultCoder(t)
	for _, tt := range tests {
		var got []string
		for _, e := range c.Code(analyze(t, tt.text, "2025-03-11")) {
			got = append(got, describe(&e))
		}
		for _, w := range tt.want {
			if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, w) }) {
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

// wantCode checks that text, coded on the crisis article's date, has an
// event with the CAMEO code want.
func wantCode(t *testing.T, c *Coder, text, want string) {
	t.Helper()
	var codes []string
	for _, e := range c.Code(analyze(t, text, "2021-12-11")) {
		codes = append(codes, string(e.Code))
	}
	if !slices.Contains(codes, want) {
		t.Errorf("%q: want %s among %q", text, want, codes)
	}
}

// codesRoot reports whether text, coded on the crisis article's date, has
// an event of CAMEO root root.
func codesRoot(t *testing.T, c *Coder, text, root string) bool {
	t.Helper()
	for _, e := range c.Code(analyze(t, text, "2021-12-11")) {
		if string(e.Code.Root()) == root {
			return true
		}
	}
	return false
}

// A reflexive pronoun is bound by its clause's subject, never by an earlier
// actor of the story.
func TestReflexive(t *testing.T) {
	checkNews(t, []newsCase{
		// The subject names no actor, so neither does "themselves": no
		// suicide bombing of the African Union.
		{"African Union troops attacked the militants. Four of them blew themselves up.", nil, []string{">IGOAFRAFU 1831"}},
		// Bound to a subject that is the source: no self-target, the
		// search goes on to the "against" phrase or stays empty.
		{"Ukraine's army defended itself against Russian troops.", []string{"UKRMIL>RUSMIL 052 asserted"}, []string{"UKRMIL>UKR "}},
		{"Russian troops attacked Ukraine. Ukrainian soldiers defended themselves.", []string{"UKRMIL> 052 asserted"}, []string{"UKRMIL>UKR "}},
	})
}

// An agent the text gives no country takes the story's current country,
// which a country written as a hyphenated modifier of a third party
// ("U.S.-designated", "Iran-backed") is not.
func TestContextCountryHyphen(t *testing.T) {
	checkNews(t, []newsCase{
		{"Security forces in Somalia killed six attackers. Al-Shabab, a U.S.-designated terrorist group, claimed responsibility. Government soldiers later killed two militants.",
			[]string{"SOMMIL>SOMINS 190 asserted"}, []string{"USAMIL>"}},
		{"Troops in Yemen clashed with rebels. The Iran-backed Houthis claimed responsibility. Government soldiers later killed two militants.",
			[]string{"YEMMIL>YEMINS 190 asserted"}, []string{"IRNMIL>"}},
	})
}

// A proper-noun compound of an event noun of force names whom or where the
// force hits when it is a town or region, the land of an invasion, or when
// the noun has a doer already; a country compound is otherwise the doer.
func TestPatientCompound(t *testing.T) {
	checkNews(t, []newsCase{
		{"Analysts feared that a new Ukraine invasion was imminent.", []string{">UKR 192 hypothetical"}, []string{"UKR>"}},
		{"Moscow's Ukraine invasion shocked Europe.", []string{"RUS>UKR 192 asserted"}, []string{"UKR>"}},
		{"The Russian invasion of Ukraine began in 2022.", []string{"RUS>UKR 192 asserted"}, []string{"UKR>"}},
		{"Washington announced new Iran sanctions.", []string{"USA>IRN 163 asserted"}, []string{"IRN>"}},
		{"The Gaza offensive killed hundreds of people.", nil, []string{"PSE>"}},
	})
}

// Hyphenated names before a noun: a pair of parties ("US-Iran talks") is
// "talks between the US and Iran"; a controller ("U.S.-led", "Kremlin-
// controlled") names the phrase's actor, a maker or patron does not.
func TestHyphenatedNames(t *testing.T) {
	checkNews(t, []newsCase{
		{"The US-Iran talks collapsed.", []string{"USA>IRN 046 asserted", "IRN>USA 046 asserted"}, nil},
		{"Russia-Ukraine talks resumed in Istanbul.", []string{"RUS>UKR 046 asserted", "UKR>RUS 046 asserted"}, nil},
		{"The U.S.-led coalition attacked Mosul.", []string{"USA>IRQ 190 asserted"}, nil},
		{"The Kremlin-controlled media criticized NATO.", []string{"RUSMED>IGOWSTNAT 111 asserted"}, nil},
		{"Ukraine fired U.S.-made missiles at Russia.", nil, []string{">USA"}},
	})
}
