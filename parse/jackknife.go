package parse

import (
	"fmt"
	"io"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/conllu"
	"github.com/redline-events/redline/tag"
)

// Jackknife replaces the LEMMA, UPOS and XPOS columns of train with tags
// predicted by taggers that never saw the sentence: train is cut into folds
// parts, and each part is tagged by a tagger trained on the others plus
// extra (more tagger data, e.g. another treebank). A parser trained on such
// tags learns how the tagger errs, as it will at run time; a parser trained
// on gold tags trusts them too much.
func Jackknife(train, extra []*conllu.Sentence, folds int, opt tag.TrainOptions, log io.Writer) error {
	if log == nil {
		log = io.Discard
	}
	if folds < 2 {
		return fmt.Errorf("parse: jackknife needs at least 2 folds, got %d", folds)
	}
	var toks []redline.Token
	for k := 0; k < folds; k++ {
		start := time.Now()
		var tr, held []*conllu.Sentence
		for i, s := range train {
			if i%folds == k {
				held = append(held, s)
			} else {
				tr = append(tr, s)
			}
		}
		tr = append(tr, extra...)
		tg, err := tag.Train(tr, nil, opt, nil)
		if err != nil {
			return fmt.Errorf("parse: jackknife fold %d: %w", k+1, err)
		}
		var n, ok int
		for _, s := range held {
			toks = Tokens(s, toks, nil)
			tg.TagTokens(toks)
			for i := range s.Words {
				w, t := &s.Words[i], &toks[i]
				n++
				if w.UPOS == t.UPOS.String() {
					ok++
				}
				w.Lemma, w.UPOS, w.XPOS = t.Lemma, t.UPOS.String(), t.XPOS
			}
		}
		fmt.Fprintf(log, "jackknife fold %d/%d: UPOS %.2f%% on %d held-out words (%.0fs)\n", k+1, folds,
			100*float64(ok)/float64(max(n, 1)), n, time.Since(start).Seconds())
	}
	return nil
}
