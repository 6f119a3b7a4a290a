package coder

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/dict"
)

// sentenceFor prepares the coder's state for sentence i of d as code does,
// so that place and placeCountry can be called on it.
func sentenceFor(t *testing.T, c *Coder, d *redline.Doc, upto int) *sentenceState {
	t.Helper()
	st := &docState{dict: c.dict}
	s := &st.s
	s.c, s.doc = st, d
	for i := 0; i <= upto; i++ {
		toks := d.SentenceTokens(i)
		s.index = i
		s.t.build(toks)
		s.matches = c.dict.MatchActors(s.matches[:0], toks, d.Date)
		s.remember()
	}
	return s
}

func tokenOf(t *testing.T, s *sentenceState, form string) int {
	t.Helper()
	for i, tok := range s.t.toks {
		if tok.Form == form {
			return i
		}
	}
	t.Fatalf("no %q", form)
	return -1
}

func TestPlace(t *testing.T) {
	c := newTestCoder(t)
	tests := []struct {
		text, verb string
		want       *redline.Place // Name, Country and How compared
	}{
		{"Russian troops shelled Kharkiv on Monday.", "shelled", &redline.Place{Name: "Kharkiv", Country: "UKR", How: "text"}},
		{"Russian missiles hit Donetsk. Shelling also hit Crimea. Ukraine asked for more air defence.", "asked", &redline.Place{Name: "Ukraine", Country: "UKR", How: "document"}},
		{"Ukrainian officials said Russian missiles hit Moscow. Ukraine asked for more air defence.", "asked", nil},
		{"Jordan and Britain held talks.", "held", nil},
	}
	for _, tt := range tests {
		d := analyze(t, tt.text, "2022-03-01")
		s := sentenceFor(t, c, d, len(d.Sentences)-1)
		got := s.place(tokenOf(t, s, tt.verb))
		switch {
		case tt.want == nil && got != nil:
			t.Errorf("%q: got %+v, want none", tt.text, got)
		case tt.want != nil && (got == nil || got.Name != tt.want.Name || got.Country != tt.want.Country || got.How != tt.want.How):
			t.Errorf("%q: got %+v, want %+v", tt.text, got, tt.want)
		}
	}
}

func TestPlaceCountry(t *testing.T) {
	c := newTestCoder(t)
	d := analyze(t, "Militants attacked a train in Balochistan.", "2025-03-11")
	s := sentenceFor(t, c, d, 0)
	if got := s.placeCountry(tokenOf(t, s, "Militants")); got != "PAK" {
		t.Errorf("placeCountry(Militants) = %q, want PAK", got)
	}
	d = analyze(t, "Militants attacked a train.", "2025-03-11")
	s = sentenceFor(t, c, d, 0)
	if got := s.placeCountry(tokenOf(t, s, "Militants")); got != "" {
		t.Errorf("placeCountry without a place = %q, want none", got)
	}
}

// An agent's country inferred from the place of its clause reads the place
// as the event's own place does, with what the document said before: a
// shared name ("Punjab", in India and in Pakistan) is not the first match
// of the gazetteer. Coded with the default dictionaries, as the pipeline
// does.
func TestAgentCountryFromSharedPlace(t *testing.T) {
	checkNews(t, []newsCase{
		{"Pakistani officials met in Lahore. Gunmen attacked workers in the eastern Punjab province.", []string{"PAKUAF>PAKLAB 190 asserted"}, nil},
		{"Indian officials met in Amritsar. Gunmen attacked workers in Punjab.", []string{"INDUAF>INDLAB 190 asserted"}, nil},
		{"Gunmen attacked workers in Punjab province.", []string{"PAKUAF>PAKLAB 190 asserted"}, nil},
	})
}

// BenchmarkPlaceCost compares, on VOA stories, the time place takes per
// event (one call per verb, more than there are events) with the time Code
// takes for the same sentences. Reported: place-ns/sentence and
// code-ns/sentence; the target is place ≤ 10% of coding.
func BenchmarkPlaceCost(b *testing.B) {
	f, err := os.Open("../../shared/corpus/voa/voa_stories.jsonl")
	if err != nil {
		b.Skipf("no VOA corpus (the shared directory is absent): %v", err)
	}
	defer f.Close()
	var docs []*redline.Doc
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() && len(docs) < 20 {
		var rec struct{ ID, Text string }
		if json.Unmarshal(sc.Bytes(), &rec) == nil {
			docs = append(docs, analyze(b, rec.Text, "2025-03-14"))
		}
	}
	d, err := dict.Default()
	if err != nil {
		b.Fatal(err)
	}
	c := New(d)
	sentences := 0
	for _, doc := range docs {
		sentences += len(doc.Sentences)
	}
	var coding, placing time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		for _, doc := range docs {
			c.Code(doc)
		}
		coding += time.Since(start)
		for _, doc := range docs {
			st := &docState{dict: d}
			s := &st.s
			s.c, s.doc = st, doc
			for si := range doc.Sentences {
				toks := doc.SentenceTokens(si)
				s.index = si
				s.t.build(toks)
				s.matches = d.MatchActors(s.matches[:0], toks, doc.Date)
				s.remember()
				start := time.Now()
				for v := range toks {
					if toks[v].UPOS == redline.VERB {
						s.place(v)
					}
				}
				placing += time.Since(start)
			}
		}
	}
	n := float64(sentences * b.N)
	b.ReportMetric(float64(coding.Nanoseconds())/n, "code-ns/sentence")
	b.ReportMetric(float64(placing.Nanoseconds())/n, "place-ns/sentence")
}

// A capital the dictionary lists for its state names a city of another
// country when the sentence names that country and not the capital's own;
// a small town of the name does not, and the capital's own country named
// beside it keeps the state.
func TestCapitalsAbroad(t *testing.T) {
	checkNews(t, []newsCase{
		{"Syrian troops shelled the militias in Tripoli, the main Lebanese city of the north.", []string{"SYRMIL>LBN"}, []string{"LBY"}},
		{"Libyan forces attacked the militias in Tripoli.", []string{"LBYMIL>LBYUAF"}, []string{"LBN"}},
		{"Egypt urged Tripoli to release the fishermen.", []string{"EGY>LBY"}, []string{"LBN"}},
		{"Washington blamed Paris for the delay.", []string{"USA>FRA"}, nil},
	})
}
