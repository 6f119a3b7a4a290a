package queue

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/redline-events/redline"
)

// CodeFunc codes one document (pipeline.Pipeline.Code); it is called from
// several goroutines at once.
type CodeFunc func(ctx context.Context, d *redline.Doc) ([]redline.Event, error)

// DefaultBatch is how many documents a coder takes at once. PostgreSQL's
// CPU per document falls with the batch (Reuters-21578 through one worker:
// 6.6 s of server CPU with batches of 16, 4.3 s with 64, 3.0 s with 256), and
// a worker's own rate reached 96% of "redline code" at 256, 85% at 64.
const DefaultBatch = 256

// WorkOptions tune Work.
type WorkOptions struct {
	// Workers is the number of coders in this process (default 1).
	Workers int
	// Batch is how many messages a coder fetches at once and stores in
	// one transaction (default DefaultBatch).
	Batch int
	// AckWait is how long JetStream waits for an ack before it redelivers a
	// message to another worker (default 30 s). It is the consumer's: the
	// last worker to start sets it for all.
	AckWait time.Duration
	// Drain makes Work return once the stream has nothing left for the
	// consumer: nothing pending and nothing awaiting an ack.
	Drain bool
	// Log receives one line per rejected document or failed batch.
	Log io.Writer
	// Done, when set, is called after each batch is stored and acked.
	Done func(docs, events int)
}

// WorkStats counts what Work did.
type WorkStats struct {
	Docs        int64 // documents coded and stored (or found unchanged)
	Events      int64 // events coded
	Rejected    int64 // documents that could not be read or coded (terminated)
	Redelivered int64 // messages this process received more than once
	Put         redline.PutStats
}

// consumer creates or updates the shared durable consumer.
func (q *Queue) consumer(ctx context.Context, ackWait time.Duration) (jetstream.Consumer, error) {
	cfg := jetstream.ConsumerConfig{
		Durable:     Consumer,
		Description: "redline coding workers",
		AckPolicy:   jetstream.AckExplicitPolicy,
		AckWait:     ackWait,
		// Every coder holds up to two batches unacknowledged (one coded,
		// one being stored): room for a hundred coders at DefaultBatch.
		MaxAckPending: 1 << 16,
		// Redelivered without end: a document that crashes workers is a
		// bug to fix, and a store that is down comes back.
		MaxDeliver: -1,
		Replicas:   q.cfg.Replicas,
	}
	if ackWait == 0 {
		// Keep the consumer's own setting when the caller has none.
		if c, err := q.stream.Consumer(ctx, Consumer); err == nil {
			return c, nil
		}
		cfg.AckWait = 30 * time.Second
	}
	return q.stream.CreateOrUpdateConsumer(ctx, cfg)
}

// Work consumes documents until ctx ends (or, with Drain, until the queue
// is empty): each coder fetches a batch, codes it, stores it with one Put
// and then acks its messages. A message is acked only after its document is
// committed, so a crash at any point causes a redelivery, never a loss; a
// document that cannot be decoded or coded is terminated (never
// redelivered) and logged; a failed Put naks the batch for a retry.
func (q *Queue) Work(ctx context.Context, st redline.Store, code CodeFunc, opt WorkOptions) (WorkStats, error) {
	if opt.Workers < 1 {
		opt.Workers = 1
	}
	if opt.Batch < 1 {
		opt.Batch = DefaultBatch
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	cons, err := q.consumer(ctx, opt.AckWait)
	if err != nil {
		return WorkStats{}, fmt.Errorf("queue: consumer: %w", err)
	}
	ackWait := cons.CachedInfo().Config.AckWait
	w := &work{q: q, cons: cons, st: st, code: code, opt: opt, ackWait: ackWait}
	var wg sync.WaitGroup
	errs := make(chan error, opt.Workers)
	for i := 0; i < opt.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := w.loop(ctx); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	w.mu.Lock()
	stats := w.stats
	w.mu.Unlock()
	stats.Docs, stats.Events, stats.Rejected, stats.Redelivered = w.docs.Load(), w.events.Load(), w.rejected.Load(), w.redelivered.Load()
	if err := <-errs; err != nil && ctx.Err() == nil {
		return stats, err
	}
	return stats, nil
}

type work struct {
	q       *Queue
	cons    jetstream.Consumer
	st      redline.Store
	code    CodeFunc
	opt     WorkOptions
	ackWait time.Duration

	docs, events, rejected, redelivered atomic.Int64
	mu                                  sync.Mutex
	stats                               WorkStats // Put counts, under mu
}

// loop is one coder. It codes a batch while the previous one is being
// stored, so that the store's latency hides behind coding.
func (w *work) loop(ctx context.Context) error {
	var storing chan struct{} // closed once the previous batch is stored and acked
	wait := func() {
		if storing != nil {
			<-storing
			storing = nil
		}
	}
	defer wait()
	for ctx.Err() == nil {
		// A fetch holds the messages it has until it is full or its wait
		// ends: the wait must stay well under the ack wait, or they
		// would be redelivered to another coder meanwhile. A draining
		// worker waits less: its last fetch comes back empty, and the
		// whole wait is added to every drain's run time.
		maxWait := min(time.Second, w.ackWait/4)
		if w.opt.Drain {
			maxWait = min(maxWait, 200*time.Millisecond)
		}
		batch, err := w.cons.Fetch(w.opt.Batch, jetstream.FetchMaxWait(maxWait))
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			fmt.Fprintf(w.opt.Log, "fetch: %v\n", err)
			sleep(ctx, time.Second)
			continue
		}
		var msgs []jetstream.Msg
		for m := range batch.Messages() {
			msgs = append(msgs, m)
		}
		if err := batch.Error(); err != nil && !errors.Is(err, jetstream.ErrNoMessages) && len(msgs) == 0 && ctx.Err() == nil {
			fmt.Fprintf(w.opt.Log, "fetch: %v\n", err)
		}
		if len(msgs) == 0 {
			wait()
			if w.opt.Drain {
				empty, err := w.empty(ctx)
				if err != nil {
					return err
				}
				if empty {
					return nil
				}
			}
			continue
		}
		docs, keep, n := w.codeBatch(ctx, msgs)
		wait()
		if len(docs) == 0 {
			continue
		}
		done := make(chan struct{})
		storing = done
		go func() {
			defer close(done)
			w.store(ctx, docs, keep, n)
		}()
	}
	return nil
}

