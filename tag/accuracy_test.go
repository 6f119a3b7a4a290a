package tag

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"github.com/redline-events/redline/conllu"
)

// score counts words whose UPOS, XPOS and LEMMA columns agree between a gold
// and a predicted treebank. It is deliberately independent of the tagger's
// own Accuracy code: it only compares CoNLL-U columns as strings.
type score struct{ words, upos, xpos, lemma int }

func scoreCoNLLU(gold, pred []*conllu.Sentence) (score, error) {
	var s score
	if len(gold) != len(pred) {
		return s, fmt.Errorf("%d gold sentences, %d predicted", len(gold), len(pred))
	}
	for i := range gold {
		g, p := gold[i].Words, pred[i].Words
		if len(g) != len(p) {
			return s, fmt.Errorf("sentence %d: %d gold words, %d predicted", i+1, len(g), len(p))
		}
		for j := range g {
			if g[j].Form != p[j].Form {
				return s, fmt.Errorf("sentence %d word %d: form %q vs %q", i+1, j+1, g[j].Form, p[j].Form)
			}
			s.words++
			if g[j].UPOS == p[j].UPOS {
				s.upos++
			}
			if g[j].XPOS == p[j].XPOS {
				s.xpos++
			}
			if Normalize(g[j].Lemma) == Normalize(p[j].Lemma) {
				s.lemma++
			}
		}
	}
	return s, nil
}

func (s score) pct(n int) float64 { return 100 * float64(n) / float64(max(s.words, 1)) }

func TestScoreCoNLLU(t *testing.T) {
	gold, err := conllu.ReadAll(bytes.NewReader([]byte(miniTreebank)), "gold")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(s []*conllu.Sentence)
		want   score
	}{
		{"same", func([]*conllu.Sentence) {}, score{16, 16, 16, 16}},
		{"one upos", func(s []*conllu.Sentence) { s[0].Words[1].UPOS = "VERB" }, score{16, 15, 16, 16}},
		{"xpos and lemma", func(s []*conllu.Sentence) { s[2].Words[1].XPOS = "VBN"; s[2].Words[1].Lemma = "sought" }, score{16, 16, 15, 15}},
	}
	for _, tt := range tests {
		pred, _ := conllu.ReadAll(bytes.NewReader([]byte(miniTreebank)), "pred")
		tt.change(pred)
		got, err := scoreCoNLLU(gold, pred)
		if err != nil || got != tt.want {
			t.Errorf("%s: got %+v, %v; want %+v", tt.name, got, err, tt.want)
		}
	}
	pred, _ := conllu.ReadAll(bytes.NewReader([]byte(miniTreebank)), "pred")
	pred[1].Words = pred[1].Words[:3]
	if _, err := scoreCoNLLU(gold, pred); err == nil {
		t.Error("sentences of different lengths were scored")
	}
}

// tagTreebank tags gold-tokenised sentences with tg and returns them as
// CoNLL-U sentences re-read from the text written out, as
// `redline parse --conllu` would.
func tagTreebank(t testing.TB, tg *Tagger, gold []*conllu.Sentence) []*conllu.Sentence {
	var buf bytes.Buffer
	for _, s := range gold {
		toks := SentenceTokens(s)
		tg.TagTokens(toks)
		out := &conllu.Sentence{Comments: s.Comments, Extra: s.Extra}
		for i, w := range s.Words {
			w.UPOS, w.XPOS, w.Lemma = toks[i].UPOS.String(), toks[i].XPOS, toks[i].Lemma
			out.Words = append(out.Words, w)
		}
		if err := conllu.Write(&buf, out); err != nil {
			t.Fatal(err)
		}
	}
	pred, err := conllu.ReadAll(&buf, "predicted")
	if err != nil {
		t.Fatal(err)
	}
	return pred
}

func readUD(t testing.TB, name string) []*conllu.Sentence {
	t.Helper()
	f, err := os.Open("../../shared/ud/" + name)
	if err != nil {
		t.Skipf("UD treebank %s not available (needs ../shared/ud): %v", name, err)
	}
	defer f.Close()
	s, err := conllu.ReadAll(f, name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestAccuracyEWT measures the embedded model on EWT test with gold
// tokenisation; the target is UPOS ≥ 95.5%.
func TestAccuracyEWT(t *testing.T) {
	gold := readUD(t, "en_ewt-ud-test.conllu")
	tg := embeddedTagger(t)
	sc, err := scoreCoNLLU(gold, tagTreebank(t, tg, gold))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("EWT test, %d words: UPOS %.2f%%, XPOS %.2f%%, lemma %.2f%%", sc.words, sc.pct(sc.upos), sc.pct(sc.xpos), sc.pct(sc.lemma))
	if sc.pct(sc.upos) < 95.5 {
		t.Errorf("UPOS %.2f%% < 95.5%%", sc.pct(sc.upos))
	}
	if sc.pct(sc.xpos) < 94.5 || sc.pct(sc.lemma) < 96.5 {
		t.Errorf("XPOS %.2f%% or lemma %.2f%% below 94.5%% / 96.5%%", sc.pct(sc.xpos), sc.pct(sc.lemma))
	}
	// The tagger's own counter must agree with the independent one.
	if a := tg.Evaluate(gold); a.Words != sc.words || a.UPOSOK != sc.upos || a.XPOSOK != sc.xpos || a.LemmaOK != sc.lemma {
		t.Errorf("Accuracy %+v disagrees with the CoNLL-U scorer %+v", a, sc)
	}
}
