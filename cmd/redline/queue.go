package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/redline-events/redline/queue"
)

var queueFlags struct {
	url    string
	format string
	watch  time.Duration
}

// ingestQueue is ingest's --queue: publish instead of coding and storing.
var ingestQueue string

var queueCmd = &cobra.Command{
	Use:   "queue",
	Short: "Inspect the NATS JetStream queue that feeds redline workers",
}

var queueStatusCmd = &cobra.Command{
	Use:   "status --queue nats://HOST:4222",
	Short: "Show the documents waiting in the queue and the workers' lag",
	Long: `Status shows the stream (documents published and not yet acked by a worker) and
the workers' consumer: pending is the lag (documents no worker has taken yet),
ack pending the documents being coded, or held by a dead worker until the ack
wait sends them to another, redelivered those delivered more than once.`,
	Example: `  redline queue status --queue nats://127.0.0.1:4222
  redline queue status --queue nats://127.0.0.1:4222 --watch 5s
  redline queue status --queue nats://127.0.0.1:4222?stream=NEWS --format json`,
	Args: cobra.NoArgs,
	RunE: runQueueStatus,
}

func init() {
	f := queueStatusCmd.Flags()
	f.StringVar(&queueFlags.url, "queue", "", "NATS URL of the queue: nats://HOST:4222[?stream=NAME]")
	f.StringVar(&queueFlags.format, "format", "text", "text or json")
	f.DurationVar(&queueFlags.watch, "watch", 0, "print the status again at this interval until interrupted")
	queueCmd.AddCommand(queueStatusCmd)
	rootCmd.AddCommand(queueCmd)

	// redline ingest --queue publishes documents for workers instead of
	// coding them here. The flag is added from this file so that the
	// queue stays out of the store path of ingest.go.
	ingestCmd.Flags().StringVar(&ingestQueue, "queue", "", "publish the documents to this NATS JetStream queue (nats://HOST:4222[?stream=NAME]) for \"redline worker\" to code and store, instead of coding them here")
	ingestCmd.Example += "\n  redline ingest --queue nats://127.0.0.1:4222 corpus/"
	run := ingestCmd.RunE
	ingestCmd.RunE = func(cmd *cobra.Command, args []string) error {
		if ingestQueue == "" {
			return run(cmd, args)
		}
		return runPublish(cmd, args)
	}
}

// runPublish is ingest --queue.
func runPublish(cmd *cobra.Command, args []string) error {
	for _, name := range []string{"db", "store", "workers", "batch-docs", "batch-events", "dict"} {
		if cmd.Flags().Changed(name) {
			return usagef("--queue publishes documents; workers code and store them: --%s belongs to \"redline worker\"", name)
		}
	}
	ctx := cmd.Context()
	docs, err := ingestFlags.in.docs(ctx, args)
	if err != nil {
		return err
	}
	q, err := queue.Open(ctx, ingestQueue)
	if err != nil {
		return err
	}
	defer q.Close()
	bar := newProgress(ingestFlags.progress)
	bar.Describe("publishing")
	start := time.Now()
	p := q.Publisher()
	rejected := 0
	var pubErr error
	for d, err := range docs {
		if err != nil {
			fmt.Fprintln(os.Stderr, "redline:", err)
			rejected++
			continue
		}
		if pubErr = p.Publish(ctx, d); pubErr != nil {
			break
		}
		bar.Add(1)
	}
	st, err := p.Flush(ctx)
	_ = bar.Finish()
	if pubErr == nil {
		pubErr = err
	}
	fmt.Fprintf(os.Stderr, "redline: %d documents published to %s (%d duplicates dropped), %d rejected, in %.2f s\n",
		st.Published, q.Config().Stream, st.Duplicates, rejected, time.Since(start).Seconds())
	if pubErr != nil {
		return pubErr
	}
	if rejected > 0 {
		return rejectedError{rejected}
	}
	return nil
}

func runQueueStatus(cmd *cobra.Command, _ []string) error {
	if queueFlags.url == "" {
		return usagef("--queue: give the NATS URL of the queue")
	}
	if queueFlags.format != "text" && queueFlags.format != "json" {
		return usagef("--format %q: want text or json", queueFlags.format)
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	q, err := queue.Open(ctx, queueFlags.url)
	if err != nil {
		return err
	}
	defer q.Close()
	for {
		if err := printQueueStatus(ctx, q, os.Stdout); err != nil {
			return err
		}
		if queueFlags.watch <= 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(queueFlags.watch):
		}
	}
}

func printQueueStatus(ctx context.Context, q *queue.Queue, w io.Writer) error {
	s, err := q.Status(ctx)
	if err != nil {
		return err
	}
	return writeQueueStatus(w, s, queueFlags.format)
}

// writeQueueStatus writes a status as one JSON line or as text.
func writeQueueStatus(w io.Writer, s queue.Status, format string) error {
	if format == "json" {
		return json.NewEncoder(w).Encode(s)
	}
	fmt.Fprintf(w, "stream %s (%s): %d messages waiting, %d bytes; %d published (seq %d..%d), %d replicas, duplicate window %v\n",
		s.Stream, s.Subject, s.Messages, s.Bytes, s.LastSeq, s.FirstSeq, s.LastSeq, s.Replicas, s.DuplicateWindow)
	if c := s.Consumer; c != nil {
		fmt.Fprintf(w, "consumer %s: pending %d (lag), ack pending %d, redelivered %d, acked through seq %d, delivered through seq %d, %d idle fetches, ack wait %v\n",
			c.Name, c.Pending, c.AckPending, c.Redelivered, c.AckFloor, c.Delivered, c.Waiting, c.AckWait)
	} else {
		_, err := fmt.Fprintln(w, "consumer: none yet (no worker has started)")
		return err
	}
	return nil
}
