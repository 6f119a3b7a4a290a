package main

import "github.com/spf13/cobra"

// trainCmd groups the training subcommands (tagger, parser), each in its own file.
var trainCmd = &cobra.Command{
	Use:   "train",
	Short: "Train the part-of-speech tagger or the dependency parser from CoNLL-U treebanks",
}

func init() { rootCmd.AddCommand(trainCmd) }
