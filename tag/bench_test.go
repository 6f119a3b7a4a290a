package tag

import (
	"fmt"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/conllu"
)

// BenchmarkTag tags EWT dev (gold tokens) and reports tokens per second.
// Run with GOMAXPROCS=1 for the one-core figure.
func BenchmarkTag(b *testing.B) {
	f, err := os.Open("../../shared/ud/en_ewt-ud-dev.conllu")
	if err != nil {
		b.Skip("UD treebanks not found at ../shared/ud: ", err)
	}
	sents, err := conllu.ReadAll(f, "dev")
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	tg := benchTagger(b)
	var toks [][]redline.Token
	n := 0
	for _, s := range sents {
		toks = append(toks, SentenceTokens(s))
		n += len(s.Words)
	}
	b.ReportAllocs()
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		for _, t := range toks {
			tg.TagTokens(t)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	// On a shared machine wall time depends on the neighbours; CPU time
	// says what one core would do.
	if cpu := (cpuTime() - cpu0).Seconds(); cpu > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/cpu, "tokens/cpu-s")
	}
}

func benchTagger(b *testing.B) *Tagger {
	if p := os.Getenv("TAG_MODEL"); p != "" {
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		t, err := Load(f)
		if err != nil {
			b.Fatal(err)
		}
		if g := os.Getenv("TAG_GATE"); g != "" {
			fmt.Sscan(g, &t.gate)
		}
		return t
	}
	t, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	return t
}

// cpuTime is the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
