package postgres

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/storetest"
)

// BenchmarkPut stores batches of synthetic documents into a growing store,
// one Put per batch: 16 documents as a queue worker stores them, 500 as
// redline ingest does. It reports events per second and per Put.
func BenchmarkPut(b *testing.B) {
	for _, docs := range []int{16, 500} {
		b.Run(fmt.Sprintf("docs=%d", docs), func(b *testing.B) {
			ctx := context.Background()
			s, err := Open(ctx, schemaDSN(b, testDSN(b)))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			batches := make([][]redline.DocEvents, b.N)
			events := 0
			for i := range batches {
				batches[i] = storetest.Corpus(storetest.CorpusOptions{Docs: docs, Days: 365, Sources: 50, MaxEvents: 8,
					Seed: uint64(i), Prefix: fmt.Sprintf("b%d-", i)})
				for _, d := range batches[i] {
					events += len(d.Events)
				}
			}
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				if _, err := s.Put(ctx, batches[i]); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(events)/time.Since(start).Seconds(), "events/s")
		})
	}
}
