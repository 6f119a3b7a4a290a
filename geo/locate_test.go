package geo

import (
	"testing"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/parse"
	"github.com/redline-events/redline/text"
)

func analyze(t testing.TB, txt string) *redline.Doc {
	t.Helper()
	d := &redline.Doc{ID: "t", Text: txt}
	text.Segment(d)
	if err := parse.Analyze(d); err != nil {
		t.Fatal(err)
	}
	return d
}

// predicate finds the token whose form is verb in sentence 0.
func predicate(t testing.TB, d *redline.Doc, verb string) int {
	t.Helper()
	for i, tok := range d.SentenceTokens(0) {
		if tok.Form == verb {
			return i
		}
	}
	t.Fatalf("no %q in %q", verb, d.SentenceText(0))
	return -1
}

func TestLocate(t *testing.T) {
	g := gaz(t)
	tests := []struct {
		sentence, verb string
		ctx            []string // country codes the story named before
		name, country  string
		adm1           string
	}{
		{"Gunmen attacked a police station in Kalat on Sunday.", "attacked", nil, "Kalat", "PAK", "PK-BA"},
		{"Militants attacked a train in Balochistan.", "attacked", nil, "Balochistan", "PAK", "PK-BA"},
		{"Boko Haram fighters killed 12 villagers near the Cameroon border.", "killed", []string{"NGA", "NGA"}, "Cameroon border", "NGA", ""},
		{"Gunmen killed five soldiers in Pakistan's restive southwestern Balochistan province.", "killed", nil, "Balochistan", "PAK", "PK-BA"},
		{"The foreign ministers met in Jeddah, Saudi Arabia, on Thursday.", "met", nil, "Jeddah", "SAU", ""},
		{"Police arrested two men in Paris on Friday.", "arrested", nil, "Paris", "FRA", "FR-IDF"},
		{"Police arrested two men in Paris on Friday.", "arrested", []string{"USA", "USA"}, "Paris", "USA", ""},
		{"Officials in Kiev said the talks had failed.", "said", nil, "Kyiv", "UKR", "UA-30"},
		{"Al-Shabab militants attacked a military base in Beled Weyne.", "attacked", nil, "Beledweyne", "SOM", ""},
		{"Israeli troops raided the Jenin refugee camp in the occupied West Bank.", "raided", nil, "Jenin", "PSE", "PS-WBK"},
		{"Israeli troops raided homes in the occupied West Bank.", "raided", nil, "West Bank", "PSE", "PS-WBK"},
		{"Fighting continued in the city of Kharkiv.", "continued", nil, "Kharkiv", "UKR", ""},
		{"Clashes erupted in Deir ez-Zor province.", "erupted", nil, "Deir ez-Zor", "SYR", ""},
		{"The army said it shelled positions in northern Syria.", "shelled", nil, "Syria", "SYR", ""},
	}
	for _, tt := range tests {
		d := analyze(t, tt.sentence)
		v := predicate(t, d, tt.verb)
		var ctx DocContext
		for _, c := range tt.ctx {
			ctx.AddCountry(c)
		}
		p, ok := g.Locate(d.SentenceTokens(0), v, &ctx)
		if !ok {
			t.Errorf("%q: no place", tt.sentence)
			continue
		}
		if p.Country != tt.country || tt.name != "" && p.Name != tt.name && Fold(p.Name) != Fold(tt.name) || tt.adm1 != "" && p.ADM1 != tt.adm1 || p.How != "text" {
			t.Errorf("%q: got %+v, want %s %s %s", tt.sentence, p, tt.name, tt.country, tt.adm1)
		}
	}
}

func TestLocateNone(t *testing.T) {
	g := gaz(t)
	for _, tt := range []struct{ sentence, verb string }{
		{"The United States imposed sanctions on Russia.", "imposed"},
		{"Iran held talks with China in March.", "held"},
		{"The minister said he had confidence in Congress.", "said"},
	} {
		d := analyze(t, tt.sentence)
		if p, ok := g.Locate(d.SentenceTokens(0), predicate(t, d, tt.verb), nil); ok {
			t.Errorf("%q: got %+v, want no place", tt.sentence, p)
		}
	}
}
