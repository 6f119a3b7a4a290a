package dict

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/redline-events/redline"
)

// rawPattern is a verb pattern line before synsets are resolved.
type rawPattern struct {
	code  redline.Code
	heads []string // alternatives, possibly "&SYN"
	noun  bool
	items [][]string
	preps []string
	file  string
	line  int
	// petr marks a pattern converted from PETRARCH, whose dictionaries
	// use synsets they never define: such patterns are counted, not errors.
	petr bool
}

// Load reads every *.txt file under fsys in redline's dictionary format,
// in lexical path order. The kind of entries before any !kind directive
// follows the path: files under people/ are persons, agents*.txt agents,
// everything else countries.
func Load(fsys fs.FS, opt Options) (*Dictionary, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !de.IsDir() && strings.HasSuffix(p, ".txt") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	d := &Dictionary{}
	var errs []error
	for _, p := range files {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		errs = append(errs, d.readOurs(p, b)...)
	}
	errs = append(errs, d.resolvePatterns()...)
	if len(errs) > 0 && !opt.Lenient {
		return nil, errorList(errs)
	}
	d.Warnings = errs
	d.compile()
	return d, nil
}

// ReadOurs reads one file in redline's format from r; name is used in
// error messages and to choose the default kind.
func ReadOurs(name string, r io.Reader, opt Options) (*Dictionary, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	d := &Dictionary{}
	errs := d.readOurs(name, b)
	errs = append(errs, d.resolvePatterns()...)
	if len(errs) > 0 && !opt.Lenient {
		return nil, errorList(errs)
	}
	d.Warnings = errs
	d.compile()
	return d, nil
}

// defaultKind is the kind of entries before any !kind directive.
func defaultKind(p string) Kind {
	p = strings.ToLower(p)
	switch {
	case strings.Contains(p, "people/") || strings.HasPrefix(path.Base(p), "people"):
		return Person
	case strings.HasPrefix(path.Base(p), "agents"):
		return Agent
	}
	return Country
}

// readOurs parses one file, appending to d, and returns the malformed lines.
func (d *Dictionary) readOurs(file string, b []byte) []error {
	var errs []error
	bad := func(line int, format string, a ...any) {
		errs = append(errs, &LineError{file, line, fmt.Sprintf(format, a...)})
	}
	kind := defaultKind(file)
	var person *Entry // the person block being read
	flush := func() {
		if person != nil {
			d.entries = append(d.entries, *person)
			d.layers = append(d.layers, d.layer)
			person = nil
		}
	}
	// One string for the whole file: names and lines are substrings of it.
	text := strings.TrimPrefix(string(b), "\ufeff")
	for n := 1; text != ""; n++ {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		line = strings.TrimSuffix(line, "\r")
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		indented := line[0] == ' ' || line[0] == '\t'
		line = strings.TrimSpace(line)
		if indented {
			if person == nil {
				bad(n, "indented role line outside a person block")
				continue
			}
			role, err := parseRole(line)
			if err != nil {
				bad(n, "%v", err)
				continue
			}
			role.Line = n
			person.Roles = append(person.Roles, role)
			continue
		}
		flush()
		switch {
		case strings.HasPrefix(line, "!"):
			f := strings.Fields(line)
			if len(f) != 2 || f[0] != "!kind" {
				bad(n, "unknown directive %q (want \"!kind K\")", line)
				continue
			}
			k, ok := ParseKind(f[1])
			if !ok {
				bad(n, "unknown kind %q (want country, place, org, group, agent or person)", f[1])
				continue
			}
			kind = k
		case line[0] == '&':
			name, members, err := parseSynset(line)
			if err != nil {
				bad(n, "%v", err)
				continue
			}
			if d.synsets == nil {
				d.synsets = map[string][]string{}
			}
			d.synsets[name] = members
		case line[0] >= '0' && line[0] <= '9':
			rp, err := parsePatternLine(line)
			if err != nil {
				bad(n, "%v", err)
				continue
			}
			rp.file, rp.line = file, n
			d.rawPats = append(d.rawPats, rp)
		default:
			if code, names, ok := splitEntry(line); ok {
				if err := checkActorCode(code); err != nil {
					bad(n, "%v", err)
					continue
				}
				names, err := cleanNames(names)
				if err != nil {
					bad(n, "%v", err)
					continue
				}
				d.entries = append(d.entries, Entry{Kind: kind, Code: code, Names: names, File: file, Line: n})
				d.layers = append(d.layers, d.layer)
				continue
			}
			if kind != Person {
				bad(n, "want \"CODE: name; name\" in a !kind %s section", kind)
				continue
			}
			names, err := cleanNames(line)
			if err != nil {
				bad(n, "%v", err)
				continue
			}
			person = &Entry{Kind: Person, Names: names, File: file, Line: n}
		}
	}
	flush()
	return errs
}

