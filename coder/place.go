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
			if _, ok := g.Note(&ctx, r.actor.Text); ok {
				continue
			}
		}
		if r.actor.Country != "" && r.kind != dict.Agent {
			ctx.AddCountry(r.actor.Country)
		}
	}
	return ctx
}
