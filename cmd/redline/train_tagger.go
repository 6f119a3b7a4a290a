package main

import (
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"github.com/redline-events/redline/conllu"
	"github.com/redline-events/redline/tag"
)

func init() {
	var (
		train  []string
		dev    string
		out    string
		epochs int
		seed   uint64
		one    bool
	)
	cmd := &cobra.Command{
		Use:   "tagger --train FILE [--train FILE2] --dev FILE -o MODEL",
		Short: "Train the part-of-speech tagger and lemmatiser on CoNLL-U treebanks",
		Long: `Train the averaged-perceptron tagger (UPOS+XPOS) and its lemma exceptions on
Universal Dependencies CoNLL-U files. Prints dev accuracy after each epoch and keeps
the best epoch. Training is deterministic for a given --seed and uses one core.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if len(train) == 0 || out == "" {
				return usagef("train tagger: --train and -o are required")
			}
			var trainS, devS []*conllu.Sentence
			for _, f := range train {
				s, err := readTaggerTreebank(f)
				if err != nil {
					return err
				}
				trainS = append(trainS, s...)
			}
			if dev != "" {
				s, err := readTaggerTreebank(dev)
				if err != nil {
					return err
				}
				devS = s
			}
			// The machine is shared: training is sequential anyway, and one
			// P also keeps the garbage collector on the same core.
			runtime.GOMAXPROCS(1)
			start := time.Now()
			t, err := tag.Train(trainS, devS, tag.TrainOptions{Epochs: epochs, Seed: seed, TwoPass: !one}, cmd.OutOrStdout())
			if err != nil {
				return err
			}
			f, err := os.Create(out)
			if err != nil {
				return err
			}
			if err := t.Save(f); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
			st, err := os.Stat(out)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s (%d bytes) in %s\n", out, st.Size(), time.Since(start).Round(time.Second))
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&train, "train", nil, "training treebank (CoNLL-U); repeat for several")
	cmd.Flags().StringVar(&dev, "dev", "", "development treebank (CoNLL-U) for per-epoch accuracy and choosing the epoch")
	cmd.Flags().StringVarP(&out, "output", "o", "", "where to write the model")
	cmd.Flags().IntVar(&epochs, "epochs", 0, "training epochs (0: the default)")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "shuffling seed")
	cmd.Flags().BoolVar(&one, "one-pass", false, "train only the first (left-to-right) pass: faster tagging, lower accuracy")
	trainCmd.AddCommand(cmd)
}

// readTaggerTreebank reads a whole CoNLL-U file.
func readTaggerTreebank(path string) ([]*conllu.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return conllu.ReadAll(f, path)
}
