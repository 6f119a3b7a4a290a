package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/redline-events/redline"
)

var codesFormat string

var codesCmd = &cobra.Command{
	Use:   "codes [PREFIX]",
	Short: "Print the CAMEO codebook: code, name, Goldstein score, QuadClass and PLOVER type",
	Long: `codes prints the CAMEO event codes redline assigns, with their Goldstein
conflict-cooperation score, QuadClass (1 verbal cooperation, 2 material
cooperation, 3 verbal conflict, 4 material conflict) and PLOVER type.
With PREFIX, only the codes that start with it ("13" for threats, "19" for
fights).`,
	Example: `  redline codes
  redline codes 19
  redline codes --format tsv > cameo.tsv`,
	Args: cobra.MaximumNArgs(1),
	RunE: func(cmd *cobra.Command, args []string) error {
		prefix := ""
		if len(args) == 1 {
			prefix = args[0]
			for _, c := range prefix {
				if c < '0' || c > '9' {
					return usagef("code prefix %q: CAMEO codes are digits", prefix)
				}
			}
		}
		var codes []redline.CodeInfo
		for _, c := range redline.Codebook() {
			if strings.HasPrefix(string(c.Code), prefix) {
				codes = append(codes, c)
			}
		}
		if len(codes) == 0 {
			return usagef("no CAMEO code starts with %q", prefix)
		}
		return writeCodes(cmd.OutOrStdout(), codesFormat, codes)
	},
}

func init() {
	codesCmd.Flags().StringVar(&codesFormat, "format", "table", "output format: table, tsv or jsonl")
	_ = codesCmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(
		[]string{"table", "tsv", "jsonl"}, cobra.ShellCompDirectiveNoFileComp))
	rootCmd.AddCommand(codesCmd)
}

// codeRecord is one codebook entry as written by --format jsonl.
type codeRecord struct {
	Code      string  `json:"code"`
	Name      string  `json:"name"`
	Goldstein float64 `json:"goldstein"`
	Quad      int     `json:"quad"`
	PLOVER    string  `json:"plover"`
}

func writeCodes(out io.Writer, format string, codes []redline.CodeInfo) error {
	w := bufio.NewWriter(out)
	switch format {
	case "table":
		// Names are indented by depth so that the hierarchy reads at a glance.
		tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
		fmt.Fprintln(tw, "CODE\tNAME\tGOLDSTEIN\tQUAD\tPLOVER")
		for _, c := range codes {
			indent := strings.Repeat("  ", len(c.Code)-2)
			fmt.Fprintf(tw, "%s\t%s%s\t%s\t%d\t%s\n", c.Code, indent, c.Name,
				strconv.FormatFloat(c.Goldstein, 'f', 1, 64), c.Quad, c.PLOVER)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	case "tsv":
		fmt.Fprintln(w, "code\tname\tgoldstein\tquad\tplover")
		for _, c := range codes {
			fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%s\n", c.Code, c.Name,
				strconv.FormatFloat(c.Goldstein, 'f', -1, 64), c.Quad, c.PLOVER)
		}
	case "jsonl":
		enc := json.NewEncoder(w)
		for _, c := range codes {
			if err := enc.Encode(codeRecord{string(c.Code), c.Name, c.Goldstein, int(c.Quad), c.PLOVER}); err != nil {
				return err
			}
		}
	default:
		return usagef("unknown --format %q (valid: table, tsv, jsonl)", format)
	}
	return w.Flush()
}
