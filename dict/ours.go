package dict

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

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
	texts := make([][]byte, len(files))
	nEntries, nPatterns := 0, 0
	for i, p := range files {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		texts[i] = b
		e, p := countLines(b)
		nEntries += e
		nPatterns += p
	}
	// Sized once for all files: growing by appending made most of the
	// garbage of a load.
	d.entries = make([]Entry, 0, nEntries)
	d.layers = make([]uint16, 0, nEntries)
	d.rawPats = make([]rawPattern, 0, nPatterns)
	var errs []error
	for i, p := range files {
		errs = append(errs, d.readOurs(p, texts[i])...)
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
	mem := d.mem()
	// One string for the whole file: names and lines are substrings of it.
	text := strings.TrimPrefix(string(b), "\ufeff")
	kind := defaultKind(file)
	// The person block being read, and its roles so far.
	var person Entry
	inPerson := false
	var roles []Role
	flush := func() {
		if inPerson {
			if len(roles) > 0 {
				person.Roles = mem.roles.take(roles)
			}
			d.entries = append(d.entries, person)
			d.layers = append(d.layers, d.layer)
			inPerson, roles = false, roles[:0]
		}
	}
	var names []string // scratch
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
			if !inPerson {
				bad(n, "indented role line outside a person block")
				continue
			}
			role, err := parseRole(line)
			if err != nil {
				bad(n, "%v", err)
				continue
			}
			role.Line = n
			roles = append(roles, role)
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
			rp, err := parsePatternLine(line, mem)
			if err != nil {
				bad(n, "%v", err)
				continue
			}
			rp.file, rp.line = file, n
			d.rawPats = append(d.rawPats, rp)
		default:
			if code, rest, ok := splitEntry(line); ok {
				if err := checkActorCode(code); err != nil {
					bad(n, "%v", err)
					continue
				}
				names = cleanNames(names[:0], rest)
				if len(names) == 0 {
					bad(n, "no names")
					continue
				}
				d.entries = append(d.entries, Entry{Kind: kind, Code: code, Names: mem.strs.take(names), File: file, Line: n})
				d.layers = append(d.layers, d.layer)
				continue
			}
			if kind != Person {
				bad(n, "want \"CODE: name; name\" in a !kind %s section", kind)
				continue
			}
			names = cleanNames(names[:0], line)
			if len(names) == 0 {
				bad(n, "no names")
				continue
			}
			person, inPerson = Entry{Kind: Person, Names: mem.strs.take(names), File: file, Line: n}, true
		}
	}
	flush()
	return errs
}

// countLines counts the lines of a file that may be entries (or person
// blocks) and those that may be verb patterns, by their first byte, so
// that the slices they go into are made once.
func countLines(b []byte) (entries, patterns int) {
	for len(b) > 0 {
		switch c := b[0]; {
		case '0' <= c && c <= '9':
			patterns++
		case c != ' ' && c != '\t' && c != '#' && c != '\r' && c != '\n' && c != '!' && c != '&':
			entries++
		}
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			break
		}
		b = b[i+1:]
	}
	return entries, patterns
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

// cleanNames appends to dst the names of a "name; name" list, with runs
// of white space inside a name made one space.
func cleanNames(dst []string, s string) []string {
	for n := range strings.SplitSeq(s, ";") {
		n = strings.TrimSpace(n)
		if oddSpace(n) {
			n = strings.Join(strings.Fields(n), " ")
		}
		if n != "" {
			dst = append(dst, n)
		}
	}
	return dst
}

// oddSpace reports whether a name has two spaces in a row or a tab or
// line break, in one pass.
func oddSpace(n string) bool {
	for i := 0; i < len(n); i++ {
		switch n[i] {
		case '\t', '\r', '\n':
			return true
		case ' ':
			if i+1 < len(n) && n[i+1] == ' ' {
				return true
			}
		}
	}
	return false
}

// parseRole reads "CODE [FROM..TO]".
func parseRole(s string) (Role, error) {
	code, rest := cutField(s)
	dates, extra := cutField(rest)
	if code == "" || extra != "" {
		return Role{}, fmt.Errorf("want \"CODE [FROM..TO]\", got %q", s)
	}
	if err := checkActorCode(code); err != nil {
		return Role{}, err
	}
	r := Role{Code: code}
	if dates == "" {
		r.Default = true
		return r, nil
	}
	from, to, ok := strings.Cut(dates, "..")
	if !ok {
		return Role{}, fmt.Errorf("date range %q: want FROM..TO", dates)
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
		return Role{}, fmt.Errorf("date range %q ends before it starts", dates)
	}
	return r, nil
}

