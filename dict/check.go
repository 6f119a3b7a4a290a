package dict

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/redline-events/redline"
)

// Stats counts what a Dictionary holds.
type Stats struct {
	Entries      [numKinds]int // entries by kind
	Names        int           // names and variants over all entries
	Patterns     int
	VerbHeads    int
	NounHeads    int
	Synsets      int
	CodesCovered map[redline.Code]int // patterns per CAMEO code
	Codebook     int                  // codes in the codebook
	Discards     int
	Issues       int
}

// Stats counts d's entries and patterns.
func (d *Dictionary) Stats() Stats {
	s := Stats{CodesCovered: map[redline.Code]int{}, Codebook: len(redline.Codebook()),
		Synsets: len(d.synsets), Discards: len(d.discards), Issues: len(d.issues), Patterns: len(d.patterns)}
	for i := range d.entries {
		s.Entries[d.entries[i].Kind]++
		s.Names += len(d.entries[i].Names)
	}
	if d.c == nil {
		d.compile()
	}
	for k := range d.c.byHead {
		if k.noun {
			s.NounHeads++
		} else {
			s.VerbHeads++
		}
	}
	for _, p := range d.patterns {
		s.CodesCovered[p.Code]++
	}
	return s
}

// Missing returns the codebook codes without a pattern. A two-digit root
// ("13") names a family rather than an event, which is coded with the
// family's "0" code ("130"): the root counts as covered when that code is.
func (s Stats) Missing() []redline.Code {
	var out []redline.Code
	for _, ci := range redline.Codebook() {
		c := ci.Code
		if len(c) == 2 && s.CodesCovered[c] == 0 {
			c += "0"
		}
		if s.CodesCovered[c] == 0 {
			out = append(out, ci.Code)
		}
	}
	return out
}

// Covered returns how many codebook codes have at least one pattern (see
// Missing for the roots).
func (s Stats) Covered() int { return s.Codebook - len(s.Missing()) }

func (s Stats) String() string {
	var b strings.Builder
	total := 0
	for k := Kind(1); k < numKinds; k++ {
		total += s.Entries[k]
	}
	fmt.Fprintf(&b, "%d entries (", total)
	for k := Kind(1); k < numKinds; k++ {
		if k > 1 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %d", k, s.Entries[k])
	}
	fmt.Fprintf(&b, "), %d names; %d patterns (%d verb heads, %d noun heads), %d synsets; %d/%d codebook codes covered",
		s.Names, s.Patterns, s.VerbHeads, s.NounHeads, s.Synsets, s.Covered(), s.Codebook)
	if s.Discards+s.Issues > 0 {
		fmt.Fprintf(&b, "; %d discards, %d issues", s.Discards, s.Issues)
	}
	return b.String()
}

// Check lints dictionary files and directories (in any supported format,
// read together so that synsets may live in another file): malformed lines,
// duplicate names and patterns, one name with conflicting codes of the same
// kind, bad or overlapping date ranges, unknown CAMEO codes and synsets.
// Each problem is a *LineError naming file and line.
func Check(paths []string) ([]error, error) {
	d := &Dictionary{}
	var errs []error
	readOne := func(name string, b []byte) {
		switch DetectFormat(b) {
		case FormatOurs:
			errs = append(errs, d.readOurs(name, b)...)
		case FormatPetrarchVerbs:
			errs = append(errs, d.readPetrVerbs(name, b)...)
		case FormatPetrarchActors:
			errs = append(errs, d.readPetrActors(name, b)...)
		case FormatPetrarchAgents:
			errs = append(errs, d.readPetrAgents(name, b)...)
		case FormatPetrarchIssues:
			errs = append(errs, d.readPetrIssues(name, b)...)
		default:
			errs = append(errs, d.readPetrDiscards(name, b)...)
		}
	}
	for _, p := range paths {
		files, err := dictFiles(p)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			readOne(f, b)
		}
	}
	errs = append(errs, d.resolvePatterns(defaultSynsets())...)
	errs = append(errs, d.lint()...)
	sort.SliceStable(errs, func(i, j int) bool {
		a, aok := errs[i].(*LineError)
		b, bok := errs[j].(*LineError)
		if !aok || !bok {
			return aok && !bok
		}
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	return errs, nil
}

// lint finds duplicates, conflicts and overlapping roles in loaded entries
// and patterns.
func (d *Dictionary) lint() []error {
	var errs []error
	type seen struct {
		e    *Entry
		code string
	}
	byName := map[string]seen{}
	var keys []string
	for i := range d.entries {
		e := &d.entries[i]
		code := e.Code
		if e.Kind == Person {
			code = ""
		}
		for _, n := range e.Names {
			keys = nameKeys(keys[:0], n)
			k := e.Kind.String() + "\x00" + strings.Join(keys, " ")
			prev, ok := byName[k]
			switch {
			case !ok:
				byName[k] = seen{e, code}
			case prev.e == e:
				// Variants that differ in case or diacritics ("Kılıçdaroğlu",
				// "Kilicdaroglu") are redundant but harmless; only exact
				// repeats are mistakes.
				for _, m := range e.Names[:slices.Index(e.Names, n)] {
					if m == n {
						errs = append(errs, &LineError{e.File, e.Line, fmt.Sprintf("name %q listed twice in one entry", n)})
						break
					}
				}
			case e.Kind == Person:
				errs = append(errs, &LineError{e.File, e.Line, fmt.Sprintf("name %q also names the person at %s:%d", n, prev.e.File, prev.e.Line)})
			case prev.code == code:
				errs = append(errs, &LineError{e.File, e.Line, fmt.Sprintf("duplicate %s %q (also at %s:%d)", e.Kind, n, prev.e.File, prev.e.Line)})
			default:
				errs = append(errs, &LineError{e.File, e.Line, fmt.Sprintf("%s %q is %s here but %s at %s:%d", e.Kind, n, code, prev.code, prev.e.File, prev.e.Line)})
			}
		}
		for a := range e.Roles {
			for b := a + 1; b < len(e.Roles); b++ {
				ra, rb := &e.Roles[a], &e.Roles[b]
				if ra.Default || rb.Default || ra.Code == rb.Code {
					if ra.Default && rb.Default {
						errs = append(errs, &LineError{e.File, rb.Line, "second undated role"})
					}
					continue
				}
				if overlaps(ra, rb) {
					errs = append(errs, &LineError{e.File, rb.Line, fmt.Sprintf("role %s overlaps role %s of line %d", rb.Code, ra.Code, ra.Line)})
				}
			}
		}
	}
	pats := map[string]*Pattern{}
	for _, p := range d.patterns {
		k := patternKey(p)
		prev, ok := pats[k]
		if !ok {
			pats[k] = p
			continue
		}
		if prev.File == p.File && prev.Line == p.Line {
			continue // one line expanded over several heads
		}
		if prev.Code == p.Code {
			errs = append(errs, &LineError{p.File, p.Line, fmt.Sprintf("duplicate pattern %q (also at %s:%d)", k, prev.File, prev.Line)})
		} else {
			errs = append(errs, &LineError{p.File, p.Line, fmt.Sprintf("pattern %q is %s here but %s at %s:%d", k, p.Code, prev.Code, prev.File, prev.Line)})
		}
	}
	return errs
}

// overlaps reports whether two dated roles share a day. Terms that meet on
// the handover day (one ends the day the next starts) do not count.
func overlaps(a, b *Role) bool {
	if !a.To.IsZero() && !b.From.IsZero() && !a.To.After(b.From) {
		return false
	}
	if !b.To.IsZero() && !a.From.IsZero() && !b.To.After(a.From) {
		return false
	}
	return true
}
