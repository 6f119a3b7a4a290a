package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"github.com/spf13/cobra"

	"github.com/redline-events/redline/dict"
)

// dictCmd groups the dictionary commands: look names up, lint files, count
// entries, convert PETRARCH dictionaries to our format.
var dictCmd = &cobra.Command{
	Use:   "dict",
	Short: "Look up, check, count and convert actor and verb dictionaries",
}

var dictFlags struct {
	dicts   []string
	date    string
	lenient bool
}

var dictLookupCmd = &cobra.Command{
	Use:   "lookup [--date YYYY-MM-DD] NAME...",
	Short: "Print the actor code of each name at a date (NAME<TAB>CODE; empty code when unknown)",
	Example: `  redline dict lookup --date 2019-06-01 "Joe Biden" Putin "Ukrainian troops"
  redline dict lookup --dict ../shared/petrarch/Phoenix.Countries.actors.txt Afghanistan`,
	Args: cobra.MinimumNArgs(1),
	RunE: func(cmd *cobra.Command, args []string) error {
		date := time.Now().UTC().Truncate(24 * time.Hour)
		if dictFlags.date != "" {
			t, err := time.Parse("2006-01-02", dictFlags.date)
			if err != nil {
				return usagef("--date %q: want YYYY-MM-DD", dictFlags.date)
			}
			date = t
		}
		d, err := dictLoad()
		if err != nil {
			return err
		}
		w := cmd.OutOrStdout()
		for _, name := range args {
			m, _ := d.Lookup(name, date)
			fmt.Fprintf(w, "%s\t%s\n", name, m.Code)
		}
		return nil
	},
}

var dictCheckCmd = &cobra.Command{
	Use:   "check FILE...",
	Short: "Lint dictionary files: malformed lines, duplicates, conflicting codes, bad date ranges, unknown codes and synsets",
	Args:  cobra.MinimumNArgs(1),
	RunE: func(cmd *cobra.Command, args []string) error {
		problems, err := dict.Check(args)
		if err != nil {
			return err
		}
		for _, p := range problems {
			fmt.Fprintln(cmd.OutOrStdout(), p)
		}
		if len(problems) > 0 {
			return fmt.Errorf("%d problems", len(problems))
		}
		return nil
	},
}

var dictStatsCmd = &cobra.Command{
	Use:   "stats",
	Short: "Count dictionary entries by kind, patterns, and CAMEO codes covered",
	Args:  cobra.NoArgs,
	RunE: func(cmd *cobra.Command, args []string) error {
		start := time.Now()
		d, err := dictLoad()
		if err != nil {
			return err
		}
		printStats(cmd.OutOrStdout(), d, time.Since(start))
		return nil
	},
}

