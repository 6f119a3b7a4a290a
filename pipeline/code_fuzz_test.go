package pipeline

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/redline-events/redline"
)

var (
	fuzzOnce sync.Once
	fuzzPipe *Pipeline
	fuzzErr  error
)

// FuzzCode runs the whole pipeline on any text: no panic, and everything it
// returns points into the text it was given: sentences and tokens in order
// and in bounds, a parse tree per sentence, events whose evidence is the
// slice it claims and whose codes are in the codebook.
func FuzzCode(f *testing.F) {
	for _, s := range []string{
		"Russia attacked Ukraine on Monday. NATO condemned the attack.",
		"Putin did not threaten Biden, a Kremlin spokesman said on Friday.",
		"If Russia invades, the United States would impose sanctions.",
		"“Ukraine’s forces,” he said — “will not retreat.”",
		"U.S. Sen. J. Smith met Dr. Ahmed in Washington, D.C. yesterday.",
		"\ufffd\u200b\u202eIran\u00a0\u00a0accused   Israel\t\tof\n\nspying",
		strings.Repeat("France, ", 50) + "and Germany condemned Russia.",
		"", ".", "a", "\n", "((((", "1 2 3 4 5 6",
	} {
		f.Add(s)
	}
	fuzzOnce.Do(func() { fuzzPipe, fuzzErr = New(Options{Now: time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)}) })
	if fuzzErr != nil {
		f.Fatal(fuzzErr)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || strings.IndexByte(text, 0) >= 0 {
			return // ingest repairs and rejects these before the pipeline
		}
		d := &redline.Doc{ID: "fuzz", Text: text, Date: time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)}
		evs, err := fuzzPipe.Code(context.Background(), d)
		if err != nil {
			t.Fatal(err)
		}
		checkDoc(t, d)
		for i := range evs {
			e := &evs[i]
			ev := e.Evidence
			if ev.Start < 0 || ev.Start > ev.End || ev.End > len(text) || text[ev.Start:ev.End] != ev.Text {
				t.Fatalf("event %d: evidence [%d,%d) %q is not that slice of the text", i, ev.Start, ev.End, ev.Text)
			}
			if ev.VerbStart < ev.Start || ev.VerbStart > ev.VerbEnd || ev.VerbEnd > ev.End {
				t.Fatalf("event %d: verb [%d,%d) outside its evidence [%d,%d)", i, ev.VerbStart, ev.VerbEnd, ev.Start, ev.End)
			}
			if e.Sentence < 0 || e.Sentence >= len(d.Sentences) {
				t.Fatalf("event %d: sentence %d of %d", i, e.Sentence, len(d.Sentences))
			}
			if !e.Code.Valid() {
				t.Fatalf("event %d: code %q not in the codebook", i, e.Code)
			}
			if e.DocID != d.ID || e.ID == "" {
				t.Fatalf("event %d: doc %q id %q", i, e.DocID, e.ID)
			}
		}
	})
}

// checkDoc checks the analysis the stages left in d.
func checkDoc(t *testing.T, d *redline.Doc) {
	t.Helper()
	prevEnd, prevTok := 0, 0
	for si, s := range d.Sentences {
		if s.Start < prevEnd || s.Start > s.End || s.End > len(d.Text) {
			t.Fatalf("sentence %d [%d,%d) out of order or bounds (text %d bytes)", si, s.Start, s.End, len(d.Text))
		}
		if s.TokStart != prevTok || s.TokStart > s.TokEnd || s.TokEnd > len(d.Tokens) {
			t.Fatalf("sentence %d tokens [%d,%d) after %d of %d", si, s.TokStart, s.TokEnd, prevTok, len(d.Tokens))
		}
		prevEnd, prevTok = s.End, s.TokEnd
		toks := d.Tokens[s.TokStart:s.TokEnd]
		roots := 0
		for ti, tk := range toks {
			if tk.Start < s.Start || tk.Start >= tk.End || tk.End > s.End {
				t.Fatalf("sentence %d token %d [%d,%d) outside the sentence [%d,%d)", si, ti, tk.Start, tk.End, s.Start, s.End)
			}
			if ti > 0 && tk.Start < toks[ti-1].End {
				t.Fatalf("sentence %d token %d overlaps the one before", si, ti)
			}
			if tk.Head < -1 || int(tk.Head) >= len(toks) || int(tk.Head) == ti {
				t.Fatalf("sentence %d token %d %q: head %d of %d tokens", si, ti, tk.Form, tk.Head, len(toks))
			}
			if tk.Head == -1 {
				roots++
			}
		}
		if len(toks) > 0 && roots != 1 {
			t.Fatalf("sentence %d: %d roots", si, roots)
		}
	}
	if prevTok != len(d.Tokens) {
		t.Fatalf("%d tokens, sentences cover %d", len(d.Tokens), prevTok)
	}
}
