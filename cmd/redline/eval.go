package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/eval"
	"github.com/redline-events/redline/format"
	"github.com/redline-events/redline/pipeline"
)

var evalFlags struct {
	in     inputFlags
	gold   string
	penta  string
	misses int
	events string
}

var evalCmd = &cobra.Command{
	Use:   "eval --gold FILE | --penta FILE",
	Short: "Score the coder against a gold set",
	Long: `Eval codes every record of a gold set and scores the asserted events as
../shared/eval/score.py does: detect, root, code, source, target, triple and extra events
per sentence, then a confusion table by CAMEO root and the worst misses.

--gold reads gold JSONL (one record a line: id, text, date, events with source, target,
plover, cameo) or PETRARCH validation XML (.xml). --penta reads "text<TAB>label" lines with
five classes (0 statement/appeal, 1 verbal cooperation, 2 material cooperation, 3 verbal
conflict, 4 material conflict) and scores the class of each sentence's first asserted event.`,
	Example: `  redline eval --gold ../shared/eval/gold_dev.jsonl
  redline eval --penta ../shared/eval/penta_dev.tsv
  redline eval --gold ../shared/eval/petr/PETR_Validate_records_2_02.xml --dict ../shared/eval/petr`,
	RunE: runEval,
}

func init() {
	f := evalCmd.Flags()
	f.StringVar(&evalFlags.gold, "gold", "", "gold records: JSONL or PETRARCH validation XML")
	f.StringVar(&evalFlags.penta, "penta", "", "five-class labelled sentences (TSV)")
	f.IntVar(&evalFlags.misses, "misses", 20, "misses to list")
	f.StringVar(&evalFlags.events, "events", "", "also write the coded events as JSON lines to this file")
	evalFlags.in.registerDict(evalCmd)
	rootCmd.AddCommand(evalCmd)
}

func runEval(cmd *cobra.Command, args []string) error {
	if (evalFlags.gold == "") == (evalFlags.penta == "") {
		return usagef("give exactly one of --gold FILE or --penta FILE")
	}
	p, err := evalFlags.in.pipeline()
	if err != nil {
		return err
	}
	w := cmd.OutOrStdout()
	if evalFlags.penta != "" {
		f, err := os.Open(evalFlags.penta)
		if err != nil {
			return err
		}
		items, err := eval.ReadPenta(f, evalFlags.penta)
		f.Close()
		if err != nil {
			return err
		}
		first := make([]*redline.Event, len(items))
		var all []redline.Event
		for i, it := range items {
			doc := &redline.Doc{ID: fmt.Sprintf("penta-%d", i+1), Text: it.Text}
			evs, _ := p.Code(cmd.Context(), doc)
			for j := range evs {
				if evs[j].Mode == redline.Asserted {
					first[i] = &evs[j]
					break
				}
			}
			all = append(all, evs...)
		}
		acc, conf := eval.Penta(items, first)
		acc16, _ := eval.PentaBy(items, first, eval.LabelPenta)
		fmt.Fprintf(w, "sentences=%d penta_accuracy=%.3f\n", len(items), acc)
		fmt.Fprintf(w, "(%.3f reading root 16, reduce relations, as verbal conflict as the labels do; the codebook says material)\n", acc16)
		fmt.Fprintf(w, "\nlabel → coded class (5 = no event):\n")
		for l := range conf {
			fmt.Fprintf(w, "  %d → %v\n", l, conf[l])
		}
		return writeEvalEvents(all)
	}
	f, err := os.Open(evalFlags.gold)
	if err != nil {
		return err
	}
	var gold []eval.Record
	if strings.HasSuffix(strings.ToLower(evalFlags.gold), ".xml") {
		gold, err = eval.ReadPetrarchXML(f)
	} else {
		gold, err = eval.ReadJSONL(f, evalFlags.gold)
	}
	f.Close()
	if err != nil {
		return err
	}
	all := codeGold(cmd.Context(), p, gold)
	eval.Score(gold, all).Write(w, evalFlags.misses)
	return writeEvalEvents(all)
}

// codeGold codes each gold record as its own document, dated as the record says.
func codeGold(ctx context.Context, p *pipeline.Pipeline, gold []eval.Record) []redline.Event {
	var all []redline.Event
	for _, g := range gold {
		doc := &redline.Doc{ID: g.ID, Text: g.Text}
		if d, err := time.Parse("2006-01-02", g.Date); err == nil {
			doc.Date = d
		}
		evs, _ := p.Code(ctx, doc)
		all = append(all, evs...)
	}
	return all
}

func writeEvalEvents(evs []redline.Event) error {
	if evalFlags.events == "" {
		return nil
	}
	out, closeOut, err := openOutput(evalFlags.events)
	if err != nil {
		return err
	}
	fw, err := format.New("jsonl", out)
	if err != nil {
		return err
	}
	for i := range evs {
		if err := fw.Write(&evs[i]); err != nil {
			return err
		}
	}
	if err := fw.Close(); err != nil {
		return err
	}
	return closeOut()
}
