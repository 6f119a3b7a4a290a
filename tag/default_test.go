package tag

import (
	"testing"

	"github.com/redline-events/redline"
)

func TestDefaultLoads(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	toks := []redline.Token{{Form: "Troops", Lower: "troops"}, {Form: "invaded", Lower: "invaded"}, {Form: "Ukraine", Lower: "ukraine"}, {Form: ".", Lower: "."}}
	tg.TagTokens(toks)
	want := []redline.UPOS{redline.NOUN, redline.VERB, redline.PROPN, redline.PUNCT}
	for i := range toks {
		if toks[i].UPOS != want[i] {
			t.Errorf("%s: got %v want %v", toks[i].Form, toks[i].UPOS, want[i])
		}
	}
}
