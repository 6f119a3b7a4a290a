package dict

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/redline-events/redline"
)

// testFS is a small dictionary in our format covering each feature the
// matcher has to get right.
var testFS = fstest.MapFS{
	"actors/countries.txt": {Data: []byte(`
!kind country
RUS: Russia; Russian Federation; Russian; Russians; Kremlin; Moscow
UKR: Ukraine; Ukrainian; Ukrainians; Kyiv; Kiev
USA: United States; United States of America; U.S.; US; American; Americans; Washington; White House
TUR: Turkey; Türkiye; Turkish
GBR: United Kingdom; Britain; British; Downing Street
!kind place
UKR: Kharkiv; Donbas
!kind org
IGOWSTNAT: NATO; North Atlantic Treaty Organization
IGOUNO: United Nations; UN; U.N.
!kind group
PAKREBLET: Lashkar-e-Taiba; LeT
`)},
	"agents.txt": {Data: []byte(`
!kind agent
MIL: troops; army; soldier; soldiers; military; armed forces
GOV: government; president; minister; official; officials; leader; deputy foreign minister; foreign minister; secretary-general
PTY: political party; Labour
`)},
	"people/world.txt": {Data: []byte(`
!kind person
Vladimir Putin; Vladimir Vladimirovich Putin; Putin
  RUSGOV 1999-08-09..2008-05-07   # prime minister, then president
  RUSGOV 2008-05-08..2012-05-07   # prime minister
  RUSGOV 2012-05-07..             # president
Joe Biden; Joseph Biden; Joseph R. Biden
  USAGOV 2009-01-20..2017-01-20   # vice president
  USAGOV 2021-01-20..2025-01-20   # president
  USAELI                          # senator, candidate, former president
Jens Stoltenberg
  IGOWSTNAT 2014-10-01..2024-10-01
  NORGOV 2025-02-04..
Sergei Ryabkov
  RUSGOV 2008..
Recep Tayyip Erdoğan; Erdogan
  TURGOV 2003..
Volodymyr Zelensky; Volodymyr Zelenskyy; Zelenskyy; Zelenskiy; Zelensky
  UKRGOV 2019-05-20..
Boris Johnson
  GBRGOV 2016-07-13..2018-07-09
  GBRGOV 2019-07-24..2022-09-06
Andrew Johnson
  USAGOV 1865-04-15..1869-03-04
Ursula von der Leyen
  IGOEU 2019-12-01..
Bashar al-Assad
  SYRGOV 2000-07-17..2024-12-08
Theresa May
  GBRGOV 2016-07-13..2019-07-24
Hwang Kyo-ahn
  KORGOV 2015-06-18..2017-05-11
Abiy Ahmed
  ETHGOV 2018-04-02..
Ahmed Sharif Chaudhry
  PAKMIL 2022..
Kim Jong Un
  PRKGOV 2011-12-17..
`)},
	"verbs/verbs.txt": {Data: []byte(`
&SANCTION = sanction | embargo | boycott | restriction
130   threaten
130   warn
1312  threaten &SANCTION
163   impose &SANCTION {on|against}
0311  sign trade agreement|deal|pact
042   visit
046   n:talk {with}
192   n:invasion {of}
192   invade
`)},
}

