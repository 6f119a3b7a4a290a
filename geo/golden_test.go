package geo

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/redline-events/redline"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// goldenSentences are written for these tests: one event each, its
// predicate after the '|'.
var goldenSentences = []string{
	"Gunmen attacked a police station in Kalat on Sunday.|attacked",
	"Militants attacked a train in Balochistan.|attacked",
	"Gunmen killed five soldiers in Pakistan's restive southwestern Balochistan province.|killed",
	"The foreign ministers met in Jeddah, Saudi Arabia, on Thursday.|met",
	"Shelling hit the outskirts of Kharkiv overnight.|hit",
	"Russian forces shelled Kherson again.|shelled",
	"Protesters gathered in Paris, Texas, on Saturday.|gathered",
	"Al-Shabab fighters stormed a hotel in the Somali city of Beledweyne.|stormed",
	"The two leaders met on the sidelines of the summit in Geneva.|met",
	"The United States imposed new sanctions on Moscow.|imposed",
	"Troops clashed with rebels near the Cameroon border.|clashed",
	"An airstrike killed 12 people in the Gaza Strip.|killed",
	"Rebels captured the town of Goma in eastern Congo.|captured",
}

// TestLocateGolden keeps Locate's full output on sentences in
// testdata/locate.golden; run with -update after a deliberate change.
func TestLocateGolden(t *testing.T) {
	g := gaz(t)
	var b strings.Builder
	for _, line := range goldenSentences {
		s, verb, _ := strings.Cut(line, "|")
		d := analyze(t, s)
		p, ok := g.Locate(d.SentenceTokens(0), predicate(t, d, verb), nil)
		out := "-"
		if ok {
			j, err := json.Marshal(p)
			if err != nil {
				t.Fatal(err)
			}
			out = string(j)
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\n", s, verb, out)
	}
	const path = "testdata/locate.golden"
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("Locate output differs from %s (run with -update if intended):\n%s", path, diffLines(string(want), got))
	}
}

func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			fmt.Fprintf(&b, "- %s\n+ %s\n", a, c)
		}
	}
	return b.String()
}

func TestDocContext(t *testing.T) {
	g := gaz(t)
	d := analyze(t, "Police arrested two men in Paris on Friday.")
	v := predicate(t, d, "arrested")
	var ctx DocContext
	if p, _ := g.Locate(d.SentenceTokens(0), v, &ctx); p.Country != "FRA" {
		t.Errorf("without context: %+v, want Paris, France", p)
	}
	if _, ok := g.Note(&ctx, "Texas"); !ok {
		t.Fatal("Texas is not in the gazetteer")
	}
	if p, _ := g.Locate(d.SentenceTokens(0), v, &ctx); p.Country != "USA" || p.ADM1 != "US-TX" {
		t.Errorf("in a story about Texas: %+v, want Paris, Texas", p)
	}
	if c, n := ctx.Main(); c != "USA" || n != 1 || ctx.Total() != 1 {
		t.Errorf("Main() = %s %d, Total %d", c, n, ctx.Total())
	}
	ctx.Reset()
	if c, n := ctx.Main(); c != "" || n != 0 {
		t.Errorf("after Reset: %s %d", c, n)
	}
	// More countries than the context holds: the least named give way.
	for i := 0; i < 40; i++ {
		ctx.AddCountry(fmt.Sprintf("C%02d", i))
	}
	ctx.AddCountry("UKR")
	ctx.AddCountry("UKR")
	if c, _ := ctx.Main(); c != "UKR" {
		t.Errorf("Main() = %s after overflow, want UKR", c)
	}
}

func BenchmarkLocate(b *testing.B) {
	g := gaz(b)
	d := analyze(b, strings.Join([]string{
		"Militants attacked a cross-country passenger train Tuesday in Pakistan's restive southwestern Balochistan province, taking many hostages.",
		"Security forces in Somalia say they killed all six attackers who laid siege to a hotel in the central town of Beledweyne.",
		"The G7 talks in Quebec follow U.S.-Ukraine talks in Jeddah, Saudi Arabia, where Ukraine said it is ready to accept a U.S. proposal.",
		"The United States imposed new sanctions on Moscow after the talks collapsed.",
	}, " "))
	var ctx DocContext
	ctx.AddCountry("PAK")
	b.ReportAllocs()
	b.ResetTimer()
	sentences := 0
	for i := 0; i < b.N; i++ {
		for si := range d.Sentences {
			toks := d.SentenceTokens(si)
			// One call per verb: more than the coder's events per sentence.
			for v := range toks {
				if toks[v].UPOS == redline.VERB {
					g.Locate(toks, v, &ctx)
				}
			}
			sentences++
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(sentences), "ns/sentence")
}

// BenchmarkContext is what coder/place.go does before each Locate: rebuild
// the document context from the coder's memory of at most 64 actors, here
// 64 place and country names.
func BenchmarkContext(b *testing.B) {
	g := gaz(b)
	names := []string{"Balochistan", "Quetta", "Pakistan", "Kalat", "Afghanistan", "Kabul", "Texas", "Sibi"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var ctx DocContext
		for k := 0; k < 64; k++ {
			g.Note(&ctx, names[k%len(names)])
		}
	}
}

func TestActorPlace(t *testing.T) {
	g := gaz(t)
	for _, tt := range []struct {
		actor *redline.Actor
		want  string
	}{
		{&redline.Actor{Code: "UKRMIL", Country: "UKR"}, "Ukraine"},
		{&redline.Actor{Code: "IGOWSTNAT"}, ""},
		{&redline.Actor{Code: "AFR", Country: "AFR"}, ""},
		{nil, ""},
	} {
		p, ok := g.ActorPlace(tt.actor)
		if ok != (tt.want != "") || p.Name != tt.want || ok && (p.How != "actor" || p.Kind != "country") {
			t.Errorf("ActorPlace(%+v) = %+v, %v; want %q", tt.actor, p, ok, tt.want)
		}
	}
}
