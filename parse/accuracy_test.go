package parse

import (
	"bufio"
	"bytes"
	"flag"
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

var targets = flag.Bool("targets", false, "hold TestAccuracy to the targets of issue 3 (UAS 87, LAS 84), not yet reached")

// TestAccuracy measures the embedded tagger and parser on EWT test: gold
// tokens, predicted tags, punctuation included (as in the CoNLL 2018 shared
// task), full labels with subtypes. It fails below the accuracy the committed
// models reach (a regression guard) and, with -targets, below the targets of
// issue 3, which the greedy parser does not reach yet.
func TestAccuracy(t *testing.T) {
	gold, sys := analyzeFile(t, "en_ewt-ud-test.conllu")
	s, err := scoreConllu(bytes.NewReader(gold), bytes.NewReader(sys))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("EWT test: %s", s)
	wantUAS, wantLAS := 84.5, 81.0
	if *targets {
		wantUAS, wantLAS = 87, 84
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"UAS", s.pct(s.UAS), wantUAS},
		{"LAS", s.pct(s.LAS), wantLAS},
	} {
		if c.got < c.want {
			t.Errorf("%s %.2f below target %.1f", c.name, c.got, c.want)
		}
	}
}
