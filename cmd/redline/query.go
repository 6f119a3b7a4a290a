package main

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/format"
)

var queryFlags struct {
	store                            storeFlags
	source, target, actor, country   string
	code, root, mode, from, to, text string
	inCountry, adm1, bbox            string
	quad, limit                      int
	format, output                   string
}

var queryCmd = &cobra.Command{
	Use:   "query",
	Short: "List stored events matching filters",
	Long: `Query lists the events of the store, newest first, in any output format of
"redline code". Each stored event appears once however many articles reported it;
its representative mention gives the evidence, and "mentions" counts them all.

Actor filters are code prefixes: --source RUS matches RUS, RUSGOV and RUSMIL.
--text searches the evidence sentences of every mention (all words must appear;
a trailing * matches a prefix).

Place filters select where the event happened (its representative mention's
place): --in-country takes an ISO 3166 alpha-3 code, --adm1 an ISO 3166-2
division code (PK-BA, UA-14), --bbox a box minLon,minLat,maxLon,maxLat in
degrees (a minLon above maxLon crosses the antimeridian). Events without a
place match none of them.`,
	Example: `  redline query --source RUS --target UKR --quad 4 --from 2022-02-20
  redline query --actor IGOWSTNAT --text "sanction*" --format csv -o nato.csv
  redline query --in-country PAK --adm1 PK-BA --quad 4
  redline query --bbox 22,44,40,53 --from 2024-01-01`,
	Args: cobra.NoArgs,
	RunE: runQuery,
}

func init() {
	f := queryCmd.Flags()
	queryFlags.store.register(queryCmd)
	f.StringVar(&queryFlags.source, "source", "", "source actor code prefix")
	f.StringVar(&queryFlags.target, "target", "", "target actor code prefix")
	f.StringVar(&queryFlags.actor, "actor", "", "actor code prefix on either side")
	f.StringVar(&queryFlags.country, "country", "", "country (or IGO) of either side")
	f.StringVar(&queryFlags.code, "code", "", "CAMEO code")
	f.StringVar(&queryFlags.root, "root", "", "CAMEO root (two digits)")
	f.IntVar(&queryFlags.quad, "quad", 0, "QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict")
	f.StringVar(&queryFlags.mode, "mode", "", "asserted, negated, hypothetical or future (default any)")
	f.StringVar(&queryFlags.from, "from", "", "first event date (YYYY-MM-DD)")
	f.StringVar(&queryFlags.to, "to", "", "last event date (YYYY-MM-DD)")
	f.StringVar(&queryFlags.text, "text", "", "words in the evidence sentences")
	f.StringVar(&queryFlags.inCountry, "in-country", "", "country where the event happened (ISO 3166 alpha-3)")
	f.StringVar(&queryFlags.adm1, "adm1", "", "first-level division where the event happened (ISO 3166-2, e.g. PK-BA)")
	f.StringVar(&queryFlags.bbox, "bbox", "", "events placed in the box minLon,minLat,maxLon,maxLat")
	f.IntVar(&queryFlags.limit, "limit", 1000, "most events written; 0 for all")
	f.StringVarP(&queryFlags.format, "format", "f", "jsonl", "output format: "+strings.Join(format.Names(), ", "))
	f.StringVarP(&queryFlags.output, "output", "o", "-", "output file; - is standard output")
	_ = queryCmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(format.Names(), cobra.ShellCompDirectiveNoFileComp))
	_ = queryCmd.RegisterFlagCompletionFunc("mode", cobra.FixedCompletions(
		[]string{"asserted", "negated", "hypothetical", "future"}, cobra.ShellCompDirectiveNoFileComp))
	rootCmd.AddCommand(queryCmd)
}

func parseDay(flag, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return t, usagef("--%s %q: want YYYY-MM-DD", flag, s)
	}
	return t, nil
}

