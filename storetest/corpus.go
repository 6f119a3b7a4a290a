// Package storetest is the test suite every redline.Store implementation
// passes (Run), and the synthetic corpus it and the stores' benchmarks use.
package storetest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/redline-events/redline"
)

// Actors of the synthetic corpus: codes, countries and names.
var Actors = []redline.Actor{
	{Code: "USAGOV", Country: "USA", Text: "Washington"},
	{Code: "USAMIL", Country: "USA", Text: "the Pentagon"},
	{Code: "RUSGOV", Country: "RUS", Text: "Moscow"},
	{Code: "RUSMIL", Country: "RUS", Text: "Russian troops"},
	{Code: "UKRGOV", Country: "UKR", Text: "Kyiv"},
	{Code: "UKRMIL", Country: "UKR", Text: "Ukrainian forces"},
	{Code: "CHNGOV", Country: "CHN", Text: "Beijing"},
	{Code: "IGOWSTNAT", Country: "IGO", Text: "NATO"},
	{Code: "FRA", Country: "FRA", Text: "France"},
	{Code: "DEUGOV", Country: "DEU", Text: "Berlin"},
}

// Places of the synthetic corpus: cities, divisions and countries, two of
// them either side of the antimeridian.
var Places = []redline.Place{
	{Name: "Kyiv", Country: "UKR", ADM1: "UA-30", Lat: 50.45, Lon: 30.52, How: "text", Kind: "city"},
	{Name: "Donetsk Oblast", Country: "UKR", ADM1: "UA-14", Lat: 48.0, Lon: 37.8, How: "text", Kind: "adm1"},
	{Name: "Mariupol", Country: "UKR", ADM1: "UA-14", Lat: 47.1, Lon: 37.55, How: "text", Kind: "city"},
	{Name: "Ukraine", Country: "UKR", Lat: 49.0, Lon: 32.0, How: "actor", Kind: "country"},
	{Name: "Moscow", Country: "RUS", ADM1: "RU-MOW", Lat: 55.75, Lon: 37.62, How: "text", Kind: "city"},
	{Name: "Beijing", Country: "CHN", ADM1: "CN-BJ", Lat: 39.9, Lon: 116.4, How: "document", Kind: "city"},
	{Name: "Washington", Country: "USA", ADM1: "US-DC", Lat: 38.9, Lon: -77.04, How: "text", Kind: "city"},
	{Name: "Paris", Country: "FRA", ADM1: "FR-IDF", Lat: 48.86, Lon: 2.35, How: "text", Kind: "city"},
	{Name: "Suva", Country: "FJI", ADM1: "FJ-C", Lat: -18.14, Lon: 178.44, How: "text", Kind: "city"},
	{Name: "Apia", Country: "WSM", ADM1: "WS-TU", Lat: -13.83, Lon: -171.77, How: "text", Kind: "city"},
}

// Codes of the synthetic corpus, across the four QuadClasses.
var Codes = []redline.Code{"010", "036", "042", "057", "061", "073", "112", "130", "138", "141", "173", "190", "193"}

// Epoch is the first day of the synthetic corpus.
var Epoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// CorpusOptions shape a synthetic corpus.
type CorpusOptions struct {
	Docs int
	// Days the event dates spread over, from Epoch.
	Days int
	// Sources is the number of distinct publishing sites.
	Sources int
	// MaxEvents per document (at least 1).
	MaxEvents int
	Seed      uint64
	// Prefix starts the document ids ("doc-" by default), so that corpora
	// with different seeds can be stored together.
	Prefix string
}

// Corpus returns documents with coded events, as the pipeline would hand
// them to a store: evidence offsets into each document's text, ids from
// redline.EventID. The same options give the same corpus.
func Corpus(o CorpusOptions) []redline.DocEvents {
	if o.Days < 1 {
		o.Days = 30
	}
	if o.Sources < 1 {
		o.Sources = 3
	}
	if o.MaxEvents < 1 {
		o.MaxEvents = 4
	}
	if o.Prefix == "" {
		o.Prefix = "doc-"
	}
	r := rand.New(rand.NewPCG(o.Seed, 77))
	out := make([]redline.DocEvents, o.Docs)
	for i := range out {
		pub := Epoch.AddDate(0, 0, r.IntN(o.Days))
		d := &redline.Doc{
			ID:     fmt.Sprintf("%s%06d", o.Prefix, i),
			Title:  fmt.Sprintf("Report %d", i),
			URL:    fmt.Sprintf("https://site%d.example/news/%d", r.IntN(o.Sources), i),
			Date:   pub,
			Origin: fmt.Sprintf("synthetic.jsonl:%d", i+1),
		}
		n := 1 + r.IntN(o.MaxEvents)
		var text strings.Builder
		evs := make([]redline.Event, 0, n)
		for s := 0; s < n; s++ {
			src, tgt := &Actors[r.IntN(len(Actors))], &Actors[r.IntN(len(Actors))]
			code := Codes[r.IntN(len(Codes))]
			mode := redline.Asserted
			switch r.IntN(10) {
			case 0:
				mode = redline.Negated
			case 1:
				mode = redline.Future
			}
			date := pub.AddDate(0, 0, -r.IntN(2))
			start := text.Len()
			verb := strings.ToLower(strings.Fields(code.Name())[0])
			fmt.Fprintf(&text, "%s %s %s (%s) on %s. ", src.Text, verb, tgt.Text, code.Name(), date.Format("January 2"))
			end := text.Len() - 1
			ev := redline.Event{
				DocID: d.ID, Sentence: s, Date: date, DateFrom: redline.DateFromText,
				Source: actorAt(src, start), Target: actorAt(tgt, start+len(src.Text)+len(verb)+2),
				Code: code, Mode: mode, Mentions: 1, URL: d.URL,
				Evidence: redline.Evidence{Start: start, End: end, Verb: verb,
					VerbStart: start + len(src.Text) + 1, VerbEnd: start + len(src.Text) + 1 + len(verb)},
			}
			if r.IntN(8) == 0 {
				ev.Source = nil
			}
			// Places do not draw from r, so that adding them left the rest
			// of the corpus as it was; one event in four has none.
			if k := (i*7 + s*3) % (len(Places) + len(Places)/3); k < len(Places) {
				p := Places[k]
				ev.Place = &p
			}
			if r.IntN(5) == 0 {
				ev.SaidBy = &redline.Actor{Code: "MED", Text: "state media"}
			}
			ev.ID = redline.EventID(d.ID, s, ev.Source.ActorCode(), ev.Target.ActorCode(), code, mode, date)
			evs = append(evs, ev)
		}
		d.Text = text.String()
		for j := range evs {
			e := &evs[j].Evidence
			e.Text = d.Text[e.Start:e.End]
		}
		out[i] = redline.DocEvents{Doc: d, Events: evs}
	}
	return out
}

func actorAt(a *redline.Actor, start int) *redline.Actor {
	c := *a
	c.Start, c.End = start, start+len(a.Text)
	return &c
}
