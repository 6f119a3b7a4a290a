// Package pipeline wires redline's stages together behind the small API that
// the CLI and embedding programs use: build a Pipeline once (loading the
// dictionaries and models), then code documents with it, from any number of
// goroutines.
package pipeline

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/coder"
	"github.com/redline-events/redline/dict"
	"github.com/redline-events/redline/parse"
	"github.com/redline-events/redline/tag"
	"github.com/redline-events/redline/text"
)

// Options configure a Pipeline. The zero value uses the dictionaries and
// models embedded in the binary.
type Options struct {
	// Dictionary replaces the default dictionaries when set (see dict.LoadFiles).
	Dictionary *dict.Dictionary
	// Now is the date given to documents that carry none; zero means today.
	Now time.Time
}

// Pipeline codes documents. It is safe for concurrent use.
type Pipeline struct {
	tagger *tag.Tagger
	parser *parse.Parser
	coder  *coder.Coder
	now    time.Time
}

// New loads the models and dictionaries. It is the expensive step: build one
// Pipeline and share it.
func New(opt Options) (*Pipeline, error) {
	t, err := tag.Default()
	if err != nil {
		return nil, fmt.Errorf("loading the tagger: %w", err)
	}
	p, err := parse.Default()
	if err != nil {
		return nil, fmt.Errorf("loading the parser: %w", err)
	}
	d := opt.Dictionary
	if d == nil {
		if d, err = dict.Default(); err != nil {
			return nil, fmt.Errorf("loading the dictionaries: %w", err)
		}
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now().UTC().Truncate(24 * time.Hour)
	}
	return &Pipeline{tagger: t, parser: p, coder: coder.New(d), now: now}, nil
}

// Analyze runs the language stages on d: sentences and tokens, tags and
// lemmas, dependency trees. Code calls it; it is exported for tools that want
// the analysis without events (redline parse, explain).
func (p *Pipeline) Analyze(d *redline.Doc) {
	p.timedAnalyze(d, nil)
}

// StageTimes accumulates the time spent in each stage, for `redline bench`.
type StageTimes struct {
	Segment, Tag, Parse, Code time.Duration
}

// CodeTimed is Code that adds the time of each stage to st.
func (p *Pipeline) CodeTimed(d *redline.Doc, st *StageTimes) []redline.Event {
	if d.Date.IsZero() {
		d.Date = p.now
	}
	p.timedAnalyze(d, st)
	t := time.Now()
	evs := p.coder.Code(d)
	st.Code += time.Since(t)
	return evs
}

func (p *Pipeline) timedAnalyze(d *redline.Doc, st *StageTimes) {
	d.Sentences, d.Tokens = d.Sentences[:0], d.Tokens[:0]
	if st == nil {
		text.Segment(d)
		p.tagger.Tag(d)
		p.parser.Parse(d)
		return
	}
	t0 := time.Now()
	text.Segment(d)
	t1 := time.Now()
	p.tagger.Tag(d)
	t2 := time.Now()
	p.parser.Parse(d)
	t3 := time.Now()
	st.Segment += t1.Sub(t0)
	st.Tag += t2.Sub(t1)
	st.Parse += t3.Sub(t2)
}

// Code analyses d and returns its events. A document without a date is dated
// with Options.Now, so relative dates still resolve.
func (p *Pipeline) Code(ctx context.Context, d *redline.Doc) ([]redline.Event, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if d.Date.IsZero() {
		d.Date = p.now
	}
	p.Analyze(d)
	return p.coder.Code(d), nil
}

// Coder returns the event coder, for explain-style tools.
func (p *Pipeline) Coder() *coder.Coder { return p.coder }

// Explain codes d and writes what the coder saw and decided, sentence by
// sentence (see coder.Coder.Explain).
func (p *Pipeline) Explain(d *redline.Doc, w io.Writer) []redline.Event {
	if d.Date.IsZero() {
		d.Date = p.now
	}
	p.Analyze(d)
	return p.coder.Explain(d, w)
}
