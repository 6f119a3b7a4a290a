package parse

import (
	"bytes"
	"os"
	"testing"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/conllu"
)

// devSentences loads the first n sentences of EWT dev (gold tags).
func devSentences(t testing.TB, n int) [][]redline.Token {
	t.Helper()
	raw, err := os.ReadFile(udDir + "en_ewt-ud-dev.conllu")
	if os.IsNotExist(err) {
		t.Skip("../shared/ud absent: this test parses EWT dev")
	}
	if err != nil {
		t.Fatal(err)
	}
	ss, err := conllu.ReadAll(bytes.NewReader(raw), "dev")
	if err != nil {
		t.Fatal(err)
	}
	var out [][]redline.Token
	for _, s := range ss[:min(n, len(ss))] {
		out = append(out, Tokens(s, nil, nil))
	}
	return out
}

// TestBeamOfOneIsGreedy: a beam of one item breaks ties as the greedy
// parser does, so it must make the same trees.
func TestBeamOfOneIsGreedy(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var b beam
	for _, s := range devSentences(t, 400) {
		g := append([]redline.Token(nil), s...)
		p.ParseTokens(g)
		p.parseBeam(&b, s, 1)
		for i := range s {
			if s[i].Head != g[i].Head || s[i].Rel != g[i].Rel {
				t.Fatalf("token %d (%s): beam of 1 %d %s, greedy %d %s", i, s[i].Form, s[i].Head, s[i].Rel, g[i].Head, g[i].Rel)
			}
		}
	}
}

// TestBeamTrees: every beam width makes well-formed trees, whatever the
// sentence length (the empty sentence, one word, long ones), reusing the
// scratch across sentences of different lengths and widths.
func TestBeamTrees(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sents := devSentences(t, 300)
	sents = append(sents, nil, []redline.Token{{Form: "Hello", UPOS: redline.INTJ, XPOS: "UH"}})
	var b beam
	for _, k := range []int{2, 3, 4, 8, 16} {
		for _, s := range sents {
			p.parseBeam(&b, s, k)
			checkTree(t, s)
		}
	}
}

// TestBeamNoAllocs: once the scratch has grown, parsing allocates nothing.
func TestBeamNoAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts mean nothing under -race")
	}
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sents := devSentences(t, 50)
	for _, s := range sents {
		p.ParseTokensBeam(s, 8)
	}
	if a := testing.AllocsPerRun(5, func() {
		for _, s := range sents {
			p.ParseTokensBeam(s, 8)
		}
	}); a > 0 {
		t.Errorf("%.1f allocations per pass", a)
	}
}

// TestTrainBeam: global training for the beam learns the tiny treebank,
// the same way for the same seed, and its model parses greedily too.
func TestTrainBeam(t *testing.T) {
	ss, err := conllu.ReadAll(bytes.NewReader([]byte(tinyTreebank)), "tiny")
	if err != nil {
		t.Fatal(err)
	}
	train := func() []byte {
		p, err := Train(ss, nil, TrainOptions{Epochs: 8, MoveBits: 10, LabelBits: 8, Beam: 4}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := p.Save(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	m1 := train()
	if !bytes.Equal(m1, train()) {
		t.Error("two trainings with the same seed differ")
	}
	p, err := Load(bytes.NewReader(m1))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []int{1, 4} {
		for _, s := range ss {
			toks := Tokens(s, nil, nil)
			p.ParseTokensBeam(toks, k)
			checkTree(t, toks)
			for i, w := range s.Words {
				if k > 1 && (int(toks[i].Head) != w.Head-1 || toks[i].Rel.String() != w.DepRel) {
					t.Errorf("beam %d: %s: got %d %s, want %d %s", k, w.Form, toks[i].Head+1, toks[i].Rel, w.Head, w.DepRel)
				}
			}
		}
	}
}
