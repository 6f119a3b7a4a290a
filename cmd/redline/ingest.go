package main

import (
	"context"
	"fmt"
	"io"
	"iter"
	"os"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/pipeline"
)

var ingestFlags struct {
	in          inputFlags
	store       storeFlags
	workers     int
	progress    string
	batchDocs   int
	batchEvents int
}

var ingestCmd = &cobra.Command{
	Use:   "ingest [FILE|DIR|-]...",
	Short: "Code news documents and store their events",
	Long: `Ingest codes documents like "redline code" and stores them, the evidence sentences
of their events and the events in the store (a SQLite file by default), where
"redline query", "redline alerts" and the server read them.

Mentions of the same event across documents (same source, target, CAMEO code
and mode, dated within ±1 day) are stored as one event with its number of
mentions, articles and sources. Ingest is idempotent: a document already
stored with the same id and content is skipped, a changed one replaces its
old events. Documents are committed in batches; a run that is interrupted
loses at most the batch in flight, and running it again completes it.`,
	Example: `  redline ingest --demo
  redline ingest --db news.db corpus/*.jsonl
  redline ingest --store sqlite:///var/lib/redline/events.db feeds/`,
	RunE: runIngest,
}

func init() {
	f := ingestCmd.Flags()
	ingestFlags.in.register(ingestCmd)
	ingestFlags.store.register(ingestCmd)
	f.IntVarP(&ingestFlags.workers, "workers", "j", runtime.GOMAXPROCS(0), "documents coded in parallel")
	f.StringVar(&ingestFlags.progress, "progress", "auto", "progress bar on stderr: auto (when stderr is a terminal), always, never")
	f.IntVar(&ingestFlags.batchDocs, "batch-docs", 2000, "documents per transaction (larger batches cost the store less per event; an interrupted run redoes the batch in flight)")
	f.IntVar(&ingestFlags.batchEvents, "batch-events", 50000, "events per transaction (whichever limit comes first)")
	rootCmd.AddCommand(ingestCmd)
}

func runIngest(cmd *cobra.Command, args []string) error {
	if ingestFlags.workers < 1 || ingestFlags.batchDocs < 1 || ingestFlags.batchEvents < 1 {
		return usagef("--workers, --batch-docs and --batch-events must be at least 1")
	}
	ctx := cmd.Context()
	docs, err := ingestFlags.in.docs(ctx, args)
	if err != nil {
		return err
	}
	p, err := ingestFlags.in.pipeline()
	if err != nil {
		return err
	}
	st, err := ingestFlags.store.open(ctx, cmd)
	if err != nil {
		return err
	}
	defer st.Close()
	bar := newProgress(ingestFlags.progress)
	bar.Describe("ingesting")
	start := time.Now()
	res, err := ingestDocs(ctx, st, p, docs, ingestOptions{
		workers: ingestFlags.workers, batchDocs: ingestFlags.batchDocs, batchEvents: ingestFlags.batchEvents,
		done: func() { bar.Add(1) },
	}, os.Stderr)
	_ = bar.Finish()
	fmt.Fprintf(os.Stderr, "redline: %d documents (%d new, %d changed, %d unchanged, %d rejected), %d events: %d mentions stored, %d new events, in %.2f s\n",
		res.run.docs, res.put.Docs, res.put.Replaced, res.put.Unchanged, res.run.rejected, res.run.events,
		res.put.Mentions, res.put.NewEvents, time.Since(start).Seconds())
	if err != nil {
		return err
	}
	if res.run.rejected > 0 {
		return rejectedError{res.run.rejected}
	}
	return nil
}

type ingestOptions struct {
	workers, batchDocs, batchEvents int
	done                            func() // after each document is coded
}

type ingestResult struct {
	run runStats
	put redline.PutStats
}

// maxBatchText bounds the document text a batch holds until it is stored
// (the content hash needs it): 2,000 long reports would otherwise sit in
// memory at once.
const maxBatchText = 64 << 20

// ingestDocs codes docs with codeAll (in input order) and stores them in
// batches, one transaction each.
func ingestDocs(ctx context.Context, st redline.Store, p *pipeline.Pipeline, docs iter.Seq2[*redline.Doc, error],
	opt ingestOptions, errw io.Writer) (ingestResult, error) {
	var res ingestResult
	var batch []redline.DocEvents
	nEvents, nText := 0, 0
	var storeErr error
	flush := func() {
		if len(batch) == 0 || storeErr != nil {
			return
		}
		ps, err := st.Put(ctx, batch)
		if err != nil {
			storeErr = fmt.Errorf("storing documents %s to %s: %w", batch[0].Doc.ID, batch[len(batch)-1].Doc.ID, err)
			return
		}
		res.put.Docs += ps.Docs
		res.put.Replaced += ps.Replaced
		res.put.Unchanged += ps.Unchanged
		res.put.Mentions += ps.Mentions
		res.put.NewEvents += ps.NewEvents
		batch, nEvents, nText = batch[:0], 0, 0
	}
	// codeAll hands the events to emit and then the document to done; the
	// pair is stored from done. A store error stops the run at the next emit.
	var pending []redline.Event
	run, err := codeAll(ctx, p, docs, opt.workers, func(evs []redline.Event) error {
		pending = evs
		return storeErr
	}, func(d *redline.Doc) {
		if opt.done != nil {
			opt.done()
		}
		if storeErr != nil {
			return
		}
		// The store keeps the metadata and the evidence, not the analysis.
		d.Tokens, d.Sentences = nil, nil
		batch = append(batch, redline.DocEvents{Doc: d, Events: pending})
		nEvents += len(pending)
		nText += len(d.Text)
		pending = nil
		if len(batch) >= opt.batchDocs || nEvents >= opt.batchEvents || nText >= maxBatchText {
			flush()
		}
	}, errw)
	res.run = run
	if err == nil || err == storeErr {
		flush()
	}
	if storeErr != nil {
		return res, storeErr
	}
	return res, err
}