// queryFilter checks the flags and builds the store filter.
func queryFilter() (redline.EventFilter, error) {
	q := &queryFlags
	f := redline.EventFilter{Source: q.source, Target: q.target, Actor: q.actor, Country: q.country, Text: q.text}
	var err error
	if f.From, err = parseDay("from", q.from); err != nil {
		return f, err
	}
	if f.To, err = parseDay("to", q.to); err != nil {
		return f, err
	}
	if q.code != "" {
		c, err := redline.ParseCode(q.code)
		if err != nil {
			return f, usagef("--code: %v", err)
		}
		f.Code = c
	}
	if q.root != "" {
		if len(q.root) != 2 || !redline.Code(q.root).Valid() {
			return f, usagef("--root %q: want a two-digit CAMEO root (01 to 20)", q.root)
		}
		f.Root = redline.Code(q.root)
	}
	if q.quad < 0 || q.quad > 4 {
		return f, usagef("--quad %d: want 1 to 4", q.quad)
	}
	f.Quad = redline.QuadClass(q.quad)
	switch m := redline.Mode(q.mode); m {
	case "", redline.Asserted, redline.Negated, redline.Hypothetical, redline.Future:
		f.Mode = m
	default:
		return f, usagef("--mode %q: want asserted, negated, hypothetical or future", q.mode)
	}
	if q.limit < 0 {
		return f, usagef("--limit must not be negative")
	}
	if c := q.inCountry; c != "" {
		if !isCode(c, 3, 3) {
			return f, usagef("--in-country %q: want an ISO 3166 alpha-3 code (PAK)", c)
		}
		f.PlaceCountry = strings.ToUpper(c)
	}
	if a := q.adm1; a != "" {
		cc, sub, ok := strings.Cut(a, "-")
		if !ok || !isCode(cc, 2, 2) || sub == "" || len(sub) > 4 || strings.ContainsAny(sub, " \t-") {
			return f, usagef("--adm1 %q: want an ISO 3166-2 division code (PK-BA)", a)
		}
		f.ADM1 = strings.ToUpper(a)
	}
	if q.bbox != "" {
		b, err := redline.ParseBBox(q.bbox)
		if err != nil {
			return f, usagef("--bbox: %v", err)
		}
		f.BBox = b
	}
	return f, nil
}

// isCode says whether s is lo to hi ASCII letters.
func isCode(s string, lo, hi int) bool {
	if len(s) < lo || len(s) > hi {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func runQuery(cmd *cobra.Command, _ []string) error {
	f, err := queryFilter()
	if err != nil {
		return err
	}
	if queryFlags.format == "parquet" && queryFlags.output == "-" && term.IsTerminal(int(os.Stdout.Fd())) {
		return usagef("parquet is binary: give -o FILE")
	}
	if !slices.Contains(format.Names(), queryFlags.format) {
		return usagef("unknown output format %q (valid: %s)", queryFlags.format, strings.Join(format.Names(), ", "))
	}
	ctx := cmd.Context()
	st, err := queryFlags.store.open(ctx, cmd)
	if err != nil {
		return err
	}
	defer st.Close()
	out, closeOut, err := openOutput(queryFlags.output)
	if err != nil {
		return err
	}
	w, _ := format.New(queryFlags.format, out)
	n, runErr := writeQuery(cmd, st, f, queryFlags.limit, w)
	if err := w.Close(); err != nil && runErr == nil {
		runErr = err
	}
	if err := closeOut(); err != nil && runErr == nil {
		runErr = err
	}
	if runErr == nil {
		fmt.Fprintf(os.Stderr, "redline: %d events\n", n)
	}
	return runErr
}

// writeQuery pages through the store until limit events (0: all) are
// written.
func writeQuery(cmd *cobra.Command, st redline.Store, f redline.EventFilter, limit int, w format.Writer) (int, error) {
	n := 0
	for {
		f.Limit = 1000
		if limit > 0 && limit-n < f.Limit {
			f.Limit = limit - n
		}
		page, err := st.Events(cmd.Context(), f)
		if err != nil {
			return n, err
		}
		for i := range page.Events {
			if err := w.Write(&page.Events[i].Event); err != nil {
				return n, err
			}
			n++
		}
		if page.Next == "" || (limit > 0 && n >= limit) {
			return n, nil
		}
		f.Cursor = page.Next
	}
}
