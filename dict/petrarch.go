package dict

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/redline-events/redline"
)

// PetrarchFiles names PETRARCH/TABARI dictionary files by type.
type PetrarchFiles struct {
	Verbs, Actors, Agents, Discards, Issues []string
}

// LoadPetrarch reads PETRARCH/TABARI dictionaries. Verb patterns that do
// not map onto Pattern (words before the verb, source markers, compound
// actors, transformations, passive-only codes) are counted in
// Dictionary.Unconverted by reason.
func LoadPetrarch(files PetrarchFiles, opt Options) (*Dictionary, error) {
	d := &Dictionary{}
	var errs []error
	read := func(paths []string, fn func(*Dictionary, string, []byte) []error) error {
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			errs = append(errs, fn(d, p, b)...)
		}
		return nil
	}
	for _, r := range []struct {
		paths []string
		fn    func(*Dictionary, string, []byte) []error
	}{
		{files.Verbs, (*Dictionary).readPetrVerbs},
		{files.Actors, (*Dictionary).readPetrActors},
		{files.Agents, (*Dictionary).readPetrAgents},
		{files.Discards, (*Dictionary).readPetrDiscards},
		{files.Issues, (*Dictionary).readPetrIssues},
	} {
		if err := read(r.paths, r.fn); err != nil {
			return nil, err
		}
	}
	errs = append(errs, d.resolvePatterns()...)
	if len(errs) > 0 && !opt.Lenient {
		return nil, errorList(errs)
	}
	d.Warnings = errs
	d.compile()
	return d, nil
}

// petrLines calls fn for each line with its comment removed: "#" to end of
// line, and lines starting with "<" (XML-style comments) skipped. raw
// keeps the leading white space, which marks date-restriction lines.
func petrLines(b []byte, fn func(n int, raw string)) {
	text := strings.TrimPrefix(string(b), "\ufeff")
	for n := 1; text != ""; n++ {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		line = strings.TrimRight(stripPetrComment(line), " \t\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "<") {
			continue
		}
		fn(n, line)
	}
}

// stripPetrComment cuts a line at the first "#" outside brackets: codes
// such as "[###]" occur in the validation dictionaries.
func stripPetrComment(line string) string {
	depth := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '[':
			depth++
		case ']':
			if depth > 0 {
				depth--
			}
		case '#':
			if depth == 0 {
				return line[:i]
			}
		}
	}
	return line
}

// petrPhrase turns a PETRARCH phrase ("UNITED_NATIONS_", "HAMAS WING")
// into words separated by spaces.
func petrPhrase(s string) string {
	s = strings.ReplaceAll(s, "_", " ")
	return strings.Join(strings.Fields(s), " ")
}

// readPetrActors reads a TABARI/PETRARCH .actors file: "NAME [CODE]" or a
// NAME followed by "+SYNONYM" lines and indented date-restricted codes
// "[CODE >YYYYMMDD]", "[CODE <YYYYMMDD]", "[CODE YYYYMMDD-YYYYMMDD]".
func (d *Dictionary) readPetrActors(file string, b []byte) []error {
	var errs []error
	var cur *Entry
	flush := func() {
		if cur == nil {
			return
		}
		e := *cur
		cur = nil
		switch {
		case len(e.Roles) == 0:
			d.count("actor without code")
			return
		case len(e.Roles) == 1 && e.Roles[0].Default:
			e.Code, e.Roles = e.Roles[0].Code, nil
			e.Kind = Org
			if len(e.Code) == 3 {
				e.Kind = Country
			}
		default:
			e.Kind = Person
		}
		d.entries = append(d.entries, e)
		d.layers = append(d.layers, d.layer)
	}
	addCodes := func(n int, s string) {
		for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
			if s[0] != '[' {
				errs = append(errs, &LineError{file, n, fmt.Sprintf("text %q after codes", s)})
				return
			}
			end := strings.IndexByte(s, ']')
			if end < 0 {
				errs = append(errs, &LineError{file, n, "unclosed ["})
				return
			}
			role, skip, err := parsePetrRole(s[1:end])
			s = s[end+1:]
			if err != nil {
				errs = append(errs, &LineError{file, n, err.Error()})
				continue
			}
			if skip || cur == nil {
				if cur == nil {
					errs = append(errs, &LineError{file, n, "code without an actor"})
				}
				continue
			}
			role.Line = n
			cur.Roles = append(cur.Roles, role)
		}
	}
	petrLines(b, func(n int, line string) {
		indented := line[0] == ' ' || line[0] == '\t'
		line = strings.TrimSpace(line)
		switch {
		case line[0] == '[' || (indented && strings.HasPrefix(line, "[")):
			addCodes(n, line)
		case line[0] == '+':
			name, codes, _ := strings.Cut(line[1:], "[")
			if cur == nil {
				errs = append(errs, &LineError{file, n, "synonym without an actor"})
				return
			}
			if p := petrPhrase(name); p != "" {
				cur.Names = append(cur.Names, p)
			}
			if codes != "" {
				addCodes(n, "["+codes)
			}
		default:
			flush()
			name, codes, _ := strings.Cut(line, "[")
			p := petrPhrase(name)
			if p == "" {
				errs = append(errs, &LineError{file, n, "actor line without a name"})
				return
			}
			cur = &Entry{Names: []string{p}, Caseless: true, File: file, Line: n}
			if codes != "" {
				addCodes(n, "["+codes)
			}
		}
	})
	flush()
	return errs
}

