package tag

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/redline-events/redline/data"
)

// The embedded model was converted, not retrained, from the last model in
// the first format (commit v1ModelCommit) by
//
//	git show ad795b3:data/tagger.model > /tmp/tagger-v1.model
//	go test ./tag -run TestConvertModel -convert /tmp/tagger-v1.model
//
// which loads it and saves it in the current format over data/tagger.model.
const v1ModelCommit = "ad795b3"

var convertFrom = flag.String("convert", "", "convert this model to the current format, writing ../data/tagger.model")

func TestConvertModel(t *testing.T) {
	if *convertFrom == "" {
		t.Skip("no -convert model given")
	}
	f, err := os.Open(*convertFrom)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tg, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := tg.Save(&b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("..", "data", "tagger.model"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// v1Model returns the embedded model as it was before the format changed,
// from git history.
func v1Model(t testing.TB) []byte {
	out, err := exec.Command("git", "show", v1ModelCommit+":data/tagger.model").Output()
	if err != nil {
		t.Skipf("the first-format model is not reachable through git (%v)", err)
	}
	return out
}

// TestConvertedModelIsReproducible checks that converting the old
// embedded model gives exactly the current bytes.
func TestConvertedModelIsReproducible(t *testing.T) {
	// The small test model: converted, it tags the test sentences as the
	// original does, and converting it again gives the same bytes.
	v1, err := Load(bytes.NewReader(miniV1(t)))
	if err != nil {
		t.Fatal(err)
	}
	var m, m2 bytes.Buffer
	if err := v1.Save(&m); err != nil {
		t.Fatal(err)
	}
	v2, err := Load(bytes.NewReader(m.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := v2.Save(&m2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(m.Bytes(), m2.Bytes()) {
		t.Error("Save(Load(m)) differs from m")
	}
	sents, err := os.ReadFile(filepath.Join("testdata", "sentences.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(sents)), "\n") {
		a, b := tokens(line), tokens(line)
		v1.TagTokens(a)
		v2.TagTokens(b)
		if !slices.Equal(a, b) {
			t.Errorf("%q: converted model tags %v, original %v", line, b, a)
		}
	}

	old, err := Load(bytes.NewReader(v1Model(t)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := old.Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), data.Tagger) {
		t.Fatalf("converting the %s model gives %d bytes that differ from the embedded %d", v1ModelCommit, b.Len(), len(data.Tagger))
	}
}

// TestConvertedModelTagsAlike tags EWT dev with the old model, read by the
// old decoder, and with the embedded one: every tag and lemma must agree.
func TestConvertedModelTagsAlike(t *testing.T) {
	gold := readUD(t, "en_ewt-ud-dev.conllu")
	old, err := Load(bytes.NewReader(v1Model(t)))
	if err != nil {
		t.Fatal(err)
	}
	cur := embeddedTagger(t)
	n, diff := 0, 0
	for _, s := range gold {
		a, b := SentenceTokens(s), SentenceTokens(s)
		old.TagTokens(a)
		cur.TagTokens(b)
		for i := range a {
			n++
			if a[i].UPOS != b[i].UPOS || a[i].XPOS != b[i].XPOS || a[i].Lemma != b[i].Lemma {
				if diff++; diff <= 5 {
					t.Errorf("%q: old %v/%s/%s, new %v/%s/%s", a[i].Form, a[i].UPOS, a[i].XPOS, a[i].Lemma, b[i].UPOS, b[i].XPOS, b[i].Lemma)
				}
			}
		}
	}
	if diff > 0 {
		t.Errorf("%d of %d tokens tagged differently", diff, n)
	}
	t.Logf("%d tokens compared", n)
}

// BenchmarkDefaultLoad decodes the embedded model from scratch each
// iteration: what tag.Default costs a freshly started process.
func BenchmarkDefaultLoad(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(data.Tagger)))
	for b.Loop() {
		if _, err := loadBytes(data.Tagger); err != nil {
			b.Fatal(err)
		}
	}
}
