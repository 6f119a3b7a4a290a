package dict

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/data"
	"github.com/redline-events/redline/text"
)

// A change to how dictionaries are loaded or compiled must not change what
// they match. The dictionary data changes under other hands, so no golden
// file can hold the answer; instead the test dumps every observable result
// for the current data with the code before the change (-equiv.record) and
// compares the dump made with the code after it (-equiv.compare):
//
//	go test ./dict -run TestMatchingUnchanged -equiv.record /tmp/dict-before.txt
//	(change the code)
//	go test ./dict -run TestMatchingUnchanged -equiv.compare /tmp/dict-before.txt
//
// -equiv.corpus DIR adds the inputs of a fuzz corpus of FuzzReadOurs (such
// as $(go env GOCACHE)/fuzz/.../FuzzReadOurs) to the comparison, for the
// paths that only malformed files take.
var (
	equivRecord  = flag.String("equiv.record", "", "write the matching dump of the current code to `file`")
	equivCompare = flag.String("equiv.compare", "", "compare the matching dump of the current code with `file`")
	equivCorpus  = flag.String("equiv.corpus", "", "also compare ReadOurs on the fuzz corpus files in `dir`")
)

// malformedDict has a bit of everything a reader may reject or repair.
const malformedDict = `!kind person
Vladimir Putin; Putin;;  V.  Putin
  RUSGOV 2012-05-07..
  RUSGOV 2012-13..
  RUSGOV 00A0-01..
  RUSGOV 2012-02-30..2013
  RUSGOV 2012-02-29..2013-02
  RUSGOV 2014..2012
  RUSELI
  RUSGOV 2000..2001 extra
  rusgov 2000..
  RU 2000..
  USA 2000
  USA 2000..2001-00
!kind bogus
!what now
X:
USA: ;;
usa: foo
   indented outside
!kind country
FRA: France ;  French	Republic
130
999 foo
130 warn {}
130 warn {|}
130 warn {on} {at|in} x|y
130 &NOPE x
130 warn &NOPE
130 n:
130 {on}
&BAD
&EMPTY = |
&SYN = a | b  c
131 &SYN {on|&SYN} &SYN|z
!kind org
NATO: NATO; the Alliance
`

// equivDates are the dates every name is looked up at: none (the undated
// reading), and dates across the people's terms.
var equivDates = []time.Time{{}, day("2003-03-20"), day("2012-06-01"), day("2019-07-01"),
	day("2021-12-10"), day("2025-06-01")}