// parsePetrRole reads the inside of "[CODE restriction]". skip is set for
// the null codes "---" and "+++", which name actors PETRARCH leaves uncoded.
func parsePetrRole(s string) (r Role, skip bool, err error) {
	s = strings.TrimSpace(s)
	code, rest, _ := strings.Cut(s, " ")
	if i := strings.IndexAny(code, "<>"); i > 0 {
		code, rest = code[:i], code[i:]+" "+rest
	}
	if i := strings.IndexByte(code, '/'); i >= 0 {
		code = code[:i] // "ELR/GAL": alternatives; the first one codes
	}
	code = strings.ToUpper(code)
	if code == "---" || code == "+++" || code == "" {
		return r, true, nil
	}
	for i := 0; i < len(code); i++ {
		if c := code[i]; !('A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return r, false, fmt.Errorf("bad actor code %q", code)
		}
	}
	r.Code = code
	rest = strings.Join(strings.Fields(rest), "")
	switch {
	case rest == "":
		r.Default = true
	case rest[0] == '<':
		r.To, err = petrDate(rest[1:])
	case rest[0] == '>':
		r.From, err = petrDate(rest[1:])
	default:
		from, to, ok := strings.Cut(rest, "-")
		if !ok {
			return r, false, fmt.Errorf("bad date restriction %q", rest)
		}
		if r.From, err = petrDate(from); err == nil {
			r.To, err = petrDate(to)
		}
		if err == nil && r.To.Before(r.From) {
			err = fmt.Errorf("date range %s ends before it starts", rest)
		}
	}
	return r, false, err
}

// petrDate reads YYYYMMDD, or TABARI's YYMMDD (years 30–99 are 19xx).
func petrDate(s string) (time.Time, error) {
	switch len(s) {
	case 8:
		return time.Parse("20060102", s)
	case 6:
		t, err := time.Parse("060102", s)
		if err != nil {
			return t, err
		}
		if y := t.Year(); y >= 2030 {
			t = t.AddDate(-100, 0, 0)
		}
		return t, nil
	}
	return time.Time{}, fmt.Errorf("date %q: want YYYYMMDD or YYMMDD", s)
}

func (d *Dictionary) count(reason string) {
	if d.Unconverted == nil {
		d.Unconverted = map[string]int{}
	}
	d.Unconverted[reason]++
}

