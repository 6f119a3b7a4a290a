package main

import (
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/redline-events/redline/queue"
)

var workerFlags struct {
	queue    string
	store    storeFlags
	dicts    []string
	workers  int
	batch    int
	ackWait  time.Duration
	drain    bool
	progress time.Duration
}

var workerCmd = &cobra.Command{
	Use:   "worker --queue nats://HOST:4222 --store postgres://...",
	Short: "Code documents from a NATS JetStream queue and store their events",
	Long: `Worker takes the documents that "redline ingest --queue" published, codes them
like "redline code" and stores them like "redline ingest", acknowledging each
message only after its document is committed. Run as many workers, on as many
machines, as the queue needs: JetStream gives each document to one of them.

A worker killed at any point loses nothing: the documents it held are
redelivered to another worker after the ack wait, and documents it had
already committed are skipped by the store as unchanged. A document that
cannot be coded is reported and dropped from the queue. SIGINT or SIGTERM
stops a worker after its batch in flight, handing back what it had not
stored.`,
	Example: `  redline worker --queue nats://127.0.0.1:4222 --store postgres://redline@127.0.0.1:5432/events --workers 2
  redline worker --queue nats://127.0.0.1:4222 --store postgres://redline@127.0.0.1:5432/events --drain`,
	Args: cobra.NoArgs,
	RunE: runWorker,
}

func init() {
	f := workerCmd.Flags()
	f.StringVar(&workerFlags.queue, "queue", "", "NATS URL of the queue: nats://HOST:4222[,nats://HOST2:4222][?stream=NAME]")
	workerFlags.store.register(workerCmd)
	f.StringSliceVar(&workerFlags.dicts, "dict", nil, "dictionary file or directory added to the defaults; repeatable (give every worker the same)")
	f.IntVarP(&workerFlags.workers, "workers", "j", runtime.GOMAXPROCS(0), "coders in this process")
	f.IntVar(&workerFlags.batch, "batch", queue.DefaultBatch, "documents a coder takes at once and stores in one transaction")
	f.DurationVar(&workerFlags.ackWait, "ack-wait", 0, "how long an unacked document waits before it is redelivered (default: the consumer's, 30s when new)")
	f.BoolVar(&workerFlags.drain, "drain", false, "exit once the queue is empty (nothing pending, nothing awaiting an ack)")
	f.DurationVar(&workerFlags.progress, "progress", 0, "print the rate on stderr at this interval")
	rootCmd.AddCommand(workerCmd)
}

func runWorker(cmd *cobra.Command, _ []string) error {
	if workerFlags.queue == "" {
		return usagef("--queue: give the NATS URL of the queue")
	}
	if workerFlags.workers < 1 || workerFlags.batch < 1 {
		return usagef("--workers and --batch must be at least 1")
	}
	if workerFlags.ackWait < 0 {
		return usagef("--ack-wait must be positive")
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	in := inputFlags{dicts: workerFlags.dicts}
	p, err := in.pipeline()
	if err != nil {
		return err
	}
	st, err := workerFlags.store.open(ctx, cmd)
	if err != nil {
		return err
	}
	defer st.Close()
	q, err := queue.Open(ctx, workerFlags.queue)
	if err != nil {
		return err
	}
	defer q.Close()
	start := time.Now()
	var docs, events atomic.Int64
	if workerFlags.progress > 0 {
		go func() {
			t := time.NewTicker(workerFlags.progress)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
					s := time.Since(start).Seconds()
					fmt.Fprintf(os.Stderr, "redline worker: %d documents, %d events, %.1f documents/s\n", docs.Load(), events.Load(), float64(docs.Load())/s)
				}
			}
		}()
	}
	ws, err := q.Work(ctx, st, p.Code, queue.WorkOptions{
		Workers: workerFlags.workers, Batch: workerFlags.batch, AckWait: workerFlags.ackWait, Drain: workerFlags.drain,
		Log: prefixWriter{os.Stderr},
		Done: func(d, e int) {
			docs.Add(int64(d))
			events.Add(int64(e))
		},
	})
	sec := time.Since(start).Seconds()
	fmt.Fprintf(os.Stderr, "redline worker: %d documents (%d new, %d changed, %d unchanged, %d rejected, %d redelivered), %d events: %d mentions stored, %d new events, in %.2f s (%.1f documents/s)\n",
		ws.Docs, ws.Put.Docs, ws.Put.Replaced, ws.Put.Unchanged, ws.Rejected, ws.Redelivered, ws.Events,
		ws.Put.Mentions, ws.Put.NewEvents, sec, float64(ws.Docs)/sec)
	return err
}

// prefixWriter prefixes the worker's log lines with the program's name.
type prefixWriter struct{ w *os.File }

func (p prefixWriter) Write(b []byte) (int, error) {
	if _, err := fmt.Fprintf(p.w, "redline worker: %s", b); err != nil {
		return 0, err
	}
	return len(b), nil
}
