package parse

import (
	"bytes"
	"os"
	"strconv"
	"testing"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/conllu"
	"github.com/redline-events/redline/tag"
)

// benchSentences loads EWT dev as tokens with gold tags.
func benchSentences(b *testing.B) ([][]redline.Token, int) {
	raw, err := os.ReadFile(udDir + "en_ewt-ud-dev.conllu")
	if os.IsNotExist(err) {
		b.Skip("../shared/ud absent: the benchmarks parse EWT dev")
	}
	if err != nil {
		b.Fatal(err)
	}
	ss, err := conllu.ReadAll(bytes.NewReader(raw), "dev")
	if err != nil {
		b.Fatal(err)
	}
	var out [][]redline.Token
	n := 0
	for _, s := range ss {
		out = append(out, Tokens(s, nil, nil))
		n += len(s.Words)
	}
	return out, n
}

// BenchmarkParse measures the parser alone on EWT dev (gold tags).
func BenchmarkParse(b *testing.B) {
	sents, n := benchSentences(b)
	p, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			p.ParseTokens(s)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
	}
}

// BenchmarkTagParse measures tagging plus parsing, what Analyze does.
func BenchmarkTagParse(b *testing.B) {
	sents, n := benchSentences(b)
	p, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	tg, err := tag.Default()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			tg.TagTokens(s)
			p.ParseTokens(s)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
	}
}

// BenchmarkTagParseBeam is BenchmarkTagParse with beams of 2 to 8 items.
func BenchmarkTagParseBeam(b *testing.B) {
	sents, n := benchSentences(b)
	p, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	tg, err := tag.Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, k := range []int{2, 4, 8} {
		b.Run("k="+strconv.Itoa(k), func(b *testing.B) {
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				for _, s := range sents {
					tg.TagTokens(s)
					p.ParseTokensBeam(s, k)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
			if cpu := cpuTime() - cpu0; cpu > 0 {
				b.ReportMetric(float64(n)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
			}
		})
	}
}