// readPetrAgents reads a PETRARCH .agents file: substitution sets
// "!PERSON! = MAN, MEN", then "NAME {PLURALS} [~CODE]" lines ("{}": no
// regular plural; "[CODE~]": the code goes before the country).
func (d *Dictionary) readPetrAgents(file string, b []byte) []error {
	var errs []error
	subst := map[string][]string{}
	petrLines(b, func(n int, line string) {
		line = strings.TrimSpace(line)
		if line[0] == '!' {
			if name, rest, ok := strings.Cut(line, "="); ok {
				name = strings.TrimSpace(name)
				if len(name) > 2 && strings.HasSuffix(name, "!") {
					var alts []string
					for _, a := range strings.Split(rest, ",") {
						if a = strings.TrimSpace(a); a != "" {
							alts = append(alts, a)
						}
					}
					subst[name] = alts
					return
				}
			}
		}
		open := strings.LastIndexByte(line, '[')
		close := strings.LastIndexByte(line, ']')
		if open < 0 || close < open {
			errs = append(errs, &LineError{file, n, "agent line without [CODE]"})
			return
		}
		code := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(line[open+1:close]), " ", ""))
		code = strings.ReplaceAll(code, "~", "")
		if len(code) < 3 {
			errs = append(errs, &LineError{file, n, fmt.Sprintf("bad agent code %q", line[open+1:close])})
			return
		}
		head := line[:open]
		var plurals []string
		regular := true
		if i := strings.IndexByte(head, '{'); i >= 0 {
			j := strings.IndexByte(head, '}')
			if j < i {
				errs = append(errs, &LineError{file, n, "unclosed {"})
				return
			}
			regular = false
			plurals = strings.Fields(head[i+1 : j])
			head = head[:i] + head[j+1:]
		}
		head = strings.TrimSpace(head)
		if head == "" {
			errs = append(errs, &LineError{file, n, "agent line without a name"})
			return
		}
		var names []string
		for _, h := range expandSubst(head, subst) {
			names = append(names, petrPhrase(h))
			if regular && !strings.Contains(head, "!") {
				names = append(names, petrPhrase(regularPlural(strings.TrimRight(h, "_"))))
			}
		}
		for _, p := range plurals {
			names = append(names, petrPhrase(p))
		}
		d.entries = append(d.entries, Entry{Kind: Agent, Code: code, Names: names, Caseless: true, File: file, Line: n})
		d.layers = append(d.layers, d.layer)
	})
	return errs
}

// expandSubst replaces each "!SET!" marker by each of its alternatives.
// Inserted text is not expanded again, so a set naming itself terminates.
func expandSubst(s string, subst map[string][]string) []string {
	i := strings.IndexByte(s, '!')
	if i < 0 {
		return []string{s}
	}
	j := strings.IndexByte(s[i+1:], '!')
	if j < 0 {
		return []string{s}
	}
	marker, rest := s[i:i+j+2], s[i+j+2:]
	alts, ok := subst[marker]
	if !ok {
		alts = []string{strings.Trim(marker, "!")}
	}
	var out []string
	for _, tail := range expandSubst(rest, subst) {
		for _, a := range alts {
			out = append(out, s[:i]+a+tail)
		}
	}
	return out
}

// regularPlural forms the regular English plural of a phrase's last word,
// as TABARI does for agents.
func regularPlural(s string) string {
	u := strings.ToUpper(s)
	switch {
	case strings.HasSuffix(u, "Y") && len(u) > 1 && !strings.ContainsRune("AEIOU", rune(u[len(u)-2])):
		return s[:len(s)-1] + "IES"
	case strings.HasSuffix(u, "S"), strings.HasSuffix(u, "X"), strings.HasSuffix(u, "Z"),
		strings.HasSuffix(u, "CH"), strings.HasSuffix(u, "SH"):
		return s + "ES"
	case strings.HasSuffix(u, "MAN"):
		return s[:len(s)-2] + "EN"
	}
	return s + "S"
}

// readPetrDiscards reads a discard list: one phrase a line, "+" marking a
// phrase that discards the whole story rather than the sentence.
func (d *Dictionary) readPetrDiscards(file string, b []byte) []error {
	petrLines(b, func(n int, line string) {
		line = strings.TrimSpace(line)
		code := ""
		if line[0] == '+' {
			code, line = "+", line[1:]
		}
		if p := petrPhrase(line); p != "" {
			d.discards = append(d.discards, Entry{Code: code, Names: []string{p}, Caseless: true, File: file, Line: n})
		}
	})
	return nil
}

