package dict

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// shared is where the project's shared data lives, relative to this package.
const shared = "../../shared"

func sharedPath(t testing.TB, parts ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{shared}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not present (shared data absent): %v", p, err)
	}
	return p
}

func TestPetrarchActors(t *testing.T) {
	tests := []struct {
		name, in string
		look     string
		date     string
		want     string
	}{
		{"inline code", "HAMAS [PSEREBHMS]\n", "Hamas", "2010-01-01", "PSEREBHMS"},
		{"underscores", "GAZA_CITY [PSEGZA]\n", "Gaza City", "2010-01-01", "PSEGZA"},
		{"synonym", "AUSTRALIA [AUS]\n+AUSTRALIAN\n", "Australian", "2010-01-01", "AUS"},
		{"lower-case code", "PALESTINIAN [pse]\n", "Palestinian", "2010-01-01", "PSE"},
		{"short name is not caps-only", "IRAN [IRN]\n", "Iran", "2010-01-01", "IRN"},
		{"date before", "GOLLUM\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > 990816]\n", "Smeagol", "1990-01-01", "HOB"},
		{"date range", "GOLLUM\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > 990816]\n", "Gollum", "1997-01-01", "HOBGOV"},
		{"date after", "GOLLUM\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > 990816]\n", "Gollum", "2005-01-01", "HOBREB"},
		{"narrowest range wins", "BILBO\n\t[ORCHOB 20100109-20100112]\n\t[HOBMIL 20080120-20121109]\n", "Bilbo", "2010-01-10", "ORCHOB"},
		{"undated default", "KOFI_ANNAN_\n\t[IGOUNO 970101-061231]\n\t[ELI]\n", "Kofi Annan", "2010-01-01", "ELI"},
		{"two codes on a line", "JAVIER_DE_CUELLAR_\t[IGOUNO 820101-911231] [ELI]\n", "Javier de Cuellar", "1985-01-01", "IGOUNO"},
		{"alternative codes", "LORIEN  [ELR/GAL]\n", "Lorien", "2010-01-01", "ELR"},
		{"comments", "<!-- a comment -->\nATHENS  [GRC] #JW   10/17/91\n", "Athens", "2010-01-01", "GRC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Dictionary{}
			if errs := d.readPetrActors("t.actors", []byte(tt.in)); len(errs) > 0 {
				t.Fatal(errs)
			}
			d.compile()
			m, _ := d.Lookup(tt.look, day(tt.date))
			if m.Code != tt.want {
				t.Errorf("Lookup(%q) = %q, want %q", tt.look, m.Code, tt.want)
			}
		})
	}
}

func TestPetrarchErrors(t *testing.T) {
	tests := []struct {
		name, in string
		read     func(*Dictionary, string, []byte) []error
		want     string
	}{
		{"actor bad date", "X_\n\t[ABC 2004017-20061201]\n", (*Dictionary).readPetrActors, "f.txt:2: date \"2004017\""},
		{"actor unclosed", "X_ [ABC\n", (*Dictionary).readPetrActors, "f.txt:1: unclosed ["},
		{"actor synonym first", "+X_\n", (*Dictionary).readPetrActors, "f.txt:1: synonym without an actor"},
		{"agent no code", "\nSOLDIER\n", (*Dictionary).readPetrAgents, "f.txt:2: agent line without [CODE]"},
		{"verb pattern outside", "- * TALKS [046]\n", (*Dictionary).readPetrVerbs, "f.txt:1: pattern outside a verb block"},
		{"verb pattern no code", "--- MEET [---] ---\nMEET\n- * TALKS\n", (*Dictionary).readPetrVerbs, "f.txt:3: pattern without [code]"},
		{"issue outside block", "n:teacher [TEACHERS]\n", (*Dictionary).readPetrIssues, "f.txt:1: issue phrase outside"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := tt.read(&Dictionary{}, "f.txt", []byte(tt.in))
			if len(errs) == 0 || !strings.HasPrefix(errs[0].Error(), tt.want) {
				t.Errorf("errors = %v, want one starting %q", errs, tt.want)
			}
			var le *LineError
			if len(errs) > 0 && !errors.As(errs[0], &le) {
				t.Errorf("error %v is not a *LineError", errs[0])
			}
		})
	}
}