// cutField returns the first white-space separated field of s and the
// text after it, as strings.Fields would split s but without a slice.
func cutField(s string) (field, rest string) {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimLeftFunc(s[i:], unicode.IsSpace)
}

// parseDate reads YYYY, YYYY-MM or YYYY-MM-DD; end rounds up to the last
// day of a year or month so that "..2024" includes December 2024. It
// accepts what time.Parse accepts for those layouts, without its cost
// (several thousand role dates at each start-up).
func parseDate(s string, end bool) (time.Time, error) {
	y, ok := digits(s, 0, 4)
	m, d := 1, 1
	switch len(s) {
	case 4:
	case 7:
		var okM bool
		m, okM = digits(s, 5, 7)
		ok = ok && okM && s[4] == '-'
	case 10:
		var okM, okD bool
		m, okM = digits(s, 5, 7)
		d, okD = digits(s, 8, 10)
		ok = ok && okM && okD && s[4] == '-' && s[7] == '-'
	default:
		ok = false
	}
	if !ok || m < 1 || m > 12 {
		return time.Time{}, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	switch {
	case t.Day() != d: // past the end of the month
		return time.Time{}, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	case end && len(s) == 4:
		t = time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)
	case end && len(s) == 7:
		t = time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return t, nil
}

// digits reads the decimal number s[i:j], all digits.
func digits(s string, i, j int) (int, bool) {
	if j > len(s) {
		return 0, false
	}
	n := 0
	for ; i < j; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
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
func parsePatternLine(line string, mem *loadMem) (rawPattern, error) {
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
	// The words and items of all lines share a few large arrays (mem):
	// every alternative is one of the fields or split from one at "|".
	words := mem.strs.reserve(len(f) + strings.Count(line, "|"))
	part := func(s string) []string {
		start := len(words)
		words = appendAlts(words, s)
		return words[start:len(words):len(words)]
	}
	rp.heads = part(head)
	if len(rp.heads) == 0 {
		return rp, fmt.Errorf("verb pattern: bad head %q", f[1])
	}
	rp.items = mem.items.reserve(len(f) - 2)
	for _, it := range f[2:] {
		if strings.HasPrefix(it, "{") {
			if !strings.HasSuffix(it, "}") || len(it) < 3 {
				return rp, fmt.Errorf("verb pattern: bad preposition set %q", it)
			}
			if ps := part(it[1 : len(it)-1]); rp.preps == nil && len(ps) > 0 {
				rp.preps = ps
			} else {
				rp.preps = append(rp.preps, ps...) // copies: ps is capped
			}
			continue
		}
		alts := part(it)
		if len(alts) == 0 {
			return rp, fmt.Errorf("verb pattern: empty item in %q", it)
		}
		rp.items = append(rp.items, alts)
	}
	mem.strs.commit(words)
	mem.items.commit(rp.items)
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
	mem := d.mem()
	var scratch []string
	expand := func(rp *rawPattern, alts []string) ([]string, bool) {
		refs := false
		for _, a := range alts {
			refs = refs || a[0] == '&'
		}
		if !refs {
			return alts, true // shared, not copied: patterns are read-only
		}
		out := scratch[:0]
		defer func() { scratch = out[:0] }()
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
		if len(out) == 0 {
			return nil, true
		}
		return mem.strs.take(out), true
	}
	n := 0
	for i := range d.rawPats {
		n += len(d.rawPats[i].heads)
	}
	d.patterns = slices.Grow(d.patterns, n)
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
					items = mem.items.take(rp.items)
				}
				items[k] = x
			}
		}
		if !ok {
			continue
		}
		for _, h := range heads {
			d.patterns = append(d.patterns, mem.pats.add(Pattern{Code: rp.code, Head: h, Noun: rp.noun, Items: items,
				TargetPreps: rp.preps, File: rp.file, Line: rp.line}))
		}
	}
	d.rawPats = nil
	return errs
}