// readPetrIssues reads an issues file: <ISSUE CATEGORY="X"> blocks of
// "phrase [CODE]" lines, "~phrase" excluding a phrase.
func (d *Dictionary) readPetrIssues(file string, b []byte) []error {
	var errs []error
	category := ""
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case strings.HasPrefix(line, "<ISSUE"):
			_, rest, ok := strings.Cut(line, `CATEGORY="`)
			cat, _, ok2 := strings.Cut(rest, `"`)
			if !ok || !ok2 {
				errs = append(errs, &LineError{file, n, "ISSUE without CATEGORY"})
			}
			category = cat
		case strings.HasPrefix(line, "</ISSUE"):
			category = ""
		case strings.HasPrefix(line, "<"):
		default:
			is := Issue{Category: category}
			if line[0] == '~' {
				is.Exclude, line = true, line[1:]
			}
			if i := strings.IndexByte(line, '['); i >= 0 {
				j := strings.IndexByte(line, ']')
				if j < i {
					errs = append(errs, &LineError{file, n, "unclosed ["})
					continue
				}
				is.Code = strings.TrimSpace(line[i+1 : j])
				line = line[:i]
			}
			line = strings.ReplaceAll(line, "n:", "")
			line = strings.ReplaceAll(line, "+", " ")
			is.Phrase = strings.ToLower(petrPhrase(line))
			if is.Phrase == "" {
				errs = append(errs, &LineError{file, n, "issue line without a phrase"})
				continue
			}
			if category == "" {
				errs = append(errs, &LineError{file, n, "issue phrase outside an <ISSUE> block"})
				continue
			}
			d.issues = append(d.issues, is)
		}
	}
	return errs
}

// petrVerb is one verb of a synonym block: its head and the words a
// compound verb adds ("+ASK_FOR" → ask, [for]).
type petrVerb struct {
	head  string
	items [][]string
}

// prepositions recognised before a target marker in old-style patterns
// ("SIEGE OF +").
var prepositions = map[string]bool{"of": true, "to": true, "with": true, "against": true, "on": true,
	"in": true, "for": true, "from": true, "into": true, "at": true, "by": true, "over": true,
	"across": true, "toward": true, "towards": true, "upon": true, "about": true, "between": true}

// readPetrVerbs reads a PETRARCH verb dictionary (CAMEO.2.0 and the older
// CAMEO.verbpatterns): synsets "&SET" with "+MEMBER" lines, then synonym
// blocks "--- NAME [code] ---" of verbs ("WORD {FORMS} [code]", compound
// "+WORD_PARTICLE") and patterns "- WORDS * WORDS (PREP WORDS) [code]".
func (d *Dictionary) readPetrVerbs(file string, b []byte) []error {
	var errs []error
	var synset string // the synset being read, "" in a verb block
	var block []petrVerb
	var blockCode redline.Code
	inBlock := false
	bare := map[string]bool{} // verbs already given a bare pattern
	addBare := func(v petrVerb, code redline.Code, n int) {
		k := v.head + fmt.Sprint(v.items)
		if bare[k] {
			return
		}
		bare[k] = true
		d.rawPats = append(d.rawPats, rawPattern{code: code, heads: []string{v.head}, items: v.items, file: file, line: n})
	}
	if d.synsets == nil {
		d.synsets = map[string][]string{}
	}
	petrLines(b, func(n int, line string) {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "---"):
			synset, inBlock, block = "", true, nil
			inner := strings.Trim(line, "- ")
			blockCode = ""
			if i := strings.IndexByte(inner, '['); i >= 0 {
				if j := strings.IndexByte(inner, ']'); j > i {
					c, _, _ := strings.Cut(inner[i+1:j], ":")
					if redline.Code(c).Valid() {
						blockCode = redline.Code(c)
					}
				}
			}
		case line[0] == '&':
			synset = strings.TrimRight(strings.Fields(line)[0][1:], "_")
			inBlock = false
			if synset == "" {
				errs = append(errs, &LineError{file, n, "synset without a name"})
			}
		case line[0] == '~':
			d.count("transformation")
		case line[0] == '+' && !inBlock:
			if synset == "" {
				errs = append(errs, &LineError{file, n, "synset member outside a synset"})
				return
			}
			f := strings.Fields(line[1:])
			if len(f) == 0 {
				errs = append(errs, &LineError{file, n, "empty synset member"})
				return
			}
			m := strings.ToLower(petrPhrase(f[0]))
			if m != "" {
				d.synsets[synset] = append(d.synsets[synset], m)
			}
		case line[0] == '-':
			if !inBlock || len(block) == 0 {
				errs = append(errs, &LineError{file, n, "pattern outside a verb block"})
				return
			}
			d.petrPattern(file, n, line[1:], block, &errs)
		default:
			if !inBlock {
				errs = append(errs, &LineError{file, n, fmt.Sprintf("unexpected line %q outside a verb block", line)})
				return
			}
			compound := line[0] == '+'
			if compound {
				line = line[1:]
			}
			word := line
			code := redline.Code("")
			if i := strings.IndexByte(word, '['); i >= 0 {
				j := strings.IndexByte(word, ']')
				if j < i {
					errs = append(errs, &LineError{file, n, "unclosed ["})
					return
				}
				c, _, _ := strings.Cut(strings.TrimSpace(word[i+1:j]), ":")
				code = redline.Code(c)
				word = word[:i]
			}
			if i := strings.IndexByte(word, '{'); i >= 0 {
				word = word[:i]
			}
			words := strings.Fields(strings.ToLower(petrPhrase(word)))
			if len(words) == 0 {
				errs = append(errs, &LineError{file, n, "verb line without a verb"})
				return
			}
			v := petrVerb{head: words[0]}
			for _, w := range words[1:] {
				v.items = append(v.items, []string{w})
			}
			block = append(block, v)
			switch {
			case code.Valid():
				addBare(v, code, n)
			case code != "" && code != "---":
				d.count("code not in codebook")
			case blockCode != "":
				addBare(v, blockCode, n)
			}
		}
	})
	return errs
}

