package parse

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"testing"
)

// score is an independent CoNLL-U scorer for the accuracy tests: it reads
// gold and system files line by line without the conllu package or anything
// of the parser, aligns words by position (the tokenisation is gold) and
// counts UPOS, UAS and LAS. LAS compares full labels (subtypes included);
// LASBase compares universal labels only, as the CoNLL 2018 shared task did.
type score struct {
	Words, UPOS, UAS, LAS, LASBase int
	// The same without tokens whose gold DEPREL is punct.
	NoPunct, UASNoPunct, LASNoPunct int
}

func (s score) pct(n int) float64 {
	if s.Words == 0 {
		return 0
	}
	return 100 * float64(n) / float64(s.Words)
}

func (s score) pctNP(n int) float64 {
	if s.NoPunct == 0 {
		return 0
	}
	return 100 * float64(n) / float64(s.NoPunct)
}

func (s score) String() string {
	return fmt.Sprintf("UPOS %.2f UAS %.2f LAS %.2f (base labels %.2f); without punct UAS %.2f LAS %.2f; %d words",
		s.pct(s.UPOS), s.pct(s.UAS), s.pct(s.LAS), s.pct(s.LASBase), s.pctNP(s.UASNoPunct), s.pctNP(s.LASNoPunct), s.Words)
}

// scoreRow is the part of a word line the scorer compares.
type scoreRow struct{ form, upos, head, rel string }

func readRows(r io.Reader) ([]scoreRow, error) {
	var rows []scoreRow
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 10 {
			return nil, fmt.Errorf("line %d: %d fields", n, len(f))
		}
		if strings.ContainsAny(f[0], "-.") {
			continue // multiword ranges and empty nodes are not scored
		}
		rows = append(rows, scoreRow{f[1], f[3], f[6], f[7]})
	}
	return rows, sc.Err()
}

func baseLabel(r string) string {
	if i := strings.IndexByte(r, ':'); i >= 0 {
		return r[:i]
	}
	return r
}

func scoreConllu(gold, sys io.Reader) (score, error) {
	var s score
	g, err := readRows(gold)
	if err != nil {
		return s, fmt.Errorf("gold: %w", err)
	}
	y, err := readRows(sys)
	if err != nil {
		return s, fmt.Errorf("system: %w", err)
	}
	if len(g) != len(y) {
		return s, fmt.Errorf("gold has %d words, system %d", len(g), len(y))
	}
	for i := range g {
		if g[i].form != y[i].form {
			return s, fmt.Errorf("word %d: gold %q, system %q", i+1, g[i].form, y[i].form)
		}
		s.Words++
		punct := g[i].rel == "punct"
		if !punct {
			s.NoPunct++
		}
		if g[i].upos == y[i].upos {
			s.UPOS++
		}
		if g[i].head != y[i].head {
			continue
		}
		s.UAS++
		if !punct {
			s.UASNoPunct++
		}
		if g[i].rel == y[i].rel {
			s.LAS++
			if !punct {
				s.LASNoPunct++
			}
		}
		if baseLabel(g[i].rel) == baseLabel(y[i].rel) {
			s.LASBase++
		}
	}
	return s, nil
}

func TestScorer(t *testing.T) {
	const gold = `# text = They did it .
1	They	they	PRON	PRP	_	2	nsubj	_	_
2	did	do	VERB	VBD	_	0	root	_	_
3	it	it	PRON	PRP	_	2	obj	_	_
4	.	.	PUNCT	.	_	2	punct	_	_

`
	for _, tc := range []struct {
		name, sys string
		want      score
		err       string
	}{
		{"perfect", gold, score{Words: 4, UPOS: 4, UAS: 4, LAS: 4, LASBase: 4, NoPunct: 3, UASNoPunct: 3, LASNoPunct: 3}, ""},
		{"wrong head and tag", strings.Replace(strings.Replace(gold, "3\tit\tit\tPRON\tPRP\t_\t2\tobj", "3\tit\tit\tNOUN\tPRP\t_\t1\tobj", 1),
			"4\t.\t.\tPUNCT\t.\t_\t2", "4\t.\t.\tPUNCT\t.\t_\t3", 1),
			score{Words: 4, UPOS: 3, UAS: 2, LAS: 2, LASBase: 2, NoPunct: 3, UASNoPunct: 2, LASNoPunct: 2}, ""},
		{"subtype differs", strings.Replace(gold, "nsubj", "nsubj:pass", 1),
			score{Words: 4, UPOS: 4, UAS: 4, LAS: 3, LASBase: 4, NoPunct: 3, UASNoPunct: 3, LASNoPunct: 2}, ""},
		{"multiword lines skipped", strings.Replace(gold, "1\tThey", "1-2\tTheydid\t_\t_\t_\t_\t_\t_\t_\t_\n1\tThey", 1),
			score{Words: 4, UPOS: 4, UAS: 4, LAS: 4, LASBase: 4, NoPunct: 3, UASNoPunct: 3, LASNoPunct: 3}, ""},
		{"missing word", strings.Replace(gold, "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n", "", 1), score{}, "gold has 4 words, system 3"},
		{"other form", strings.Replace(gold, "\tit\t", "\tthat\t", 1), score{}, `word 3: gold "it"`},
		{"bad line", strings.Replace(gold, "\tobj\t_\t_", "\tobj", 1), score{}, "system: line 4: 8 fields"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := scoreConllu(strings.NewReader(gold), strings.NewReader(tc.sys))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Fatalf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}
