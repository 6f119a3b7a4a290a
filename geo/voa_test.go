package geo_test

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/geo"
	"github.com/redline-events/redline/pipeline"
)

var (
	voaList  = flag.Int("voa", 0, "print the first N event places found in ../shared/corpus/voa, for judging by hand")
	voaVerbs = flag.Bool("voaverbs", false, "with -voa: print the places of every verb, not only of coded events")
	voaMiss  = flag.Bool("voamiss", false, "with -voa: print events left without a place whose sentence has a capitalised word after in/near/at")
)

const voaPath = "../../shared/corpus/voa/voa_stories.jsonl"

// TestVOAPlaces codes the VOA corpus, locates each event the way
// coder/place.go does (the document's actor countries and places so far as
// context) and checks that places are found at all and cheaply next to
// coding. With -voa N it prints the first N places for judging by hand.
func TestVOAPlaces(t *testing.T) {
	if testing.Short() {
		t.Skip("codes a corpus; skipped with -short")
	}
	f, err := os.Open(voaPath)
	if err != nil {
		t.Skipf("no VOA corpus at %s (the shared directory is absent): %v", voaPath, err)
	}
	defer f.Close()
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	g, err := geo.Default()
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	var coding, locating time.Duration
	events, located, printed := 0, 0, 0
	hows := map[string]int{}
	for sc.Scan() {
		var rec struct{ ID, Title, Text, Published string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		d := &redline.Doc{ID: rec.ID, Title: rec.Title, Text: rec.Text}
		d.Date, _ = time.Parse("2006-01-02", strings.Fields(rec.Published + " x")[0])
		start := time.Now()
		evs, err := p.Code(context.Background(), d)
		if err != nil {
			t.Fatal(err)
		}
		coding += time.Since(start)
		start = time.Now()
		var ctx geo.DocContext
		sent := -1
		seen := map[string]bool{}
		for i := range evs {
			ev := &evs[i]
			toks := d.SentenceTokens(ev.Sentence)
			if ev.Sentence != sent {
				// What the coder's memory holds: the actors named so far.
				for _, e := range evs {
					if e.Sentence == ev.Sentence {
						for _, a := range []*redline.Actor{e.Source, e.Target} {
							if a != nil && a.Country != "" {
								ctx.AddCountry(a.Country)
							}
						}
					}
				}
				sent = ev.Sentence
			}
			v := -1
			for k, tok := range toks {
				if tok.Start == ev.Evidence.VerbStart {
					v = k
				}
			}
			pl, ok := g.Locate(toks, v, &ctx)
			events++
			if !ok {
				if *voaMiss && printed < *voaList {
					for k := 0; k+1 < len(toks); k++ {
						if w := toks[k].Lower; (w == "in" || w == "near" || w == "at") && len(g.Lookup(toks[k+1].Form)) > 0 {
							printed++
							fmt.Printf("miss\t%s\t%s\t%q\n", ev.Evidence.Verb, toks[k+1].Form, ev.Evidence.Text)
							break
						}
					}
				}
				continue
			}
			located++
			hows[pl.How]++
			if pp := g.Lookup(pl.Name); len(pp) > 0 {
				ctx.AddCountry(pl.Country)
			}
			key := fmt.Sprint(ev.Sentence, pl.Name)
			if seen[key] {
				continue // one mention per sentence and place
			}
			seen[key] = true
			if printed < *voaList && !*voaVerbs && !*voaMiss {
				printed++
				fmt.Printf("%d\t%s\t%s\t%s\t%s/%s\t%q\n", printed, rec.ID, ev.Evidence.Verb, pl.Name, pl.Country, pl.ADM1, ev.Evidence.Text)
			}
		}
		locating += time.Since(start)
		if *voaVerbs {
			var ctx geo.DocContext
			for si := range d.Sentences {
				toks := d.SentenceTokens(si)
				for v := range toks {
					if toks[v].UPOS != redline.VERB {
						continue
					}
					pl, ok := g.Locate(toks, v, &ctx)
					if !ok {
						continue
					}
					ctx.AddCountry(pl.Country)
					key := fmt.Sprint(si, pl.Name)
					if seen[key] || printed >= *voaList {
						continue
					}
					seen[key] = true
					printed++
					fmt.Printf("%d\t%s\t%s\t%s\t%s/%s\t%q\n", printed, rec.ID, toks[v].Form, pl.Name, pl.Country, pl.ADM1, d.SentenceText(si))
				}
			}
		}
	}
	t.Logf("%d events, %d with a place in the text (%v); coding %v, locating %v (%.1f%%)",
		events, located, hows, coding, locating, 100*float64(locating)/float64(coding))
	if events > 100 && located*20 < events {
		t.Errorf("only %d of %d events located", located, events)
	}
	// The target is a tenth of coding (BenchmarkLocate and coder's
	// BenchmarkPlaceCost measure it); on a shared machine one run's timing
	// is noisy, so only a gross regression fails here.
	if locating > coding/4 {
		t.Errorf("locating took %v, more than a quarter of coding (%v)", locating, coding)
	}
}
