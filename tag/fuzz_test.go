package tag

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// gzw is reused: a gzip writer costs close to a megabyte to set up.
var gzw, _ = gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)

func gz(b []byte) []byte {
	var buf bytes.Buffer
	gzw.Reset(&buf)
	gzw.Write(b)
	gzw.Close()
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

// FuzzLoad feeds damaged model bytes to the decoder: it must return an
// error or a tagger that tags without panicking, never panic itself. The
// checksum is not verified, so that mutations reach the structure checks
// instead of all failing on it.
func FuzzLoad(f *testing.F) {
	raw := miniModelBytes(f)
	f.Add(raw)
	f.Add(raw[:len(raw)/3])
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, b []byte) {
		tg, err := decode(b, false)
		if err != nil {
			return
		}
		toks := tokens("The army sought talks in Geneva .")
		tg.TagTokens(toks)
	})
}

// FuzzLoadV1 does the same for the first, gzip-compressed format: the
// input is the uncompressed body, compressed before loading, so that
// mutations reach the model decoder rather than dying in gzip.
func FuzzLoadV1(f *testing.F) {
	raw := gunzip(f, miniV1(f))
	f.Add(raw)
	f.Add(raw[:len(raw)/3])
	f.Add([]byte(magicV1))
	f.Fuzz(func(t *testing.T, b []byte) {
		tg, err := Load(bytes.NewReader(gz(b)))
		if err != nil {
			return
		}
		tg.TagTokens(tokens("The army sought talks in Geneva ."))
	})
}

// FuzzLoadRaw feeds arbitrary bytes, compressed or not, straight to Load.
func FuzzLoadRaw(f *testing.F) {
	f.Add(miniModelBytes(f))
	f.Add(miniV1(f))
	f.Add([]byte{0x1f, 0x8b})
	f.Fuzz(func(t *testing.T, b []byte) {
		if tg, err := Load(bytes.NewReader(b)); err == nil {
			tg.TagTokens(tokens("Talks resumed ."))
		}
	})
}

// miniModelBytes returns a small two-pass model kept in testdata (training
// one inside every fuzzing worker is slow under coverage instrumentation).
// -update rewrites it.
func miniModelBytes(t testing.TB) []byte {
	path := filepath.Join("testdata", "mini.model")
	if *update {
		var b bytes.Buffer
		if err := miniModel(t, TrainOptions{Epochs: 2, TwoPass: true, Folds: 2}).Save(&b); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// miniV1 returns the same small model in the first format, as the last
// version of Save that wrote it left it; the format is frozen, so the file
// is never rewritten.
func miniV1(t testing.TB) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", "mini-v1.model"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
