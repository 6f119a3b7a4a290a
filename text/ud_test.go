package text

import (
	"os"
	"strings"
	"testing"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/conllu"
)

func readTreebank(t *testing.T, name string) []*conllu.Sentence {
	f, err := os.Open("../../shared/ud/" + name)
	if err != nil {
		t.Skip("UD treebank absent: ", err)
	}
	defer f.Close()
	ss, err := conllu.ReadAll(f, name)
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

// TestEWTTokens measures how often Segment tokenises a sentence of the EWT
// development set exactly as the treebank does (syntactic words, so
// "don't" is "do" "n't"), on the sentence text alone. EWT is web text
// (e-mails, reviews, forums): the news rules are not tuned to it, so this
// is a floor, not a target.
func TestEWTTokens(t *testing.T) {
	ss := readTreebank(t, "en_ewt-ud-dev.conllu")
	exact, gold, pred, common := 0, 0, 0, 0
	d := &redline.Doc{}
	var shown int
	for _, s := range ss {
		d.Text = s.Text()
		d.Tokens, d.Sentences = d.Tokens[:0], d.Sentences[:0]
		Segment(d)
		want := make(map[string]int)
		var wf []string
		for _, w := range s.Words {
			f := normaliser.Replace(w.Form)
			want[f]++
			wf = append(wf, f)
		}
		gold += len(s.Words)
		pred += len(d.Tokens)
		var gf []string
		for _, tok := range d.Tokens {
			gf = append(gf, tok.Form)
			if want[tok.Form] > 0 {
				want[tok.Form]--
				common++
			}
		}
		if strings.Join(gf, " ") == strings.Join(wf, " ") {
			exact++
		} else if shown < 15 && testing.Verbose() {
			shown++
			t.Logf("gold %q\n got %q", strings.Join(wf, " "), strings.Join(gf, " "))
		}
	}
	p, r := float64(common)/float64(pred), float64(common)/float64(gold)
	f1 := 2 * p * r / (p + r)
	acc := float64(exact) / float64(len(ss))
	t.Logf("EWT dev: %d sentences, exact tokenisation %.1f%%, token F1 %.1f%%", len(ss), 100*acc, 100*f1)
	if acc < 0.92 || f1 < 0.985 {
		t.Errorf("tokenisation fell below the measured level (exact 92.7%%, F1 98.8%%)")
	}
}

// TestGUMNewsSentences measures sentence boundaries on the news documents of
// GUM: each document's sentences joined by a space and its paragraphs by a
// line break, as an article arrives. Boundaries at paragraph breaks are free
// (a line break always ends a sentence) and counted apart.
func TestGUMNewsSentences(t *testing.T) {
	ss := readTreebank(t, "en_gum-ud-train.conllu")
	var docs [][]*conllu.Sentence
	news := false
	for _, s := range ss {
		for _, c := range s.Comments {
			if id, ok := strings.CutPrefix(c, "# newdoc id = "); ok {
				news = strings.HasPrefix(id, "GUM_news_")
				if news {
					docs = append(docs, nil)
				}
			}
		}
		if news {
			docs[len(docs)-1] = append(docs[len(docs)-1], s)
		}
	}
	if len(docs) == 0 {
		t.Skip("no GUM news documents")
	}
	var tp, fp, fn, nsent int
	for _, doc := range docs {
		var b strings.Builder
		gold := map[int]bool{} // sentence end offsets inside paragraphs
		for i, s := range doc {
			if i > 0 {
				if isNewPar(s) {
					b.WriteByte('\n')
				} else {
					gold[b.Len()] = true
					b.WriteByte(' ')
				}
			}
			b.WriteString(s.Text())
		}
		nsent += len(doc)
		d := &redline.Doc{Text: b.String()}
		Segment(d)
		pred := map[int]bool{}
		for _, s := range d.Sentences {
			if s.End < len(d.Text) && d.Text[s.End] != '\n' {
				pred[s.End] = true
			}
		}
		for e := range pred {
			if gold[e] {
				tp++
			} else {
				fp++
				if testing.Verbose() {
					t.Logf("false boundary: %q|%q", d.Text[max(0, e-40):e], d.Text[e:min(len(d.Text), e+30)])
				}
			}
		}
		for e := range gold {
			if !pred[e] {
				fn++
				if testing.Verbose() {
					t.Logf("missed boundary: %q|%q", d.Text[max(0, e-40):e], d.Text[e:min(len(d.Text), e+30)])
				}
			}
		}
	}
	p, r := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
	f1 := 2 * p * r / (p + r)
	t.Logf("GUM news: %d documents, %d sentences, %d boundaries inside paragraphs: precision %.1f%%, recall %.1f%%, F1 %.1f%%",
		len(docs), nsent, tp+fn, 100*p, 100*r, 100*f1)
	if f1 < 0.95 {
		t.Errorf("sentence boundary F1 fell below the measured level")
	}
}

func isNewPar(s *conllu.Sentence) bool {
	for _, c := range s.Comments {
		if strings.HasPrefix(c, "# newpar") {
			return true
		}
	}
	return false
}
