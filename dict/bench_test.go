package dict

import (
	"bufio"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/data"
)

func BenchmarkLoadDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Load(data.Dict(), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadPetrarchFull(b *testing.B) {
	dir := sharedPath(b, "petrarch") + "/"
	files := PetrarchFiles{
		Verbs:  []string{dir + "CAMEO.2.0.txt"},
		Actors: []string{dir + "Phoenix.Countries.actors.txt", dir + "Phoenix.International.actors.txt", dir + "Phoenix.MilNonState.actors.txt"},
		Agents: []string{dir + "Phoenix.agents.txt"}, Discards: []string{dir + "Phoenix.discards.txt"},
		Issues: []string{dir + "Phoenix.IssueCoding.txt"},
	}
	for b.Loop() {
		if _, err := LoadPetrarch(files, Options{Lenient: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// corpusSentences reads VOA stories split on whitespace into tokens, a
// stand-in for the text stage good enough to exercise the matcher.
func corpusTokens(tb testing.TB, max int) ([][]redline.Token, []time.Time) {
	p := sharedPath(tb, "corpus", "voa", "voa_stories.jsonl")
	f, err := os.Open(p)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var sents [][]redline.Token
	var dates []time.Time
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() && len(sents) < max {
		var doc struct{ Text, Published string }
		if json.Unmarshal(sc.Bytes(), &doc) != nil {
			continue
		}
		date, _ := time.Parse("2006-01-02", strings.Fields(doc.Published + " x")[0])
		for _, s := range strings.SplitAfter(doc.Text, ". ") {
			var ts []redline.Token
			for _, w := range nameTokens(nil, s) {
				ts = append(ts, redline.Token{Form: w, Lower: strings.ToLower(w)})
			}
			sents = append(sents, ts)
			dates = append(dates, date)
		}
	}
	return sents, dates
}

func BenchmarkMatchActors(b *testing.B) {
	d, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	sents, dates := corpusTokens(b, 1<<20)
	ntok := 0
	for _, s := range sents {
		ntok += len(s)
	}
	dst := make([]ActorMatch, 0, 64)
	b.ResetTimer()
	for b.Loop() {
		for i, s := range sents {
			dst = d.MatchActors(dst[:0], s, dates[i])
		}
	}
	b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// TestFuzzyFalsePositives measures how often guarded fuzzy matching fires
// on capitalised words of real news that are not in the dictionaries: each
// such hit is either a misspelt name (rare in edited news) or a false
// positive. The figure goes in the package notes; the test fails if it
// rises above 1% of the distinct capitalised words tried.
func TestFuzzyFalsePositives(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Skipf("defaults do not load: %v", err)
	}
	sents, dates := corpusTokens(t, 1<<20)
	tried := map[string]bool{}
	var hits []string
	date := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	for i, s := range sents {
		for k := range s {
			w := s[k].Form
			if tried[w] || len(w) < minFuzzyLen || !unicode.IsUpper([]rune(w)[0]) || isUpperForm(w) {
				continue
			}
			tried[w] = true
			if !dates[i].IsZero() {
				date = dates[i]
			}
			ms := d.MatchActors(nil, s[k:k+1], date)
			if len(ms) == 1 && ms[0].Fuzzy {
				hits = append(hits, w+"→"+ms[0].Name)
			}
		}
	}
	sort.Strings(hits)
	rate := float64(len(hits)) / float64(max(1, len(tried)))
	t.Logf("fuzzy matches on %d distinct capitalised words (≥%d letters) of VOA news: %d (%.2f%%): %v",
		len(tried), minFuzzyLen, len(hits), 100*rate, hits)
	if rate > 0.01 {
		t.Errorf("fuzzy false-positive rate %.2f%% above 1%%", 100*rate)
	}
}