// petrPattern converts one pattern line for every verb of its block.
func (d *Dictionary) petrPattern(file string, n int, s string, block []petrVerb, errs *[]error) {
	open := strings.LastIndexByte(s, '[')
	close := strings.LastIndexByte(s, ']')
	if open < 0 || close < open {
		*errs = append(*errs, &LineError{file, n, "pattern without [code]"})
		return
	}
	code, _, _ := strings.Cut(strings.TrimSpace(s[open+1:close]), ":")
	switch {
	case code == "---" || strings.TrimSpace(s[open+1:close]) == "---":
		d.count("no code")
		return
	case code == "":
		d.count("passive-only code [:X]")
		return
	case !redline.Code(code).Valid():
		d.count("code not in codebook")
		return
	}
	body := s[:open]
	for _, r := range []string{"(", ")", "{", "}"} {
		body = strings.ReplaceAll(body, r, " "+r+" ")
	}
	body = strings.ReplaceAll(body, "_", " ")
	toks := strings.Fields(body)
	star := -1
	for i, t := range toks {
		if t == "*" {
			star = i
			break
		}
	}
	switch {
	case star < 0:
		d.count("no verb position *")
		return
	case star > 0:
		d.count("words before the verb")
		return
	}
	var items [][]string
	var preps []string
	inPP, ppFirst := false, ""
	prev := ""
	for _, t := range toks[1:] {
		switch t {
		case "$":
			d.count("source marker $")
			return
		case "%":
			d.count("compound actor %")
			return
		case "*":
			d.count("two verb positions")
			return
		case "^", "{", "}":
			continue
		case "(":
			inPP, ppFirst, prev = true, "", ""
			continue
		case ")":
			if inPP && ppFirst != "" && prev == ppFirst && len(items) > 0 {
				// "(TO)": the object of the preposition is the target.
				preps = append(preps, ppFirst)
				items = items[:len(items)-1]
			}
			inPP = false
			continue
		case "+":
			if prepositions[prev] && len(items) > 0 {
				preps = append(preps, prev)
				items = items[:len(items)-1]
			}
			prev = ""
			continue
		}
		if t[0] == '&' {
			items = append(items, []string{"&" + strings.TrimRight(t[1:], "_")})
			prev = ""
			continue
		}
		w := fold(strings.TrimRight(t, "_"))
		if w == "" {
			continue
		}
		if inPP && ppFirst == "" {
			ppFirst = w
		}
		items = append(items, nounForms(w))
		prev = w
	}
	for _, v := range block {
		all := append(append([][]string(nil), v.items...), items...)
		d.rawPats = append(d.rawPats, rawPattern{code: redline.Code(code), heads: []string{v.head}, items: all,
			preps: preps, file: file, line: n, petr: true})
	}
}

// nounForms gives a PETRARCH pattern word (written as in text: "TALKS",
// "SANCTIONS") with its likely singular as alternatives, since our items
// are lemmas.
func nounForms(w string) []string {
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return []string{w, w[:len(w)-3] + "y"}
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return []string{w, w[:len(w)-1]}
	}
	return []string{w}
}
