package tag

import (
	"bytes"
	"encoding/binary"
	"flag"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/conllu"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// tokens splits a pre-tokenised sentence on spaces.
func tokens(s string) []redline.Token {
	var toks []redline.Token
	for _, f := range strings.Fields(s) {
		toks = append(toks, redline.Token{Form: f, Lower: strings.ToLower(f), Head: -1})
	}
	return toks
}

func embeddedTagger(t testing.TB) *Tagger {
	t.Helper()
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

func TestTagSentences(t *testing.T) {
	tg := embeddedTagger(t)
	tests := []struct {
		text string
		upos string
	}{
		{"Russia 's troops invaded Ukraine on March 1 , 2014 .",
			"PROPN PART NOUN VERB PROPN ADP PROPN NUM PUNCT NUM PUNCT"},
		{"The minister said that Moscow had no plans to invade .",
			"DET NOUN VERB SCONJ PROPN VERB DET NOUN PART VERB PUNCT"},
		{"Protesters threw stones at the police in Kiev on Friday .",
			"NOUN VERB NOUN ADP DET NOUN ADP PROPN ADP PROPN PUNCT"},
		{"Jordan and Britain agreed to increase their cooperation .",
			"PROPN CCONJ PROPN VERB PART VERB PRON NOUN PUNCT"},
		{"He was not arrested by the army .",
			"PRON AUX PART VERB ADP DET NOUN PUNCT"},
	}
	for _, tt := range tests {
		toks := tokens(tt.text)
		tg.TagTokens(toks)
		want := strings.Fields(tt.upos)
		if len(want) != len(toks) {
			t.Fatalf("%q: test has %d tags for %d tokens", tt.text, len(want), len(toks))
		}
		for i := range toks {
			if got := toks[i].UPOS.String(); got != want[i] {
				t.Errorf("%q: %s tagged %s, want %s", tt.text, toks[i].Form, got, want[i])
			}
		}
	}
}

func TestTagDocFillsEverySentence(t *testing.T) {
	tg := embeddedTagger(t)
	d := &redline.Doc{Tokens: append(tokens("Soldiers fired ."), tokens("Talks resumed .")...)}
	d.Sentences = []redline.Sentence{{TokStart: 0, TokEnd: 3}, {TokStart: 3, TokEnd: 6}}
	tg.Tag(d)
	want := []struct{ upos, xpos, lemma string }{
		{"NOUN", "NNS", "soldier"}, {"VERB", "VBD", "fire"}, {"PUNCT", ".", "."},
		{"NOUN", "NNS", "talk"}, {"VERB", "VBD", "resume"}, {"PUNCT", ".", "."},
	}
	for i, w := range want {
		tok := d.Tokens[i]
		if tok.UPOS.String() != w.upos || tok.XPOS != w.xpos || tok.Lemma != w.lemma {
			t.Errorf("%s: got %s %s %s, want %s %s %s", tok.Form, tok.UPOS, tok.XPOS, tok.Lemma, w.upos, w.xpos, w.lemma)
		}
	}
}

func TestTagTokensDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under the race detector")
	}
	tg := embeddedTagger(t)
	toks := tokens("The government said on Monday that it would send more troops to the border .")
	tg.TagTokens(toks) // warm the pool
	if n := testing.AllocsPerRun(100, func() { tg.TagTokens(toks) }); n != 0 {
		t.Errorf("TagTokens allocated %.1f times per sentence", n)
	}
}

func TestEmptyInput(t *testing.T) {
	tg := embeddedTagger(t)
	tg.TagTokens(nil)
	tg.Tag(&redline.Doc{})
	toks := []redline.Token{{Form: "", Lower: ""}}
	tg.TagTokens(toks) // an empty form must not panic
}

// TestGolden pins the tagging of a few sentences written for this test, so
// that a retrained model's changes show up in review.
func TestGolden(t *testing.T) {
	tg := embeddedTagger(t)
	in, err := os.ReadFile(filepath.Join("testdata", "sentences.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	for _, line := range strings.Split(strings.TrimSpace(string(in)), "\n") {
		toks := tokens(line)
		tg.TagTokens(toks)
		for _, tok := range toks {
			out.WriteString(tok.Form + "\t" + tok.UPOS.String() + "\t" + tok.XPOS + "\t" + tok.Lemma + "\n")
		}
		out.WriteByte('\n')
	}
	golden := filepath.Join("testdata", "tagged.golden")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Errorf("tagging differs from %s (run with -update after checking):\n%s", golden, diffLines(string(want), out.String()))
	}
}

func diffLines(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var d strings.Builder
	for i := 0; i < max(len(al), len(bl)); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			d.WriteString("- " + x + "\n+ " + y + "\n")
		}
	}
	return d.String()
}

// miniTreebank is a tiny CoNLL-U treebank written for the tests.
const miniTreebank = `# text = The army fired on protesters.
1	The	the	DET	DT	_	2	det	_	_
2	army	army	NOUN	NN	_	3	nsubj	_	_
3	fired	fire	VERB	VBD	_	0	root	_	_
4	on	on	ADP	IN	_	5	case	_	_
5	protesters	protester	NOUN	NNS	_	3	obl	_	SpaceAfter=No
6	.	.	PUNCT	.	_	3	punct	_	_

# text = Officials were meeting in Geneva.
1	Officials	official	NOUN	NNS	_	3	nsubj	_	_
2	were	be	AUX	VBD	_	3	aux	_	_
3	meeting	meet	VERB	VBG	_	0	root	_	_
4	in	in	ADP	IN	_	5	case	_	_
5	Geneva	Geneva	PROPN	NNP	_	3	obl	_	SpaceAfter=No
6	.	.	PUNCT	.	_	3	punct	_	_

# text = They sought talks.
1	They	they	PRON	PRP	_	2	nsubj	_	_
2	sought	seek	VERB	VBD	_	0	root	_	_
3	talks	talk	NOUN	NNS	_	2	obj	_	SpaceAfter=No
4	.	.	PUNCT	.	_	2	punct	_	_

`

