package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/pipeline"
)

// processStart is taken as early as the program can, so that "first event"
// includes loading the models and dictionaries, as a user would wait for it.
var processStart = time.Now()

var benchFlags struct {
	in         inputFlags
	rounds     int
	cpuProfile string
}

var benchCmd = &cobra.Command{
	Use:   "bench [FILE|DIR]...",
	Short: "Measure coding speed and memory on a corpus (default: the embedded sample)",
	Long: `Bench codes a corpus in one goroutine, from raw text to events, and prints documents,
sentences, tokens and events per second, the time spent in each stage, the time from program
start to the first event, and peak memory (maximum resident set size). Run it with
GOMAXPROCS=1 for one-core figures. Without inputs it codes the embedded sample, repeated.`,
	Example: `  redline bench
  GOMAXPROCS=1 redline bench ../shared/corpus/voa/voa_stories.jsonl`,
	RunE: runBench,
}

func init() {
	benchFlags.in.register(benchCmd)
	benchCmd.Flags().IntVar(&benchFlags.rounds, "rounds", 0, "times to code the corpus (default: 1 for files, 200 for the sample)")
	benchCmd.Flags().StringVar(&benchFlags.cpuProfile, "cpuprofile", "", "write a CPU profile of the coding loop to this file (go tool pprof)")
	rootCmd.AddCommand(benchCmd)
}

func runBench(cmd *cobra.Command, args []string) error {
	rounds := benchFlags.rounds
	if len(args) == 0 {
		benchFlags.in.demo = true
		if rounds == 0 {
			rounds = 200
		}
	}
	if rounds <= 0 {
		rounds = 1
	}
	p, err := benchFlags.in.pipeline()
	if err != nil {
		return err
	}
	loaded := time.Since(processStart)
	seq, err := benchFlags.in.docs(cmd.Context(), args)
	if err != nil {
		return err
	}
	var corpus []*redline.Doc
	rejected := 0
	for d, err := range seq {
		if err != nil {
			rejected++
			fmt.Fprintln(os.Stderr, "redline:", err)
			continue
		}
		corpus = append(corpus, d)
	}
	var st pipeline.StageTimes
	var nSent, nTok, nEv int
	var first time.Duration
	if benchFlags.cpuProfile != "" {
		f, err := os.Create(benchFlags.cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	cpu0 := cpuTime()
	start := time.Now()
	for r := 0; r < rounds; r++ {
		for _, d := range corpus {
			evs := p.CodeTimed(d, &st)
			if first == 0 && len(evs) > 0 {
				first = time.Since(processStart)
			}
			nSent += len(d.Sentences)
			nTok += len(d.Tokens)
			nEv += len(evs)
		}
	}
	el := time.Since(start).Seconds()
	cpu := (cpuTime() - cpu0).Seconds()
	w := cmd.OutOrStdout()
	fmt.Fprintf(w, "corpus       %d documents × %d rounds (%d rejected), GOMAXPROCS=%d\n", len(corpus), rounds, rejected, runtime.GOMAXPROCS(0))
	fmt.Fprintf(w, "machine      %s, %d CPUs, %s\n", cpuModel(), runtime.NumCPU(), runtime.Version())
	fmt.Fprintf(w, "coded        %d sentences, %d tokens, %d events in %.3f s\n", nSent, nTok, nEv, el)
	fmt.Fprintf(w, "speed        %.0f sentences/s, %.0f tokens/s, %.0f documents/s (wall clock)\n", float64(nSent)/el, float64(nTok)/el, float64(len(corpus)*rounds)/el)
	if cpu > 0 {
		// On a shared machine the wall clock counts other programs' time;
		// per CPU-second is what the code costs.
		fmt.Fprintf(w, "cpu          %.3f s: %.0f sentences, %.0f tokens per CPU-second\n", cpu, float64(nSent)/cpu, float64(nTok)/cpu)
	}
	tot := (st.Segment + st.Tag + st.Parse + st.Code).Seconds()
	if tot > 0 {
		fmt.Fprintf(w, "stages       segment %.0f%%, tag %.0f%%, parse %.0f%%, code %.0f%%\n",
			100*st.Segment.Seconds()/tot, 100*st.Tag.Seconds()/tot, 100*st.Parse.Seconds()/tot, 100*st.Code.Seconds()/tot)
	}
	fmt.Fprintf(w, "start-up     %.3f s to load models and dictionaries; first event after %.3f s\n", loaded.Seconds(), first.Seconds())
	if rss := peakRSS(); rss > 0 {
		fmt.Fprintf(w, "peak memory  %.1f MB (max RSS)\n", float64(rss)/(1<<20))
	}
	return nil
}

// cpuModel names the processor, so that figures from different machines
// are not compared as if they came from one (the same build ran 1.5 times
// slower on one 2-core VM than on another).
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOOS + "/" + runtime.GOARCH
	}
	model, mhz := "", ""
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "model name":
			if model == "" {
				model = strings.TrimSpace(v)
			}
		case "cpu MHz":
			if mhz == "" {
				mhz = strings.TrimSpace(v)
			}
		}
	}
	if model == "" {
		return runtime.GOOS + "/" + runtime.GOARCH
	}
	if f, err := strconv.ParseFloat(mhz, 64); err == nil && !strings.Contains(model, "Hz") {
		model += fmt.Sprintf(" %.1f GHz", f/1000)
	}
	return model
}
