package dict

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

// WriteActors writes d's country, place, organisation and group entries in
// our format, one !kind section each, in load order.
func (d *Dictionary) WriteActors(w io.Writer) error {
	return d.writeEntries(w, func(k Kind) bool { return k != Agent && k != Person })
}

// WriteAgents writes d's agent entries in our format.
func (d *Dictionary) WriteAgents(w io.Writer) error {
	return d.writeEntries(w, func(k Kind) bool { return k == Agent })
}

// WritePeople writes d's person entries (and dated PETRARCH actors) as
// person blocks.
func (d *Dictionary) WritePeople(w io.Writer) error {
	return d.writeEntries(w, func(k Kind) bool { return k == Person })
}

func (d *Dictionary) writeEntries(w io.Writer, want func(Kind) bool) error {
	bw := bufio.NewWriter(w)
	for k := Kind(1); k < numKinds; k++ {
		if !want(k) {
			continue
		}
		header := false
		for i := range d.entries {
			e := &d.entries[i]
			if e.Kind != k {
				continue
			}
			if !header {
				fmt.Fprintf(bw, "!kind %s\n", k)
				header = true
			}
			names := make([]string, 0, len(e.Names))
			for _, n := range e.Names {
				if e.Caseless {
					n = titleCase(n)
				}
				names = append(names, strings.ReplaceAll(strings.ReplaceAll(n, ";", ","), "#", ""))
			}
			if len(e.Roles) == 0 && k != Person {
				fmt.Fprintf(bw, "%s: %s\n", e.Code, strings.Join(names, "; "))
				continue
			}
			fmt.Fprintf(bw, "%s\n", strings.Join(names, "; "))
			if len(e.Roles) == 0 && e.Code != "" {
				fmt.Fprintf(bw, "  %s\n", e.Code)
			}
			for _, r := range e.Roles {
				if r.Default {
					fmt.Fprintf(bw, "  %s\n", r.Code)
					continue
				}
				from, to := "", ""
				if !r.From.IsZero() {
					from = r.From.Format("2006-01-02")
				}
				if !r.To.IsZero() {
					to = r.To.Format("2006-01-02")
				}
				fmt.Fprintf(bw, "  %s %s..%s\n", r.Code, from, to)
			}
		}
		if header {
			bw.WriteByte('\n')
		}
	}
	return bw.Flush()
}

// WriteVerbs writes d's patterns in our format. Alternatives of more than
// one word cannot stand in a pattern line, so such items become synsets
// (&ALT1, &ALT2, ...) defined before the patterns.
func (d *Dictionary) WriteVerbs(w io.Writer) error {
	bw := bufio.NewWriter(w)
	syn := map[string]string{} // joined alternatives → synset name
	var defs []string
	lines := make([]string, 0, len(d.patterns))
	for _, p := range d.patterns {
		var b strings.Builder
		fmt.Fprintf(&b, "%-5s ", p.Code)
		if p.Noun {
			b.WriteString("n:")
		}
		b.WriteString(p.Head)
		for _, it := range p.Items {
			b.WriteByte(' ')
			joined := strings.Join(it, "|")
			if !strings.Contains(joined, " ") {
				b.WriteString(joined)
				continue
			}
			name, ok := syn[joined]
			if !ok {
				name = fmt.Sprintf("ALT%d", len(defs)+1)
				syn[joined] = name
				defs = append(defs, fmt.Sprintf("&%s = %s", name, strings.Join(it, " | ")))
			}
			b.WriteString("&" + name)
		}
		if len(p.TargetPreps) > 0 {
			fmt.Fprintf(&b, " {%s}", strings.Join(p.TargetPreps, "|"))
		}
		if p.File != "" {
			fmt.Fprintf(&b, "  # %s:%d", filepath.Base(p.File), p.Line)
		}
		lines = append(lines, b.String())
	}
	for _, s := range defs {
		fmt.Fprintln(bw, s)
	}
	if len(defs) > 0 {
		bw.WriteByte('\n')
	}
	for _, l := range lines {
		fmt.Fprintln(bw, l)
	}
	return bw.Flush()
}

// WriteDir writes d in our format under dir: actors/converted.txt,
// agents.txt, people/converted.txt and verbs/converted.txt (files that
// would be empty are not written).
func (d *Dictionary) WriteDir(dir string) error {
	st := d.Stats()
	jobs := []struct {
		path string
		n    int
		fn   func(io.Writer) error
	}{
		{"actors/converted.txt", st.Entries[Country] + st.Entries[Place] + st.Entries[Org] + st.Entries[Group], d.WriteActors},
		{"agents.txt", st.Entries[Agent], d.WriteAgents},
		{"people/converted.txt", st.Entries[Person], d.WritePeople},
		{"verbs/converted.txt", st.Patterns, d.WriteVerbs},
	}
	for _, j := range jobs {
		if j.n == 0 {
			continue
		}
		p := filepath.Join(dir, j.path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		f, err := os.Create(p)
		if err != nil {
			return err
		}
		err = j.fn(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// titleCase rewrites a PETRARCH name written in capitals as a reader sees
// it ("UNITED NATIONS" → "United Nations"); tokens with periods ("U.N.")
// stay in capitals, small joining words go lower case.
func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		lw := strings.ToLower(w)
		switch {
		case strings.Contains(w, "."):
			continue
		case i > 0 && (lw == "of" || lw == "the" || lw == "and" || lw == "for" || lw == "al" || lw == "de"):
			words[i] = lw
		default:
			rs := []rune(lw)
			up := true
			for k, r := range rs {
				if up && unicode.IsLetter(r) {
					rs[k] = unicode.ToUpper(r)
				}
				up = r == '-' || r == '\'' || r == '('
			}
			words[i] = string(rs)
		}
	}
	return strings.Join(words, " ")
}
