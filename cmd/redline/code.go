package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"os"
	"runtime"
	"time"

	"github.com/dustin/go-humanize"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/data"
	"github.com/redline-events/redline/dict"
	"github.com/redline-events/redline/format"
	"github.com/redline-events/redline/ingest"
	"github.com/redline-events/redline/pipeline"
)

// inputFlags are the flags of every command that reads documents.
type inputFlags struct {
	kind     string
	date     string
	dicts    []string
	dictOnly bool
	demo     bool
	maxDoc   string
}

func (f *inputFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.kind, "input", "auto", "input kind: auto (from extension or content), jsonl, txt, html, feed, reuters")
	cmd.Flags().StringVar(&f.date, "date", "", "publication date (YYYY-MM-DD) of plain-text input; default today")
	f.registerDict(cmd)
	cmd.Flags().BoolVar(&f.demo, "demo", false, "read the sample news embedded in the binary instead of files")
	cmd.Flags().StringVar(&f.maxDoc, "max-doc-size", "8MiB", "reject documents with more text than this (coding takes ~25 bytes of memory per byte of text); 0 for no limit")
	_ = cmd.RegisterFlagCompletionFunc("input", cobra.FixedCompletions(
		[]string{"auto", "jsonl", "txt", "html", "feed", "reuters"}, cobra.ShellCompDirectiveNoFileComp))
}

// registerDict adds --dict and --dict-only, for commands that code text.
func (f *inputFlags) registerDict(cmd *cobra.Command) {
	cmd.Flags().StringSliceVar(&f.dicts, "dict", nil, "dictionary file or directory (our format or PETRARCH/TABARI) added to the defaults; repeatable")
	cmd.Flags().BoolVar(&f.dictOnly, "dict-only", false, "use only the --dict dictionaries, not the embedded ones (to compare dictionaries)")
}

func (f *inputFlags) options() (ingest.Options, error) {
	opt := ingest.Options{Kind: f.kind}
	if f.maxDoc != "" {
		n, err := humanize.ParseBytes(f.maxDoc)
		if err != nil || n > math.MaxInt32 {
			return opt, usagef("--max-doc-size %q: want a size such as 8MiB, 500KB or 0", f.maxDoc)
		}
		opt.MaxText = int(n)
		if n == 0 {
			opt.MaxText = -1
		}
	}
	if f.date != "" {
		d, err := time.Parse("2006-01-02", f.date)
		if err != nil {
			return opt, usagef("--date %q: want YYYY-MM-DD", f.date)
		}
		opt.Date = d
	}
	return opt, nil
}

// docs returns the documents named by args (or the embedded demo sample).
func (f *inputFlags) docs(ctx context.Context, args []string) (iter.Seq2[*redline.Doc, error], error) {
	opt, err := f.options()
	if err != nil {
		return nil, err
	}
	if f.demo {
		if len(args) > 0 {
			return nil, usagef("--demo reads the embedded sample: give no input files")
		}
		return ingest.Reader(ctx, "demo.jsonl", data.DemoNews(), ingest.Options{Kind: "jsonl"}), nil
	}
	return ingest.Docs(ctx, args, opt), nil
}

func (f *inputFlags) pipeline() (*pipeline.Pipeline, error) {
	opt := pipeline.Options{}
	if f.dictOnly && len(f.dicts) == 0 {
		return nil, usagef("--dict-only needs --dict FILE")
	}
	if len(f.dicts) > 0 {
		d, err := loadDictionaries(f.dicts, f.dictOnly)
		if err != nil {
			return nil, err
		}
		opt.Dictionary = d
	}
	return pipeline.New(opt)
}

var codeFlags struct {
	in       inputFlags
	format   string
	output   string
	workers  int
	progress string
}

var codeCmd = &cobra.Command{
	Use:   "code [FILE|DIR|-]...",
	Short: "Code news documents into CAMEO events",
	Long: `Code reads news documents, finds who did what to whom, when, and writes one event per
line (or row). Inputs are files or directories (read recursively) of JSON lines, plain text,
HTML pages, RSS/Atom feeds or Reuters-21578 SGML; "-" or no input reads standard input.

A document that cannot be read is reported on stderr with its file and line (or id) and
skipped; the run goes on. Exit status: 0 when every document was read, 1 when some were
rejected, 2 on usage errors.`,
	Example: `  redline code --demo
  redline code --format jsonl news.jsonl -o events.jsonl
  redline code --format gdelt --date 2021-12-11 article.txt
  curl -s https://example.org/feed.xml | redline code --input feed -`,
	RunE: runCode,
}

func init() {
	f := codeCmd.Flags()
	codeFlags.in.register(codeCmd)
	f.StringVarP(&codeFlags.format, "format", "f", "jsonl", "output format: jsonl, csv, gdelt, petrarch, parquet")
	f.StringVarP(&codeFlags.output, "output", "o", "-", "output file; - is standard output")
	f.IntVarP(&codeFlags.workers, "workers", "j", runtime.GOMAXPROCS(0), "documents coded in parallel")
	f.StringVar(&codeFlags.progress, "progress", "auto", "progress bar on stderr: auto (when stderr is a terminal), always, never")
	_ = codeCmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(format.Names(), cobra.ShellCompDirectiveNoFileComp))
	rootCmd.AddCommand(codeCmd)
}