func printStats(w io.Writer, d *dict.Dictionary, took time.Duration) {
	st := d.Stats()
	fmt.Fprintf(w, "loaded in\t%v\n", took.Round(time.Millisecond))
	total := 0
	for _, k := range []dict.Kind{dict.Country, dict.Place, dict.Org, dict.Group, dict.Agent, dict.Person} {
		fmt.Fprintf(w, "%s\t%d\n", k, st.Entries[k])
		total += st.Entries[k]
	}
	fmt.Fprintf(w, "entries\t%d\nnames\t%d\n", total, st.Names)
	fmt.Fprintf(w, "patterns\t%d\nverb heads\t%d\nnoun heads\t%d\nsynsets\t%d\n", st.Patterns, st.VerbHeads, st.NounHeads, st.Synsets)
	fmt.Fprintf(w, "codes covered\t%d/%d\n", st.Covered(), st.Codebook)
	if st.Discards+st.Issues > 0 {
		fmt.Fprintf(w, "discards\t%d\nissues\t%d\n", st.Discards, st.Issues)
	}
	if len(d.Unconverted) > 0 {
		var ks []string
		for k := range d.Unconverted {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		for _, k := range ks {
			fmt.Fprintf(w, "unconverted: %s\t%d\n", k, d.Unconverted[k])
		}
	}
	if len(d.Warnings) > 0 {
		fmt.Fprintf(w, "warnings\t%d\n", len(d.Warnings))
	}
}

var convertFlags struct {
	actors, agents, verbs, discards, issues []string
	out                                     string
}

var dictConvertCmd = &cobra.Command{
	Use:   "convert --petrarch-actors F ... -o DIR",
	Short: "Convert PETRARCH/TABARI dictionaries to redline's format",
	Example: `  redline dict convert --petrarch-actors ../shared/petrarch/Phoenix.Countries.actors.txt \
      --petrarch-agents ../shared/petrarch/Phoenix.agents.txt --petrarch-verbs ../shared/petrarch/CAMEO.2.0.txt -o mydict`,
	Args: cobra.NoArgs,
	RunE: func(cmd *cobra.Command, args []string) error {
		f := convertFlags
		if f.out == "" {
			return usagef("convert needs -o DIR")
		}
		if len(f.actors)+len(f.agents)+len(f.verbs) == 0 {
			return usagef("convert needs at least one of --petrarch-actors, --petrarch-agents, --petrarch-verbs")
		}
		start := time.Now()
		d, err := dict.LoadPetrarch(dict.PetrarchFiles{Actors: f.actors, Agents: f.agents, Verbs: f.verbs},
			dict.Options{Lenient: dictFlags.lenient})
		took := time.Since(start)
		if err != nil {
			return err
		}
		for _, w := range d.Warnings {
			fmt.Fprintln(cmd.ErrOrStderr(), "warning:", w)
		}
		if err := d.WriteDir(f.out); err != nil {
			return err
		}
		printStats(cmd.OutOrStdout(), d, took)
		return nil
	},
}

// dictLoad returns the defaults plus any --dict files, loading a fresh copy
// of the defaults when files are added so the shared one stays unchanged.
func dictLoad() (*dict.Dictionary, error) {
	opt := dict.Options{Lenient: dictFlags.lenient}
	if len(dictFlags.dicts) == 0 {
		return dict.Default()
	}
	d, err := dict.Default()
	if err != nil {
		return nil, fmt.Errorf("loading the default dictionaries: %w", err)
	}
	extra, err := dict.LoadFiles(dictFlags.dicts, opt)
	if err != nil {
		return nil, err
	}
	for _, w := range extra.Warnings {
		fmt.Fprintln(os.Stderr, "warning:", w)
	}
	base := &dict.Dictionary{}
	base.Add(d)
	base.Add(extra)
	return base, nil
}

func init() {
	pf := dictCmd.PersistentFlags()
	pf.StringSliceVar(&dictFlags.dicts, "dict", nil, "dictionary file or directory (our format or PETRARCH/TABARI) added to the defaults; repeatable")
	pf.BoolVar(&dictFlags.lenient, "lenient", false, "skip malformed dictionary lines with a warning instead of failing")
	dictLookupCmd.Flags().StringVar(&dictFlags.date, "date", "", "date at which to resolve people's roles (YYYY-MM-DD; default today)")
	cf := dictConvertCmd.Flags()
	cf.StringSliceVar(&convertFlags.actors, "petrarch-actors", nil, "PETRARCH/TABARI actors file; repeatable")
	cf.StringSliceVar(&convertFlags.agents, "petrarch-agents", nil, "PETRARCH agents file; repeatable")
	cf.StringSliceVar(&convertFlags.verbs, "petrarch-verbs", nil, "PETRARCH verb dictionary (CAMEO.2.0 style); repeatable")
	cf.StringVarP(&convertFlags.out, "out", "o", "", "directory to write (actors/, agents.txt, people/, verbs/)")
	dictCmd.AddCommand(dictLookupCmd, dictCheckCmd, dictStatsCmd, dictConvertCmd)
	rootCmd.AddCommand(dictCmd)
}
