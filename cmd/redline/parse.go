package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/conllu"
	"github.com/redline-events/redline/parse"
	"github.com/redline-events/redline/tag"
	"github.com/redline-events/redline/text"
	"github.com/spf13/cobra"
)

func init() {
	var conlluFile string
	var eval, goldTags bool
	var beam int
	var model string
	cmd := &cobra.Command{
		Use:   "parse [FILE...]",
		Short: "Tag and parse text into Universal Dependencies trees (CoNLL-U out)",
		Long: `parse reads plain text (the files named, or standard input), splits it into
sentences and tokens, tags and parses it, and writes CoNLL-U with # sent_id and
# text comments, LEMMA, UPOS, XPOS, HEAD, DEPREL and SpaceAfter=No.

With --conllu FILE it keeps the file's tokenisation (column 2) and fills UPOS,
XPOS, LEMMA, HEAD and DEPREL; --eval then prints UPOS, UAS and LAS against the
file's own columns (punctuation included, full labels) on standard error.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if conlluFile == "" && (eval || goldTags) {
				return usagef("parse: --eval and --gold-tags need --conllu")
			}
			if conlluFile != "" && len(args) > 0 {
				return usagef("parse: give either --conllu FILE or text files, not both")
			}
			tg, err := tag.Default()
			if err != nil {
				return err
			}
			p, err := loadParser(model)
			if err != nil {
				return err
			}
			w := bufio.NewWriterSize(cmd.OutOrStdout(), 1<<16)
			if conlluFile != "" {
				err = parseConllu(w, cmd.ErrOrStderr(), conlluFile, tg, p, beam, eval, goldTags)
			} else {
				err = parseText(w, args, tg, p, beam)
			}
			if ferr := w.Flush(); err == nil {
				err = ferr
			}
			return err
		},
	}
	cmd.Flags().StringVar(&conlluFile, "conllu", "", "CoNLL-U file whose tokenisation to keep")
	cmd.Flags().BoolVar(&eval, "eval", false, "with --conllu: print UPOS/UAS/LAS against the file's columns")
	cmd.Flags().BoolVar(&goldTags, "gold-tags", false, "with --conllu: keep the file's tags and lemmas, only parse")
	cmd.Flags().IntVar(&beam, "beam", 0, "parse with a beam of this many items (0 or 1: greedy); needs a model trained with train parser --beam")
	cmd.Flags().StringVar(&model, "model", "", "parser model file to use instead of the embedded one")
	rootCmd.AddCommand(cmd)
}

// parseText segments, tags and parses each file (or stdin) as one document.
// loadParser loads the parser model in file name, or the embedded one when
// name is empty.
func loadParser(name string) (*parse.Parser, error) {
	if name == "" {
		return parse.Default()
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	p, err := parse.Load(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return p, nil
}

func parseText(w *bufio.Writer, files []string, tg *tag.Tagger, p *parse.Parser, beam int) error {
	if len(files) == 0 {
		files = []string{"-"}
	}
	var d redline.Doc
	for _, name := range files {
		var b []byte
		var err error
		if name == "-" {
			b, err = io.ReadAll(os.Stdin)
		} else {
			b, err = os.ReadFile(name)
		}
		if err != nil {
			return err
		}
		d = redline.Doc{Text: string(b), Tokens: d.Tokens[:0], Sentences: d.Sentences[:0]}
		text.Segment(&d)
		tg.Tag(&d)
		p.ParseBeam(&d, beam)
		prefix := ""
		if len(files) > 1 {
			prefix = strings.TrimSuffix(baseName(name), ".txt") + "-"
		}
		for i := range d.Sentences {
			s := conllu.Sentence{Comments: []string{
				"# sent_id = " + prefix + strconv.Itoa(i+1),
				"# text = " + strings.Join(strings.Fields(d.SentenceText(i)), " "),
			}, Words: parse.Words(&d, i)}
			if err := conllu.Write(w, &s); err != nil {
				return err
			}
		}
	}
	return nil
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// parseConllu re-analyses a CoNLL-U file keeping its tokens, and scores the
// result against the file's own columns when eval is set.
func parseConllu(w *bufio.Writer, log io.Writer, name string, tg *tag.Tagger, p *parse.Parser, beam int, eval, goldTags bool) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	rd := conllu.NewReader(f, name)
	var toks []redline.Token
	var words, upos, uas, las int
	for {
		s, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		toks = parse.Tokens(s, toks, nil)
		if !goldTags {
			tg.TagTokens(toks)
		}
		p.ParseTokensBeam(toks, beam)
		if eval {
			for i := range s.Words {
				g, t := &s.Words[i], &toks[i]
				words++
				if g.UPOS == t.UPOS.String() {
					upos++
				}
				if g.Head == int(t.Head)+1 {
					uas++
					if g.DepRel == t.Rel.String() {
						las++
					}
				}
			}
		}
		parse.Fill(s, toks)
		if err := conllu.Write(w, s); err != nil {
			return err
		}
	}
	if eval {
		pct := func(n int) float64 { return 100 * float64(n) / float64(max(words, 1)) }
		fmt.Fprintf(log, "%s: %d words, UPOS %.2f%%, UAS %.2f%%, LAS %.2f%% (punctuation included)\n",
			name, words, pct(upos), pct(uas), pct(las))
	}
	return nil
}