func TestMatchingUnchanged(t *testing.T) {
	if *equivRecord == "" && *equivCompare == "" {
		t.Skip("needs -equiv.record FILE or -equiv.compare FILE (see equiv_test.go)")
	}
	var b strings.Builder
	d, err := Load(data.Dict(), Options{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	dumpDictionary(&b, "default", d)
	dumpVOA(t, &b, d)

	// --dict on top of the defaults: overriding and new names, merged.
	extra, err := ReadOurs("extra.txt", strings.NewReader(
		"!kind org\nIGOWSTNAT: the Alliance; NATO\n!kind person\nJens Stoltenberg\n    NORGOV 2025..\n"+
			"!kind country\nUKR: Ukrainia\n010 blorp\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	d2, err := Load(data.Dict(), Options{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	d2.Add(extra)
	dumpDictionary(&b, "default+extra", d2)

	if _, err := os.Stat(shared); err == nil {
		dir := shared + "/petrarch/"
		pd, err := LoadPetrarch(PetrarchFiles{
			Verbs:  []string{dir + "CAMEO.2.0.txt"},
			Actors: []string{dir + "Phoenix.Countries.actors.txt", dir + "Phoenix.International.actors.txt", dir + "Phoenix.MilNonState.actors.txt"},
			Agents: []string{dir + "Phoenix.agents.txt"}, Discards: []string{dir + "Phoenix.discards.txt"},
			Issues: []string{dir + "Phoenix.IssueCoding.txt"},
		}, Options{Lenient: true})
		if err != nil {
			t.Fatal(err)
		}
		dumpDictionary(&b, "petrarch", pd)
		dumpVOA(t, &b, pd)
	} else {
		t.Logf("%s absent: PETRARCH dictionaries and VOA sentences not compared", shared)
	}

	var inputs []string
	inputs = append(inputs, malformedDict)
	if *equivCorpus != "" {
		files, err := filepath.Glob(filepath.Join(*equivCorpus, "*"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			_, arg, _ := strings.Cut(string(raw), "\nstring(")
			if in, err := strconv.Unquote(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(arg), ")"))); err == nil {
				inputs = append(inputs, in)
			}
		}
	}
	for i, in := range inputs {
		for _, name := range []string{"people/f.txt", "f.txt"} {
			x, err := ReadOurs(name, strings.NewReader(in), Options{Lenient: true})
			if err != nil {
				t.Fatal(err)
			}
			dumpDictionary(&b, fmt.Sprintf("input %d as %s", i, name), x)
			for _, w := range x.Warnings {
				fmt.Fprintf(&b, "W %v\n", w)
			}
		}
	}

	got := b.String()
	if *equivRecord != "" {
		if err := os.WriteFile(*equivRecord, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %d lines to %s", strings.Count(got, "\n"), *equivRecord)
	}
	if *equivCompare != "" {
		want, err := os.ReadFile(*equivCompare)
		if err != nil {
			t.Fatal(err)
		}
		compareDumps(t, string(want), got)
	}
}

// compareDumps reports the first differing lines of two dumps.
func compareDumps(t *testing.T, want, got string) {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	bad := 0
	for i := 0; i < max(len(wl), len(gl)) && bad < 20; i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			t.Errorf("line %d:\n was %q\n now %q", i+1, w, g)
			bad++
		}
	}
	if bad == 0 {
		t.Logf("%d lines identical", len(gl))
	}
}

// dumpDictionary writes what d holds and how it answers: its entries and
// patterns, Lookup of every name (and of a misspelling of every long name,
// which goes through the fuzzy index) at each date, Patterns and
// IsPredicate of every head, and Stats.
func dumpDictionary(w io.Writer, label string, d *Dictionary) {
	fmt.Fprintf(w, "== %s\n%s\nwarnings %d\n", label, d.Stats(), len(d.Warnings))
	for i, e := range d.Entries() {
		fmt.Fprintf(w, "E %d %s %q %q %v %v %s:%d L%d\n", i, e.Kind, e.Code, e.Names, e.Roles, e.Caseless,
			e.File, e.Line, d.layers[i])
	}
	for _, e := range d.Discards() {
		fmt.Fprintf(w, "D %q %q\n", e.Code, e.Names)
	}
	seen := map[string]bool{}
	lookup := func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		for _, date := range equivDates {
			m, ok := d.Lookup(name, date)
			fmt.Fprintf(w, "L %q %s %v %+v\n", name, date.Format(time.DateOnly), ok, m)
		}
	}
	for _, e := range d.Entries() {
		for _, n := range e.Names {
			lookup(n)
			lookup(strings.ToUpper(n))
			if m := misspell(n); m != "" {
				lookup(m)
			}
		}
	}
	heads := map[headKey]bool{}
	for _, p := range d.AllPatterns() {
		fmt.Fprintf(w, "P %s %q %v %q %q %s:%d\n", p.Code, p.Head, p.Noun, p.Items, p.TargetPreps, p.File, p.Line)
		heads[headKey{p.Head, p.Noun}] = true
	}
	for _, p := range d.AllPatterns() {
		for _, noun := range []bool{false, true} {
			k := headKey{p.Head, noun}
			if !heads[k] {
				continue
			}
			delete(heads, k)
			fmt.Fprintf(w, "H %q %v %v:", p.Head, noun, d.IsPredicate(p.Head))
			for _, q := range d.Patterns(p.Head, noun) {
				fmt.Fprintf(w, " %s:%d", q.File, q.Line)
			}
			fmt.Fprintln(w)
		}
	}
}

// misspell returns name with two letters of its longest word swapped in
// the middle, or "" when no word is long enough to be matched fuzzily.
func misspell(name string) string {
	f := strings.Fields(name)
	best := -1
	for i, x := range f {
		if utf8.RuneCountInString(x) >= minFuzzyLen && (best < 0 || len(x) > len(f[best])) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	r := []rune(f[best])
	k := len(r) / 2
	r[k-1], r[k] = r[k], r[k-1]
	f[best] = string(r)
	return strings.Join(f, " ")
}

// dumpVOA writes the actor matches, discards and predicates of every
// sentence of the VOA sample as the text stage segments it, at the story's
// date and undated, as written and in lower case.
func dumpVOA(t *testing.T, w io.Writer, d *Dictionary) {
	p := sharedPath(t, "corpus", "voa", "voa_stories.jsonl")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	var ms []ActorMatch
	for sc.Scan() {
		var story struct{ Text, Published string }
		if err := json.Unmarshal(sc.Bytes(), &story); err != nil {
			t.Fatal(err)
		}
		date, _ := time.Parse(time.DateOnly, strings.Fields(story.Published + " x")[0])
		doc := &redline.Doc{Text: story.Text, Date: date}
		text.Segment(doc)
		for i := range doc.Sentences {
			toks := doc.SentenceTokens(i)
			lower := make([]redline.Token, len(toks))
			for k, x := range toks {
				lower[k] = redline.Token{Form: x.Lower, Lower: x.Lower}
			}
			for _, ts := range [][]redline.Token{toks, lower} {
				for _, dt := range []time.Time{date, {}} {
					ms = d.MatchActors(ms[:0], ts, dt)
					fmt.Fprintf(w, "S %d %s %+v\n", i, dt.Format(time.DateOnly), ms)
				}
				s, e, story, ok := d.MatchDiscard(ts)
				fmt.Fprintf(w, "X %d %d %v %v\n", s, e, story, ok)
			}
			var preds []string
			for _, x := range toks {
				if d.IsPredicate(x.Lower) {
					preds = append(preds, fmt.Sprintf("%s/%d/%d", x.Lower, len(d.Patterns(x.Lower, false)), len(d.Patterns(x.Lower, true))))
				}
			}
			fmt.Fprintf(w, "V %v\n", preds)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}
