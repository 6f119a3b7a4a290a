package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/format"
)

var explainFlags struct {
	in   inputFlags
	date string
}

var explainCmd = &cobra.Command{
	Use:   "explain SENTENCE...",
	Short: "Show how a sentence is parsed and coded, and why",
	Long: `Explain codes the given text and prints, for each sentence, the tokens with their
lemma, part of speech and dependency, the actors and dates found, the verb patterns that
matched (file and line), how speech acts were composed, and why each candidate became an
event or did not; then the events as JSON lines.`,
	Example: `  redline explain "Russia imposed sanctions on Ukraine on Friday."
  redline explain --date 2021-12-11 "Biden warned Putin about dire consequences should he invade Ukraine."`,
	Args: cobra.MinimumNArgs(1),
	RunE: func(cmd *cobra.Command, args []string) error {
		day := time.Now().UTC().Truncate(24 * time.Hour)
		if explainFlags.date != "" {
			d, err := time.Parse("2006-01-02", explainFlags.date)
			if err != nil {
				return usagef("--date %q: want YYYY-MM-DD", explainFlags.date)
			}
			day = d
		}
		p, err := explainFlags.in.pipeline()
		if err != nil {
			return err
		}
		doc := &redline.Doc{ID: "explain", Date: day, Text: strings.Join(args, " ")}
		w := cmd.OutOrStdout()
		evs := p.Explain(doc, w)
		fmt.Fprintf(w, "\n%d events\n", len(evs))
		fw, err := format.New("jsonl", w)
		if err != nil {
			return err
		}
		for i := range evs {
			if err := fw.Write(&evs[i]); err != nil {
				return err
			}
		}
		return fw.Close()
	},
}

func init() {
	explainCmd.Flags().StringVar(&explainFlags.date, "date", "", "document date (YYYY-MM-DD) that relative dates resolve against; default today")
	explainFlags.in.registerDict(explainCmd)
	rootCmd.AddCommand(explainCmd)
}
