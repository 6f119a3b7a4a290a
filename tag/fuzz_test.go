package tag

import (
	"bytes"
	"compress/gzip"
	"io"
	"testing"
)

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func gunzip(t testing.TB, b []byte) []byte {
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// FuzzLoad feeds damaged model bytes to Load: it must return an error or a
// tagger that tags without panicking, never panic itself. The input is the
// uncompressed model body, compressed before loading, so that mutations
// reach the model decoder rather than dying in gzip.
func FuzzLoad(f *testing.F) {
	var good bytes.Buffer
	if err := miniModel(f, TrainOptions{Epochs: 2, TwoPass: true, Folds: 2}).Save(&good); err != nil {
		f.Fatal(err)
	}
	raw := gunzip(f, good.Bytes())
	f.Add(raw)
	f.Add(raw[:len(raw)/3])
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, b []byte) {
		tg, err := Load(bytes.NewReader(gz(b)))
		if err != nil {
			return
		}
		toks := tokens("The army sought talks in Geneva .")
		tg.TagTokens(toks)
	})
}

// FuzzLoadRaw feeds arbitrary bytes, compressed or not, straight to Load.
func FuzzLoadRaw(f *testing.F) {
	var good bytes.Buffer
	if err := miniModel(f, TrainOptions{Epochs: 1}).Save(&good); err != nil {
		f.Fatal(err)
	}
	f.Add(good.Bytes())
	f.Add([]byte{0x1f, 0x8b})
	f.Fuzz(func(t *testing.T, b []byte) {
		if tg, err := Load(bytes.NewReader(b)); err == nil {
			tg.TagTokens(tokens("Talks resumed ."))
		}
	})
}
