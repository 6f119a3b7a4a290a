package coder

import (
	"github.com/redline-events/redline"
	"github.com/redline-events/redline/dict"
	"github.com/redline-events/redline/geo"
)

// place returns where the event whose predicate is token v happened, or nil:
// a place phrase of the sentence (How "text", see geo.Locate), else the
// country the document's places are in when they agree (How "document").
func (s *sentenceState) place(v int) *redline.Place {
	g, err := geo.Default()
	if err != nil || v < 0 || v >= len(s.t.toks) {
		return nil
	}
	ctx := s.docContext(g)
	if p, ok := g.Locate(s.t.toks, v, &ctx); ok {
		return &p
	}
	// No place in the sentence: the country of the story's places, when
	// it names at least two and two thirds of them are in one country
	// (a story about Balochistan and Quetta happens in Pakistan; one whose
	// actors are Russian and American may happen anywhere).
	c, n, total := ctx.MainPlace()
	if n < 2 || 3*n < 2*total {
		return nil
	}
	cp, ok := g.Code(c)
	if !ok || cp.Kind != geo.Country {
		return nil
	}
	return &redline.Place{Name: cp.Name, Country: cp.Country, Lat: cp.Lat, Lon: cp.Lon, How: "document", Kind: "country"}
}

// placeCountry is the country of the place named in the clause of token h,
// for an actor the text names without a country ("Militants attacked a
// train in Balochistan" → PAK militants, to be marked Inferred); "" when the
// clause names no place. h is the actor's noun; its clause is its nearest
// verb ancestor.
func (s *sentenceState) placeCountry(h int) string {
	g, err := geo.Default()
	if err != nil || h < 0 || h >= len(s.t.toks) {
		return ""
	}
	v := h
	for steps := 0; v >= 0 && s.t.toks[v].UPOS != redline.VERB && steps < 8; steps++ {
		v = s.t.head(v)
	}
	if v < 0 {
		return ""
	}
	ctx := s.docContext(g)
	p, ok := g.Locate(s.t.toks, v, &ctx)
	if !ok {
		return ""
	}
	return p.Country
}

// docContext is what the document has said so far about where it is, from
// its actors and places (s.c.recent): places of one name are told apart by
// it ("Punjab" in a story about Balochistan is Pakistan's). It is rebuilt on
// each call: it holds at most 64 entries, and events are rare next to
// tokens.
func (s *sentenceState) docContext(g *geo.Gazetteer) geo.DocContext {
	var ctx geo.DocContext
	for i := range s.c.recent {
		r := &s.c.recent[i]
		if r.kind == dict.Place {
			// A place the coder has already told apart from its
			// namesakes (capitalsAbroad) stays in its country.
			c := ctx
			if p, ok := g.Note(&c, r.actor.Text); ok {
				if p.Country != r.actor.Country && len(r.actor.Country) == 3 {
					ctx.AddCountry(r.actor.Country)
					g.Note(&ctx, r.actor.Text)
				} else {
					ctx = c
				}
				continue
			}
		}
		if r.actor.Country != "" && r.kind != dict.Agent {
			ctx.AddCountry(r.actor.Country)
		}
	}
	return ctx
}

// minNamesakeCity is the population from which a city may take a capital's
// name from it: Lebanon's Tripoli (about 230,000), not Paris, Texas.
const minNamesakeCity = 100000

// capitalsAbroad reads a capital the dictionary lists for its state
// ("Tripoli" for Libya) as a city of another country of that name when the
// sentence names that other country and not the capital's own ("militias in
// Tripoli ... the north Lebanese port" is Lebanon's Tripoli): the sentence
// and the story so far decide between places of one name, as they do for
// the event's place. The match becomes a place of the country found.
func (s *sentenceState) capitalsAbroad() {
	var g *geo.Gazetteer
	for i := range s.matches {
		m := &s.matches[i]
		if m.Kind != dict.Country || m.End-m.Start != 1 || s.t.toks[m.Start].UPOS != redline.PROPN {
			continue
		}
		other, own := false, false
		for j := range s.matches {
			o := &s.matches[j]
			if j == i || o.Kind != dict.Country && o.Kind != dict.Place {
				continue
			}
			if o.Code == m.Code {
				own = true
			} else {
				other = true
			}
		}
		if !other || own {
			continue
		}
		if g == nil {
			var err error
			if g, err = geo.Default(); err != nil {
				return
			}
		}
		name := s.t.toks[m.Start].Form
		capital := false
		for _, p := range g.Lookup(name) {
			capital = capital || p.Capital && p.Country == m.Code
		}
		if !capital {
			continue
		}
		ctx := s.docContext(g)
		for j := range s.matches {
			if o := &s.matches[j]; j != i && (o.Kind == dict.Country || o.Kind == dict.Place) && len(o.Code) >= 3 {
				ctx.AddCountry(o.Code[:3])
			}
		}
		p, ok := g.Note(&ctx, name)
		// A town much smaller than a city ("Paris Club" beside
		// "Washington" is no Paris, Texas) is not what a capital's name
		// stands for, whatever the sentence names.
		if !ok || p.Country == m.Code || p.Kind != geo.City || p.Capital || p.Population < minNamesakeCity {
			continue
		}
		m.Kind, m.Code, m.Country = dict.Place, p.Country, p.Country
	}
}