func runCode(cmd *cobra.Command, args []string) error {
	if codeFlags.workers < 1 {
		return usagef("--workers must be at least 1")
	}
	if codeFlags.format == "parquet" && codeFlags.output == "-" && term.IsTerminal(int(os.Stdout.Fd())) {
		return usagef("parquet is binary: give -o FILE")
	}
	out, closeOut, err := openOutput(codeFlags.output)
	if err != nil {
		return err
	}
	w, err := format.New(codeFlags.format, out)
	if err != nil {
		closeOut()
		return usageError{err}
	}
	docs, err := codeFlags.in.docs(cmd.Context(), args)
	if err != nil {
		closeOut()
		return err
	}
	p, err := codeFlags.in.pipeline()
	if err != nil {
		closeOut()
		return err
	}
	bar := newProgress(codeFlags.progress)
	start := time.Now()
	st, runErr := codeAll(cmd.Context(), p, docs, codeFlags.workers, func(evs []redline.Event) error {
		for i := range evs {
			if err := w.Write(&evs[i]); err != nil {
				return err
			}
		}
		return nil
	}, func(d *redline.Doc) { bar.Add(1) }, os.Stderr)
	_ = bar.Finish()
	if err := w.Close(); err != nil && runErr == nil {
		runErr = err
	}
	if err := closeOut(); err != nil && runErr == nil {
		runErr = err
	}
	fmt.Fprintf(os.Stderr, "redline: %d documents (%d rejected), %d sentences, %d events in %.2f s\n",
		st.docs, st.rejected, st.sentences, st.events, time.Since(start).Seconds())
	if runErr != nil {
		return runErr
	}
	if st.rejected > 0 {
		return rejectedError{st.rejected}
	}
	return nil
}

// openOutput opens path for writing ("-" is stdout) behind a buffer; the
// returned func flushes and closes it.
func openOutput(path string) (io.Writer, func() error, error) {
	if path == "-" || path == "" {
		bw := bufio.NewWriterSize(os.Stdout, 1<<16)
		return bw, bw.Flush, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	return bw, func() error {
		if err := bw.Flush(); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}, nil
}

// newProgress returns a document counter on stderr, or a silent one.
func newProgress(mode string) *progressbar.ProgressBar {
	show := mode == "always" || (mode == "auto" && term.IsTerminal(int(os.Stderr.Fd())))
	if !show {
		return progressbar.DefaultSilent(-1)
	}
	return progressbar.NewOptions(-1, progressbar.OptionSetWriter(os.Stderr), progressbar.OptionSetDescription("coding"),
		progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("docs"),
		progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
}

// runStats is what a coding run counts for its summary line.
type runStats struct {
	docs, rejected, sentences, tokens, events int
	firstEvent                                time.Duration
}

// codeAll codes every document with `workers` goroutines and hands each
// document's events to emit in input order, so that output is reproducible.
// Rejected inputs are reported on errw and counted; they do not stop the run.
// An error from emit (a full disk) does.
func codeAll(ctx context.Context, p *pipeline.Pipeline, docs iter.Seq2[*redline.Doc, error], workers int,
	emit func([]redline.Event) error, done func(*redline.Doc), errw io.Writer) (runStats, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct {
		seq  int
		doc  *redline.Doc
		evs  []redline.Event
		err  error
		done chan struct{}
	}
	var st runStats
	start := time.Now()
	jobs := make(chan *job, workers*4)
	order := make(chan *job, workers*4)
	for i := 0; i < workers; i++ {
		go func() {
			for j := range jobs {
				j.evs, j.err = p.Code(ctx, j.doc)
				close(j.done)
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(jobs)
		seq := 0
		docs(func(d *redline.Doc, err error) bool {
			if err != nil {
				j := &job{seq: seq, err: err, done: make(chan struct{})}
				close(j.done)
				seq++
				select {
				case order <- j:
					return true
				case <-ctx.Done():
					return false
				}
			}
			j := &job{seq: seq, doc: d, done: make(chan struct{})}
			seq++
			select {
			case order <- j:
			case <-ctx.Done():
				return false
			}
			select {
			case jobs <- j:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()
	var emitErr error
	for j := range order {
		<-j.done
		if j.doc == nil || j.err != nil {
			st.rejected++
			if j.doc != nil {
				fmt.Fprintf(errw, "redline: %s (doc %s): %v\n", j.doc.Origin, j.doc.ID, j.err)
			} else {
				fmt.Fprintf(errw, "redline: %v\n", j.err)
			}
			if j.doc == nil && errors.Is(j.err, context.Canceled) {
				st.rejected--
			}
			continue
		}
		st.docs++
		st.sentences += len(j.doc.Sentences)
		st.tokens += len(j.doc.Tokens)
		st.events += len(j.evs)
		if len(j.evs) > 0 && st.firstEvent == 0 {
			st.firstEvent = time.Since(start)
		}
		if emitErr == nil {
			if emitErr = emit(j.evs); emitErr != nil {
				cancel()
			}
		}
		if done != nil {
			done(j.doc)
		}
	}
	return st, emitErr
}

// loadDictionaries builds the defaults plus the --dict files (later files
// override earlier ones), or the files alone when only is set. It loads a
// fresh copy of the defaults rather than changing the shared one.
func loadDictionaries(paths []string, only bool) (*dict.Dictionary, error) {
	// Users' dictionaries (PETRARCH's Phoenix files among them) carry a few
	// malformed lines; load the rest and say which lines were skipped.
	extra, err := dict.LoadFiles(paths, dict.Options{Lenient: true})
	if err != nil {
		return nil, err
	}
	for i, w := range extra.Warnings {
		if i == 10 {
			fmt.Fprintf(os.Stderr, "redline: ... and %d more skipped dictionary lines\n", len(extra.Warnings)-i)
			break
		}
		fmt.Fprintf(os.Stderr, "redline: skipped dictionary line: %v\n", w)
	}
	if only {
		return extra, nil
	}
	base, err := dict.Load(data.Dict(), dict.Options{})
	if err != nil {
		return nil, fmt.Errorf("loading the default dictionaries: %w", err)
	}
	base.Add(extra)
	return base, nil
}
