package parse

import (
	"bufio"
	"bytes"
	"os"
	"testing"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/conllu"
	"github.com/redline-events/redline/tag"
)

const udDir = "../../shared/ud/"

// analyzeFile re-tags (with the embedded tagger) and parses every sentence
// of a CoNLL-U file, keeping its tokenisation, and returns the gold file and
// the system output.
func analyzeFile(tb testing.TB, name string) (gold, sys []byte) {
	tb.Helper()
	gold, err := os.ReadFile(udDir + name)
	if os.IsNotExist(err) {
		tb.Skipf("%s%s absent: the accuracy test needs the shared UD treebanks", udDir, name)
	}
	if err != nil {
		tb.Fatal(err)
	}
	ss, err := conllu.ReadAll(bytes.NewReader(gold), name)
	if err != nil {
		tb.Fatal(err)
	}
	tg, err := tag.Default()
	if err != nil {
		tb.Fatal(err)
	}
	p, err := Default()
	if err != nil {
		tb.Fatal(err)
	}
	var out bytes.Buffer
	bw := bufio.NewWriter(&out)
	var toks []redline.Token
	for _, s := range ss {
		toks = Tokens(s, toks, nil)
		tg.TagTokens(toks)
		p.ParseTokens(toks)
		Fill(s, toks)
		if err := conllu.Write(bw, s); err != nil {
			tb.Fatal(err)
		}
	}
	bw.Flush()
	return gold, out.Bytes()
}

// TestAccuracy holds the embedded models to the targets of issue 3 on EWT
// test: gold tokens, predicted tags, punctuation included (as in the CoNLL
// 2018 shared task), full labels with subtypes.
func TestAccuracy(t *testing.T) {
	gold, sys := analyzeFile(t, "en_ewt-ud-test.conllu")
	s, err := scoreConllu(bytes.NewReader(gold), bytes.NewReader(sys))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("EWT test: %s", s)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"UAS", s.pct(s.UAS), 87},
		{"LAS", s.pct(s.LAS), 84},
	} {
		if c.got < c.want {
			t.Errorf("%s %.2f below target %.1f", c.name, c.got, c.want)
		}
	}
}