// empty says whether the consumer has nothing left to deliver and nothing
// delivered awaiting an ack (which could still come back redelivered).
func (w *work) empty(ctx context.Context) (bool, error) {
	info, err := w.cons.Info(ctx)
	if err != nil {
		return false, fmt.Errorf("queue: consumer info: %w", err)
	}
	return info.NumPending == 0 && info.NumAckPending == 0, nil
}

// codeBatch codes a batch; it returns the documents to store and their
// messages (rejected ones are terminated), nothing when interrupted.
func (w *work) codeBatch(ctx context.Context, msgs []jetstream.Msg) (docs []redline.DocEvents, keep []jetstream.Msg, nEvents int) {
	start := time.Now()
	docs = make([]redline.DocEvents, 0, len(msgs))
	for _, m := range msgs {
		if md, err := m.Metadata(); err == nil && md.NumDelivered > 1 {
			w.redelivered.Add(1)
		}
		d, err := Decode(m.Data())
		var evs []redline.Event
		if err == nil {
			evs, err = w.code(ctx, d)
		}
		if err != nil {
			if ctx.Err() != nil {
				// Interrupted, not rejected: hand the batch back at
				// once rather than after the ack wait.
				nakAll(msgs)
				return nil, nil, 0
			}
			w.rejected.Add(1)
			fmt.Fprintf(w.opt.Log, "rejected message %s: %v\n", msgSeq(m), err)
			_ = m.Term()
			continue
		}
		// The store keeps the metadata and the evidence, not the analysis.
		d.Tokens, d.Sentences = nil, nil
		docs = append(docs, redline.DocEvents{Doc: d, Events: evs})
		keep = append(keep, m)
		nEvents += len(evs)
		// A slow batch tells the server it is alive, so that its
		// messages are not redelivered to another worker meanwhile.
		if time.Since(start) > w.ackWait/3 {
			for _, k := range msgs {
				_ = k.InProgress()
			}
			start = time.Now()
		}
	}
	return docs, keep, nEvents
}

// store stores a coded batch in one Put and then acks its messages.
func (w *work) store(ctx context.Context, docs []redline.DocEvents, keep []jetstream.Msg, nEvents int) {
	// A batch coded is stored even when the worker is told to stop:
	// stopping then costs no recoding.
	ps, err := w.st.Put(context.WithoutCancel(ctx), docs)
	if err != nil {
		fmt.Fprintf(w.opt.Log, "storing %d documents (%s...): %v; retrying later\n", len(docs), docs[0].Doc.ID, err)
		for _, m := range keep {
			_ = m.NakWithDelay(5 * time.Second)
		}
		return
	}
	for _, m := range keep {
		// The document is committed: a lost ack only causes a harmless
		// redelivery.
		if err := m.Ack(); err != nil {
			fmt.Fprintf(w.opt.Log, "ack %s: %v\n", msgSeq(m), err)
		}
	}
	w.docs.Add(int64(len(docs)))
	w.events.Add(int64(nEvents))
	w.mu.Lock()
	w.stats.Put.Docs += ps.Docs
	w.stats.Put.Replaced += ps.Replaced
	w.stats.Put.Unchanged += ps.Unchanged
	w.stats.Put.Mentions += ps.Mentions
	w.stats.Put.NewEvents += ps.NewEvents
	w.mu.Unlock()
	if w.opt.Done != nil {
		w.opt.Done(len(docs), nEvents)
	}
}

func nakAll(msgs []jetstream.Msg) {
	for _, m := range msgs {
		_ = m.Nak()
	}
}

func msgSeq(m jetstream.Msg) string {
	if md, err := m.Metadata(); err == nil {
		return fmt.Sprintf("#%d", md.Sequence.Stream)
	}
	return m.Subject()
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}
