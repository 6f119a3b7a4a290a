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
//
// On a shared machine events/cpu-s moves by 20% between runs, more than
// most single changes save; instruction counts repeat to 0.1%:
//
//	go test -c -o /tmp/s.test ./sqlite
//	GOGC=off GOMAXPROCS=1 valgrind --tool=cachegrind --cache-sim=no \
//		--cachegrind-out-file=/dev/null /tmp/s.test -test.run XXX -test.bench 'BenchmarkIngest$' -test.benchtime 3x
//
// Put takes about 250,000 instructions per event here (Nov 2026, four
// batches). Their share, from dropping one structure at a time: the
// rollups 24% (country_day 9.6%, dyad_month 7%, rollup 7.2%), FTS5 7.5%,
// the event indexes event_place 4.2%, event_dyad 3.5%, event_tgt 3.2%,
// event_day 2.5%, event_padm1 2.4%, mention_mid 2.8%, mention_doc 2.2%
// (without event_key or mention_event Put costs more: dedup and recount
// read through them), recount 0.6%. By code: SQLite's own about half,
// libc emulation (malloc, mutexes) 10%, database/sql and the driver's Go
// glue 8%.
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