func TestPetrarchAgents(t *testing.T) {
	in := `!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
!MINST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES
PRESIDENT [~GOV] # ns 6/26/01
POLICE {} [ ~COP] # JON 2/8/95
GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]
BUSINESS!PERSON! [~BUS]
!MINST!_OF_SILLY_WALKS [~GOV]
HUMAN_RIGHTS_BODY  [NGO~]
CITY [~CVL]
`
	d := &Dictionary{}
	if errs := d.readPetrAgents("a.txt", []byte(in)); len(errs) > 0 {
		t.Fatal(errs)
	}
	d.compile()
	tests := []struct{ name, want string }{
		{"president", "GOV"}, {"presidents", "GOV"}, {"police", "COP"}, {"polices", ""},
		{"golden geese", "GGS"}, {"businesswomen", "BUS"}, {"ministries of silly walks", "GOV"},
		{"human rights body", "NGO"}, {"cities", "CVL"}, {"French human rights body", ""},
	}
	for _, tt := range tests {
		m, _ := d.Lookup(tt.name, time.Time{})
		if m.Code != tt.want {
			t.Errorf("Lookup(%q) = %q, want %q", tt.name, m.Code, tt.want)
		}
	}
}

func TestPetrarchVerbs(t *testing.T) {
	in := `&CEASEFIRE
+TRUCE
+CEASE-FIRE
+CEASE_FIRE

---  ARRANGE   [---]  ---
ARRANGE
STAGE
- * &CEASEFIRE                                        [0356]        # ARRANGE
- * {MOCK ATTACK}                                     [062:062]     # STAGE
- * (ON ALERT)                                        [152]         # PUT
- * (AGAINST +)                                       [190]
- &MILITARY * EXERCISES                              [062]
- * (TO BORDER) $                                     [154]
- * DEMONSTRATION                                     [:141]
- * BUDGET                                            [---]
---  ASK   [---]  ---
+ASK_FOR {+ASKED_FOR +ASKING_FOR} [020]
REQUEST  [020]
- * SANCTIONS                                         [163]
--- ABANDON [080] ---
ABANDON
~ a (a b ATTACK) SAY = a b 015
`
	d := &Dictionary{}
	errs := d.readPetrVerbs("v.txt", []byte(in))
	errs = append(errs, d.resolvePatterns()...)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	d.compile()
	var got []string
	for _, p := range d.AllPatterns() {
		got = append(got, string(p.Code)+" "+patternKey(p))
	}
	sort.Strings(got)
	want := []string{
		"020 ask for",
		"020 request",
		"0356 arrange truce|cease-fire|cease fire",
		"0356 stage truce|cease-fire|cease fire",
		"062 arrange mock attack",
		"062 stage mock attack",
		"080 abandon",
		"152 arrange on alert",
		"152 stage on alert",
		"163 ask for sanctions|sanction",
		"163 request sanctions|sanction",
		"190 arrange {against}",
		"190 stage {against}",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("patterns:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantSkip := map[string]int{"words before the verb": 1, "source marker $": 1, "passive-only code [:X]": 1, "no code": 1, "transformation": 1}
	for k, v := range wantSkip {
		if d.Unconverted[k] != v {
			t.Errorf("Unconverted[%q] = %d, want %d (all: %v)", k, d.Unconverted[k], v, d.Unconverted)
		}
	}
}

func TestPetrarchValidationDicts(t *testing.T) {
	dir := sharedPath(t, "eval", "petr")
	f := func(n string) []string { return []string{filepath.Join(dir, n)} }
	d, err := LoadPetrarch(PetrarchFiles{
		Verbs: f("PETR_Validate_verbs_2_02.txt"), Actors: f("PETR_Validate_actors_2_02.txt"),
		Agents: f("PETR_Validate_agents_2_02.txt"), Discards: f("PETR_Validate_discards_2_02.txt"),
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Entries()) < 100 || len(d.AllPatterns()) < 300 {
		t.Errorf("validation dictionaries: %d entries, %d patterns", len(d.Entries()), len(d.AllPatterns()))
	}
	for _, tt := range []struct{ name, date, want string }{
		{"Hamas", "2010-01-01", "PSEREBHMS"},
		{"Israeli troops", "2010-01-01", "ISRMIL"},
		{"Gollum", "1997-01-01", "HOBGOV"},
		{"Zimbabwe", "1970-01-01", "RHO"},
	} {
		if m, _ := d.Lookup(tt.name, day(tt.date)); m.Code != tt.want {
			t.Errorf("Lookup(%q) = %q, want %q", tt.name, m.Code, tt.want)
		}
	}
	for _, fn := range []string{"PETR_Validate_verbs_2_02.txt", "PETR_Validate_actors_2_02.txt",
		"PETR_Validate_agents_2_02.txt", "PETR_Validate_discards_2_02.txt"} {
		b, _ := os.ReadFile(filepath.Join(dir, fn))
		want := map[string]Format{"verbs": FormatPetrarchVerbs, "actors": FormatPetrarchActors,
			"agents": FormatPetrarchAgents, "discards": FormatPetrarchDiscards}[strings.Split(fn, "_")[2]]
		if got := DetectFormat(b); got != want {
			t.Errorf("DetectFormat(%s) = %v, want %v", fn, got, want)
		}
	}
}

// TestPetrarchFull loads PETRARCH2's full dictionaries and logs the
// figures reported in the package notes.
func TestPetrarchFull(t *testing.T) {
	dir := sharedPath(t, "petrarch")
	f := func(ns ...string) (out []string) {
		for _, n := range ns {
			out = append(out, filepath.Join(dir, n))
		}
		return out
	}
	start := time.Now()
	d, err := LoadPetrarch(PetrarchFiles{
		Verbs:    f("CAMEO.2.0.txt"),
		Actors:   f("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"),
		Agents:   f("Phoenix.agents.txt"),
		Discards: f("Phoenix.discards.txt"),
		Issues:   f("Phoenix.IssueCoding.txt"),
	}, Options{Lenient: true})
	el := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	names := 0
	byKind := map[Kind]int{}
	for _, e := range d.Entries() {
		names += len(e.Names)
		byKind[e.Kind]++
	}
	t.Logf("PETRARCH2 full: %v; %d entries (%v), %d names, %d patterns, %d synsets, %d discards, %d issues, %d warnings; unconverted %v",
		el.Round(time.Millisecond), len(d.Entries()), byKind, names, len(d.AllPatterns()), len(d.Synsets()),
		len(d.Discards()), len(d.Issues()), len(d.Warnings), d.Unconverted)
	for i, w := range d.Warnings {
		if i < 10 {
			t.Logf("warning: %v", w)
		}
	}
	// About 0.3 s of CPU on the development machine (BenchmarkLoadPetrarchFull);
	// the wall-clock bound leaves room for a machine shared with other work.
	if el > 3*time.Second {
		t.Errorf("loading took %v, want under a second", el)
	}
	if len(d.Warnings) > 50 {
		t.Errorf("%d warnings", len(d.Warnings))
	}
	for _, tt := range []struct{ name, date, want string }{
		{"Afghanistan", "2010-01-01", "AFG"},
		{"NATO", "2010-01-01", "IGOWSTNAT"},
		{"Ban Ki-moon", "2010-01-01", "IGOUNO"},
	} {
		if m, _ := d.Lookup(tt.name, day(tt.date)); m.Code != tt.want {
			t.Errorf("Lookup(%q) = %q, want %q", tt.name, m.Code, tt.want)
		}
	}
}

// TestPetrarchOldVerbs loads PETRARCH-1's verb dictionary (TABARI-style
// blocks with codes on the block line and patterns without parentheses).
func TestPetrarchOldVerbs(t *testing.T) {
	p := sharedPath(t, "petrarch", "CAMEO.verbpatterns.150430.txt")
	d, err := LoadPetrarch(PetrarchFiles{Verbs: []string{p}}, Options{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("CAMEO.verbpatterns.150430: %d patterns, %d warnings, unconverted %v", len(d.AllPatterns()), len(d.Warnings), d.Unconverted)
	for i, w := range d.Warnings {
		if i < 5 {
			t.Log(w)
		}
	}
	if len(d.AllPatterns()) < 10000 || len(d.Warnings) > 20 {
		t.Errorf("%d patterns, %d warnings", len(d.AllPatterns()), len(d.Warnings))
	}
	found := false
	for _, pt := range d.Patterns("abandon", false) {
		if len(pt.Items) == 0 && pt.Code == "080" {
			found = true
		}
	}
	if !found {
		t.Error("ABANDON [080] block gave no bare pattern for abandon")
	}
}

func TestMatchDiscard(t *testing.T) {
	d := &Dictionary{}
	d.readPetrDiscards("d.txt", []byte("MONTHS LATER\n+Manchester United # football\n"))
	d.compile()
	tests := []struct {
		text       string
		start, end int
		story, ok  bool
	}{
		{"he came back months later", 3, 5, false, true},
		{"Manchester United won", 0, 2, true, true},
		{"Manchester City won", 0, 0, false, false},
	}
	for _, tt := range tests {
		s, e, story, ok := d.MatchDiscard(toks(tt.text))
		if s != tt.start || e != tt.end || story != tt.story || ok != tt.ok {
			t.Errorf("MatchDiscard(%q) = %d %d %v %v", tt.text, s, e, story, ok)
		}
	}
	var zero Dictionary
	if _, _, _, ok := zero.MatchDiscard(toks("months later")); ok || len(zero.MatchActors(nil, toks("Russia"), time.Time{})) != 0 || zero.IsPredicate("warn") {
		t.Error("zero Dictionary matched something")
	}
}