// splitEntry splits "CODE: names" when the text before the colon is a code.
func splitEntry(line string) (code, names string, ok bool) {
	i := strings.IndexByte(line, ':')
	if i <= 0 {
		return "", "", false
	}
	code = strings.TrimSpace(line[:i])
	for j := 0; j < len(code); j++ {
		c := code[j]
		if !('A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return "", "", false
		}
	}
	return code, line[i+1:], true
}

// checkActorCode accepts CAMEO-style actor codes: upper-case letters and
// digits in groups of three (role codes are three letters).
func checkActorCode(code string) error {
	if len(code) < 3 {
		return fmt.Errorf("actor code %q is shorter than three letters", code)
	}
	for i := 0; i < len(code); i++ {
		c := code[i]
		if !('A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return fmt.Errorf("actor code %q: want upper-case letters and digits", code)
		}
	}
	return nil
}

func cleanNames(s string) ([]string, error) {
	names := make([]string, 0, strings.Count(s, ";")+1)
	for n := range strings.SplitSeq(s, ";") {
		n = strings.TrimSpace(n)
		if strings.Contains(n, "  ") || strings.ContainsAny(n, "\t\r\n") {
			n = strings.Join(strings.Fields(n), " ")
		}
		if n != "" {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no names")
	}
	return names, nil
}

// parseRole reads "CODE [FROM..TO]".
func parseRole(s string) (Role, error) {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 2 {
		return Role{}, fmt.Errorf("want \"CODE [FROM..TO]\", got %q", s)
	}
	if err := checkActorCode(f[0]); err != nil {
		return Role{}, err
	}
	r := Role{Code: f[0]}
	if len(f) == 1 {
		r.Default = true
		return r, nil
	}
	from, to, ok := strings.Cut(f[1], "..")
	if !ok {
		return Role{}, fmt.Errorf("date range %q: want FROM..TO", f[1])
	}
	var err error
	if from != "" {
		if r.From, err = parseDate(from, false); err != nil {
			return Role{}, err
		}
	}
	if to != "" {
		if r.To, err = parseDate(to, true); err != nil {
			return Role{}, err
		}
	}
	if !r.From.IsZero() && !r.To.IsZero() && r.To.Before(r.From) {
		return Role{}, fmt.Errorf("date range %q ends before it starts", f[1])
	}
	return r, nil
}

// parseDate reads YYYY, YYYY-MM or YYYY-MM-DD; end rounds up to the last
// day of a year or month so that "..2024" includes December 2024.
func parseDate(s string, end bool) (time.Time, error) {
	var t time.Time
	var err error
	switch len(s) {
	case 4:
		t, err = time.Parse("2006", s)
		if end {
			t = t.AddDate(1, 0, -1)
		}
	case 7:
		t, err = time.Parse("2006-01", s)
		if end {
			t = t.AddDate(0, 1, -1)
		}
	case 10:
		t, err = time.Parse("2006-01-02", s)
	default:
		err = fmt.Errorf("bad length")
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	return t, nil
}

// parseSynset reads "&NAME = word | word".
func parseSynset(line string) (string, []string, error) {
	name, rest, ok := strings.Cut(line[1:], "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" || strings.ContainsAny(name, " \t") {
		return "", nil, fmt.Errorf("synset: want \"&NAME = word | word\"")
	}
	var members []string
	for _, m := range strings.Split(rest, "|") {
		m = strings.ToLower(strings.Join(strings.Fields(m), " "))
		if m != "" {
			members = append(members, m)
		}
	}
	if len(members) == 0 {
		return "", nil, fmt.Errorf("synset &%s has no members", name)
	}
	return name, members, nil
}

// parsePatternLine reads "CODE HEAD ITEM... {prep|prep}". All the words of
// a line share one backing array: a large verb dictionary loads with a few
// allocations per line.
func parsePatternLine(line string) (rawPattern, error) {
	var fa [16]string
	f := fa[:0]
	for w := range strings.FieldsSeq(line) {
		f = append(f, w)
	}
	var rp rawPattern
	for _, c := range f[0] {
		if c < '0' || c > '9' {
			return rp, fmt.Errorf("verb pattern: code %q is not a CAMEO code", f[0])
		}
	}
	rp.code = redline.Code(f[0])
	if !rp.code.Valid() {
		return rp, fmt.Errorf("verb pattern: unknown CAMEO code %q", f[0])
	}
	if len(f) < 2 {
		return rp, fmt.Errorf("verb pattern: no head after code %s", f[0])
	}
	head := f[1]
	if h, ok := strings.CutPrefix(head, "n:"); ok {
		rp.noun, head = true, h
	}
	if head == "" || head[0] == '{' {
		return rp, fmt.Errorf("verb pattern: bad head %q", f[1])
	}
	words := make([]string, 0, len(f)+strings.Count(line, "|"))
	part := func(s string) []string {
		start := len(words)
		words = appendAlts(words, s)
		return words[start:len(words):len(words)]
	}
	rp.heads = part(head)
	if len(rp.heads) == 0 {
		return rp, fmt.Errorf("verb pattern: bad head %q", f[1])
	}
	rp.items = make([][]string, 0, len(f)-2)
	for _, it := range f[2:] {
		if strings.HasPrefix(it, "{") {
			if !strings.HasSuffix(it, "}") || len(it) < 3 {
				return rp, fmt.Errorf("verb pattern: bad preposition set %q", it)
			}
			rp.preps = append(rp.preps, part(it[1:len(it)-1])...)
			continue
		}
		alts := part(it)
		if len(alts) == 0 {
			return rp, fmt.Errorf("verb pattern: empty item in %q", it)
		}
		rp.items = append(rp.items, alts)
	}
	return rp, nil
}

// appendAlts appends the alternatives of "a|b|c", lower-casing words but
// keeping "&SYN" names.
func appendAlts(dst []string, s string) []string {
	for a := range strings.SplitSeq(s, "|") {
		if a == "" {
			continue
		}
		if a[0] != '&' {
			a = fold(a)
		}
		dst = append(dst, a)
	}
	return dst
}

// resolvePatterns expands synset references and turns raw patterns into
// Patterns: one per head alternative.
func (d *Dictionary) resolvePatterns(fallback ...map[string][]string) []error {
	var errs []error
	expand := func(rp *rawPattern, alts []string) ([]string, bool) {
		refs := false
		for _, a := range alts {
			refs = refs || a[0] == '&'
		}
		if !refs {
			return alts, true // shared, not copied: patterns are read-only
		}
		var out []string
		for _, a := range alts {
			if a[0] != '&' {
				out = append(out, a)
				continue
			}
			m, ok := d.synsets[a[1:]]
			for _, f := range fallback {
				if !ok {
					m, ok = f[a[1:]]
				}
			}
			if !ok {
				if rp.petr {
					d.count("unknown synset")
				} else {
					errs = append(errs, &LineError{rp.file, rp.line, fmt.Sprintf("unknown synset %s", a)})
				}
				return nil, false
			}
			out = append(out, m...)
		}
		return out, true
	}
	for i := range d.rawPats {
		rp := &d.rawPats[i]
		heads, ok := expand(rp, rp.heads)
		if !ok {
			continue
		}
		items := rp.items
		for k, it := range rp.items {
			x, ok2 := expand(rp, it)
			if !ok2 {
				ok = false
				break
			}
			if len(x) != len(it) || (len(x) > 0 && &x[0] != &it[0]) {
				if &items[0] == &rp.items[0] {
					items = slices.Clone(rp.items)
				}
				items[k] = x
			}
		}
		if !ok {
			continue
		}
		for _, h := range heads {
			d.patterns = append(d.patterns, &Pattern{Code: rp.code, Head: h, Noun: rp.noun, Items: items,
				TargetPreps: rp.preps, File: rp.file, Line: rp.line})
		}
	}
	d.rawPats = nil
	return errs
}