// toks tokenises a test sentence with the name tokeniser: enough for the
// matcher, which only reads Form and Lower.
func toks(s string) []redline.Token {
	var out []redline.Token
	for _, w := range nameTokens(nil, s) {
		out = append(out, redline.Token{Form: w, Lower: strings.ToLower(w)})
	}
	return out
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func loadTest(t testing.TB) *Dictionary {
	t.Helper()
	d, err := Load(testFS, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// render writes matches as "words=CODE" (with "~" for fuzzy) for compact
// expectations.
func render(ts []redline.Token, ms []ActorMatch) string {
	var parts []string
	for _, m := range ms {
		var w []string
		for _, t := range ts[m.Start:m.End] {
			w = append(w, t.Form)
		}
		s := strings.Join(w, " ") + "=" + m.Code
		if m.Fuzzy {
			s += "~"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " | ")
}

func TestMatchActors(t *testing.T) {
	d := loadTest(t)
	tests := []struct {
		name, text, date, want string
	}{
		{"leftmost-longest", "the Russian Federation and Russia", "2021-12-07", "Russian Federation=RUS | Russia=RUS"},
		{"demonym and agent", "Ukrainian troops entered Kharkiv", "2022-03-01", "Ukrainian=UKR | troops=MIL | Kharkiv=UKR"},
		{"possessive", "Russia's Deputy Foreign Minister Sergei Ryabkov said", "2021-12-07", "Russia=RUS | Deputy Foreign Minister=GOV | Sergei Ryabkov=RUSGOV"},
		{"caps only US", "the US told us", "2021-12-07", "US=USA"},
		{"caps only lower", "tell us about it", "2021-12-07", ""},
		{"mixed-case acronym", "LeT and LET but let it be", "2021-12-07", "LeT=PAKREBLET | LET=PAKREBLET"},
		{"dotted acronym", "the U.S. and the U.N.", "2021-12-07", "U.S.=USA | U.N.=IGOUNO"},
		{"diacritics fold", "Erdoğan and Erdogan and ERDOGAN", "2021-12-07", "Erdoğan=TURGOV | Erdogan=TURGOV | ERDOGAN=TURGOV"},
		{"diacritic country", "Türkiye and Turkiye", "2021-12-07", "Türkiye=TUR | Turkiye=TUR"},
		{"title then person", "President Putin warned", "2021-12-07", "President=GOV | Putin=RUSGOV"},
		{"Putin 2010", "Vladimir Putin met", "2010-06-01", "Vladimir Putin=RUSGOV"},
		{"Biden 2019 not GOV", "Joe Biden spoke", "2019-06-01", "Joe Biden=USAELI"},
		{"Biden 2022", "Joe Biden spoke", "2022-06-01", "Joe Biden=USAGOV"},
		{"initial listed", "Joseph R. Biden spoke", "2022-06-01", "Joseph R. Biden=USAGOV"},
		{"initial skipped", "Joe R. Biden spoke", "2022-06-01", "Joe R. Biden=USAGOV"},
		{"surname key unique", "Biden spoke", "2022-06-01", "Biden=USAGOV"},
		{"surname key ambiguous all time, one active", "Johnson spoke", "2020-06-01", "Johnson=GBRGOV"},
		{"surname key ambiguous none active", "Johnson spoke", "2023-06-01", ""},
		{"surname lower case", "the biden plan", "2022-06-01", ""},
		{"listed name lower case", "a putin moment", "2022-06-01", ""},
		{"particle lower case", "al-Assad", "2020-06-01", "al - Assad=SYRGOV"},
		{"all lower case person", "al-assad", "2020-06-01", ""},
		{"particle surname", "von der Leyen said", "2022-06-01", "von der Leyen=IGOEU"},
		{"hyphen surname split", "al - Assad said", "2020-06-01", "al - Assad=SYRGOV"},
		{"outside term no default", "Bashar al-Assad fled", "2025-06-01", "Bashar al - Assad=SYR"},
		{"fuzzy transposition", "Deputy Foreign Minister Sergei Rybakov said", "2021-12-07", "Deputy Foreign Minister=GOV | Sergei Rybakov=RUSGOV~"},
		{"fuzzy surname", "NATO Secretary-General Stotenberg", "2021-12-07", "NATO=IGOWSTNAT | Secretary - General=GOV | Stotenberg=IGOWSTNAT~"},
		{"fuzzy full name", "Jens Stotenberg", "2021-12-07", "Jens Stotenberg=IGOWSTNAT~"},
		{"fuzzy inside an unknown name refused", "Ganjar Rybakov said", "2021-12-07", ""},
		{"fuzzy before an unknown name refused", "Rybakov Tima said", "2021-12-07", ""},
		{"fuzzy after a title", "Minister Rybakov said", "2021-12-07", "Minister=GOV | Rybakov=RUSGOV~"},
		{"fuzzy edit at the end refused", "Ryabkova said", "2021-12-07", ""},
		{"fuzzy lower case refused", "the stotenberg", "2021-12-07", ""},
		{"fuzzy inactive person refused", "Rybakov said", "2005-01-01", ""},
		{"surname that is a month", "In May the Prime Minister", "2018-06-01", "Minister=GOV"},
		{"full name of that person", "Theresa May resigned", "2019-06-01", "Theresa May=GBRGOV"},
		{"hyphenated given name is no surname", "Ahn said", "2016-06-01", ""},
		{"given name of another person is no surname", "Ahmed said", "2020-06-01", ""},
		{"full name still matches", "Abiy Ahmed said", "2020-06-01", "Abiy Ahmed=ETHGOV"},
		{"short surname not derived", "Kim Jong Un met Un", "2020-06-01", "Kim Jong Un=PRKGOV"},
		{"capitalised agent", "Labour won but labour costs rose", "2021-12-07", "Labour=PTY"},
		{"metonym", "the Kremlin and the White House", "2021-12-07", "Kremlin=RUS | White House=USA"},
		{"variant transliteration", "Zelenskyy and Zelenskiy", "2022-03-01", "Zelenskyy=UKRGOV | Zelenskiy=UKRGOV"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := toks(tt.text)
			got := render(ts, d.MatchActors(nil, ts, day(tt.date)))
			if got != tt.want {
				t.Errorf("%q at %s:\n got %q\nwant %q", tt.text, tt.date, got, tt.want)
			}
		})
	}
}

// TestSurnameAfterGivenName: a surname alone stands for its person only
// when no other given name is written right before it.
func TestSurnameAfterGivenName(t *testing.T) {
	d := loadTest(t)
	tag := func(s string, upos ...redline.UPOS) []redline.Token {
		ts := toks(s)
		for i := range upos {
			ts[i].UPOS = upos[i]
		}
		return ts
	}
	P, C, N := redline.PROPN, redline.CCONJ, redline.NOUN
	tests := []struct {
		name string
		ts   []redline.Token
		want string
	}{
		{"another given name", toks("and Hunter Biden spoke"), ""},
		{"another given name, other person", toks("said Breonna Stoltenberg"), ""},
		{"title matched before", toks("and President Biden spoke"), "President=GOV | Biden=USAGOV"},
		{"honorific", toks("said Mr. Biden"), "Biden=USAGOV"},
		{"honorific without a period", toks("said Sen Biden"), "Biden=USAGOV"},
		{"lower-case word before", toks("when Biden spoke"), "Biden=USAGOV"},
		{"the person's own given name", toks("said Gen. Ahmed Chaudhry"), "Chaudhry=PAKMIL"},
		{"middle initial of another name", toks("and Jill T. Biden spoke"), ""},
		{"sentence start untagged", toks("Hunter Biden spoke"), "Biden=USAGOV"},
		{"sentence start tagged proper noun", tag("Hunter Biden spoke", P, P), ""},
		{"sentence start tagged conjunction", tag("But Biden spoke", C, P), "Biden=USAGOV"},
		{"capitalised common noun", tag("and Democrat Biden spoke", C, N, P), "Biden=USAGOV"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(tt.ts, d.MatchActors(nil, tt.ts, day("2022-06-01")))
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestSurnamesInDocument: once a story has written a surname after
// another given name, its bare surname stays that other person.
func TestSurnamesInDocument(t *testing.T) {
	d := loadTest(t)
	date := day("2022-06-01")
	var seen Surnames
	for _, tt := range []struct{ text, want string }{
		{"Biden spoke", "Biden=USAGOV"},
		{"said chairman Hunter Biden", ""},
		{"Biden said", ""},
		{"and President Biden spoke", "President=GOV"},
		{"Joe Biden spoke", "Joe Biden=USAGOV"},
		{"Stoltenberg said", "Stoltenberg=IGOWSTNAT"},
	} {
		ts := toks(tt.text)
		if got := render(ts, d.MatchActorsIn(nil, ts, date, &seen)); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
	seen.Reset()
	ts := toks("Biden said")
	if got := render(ts, d.MatchActorsIn(nil, ts, date, &seen)); got != "Biden=USAGOV" {
		t.Errorf("after Reset: got %q", got)
	}
}

func TestMatchLemma(t *testing.T) {
	d := loadTest(t)
	// "leaders" is not listed; the tagger's lemma "leader" is.
	ts := []redline.Token{{Form: "Russian", Lower: "russian"}, {Form: "leaders", Lower: "leaders", Lemma: "leader"}}
	if got := render(ts, d.MatchActors(nil, ts, day("2021-12-07"))); got != "Russian=RUS | leaders=GOV" {
		t.Errorf("got %q", got)
	}
	// A text stage that keeps hyphenated words whole.
	ts = []redline.Token{{Form: "Bashar", Lower: "bashar"}, {Form: "al-Assad", Lower: "al-assad"}}
	if got := render(ts, d.MatchActors(nil, ts, day("2020-01-01"))); got != "Bashar al-Assad=SYRGOV" {
		t.Errorf("got %q", got)
	}
	// A tagger that says the token is a common noun vetoes fuzzy matching.
	ts = []redline.Token{{Form: "Rybakov", Lower: "rybakov", UPOS: redline.NOUN}}
	if got := d.MatchActors(nil, ts, day("2021-12-07")); len(got) != 0 {
		t.Errorf("fuzzy match on a NOUN: %v", got)
	}
}

func TestLookup(t *testing.T) {
	d := loadTest(t)
	tests := []struct{ name, date, want string }{
		{"Putin", "2010-01-01", "RUSGOV"},
		{"Vladimir Putin", "1990-01-01", "RUS"},
		{"Biden", "2019-01-01", "USAELI"},
		{"Russian troops", "2022-01-01", "RUSMIL"},
		{"the Russian leader", "2022-01-01", "RUSGOV"},
		{"NATO troops", "2022-01-01", "IGOWSTNATMIL"},
		{"President Putin", "2022-01-01", "RUSGOV"},
		{"Russia's Deputy Foreign Minister Sergei Ryabkov", "2022-01-01", "RUSGOV"},
		{"Nobody Atall", "2022-01-01", ""},
		{"Russia Ukraine", "2022-01-01", ""},
	}
	for _, tt := range tests {
		m, ok := d.Lookup(tt.name, day(tt.date))
		if got := m.Code; got != tt.want || ok != (tt.want != "") {
			t.Errorf("Lookup(%q, %s) = %q, %v; want %q", tt.name, tt.date, got, ok, tt.want)
		}
	}
}

func TestCombineCodes(t *testing.T) {
	tests := []struct{ country, agent, want string }{
		{"UKR", "MIL", "UKRMIL"},
		{"RUS", "GOV", "RUSGOV"},
		{"RUSGOV", "GOV", "RUSGOV"},
		{"USAGOV", "MIL", "USAGOVMIL"},
		{"IGOWSTNAT", "MIL", "IGOWSTNATMIL"},
		{"FRA", "NGO", "NGOFRA"},
		{"IGOUNO", "NGO", "IGOUNONGO"},
		{"", "MIL", "MIL"},
		{"RUS", "", "RUS"},
		{"RUS", "GOVFRM", "RUSGOVFRM"},
		{"RUSGOV", "GOVFRM", "RUSGOVFRM"},
	}
	for _, tt := range tests {
		if got := CombineCodes(tt.country, tt.agent); got != tt.want {
			t.Errorf("CombineCodes(%q, %q) = %q, want %q", tt.country, tt.agent, got, tt.want)
		}
	}
}

func TestPatterns(t *testing.T) {
	d := loadTest(t)
	ps := d.Patterns("threaten", false)
	if len(ps) != 2 || ps[0].Code != "1312" || ps[1].Code != "130" {
		t.Fatalf("threaten patterns = %v", ps)
	}
	if got := strings.Join(ps[0].Items[0], "|"); got != "sanction|embargo|boycott|restriction" {
		t.Errorf("synset items = %q", got)
	}
	ps = d.Patterns("impose", false)
	if len(ps) != 1 || strings.Join(ps[0].TargetPreps, "|") != "on|against" {
		t.Errorf("impose = %+v", ps)
	}
	ps = d.Patterns("talk", true)
	if len(ps) != 1 || !ps[0].Noun || ps[0].Code != "046" || ps[0].TargetPreps[0] != "with" {
		t.Errorf("n:talk = %+v", ps)
	}
	if d.Patterns("talk", false) != nil {
		t.Error("verb talk has no patterns")
	}
	ps = d.Patterns("sign", false)
	if len(ps) != 1 || len(ps[0].Items) != 2 || len(ps[0].Items[1]) != 3 {
		t.Errorf("sign = %+v", ps)
	}
	if ps[0].File != "verbs/verbs.txt" || ps[0].Line != 7 {
		t.Errorf("position = %s:%d", ps[0].File, ps[0].Line)
	}
	for _, w := range []string{"invade", "talk", "warn"} {
		if !d.IsPredicate(w) {
			t.Errorf("IsPredicate(%q) = false", w)
		}
	}
	if d.IsPredicate("table") {
		t.Error("IsPredicate(table) = true")
	}
}

func TestAddOverrides(t *testing.T) {
	d := loadTest(t)
	extra, err := ReadOurs("extra.txt", strings.NewReader("!kind country\nRUX: Russia\n130 warn\n013 warn\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	d.Add(extra)
	if m, _ := d.Lookup("Russia", day("2022-01-01")); m.Code != "RUX" {
		t.Errorf("after Add, Russia = %q, want RUX", m.Code)
	}
	if m, _ := d.Lookup("Ukraine", day("2022-01-01")); m.Code != "UKR" {
		t.Errorf("after Add, Ukraine = %q, want UKR", m.Code)
	}
	ps := d.Patterns("warn", false)
	if len(ps) != 1 || ps[0].Code != "013" {
		t.Errorf("warn after Add = %+v", ps)
	}
}

func TestMatchActorsNoAlloc(t *testing.T) {
	d := loadTest(t)
	ts := toks("Russia's Deputy Foreign Minister Sergei Rybakov warned Jens Stotenberg that Ukrainian troops in Kyiv and Türkiye's Erdoğan")
	dst := make([]ActorMatch, 0, 32)
	allocs := testing.AllocsPerRun(100, func() {
		dst = d.MatchActors(dst[:0], ts, day("2021-12-07"))
	})
	if allocs != 0 {
		t.Errorf("MatchActors allocates %.1f times per sentence", allocs)
	}
	if len(dst) < 7 {
		t.Errorf("only %d matches: %s", len(dst), render(ts, dst))
	}
}

// TestMatchConcurrent matches from several goroutines at once, the first
// fuzzy look-up building the index (run with -race to check).
func TestMatchConcurrent(t *testing.T) {
	d := loadTest(t)
	ts := toks("Jens Stotenberg met Sergei Rybakov and Russian troops")
	want := render(ts, d.MatchActors(nil, ts, day("2021-12-07")))
	d = loadTest(t)
	done := make(chan string)
	for range 4 {
		go func() { done <- render(ts, d.MatchActors(nil, ts, day("2021-12-07"))) }()
	}
	for range 4 {
		if got := <-done; got != want {
			t.Errorf("concurrent match %q, want %q", got, want)
		}
	}
}
