package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/storetest"
)

// BenchmarkIngest stores batches of 500 synthetic documents (about 2,250
// events) into a growing store, one transaction per batch as redline ingest
// does, and reports events per second.
func BenchmarkIngest(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	batches := make([][]redline.DocEvents, b.N)
	events := 0
	for i := range batches {
		batches[i] = storetest.Corpus(storetest.CorpusOptions{Docs: 500, Days: 365, Sources: 50, MaxEvents: 8,
			Seed: uint64(i), Prefix: fmt.Sprintf("b%d-", i)})
		for _, d := range batches[i] {
			events += len(d.Events)
		}
	}
	b.ResetTimer()
	start, cpu := time.Now(), cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := s.Put(ctx, batches[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(events)/time.Since(start).Seconds(), "events/s")
	// On a shared machine the wall clock measures the neighbours too; the
	// process's CPU time is what one core would take alone.
	b.ReportMetric(float64(events)/(cpuTime()-cpu).Seconds(), "events/cpu-s")
}

// BenchmarkBulkIngest stores 20,000 synthetic documents (about 90,000
// events) in one Put into an empty store: a first load, which takes the
// bulk path (dropIndexes). Each iteration starts from a new store.
func BenchmarkBulkIngest(b *testing.B) {
	ctx := context.Background()
	docs := storetest.Corpus(storetest.CorpusOptions{Docs: 20000, Days: 365, Sources: 50, MaxEvents: 8, Seed: 1, Prefix: "bulk-"})
	events := 0
	for _, d := range docs {
		events += len(d.Events)
	}
	var wall, cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("bulk%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start, c := time.Now(), cpuTime()
		if _, err := s.Put(ctx, docs); err != nil {
			b.Fatal(err)
		}
		wall, cpu = wall+time.Since(start), cpu+cpuTime()-c
		b.StopTimer()
		if s.bulkPuts != 1 {
			b.Fatal("the Put did not take the bulk path")
		}
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(events*b.N)/wall.Seconds(), "events/s")
	b.ReportMetric(float64(events*b.N)/cpu.Seconds(), "events/cpu-s")
}

// cpuTime is the user and system time of this process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
