package tag

import (
	"github.com/redline-events/redline"
	"github.com/redline-events/redline/conllu"
)

// Accuracy counts correct tags and lemmas over scored words.
type Accuracy struct {
	Words, UPOSOK, XPOSOK, BothOK, LemmaOK int
}

func (a Accuracy) frac(n int) float64 {
	if a.Words == 0 {
		return 0
	}
	return float64(n) / float64(a.Words)
}

// UPOS, XPOS, Both and Lemma return the fraction of words right.
func (a Accuracy) UPOS() float64  { return a.frac(a.UPOSOK) }
func (a Accuracy) XPOS() float64  { return a.frac(a.XPOSOK) }
func (a Accuracy) Both() float64  { return a.frac(a.BothOK) }
func (a Accuracy) Lemma() float64 { return a.frac(a.LemmaOK) }

// Evaluate tags the words of gold sentences (their tokenisation kept) and
// counts how many UPOS, XPOS and lemmas agree with the gold columns.
func (t *Tagger) Evaluate(gold []*conllu.Sentence) Accuracy {
	return t.accuracy(examples(gold, nil))
}

func (t *Tagger) accuracy(exs []example) Accuracy {
	var a Accuracy
	var toks []redline.Token
	for _, ex := range exs {
		toks = append(toks[:0], ex.toks...)
		t.TagTokens(toks)
		for i := range toks {
			a.Words++
			u, x := toks[i].UPOS == ex.upos[i], toks[i].XPOS == ex.xpos[i]
			if u {
				a.UPOSOK++
			}
			if x {
				a.XPOSOK++
			}
			if u && x {
				a.BothOK++
			}
			if toks[i].Lemma == Normalize(ex.lemmas[i]) {
				a.LemmaOK++
			}
		}
	}
	return a
}
