package parse

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/redline-events/redline/conllu"
	"github.com/redline-events/redline/data"
)

// The embedded model was converted, not retrained, from the last model in
// the gzip format (commit gzipModelCommit) by
//
//	git show da2ee44:data/parser.model > /tmp/parser-gzip.model
//	go test ./parse -run TestConvertModel -convert /tmp/parser-gzip.model
//
// which loads it and saves it in the current format over data/parser.model.
const gzipModelCommit = "da2ee44"

var convertFrom = flag.String("convert", "", "convert this model to the current format, writing ../data/parser.model")

func TestConvertModel(t *testing.T) {
	if *convertFrom == "" {
		t.Skip("no -convert model given")
	}
	f, err := os.Open(*convertFrom)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := p.Save(&b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("..", "data", "parser.model"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// gzipModel returns the embedded model as it was before the format
// changed, from git history.
func gzipModel(t testing.TB) *Parser {
	out, err := exec.Command("git", "show", gzipModelCommit+":data/parser.model").Output()
	if err != nil {
		t.Skipf("the gzip-format model is not reachable through git (%v)", err)
	}
	p, err := Load(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestConvertedModelIsIdentical checks that the embedded model holds the
// very weights of the gzip-format one, that converting it again gives the
// embedded bytes, and that both parse EWT dev alike.
func TestConvertedModelIsIdentical(t *testing.T) {
	old := gzipModel(t)
	cur, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	om, ol, err := old.dense()
	if err != nil {
		t.Fatal(err)
	}
	cm, cl, err := cur.dense()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(om, cm) || !slices.Equal(ol, cl) ||
		old.moveMask != cur.moveMask || old.labelMask != cur.labelMask || old.labelWidth != cur.labelWidth ||
		!slices.Equal(old.classes[0], cur.classes[0]) || !slices.Equal(old.classes[1], cur.classes[1]) {
		t.Fatal("the converted model's weights differ from the original's")
	}
	var b bytes.Buffer
	if err := old.Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), data.ParserModel) {
		t.Errorf("converting the %s model gives bytes that differ from the embedded ones", gzipModelCommit)
	}
	raw, err := os.ReadFile(udDir + "en_ewt-ud-dev.conllu")
	if os.IsNotExist(err) {
		t.Skip("../shared/ud absent: the parse comparison uses EWT dev")
	}
	if err != nil {
		t.Fatal(err)
	}
	ss, err := conllu.ReadAll(bytes.NewReader(raw), "dev")
	if err != nil {
		t.Fatal(err)
	}
	n, diff := 0, 0
	for _, s := range ss {
		a, c := Tokens(s, nil, nil), Tokens(s, nil, nil)
		old.ParseTokens(a)
		cur.ParseTokens(c)
		for i := range a {
			n++
			if a[i].Head != c[i].Head || a[i].Rel != c[i].Rel {
				diff++
			}
		}
	}
	if diff > 0 {
		t.Errorf("%d of %d tokens parsed differently", diff, n)
	}
	t.Logf("%d tokens compared", n)
}

// BenchmarkDefaultLoad decodes the embedded model from scratch each
// iteration: what parse.Default costs a freshly started process.
func BenchmarkDefaultLoad(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(data.ParserModel)))
	for b.Loop() {
		if _, err := loadBytes(data.ParserModel); err != nil {
			b.Fatal(err)
		}
	}
}