func miniModel(t testing.TB, opt TrainOptions) *Tagger {
	t.Helper()
	sents, err := conllu.ReadAll(strings.NewReader(miniTreebank), "mini")
	if err != nil {
		t.Fatal(err)
	}
	tg, err := Train(sents, sents, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

func TestTrainIsDeterministicAndRoundTrips(t *testing.T) {
	for _, opt := range []TrainOptions{{Epochs: 3}, {Epochs: 3, TwoPass: true, Folds: 2}} {
		var a, b, c bytes.Buffer
		m1 := miniModel(t, opt)
		if err := m1.Save(&a); err != nil {
			t.Fatal(err)
		}
		if err := miniModel(t, opt).Save(&b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatalf("%+v: two trainings gave different models", opt)
		}
		m2, err := Load(bytes.NewReader(a.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if err := m2.Save(&c); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), c.Bytes()) {
			t.Fatalf("%+v: Save(Load(m)) differs from m", opt)
		}
		x, y := tokens("The army sought talks ."), tokens("The army sought talks .")
		m1.TagTokens(x)
		m2.TagTokens(y)
		for i := range x {
			if x[i] != y[i] {
				t.Errorf("%+v: loaded model tags %+v, trained one %+v", opt, y[i], x[i])
			}
		}
		if x[2].Lemma != "seek" || x[2].XPOS != "VBD" {
			t.Errorf("%+v: %+v, want sought/VBD/seek", opt, x[2])
		}
	}
}

func TestLoadRejectsDamage(t *testing.T) {
	var good bytes.Buffer
	if err := miniModel(t, TrainOptions{Epochs: 2}).Save(&good); err != nil {
		t.Fatal(err)
	}
	g := good.Bytes()
	// withCRC replaces the checksum so that the damage reaches the
	// structure checks.
	withCRC := func(body []byte) []byte {
		body = append([]byte(nil), body...)
		return binary.LittleEndian.AppendUint32(body, crc32.Checksum(body, castagnoli))
	}
	body := g[:len(g)-4]
	flipped := append([]byte(nil), g...)
	flipped[len(flipped)/2] ^= 0x10
	v1 := miniV1(t)
	rawV1 := gunzip(t, v1)
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not a model", []byte("hello")},
		{"truncated", g[:len(g)/2]},
		{"one bit flipped", flipped},
		{"trailing byte", append(append([]byte(nil), g...), 0)},
		{"wrong magic", withCRC(append([]byte("redline-tagger 9\n"), body[len(magic):]...))},
		{"truncated, checksum fixed", withCRC(body[:len(body)/2])},
		{"cut short by one byte, checksum fixed", withCRC(body[:len(body)-1])},
		{"first format: truncated gzip", v1[:len(v1)/2]},
		{"first format: truncated model", gz(rawV1[:len(rawV1)/2])},
		{"first format: wrong magic", gz(append([]byte("redline-tagger 9\n"), rawV1[len(magicV1):]...))},
		{"first format: trailing cut", gz(rawV1[:len(rawV1)-1])},
	}
	for _, tt := range tests {
		if _, err := Load(bytes.NewReader(tt.data)); err == nil {
			t.Errorf("%s: Load accepted a damaged model", tt.name)
		}
	}
	if _, err := Load(bytes.NewReader(v1)); err != nil {
		t.Errorf("a first-format model did not load: %v", err)
	}
}

// TestMergedRowsScoreAlike checks that the merged per-word rows give exactly
// the labels of the plain feature rows they replace.
func TestMergedRowsScoreAlike(t *testing.T) {
	gold := readUD(t, "en_ewt-ud-dev.conllu")
	tg := embeddedTagger(t)
	if tg.merged.slots == nil {
		t.Fatal("the embedded model has no merged rows")
	}
	plain := &Tagger{labels: tg.labels, dict: tg.dict, lex: tg.lex, pass1: tg.pass1, pass2: tg.pass2, lemmas: tg.lemmas, gate: tg.gate}
	diff := 0
	for _, s := range gold {
		a, b := SentenceTokens(s), SentenceTokens(s)
		tg.TagTokens(a)
		plain.TagTokens(b)
		for i := range a {
			if a[i] != b[i] {
				diff++
			}
		}
	}
	if diff > 0 {
		t.Errorf("%d tokens tagged differently with merged rows", diff)
	}
}

// TestConcurrentTagging shares one Tagger between goroutines; run with -race.
func TestConcurrentTagging(t *testing.T) {
	tg := embeddedTagger(t)
	lines := []string{
		"Russia 's troops invaded Ukraine on March 1 , 2014 .",
		"Officials denied reports that the embassy had been evacuated .",
		"Police arrested dozens of protesters outside parliament .",
	}
	want := make([][]redline.Token, len(lines))
	for i, l := range lines {
		want[i] = tokens(l)
		tg.TagTokens(want[i])
	}
	errs := make(chan string, 64)
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			for k := 0; k < 50; k++ {
				i := (g + k) % len(lines)
				toks := tokens(lines[i])
				tg.TagTokens(toks)
				for j := range toks {
					if toks[j] != want[i][j] {
						errs <- toks[j].Form
					}
				}
			}
			done <- true
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
	close(errs)
	for e := range errs {
		t.Errorf("concurrent tagging changed %q", e)
	}
}
