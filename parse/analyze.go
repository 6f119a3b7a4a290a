package parse

import (
	"strings"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/conllu"
	"github.com/redline-events/redline/tag"
)

// Analyze tags and parses an already segmented Doc with the embedded tagger
// and parser: the one call the coder needs after text.Segment.
func Analyze(d *redline.Doc) error {
	t, err := tag.Default()
	if err != nil {
		return err
	}
	p, err := Default()
	if err != nil {
		return err
	}
	t.Tag(d)
	p.Parse(d)
	return nil
}

// Tokens converts a CoNLL-U sentence to tokens carrying its tags, lemmas and
// (in Head and Rel) its gold tree. Relations redline does not name map to
// their base relation or Dep; unknown, when not nil, counts them by name.
// toks is reused when large enough.
func Tokens(s *conllu.Sentence, toks []redline.Token, unknown map[string]int) []redline.Token {
	toks = toks[:0]
	for i := range s.Words {
		w := &s.Words[i]
		rel := redline.ParseDepRel(w.DepRel)
		if unknown != nil && rel != redline.NoRel && rel.String() != w.DepRel {
			unknown[w.DepRel]++
		}
		t := redline.Token{Form: w.Form, Lower: strings.ToLower(w.Form), Lemma: w.Lemma,
			UPOS: redline.ParseUPOS(w.UPOS), XPOS: w.XPOS, Head: int32(w.Head - 1), Rel: rel, SpaceAfter: w.SpaceAfter()}
		if t.XPOS == "_" {
			t.XPOS = ""
		}
		if t.Lemma == "_" && t.Form != "_" {
			t.Lemma = ""
		}
		toks = append(toks, t)
	}
	return toks
}

// Fill writes the tags, lemmas and tree of toks (one per word of s) into
// s's LEMMA, UPOS, XPOS, HEAD and DEPREL columns.
func Fill(s *conllu.Sentence, toks []redline.Token) {
	for i := range s.Words {
		w, t := &s.Words[i], &toks[i]
		w.Lemma, w.UPOS, w.XPOS = t.Lemma, t.UPOS.String(), t.XPOS
		w.Head = int(t.Head) + 1
		w.DepRel = t.Rel.String()
	}
}

// Words converts the tokens of sentence i of d to CoNLL-U words, with
// SpaceAfter=No in MISC where the text has no space.
func Words(d *redline.Doc, i int) []conllu.Word {
	toks := d.SentenceTokens(i)
	ws := make([]conllu.Word, len(toks))
	for j := range toks {
		t := &toks[j]
		ws[j] = conllu.Word{ID: j + 1, Form: t.Form, Lemma: t.Lemma, UPOS: t.UPOS.String(), XPOS: t.XPOS,
			Head: int(t.Head) + 1, DepRel: t.Rel.String()}
		if !t.SpaceAfter && j+1 < len(toks) {
			ws[j].Misc = "SpaceAfter=No"
		}
	}
	return ws
}
