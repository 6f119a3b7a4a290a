package main

import (
	"fmt"
	"os"
	"time"

	"github.com/redline-events/redline/conllu"
	"github.com/redline-events/redline/parse"
	"github.com/spf13/cobra"
)

func init() {
	var trainFiles []string
	var devFile, out string
	var averageWith []string
	var prune int
	var opt parse.TrainOptions
	cmd := &cobra.Command{
		Use:   "parser --train FILE [--train FILE2] --dev FILE -o MODEL",
		Short: "Train the dependency parser on CoNLL-U treebanks, printing dev UAS/LAS per epoch",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if len(trainFiles) == 0 || out == "" {
				return usagef("train parser: --train and -o are required")
			}
			var train, dev []*conllu.Sentence
			for _, f := range trainFiles {
				ss, err := readParserTreebank(f)
				if err != nil {
					return err
				}
				train = append(train, ss...)
			}
			if devFile != "" {
				var err error
				if dev, err = readParserTreebank(devFile); err != nil {
					return err
				}
			}
			start := time.Now()
			p, err := parse.Train(train, dev, opt, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			if len(averageWith) > 0 {
				ps := []*parse.Parser{p}
				for _, name := range averageWith {
					f, err := os.Open(name)
					if err != nil {
						return err
					}
					q, err := parse.Load(f)
					f.Close()
					if err != nil {
						return fmt.Errorf("%s: %w", name, err)
					}
					ps = append(ps, q)
				}
				if p, err = parse.Average(ps...); err != nil {
					return err
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "averaged with %d models\n", len(averageWith))
			}
			if prune > 0 {
				if p, err = parse.Prune(p, int16(min(prune, 32767))); err != nil {
					return err
				}
			}
			f, err := os.Create(out)
			if err != nil {
				return err
			}
			if err := p.Save(f); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
			st, _ := os.Stat(out)
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (%d bytes) after %s\n", out, st.Size(), time.Since(start).Round(time.Second))
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&trainFiles, "train", nil, "CoNLL-U training file (repeatable)")
	fl.StringVar(&devFile, "dev", "", "CoNLL-U development file: UAS/LAS per epoch, best epoch kept")
	fl.StringVarP(&out, "output", "o", "", "model file to write")
	fl.IntVar(&opt.Epochs, "epochs", 12, "passes over the training data")
	fl.Int64Var(&opt.Seed, "seed", 1, "random seed (training is deterministic for a seed)")
	fl.StringArrayVar(&averageWith, "average-with", nil, "average the new model's weights with this model's (repeatable; same table sizes)")
	fl.IntVar(&prune, "prune", 0, "zero the weights of magnitude below this (of 32767) in the model written, after averaging: a smaller file")
	fl.IntVar(&opt.Jackknife, "jackknife", 0, "train on tags from this many jackknifed taggers (0: the files' tags)")
	fl.IntVar(&opt.Beam, "beam", 0, "train globally for beam search with this many items, dev scored with that beam (0: greedy)")
	fl.IntVar(&opt.MoveBits, "move-bits", 21, "log2 of the rows of the move weight table")
	fl.IntVar(&opt.LabelBits, "label-bits", 17, "log2 of the rows of the label weight table")
	var onePass bool
	fl.BoolVar(&onePass, "jackknife-one-pass", false, "jackknife with one-pass taggers (faster; the shipped tagger is two-pass)")
	cmd.PreRun = func(*cobra.Command, []string) { opt.TagOptions.TwoPass = !onePass }
	trainCmd.AddCommand(cmd)
}

// readParserTreebank reads a whole CoNLL-U file.
func readParserTreebank(name string) ([]*conllu.Sentence, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return conllu.ReadAll(f, name)
}
