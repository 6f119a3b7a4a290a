package dict

import (
	"strings"
	"testing"
	"time"

	"github.com/redline-events/redline"
)

// fuzzMatch runs the matcher over the fuzzed text so that any entry a
// reader accepted is also safe to compile and match.
func fuzzMatch(t *testing.T, d *Dictionary, text string) {
	d.compile()
	var ts []redline.Token
	for _, w := range strings.Fields(text) {
		ts = append(ts, redline.Token{Form: w, Lower: strings.ToLower(w), Lemma: strings.ToLower(w)})
	}
	for _, m := range d.MatchActors(nil, ts, time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)) {
		if m.Start < 0 || m.End > len(ts) || m.Start >= m.End {
			t.Fatalf("bad match span %d..%d of %d tokens", m.Start, m.End, len(ts))
		}
	}
	d.Lookup(text, time.Time{})
	for _, p := range d.AllPatterns() {
		if !p.Code.Valid() || p.Head == "" {
			t.Fatalf("pattern with code %q head %q", p.Code, p.Head)
		}
	}
}

func FuzzReadOurs(f *testing.F) {
	for _, s := range []string{
		"!kind country\nRUS: Russia; Russian Federation\n",
		"!kind person\nVladimir Putin; Putin\n  RUSGOV 2012-05-07..\n  RUSELI\n",
		"&SANCTION = sanction | embargo\n163 impose &SANCTION {on|against}\n046 n:talk {with}\n",
		"!kind agent\nMIL: troops; army\n",
		"130 warn|threaten\n  RUSGOV ..2000\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ReadOurs("people/f.txt", strings.NewReader(s), Options{Lenient: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range d.Warnings {
			if !strings.HasPrefix(w.Error(), "people/f.txt:") {
				t.Fatalf("warning without file:line: %v", w)
			}
		}
		for _, e := range d.Entries() {
			if len(e.Names) == 0 {
				t.Fatal("entry without names")
			}
		}
		fuzzMatch(t, d, s)
	})
}

func FuzzPetrarchActors(f *testing.F) {
	for _, s := range []string{
		"AFGHANISTAN_  [AFG]\n+AFGHAN_\n",
		"GOLLUM\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > 990816]\n",
		"JAVIER_DE_CUELLAR_\t[IGOUNO 820101-911231] [ELI]# x\n",
		"<!-- c -->\nLORIEN  [ELR/GAL]\nX [---]\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := &Dictionary{}
		d.readPetrActors("f.actors", []byte(s))
		fuzzMatch(t, d, s)
	})
}

func FuzzPetrarchAgents(f *testing.F) {
	for _, s := range []string{
		"!PERSON! = MAN, MEN\nBUSINESS!PERSON! [~BUS]\n",
		"POLICE {} [ ~COP]\nGOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]\nHUMAN_RIGHTS_BODY [NGO~]\n",
		"!A! = !A!\nX!A! [~GOV]\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := &Dictionary{}
		d.readPetrAgents("f.agents", []byte(s))
		fuzzMatch(t, d, s)
	})
}

func FuzzPetrarchVerbs(f *testing.F) {
	for _, s := range []string{
		"&CEASEFIRE\n+TRUCE\n+CEASE_FIRE\n--- ARRANGE [---] ---\nARRANGE\nSTAGE {STAGES}\n- * &CEASEFIRE [0356]\n- * (AGAINST +) [190]\n",
		"--- ASK [020] ---\n+ASK_FOR {+ASKED_FOR} [020]\n- $ * (TO) ^ + [042:043]\n- * {A B} (OF C) [:173]\n~ a (a b X) SAY = a b 015\n",
		"--- X [---] ---\nX\n- * ( ) + ) ( [010]\n- * ) + [010]\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := &Dictionary{}
		d.readPetrVerbs("f.verbs", []byte(s))
		d.resolvePatterns()
		fuzzMatch(t, d, s)
	})
}

func FuzzPetrarchIssuesDiscards(f *testing.F) {
	f.Add("<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\nn:teacher [TEACHERS]\n~a head start\n</ISSUE>\n")
	f.Add("+Manchester United # x\nMONTHS LATER\n")
	f.Fuzz(func(t *testing.T, s string) {
		d := &Dictionary{}
		d.readPetrIssues("f.issues", []byte(s))
		d.readPetrDiscards("f.discards", []byte(s))
		d.compile()
		d.MatchDiscard([]redline.Token{{Form: s, Lower: strings.ToLower(s)}})
		DetectFormat([]byte(s))
	})
}
