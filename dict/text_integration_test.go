package dict

import (
	"os"
	"strings"
	"testing"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/text"
)

// TestCrisisArticle runs the text stage and the default dictionaries over
// the shared crisis article and prints every actor found (go test -v).
func TestCrisisArticle(t *testing.T) {
	p := sharedPath(t, "examples", "crisis-2021-12.txt")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Default()
	if err != nil {
		t.Skipf("defaults do not load: %v", err)
	}
	doc := &redline.Doc{Text: string(b), Date: day("2021-12-10")}
	text.Segment(doc)
	var all []string
	for i := range doc.Sentences {
		ts := doc.SentenceTokens(i)
		for _, m := range d.MatchActors(nil, ts, doc.Date) {
			var w []string
			for _, x := range ts[m.Start:m.End] {
				w = append(w, x.Form)
			}
			s := strings.Join(w, " ") + "=" + m.Code
			if m.Fuzzy {
				s += "~"
			}
			all = append(all, s)
		}
	}
	t.Log(strings.Join(all, " | "))
	got := map[string]bool{}
	for _, s := range all {
		got[s] = true
	}
	want := []string{"Vladimir Putin=RUSGOV", "Joe Biden=USAGOV", "Putin=RUSGOV", "Biden=USAGOV",
		"Russian Federation=RUS", "U.S.=USA", "NATO=IGOWSTNAT", "Sergei Rybakov=RUSGOV~", "Rybakov=RUSGOV~"}
	if _, ok := d.Lookup("Jens Stoltenberg", doc.Date); ok {
		want = append(want, "Jens Stotenberg=IGOWSTNAT~")
	} else {
		t.Log("the defaults do not list Jens Stoltenberg yet: Stotenberg not checked")
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("no %s in the crisis article", w)
		}
	}
}
