// Package text is the first language stage: it splits a document's text into
// sentences and tokens, every one carrying byte offsets into Doc.Text.
//
// Tokens follow the conventions of the UD English EWT treebank that the
// tagger and parser learn from: clitics split ("do" "n't", "Russia" "'s"),
// punctuation split, abbreviations, initials and numbers kept whole
// ("U.S.", "Dec.", "V.", "95,000", "3.5"), hyphenated compounds split
// ("69" "-" "year" "-" "old") except after prefixes EWT keeps ("anti-ship",
// "e-mail"), URLs, e-mail addresses, @handles and #hashtags whole.
//
// Sentence boundaries are decided on the token stream as it is produced, with
// rules for news text and the punkt English model of neurosnap/sentences for
// the hard case (is a capitalised word after "U.S." a new sentence?). A line
// break always ends a sentence: readers put paragraphs, headlines and list
// items on lines of their own and join hard-wrapped lines.
//
// Segment is safe for concurrent use on different Docs.
package text

import (
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/redline-events/redline"
)

// Segment fills d.Sentences and d.Tokens from d.Text, replacing what they
// held but reusing their backing arrays, so a worker can reuse one Doc.
//
// Form and Lower are substrings of d.Text when the text needed no change.
// Otherwise they are sliced from a byte arena allocated for this call and
// never written again after a string is taken from it; a later Segment of
// the same Doc allocates a new arena, so strings from an earlier call stay
// valid.
func Segment(d *redline.Doc) {
	loadPunkt()
	t := d.Text
	s := segmenter{d: d, text: t}
	d.Tokens = d.Tokens[:0]
	d.Sentences = d.Sentences[:0]
	if want := len(t)/5 + 8; cap(d.Tokens) < want {
		d.Tokens = make([]redline.Token, 0, want)
	}
	n := len(t)
	for i := 0; i < n; {
		c := t[i]
		if c < utf8.RuneSelf {
			if asciiClass[c]&cSpace != 0 {
				if asciiClass[c]&cBreak != 0 {
					s.newline = true
				}
				s.spaceBefore = true
				i++
				continue
			}
		} else if r, sz := utf8.DecodeRuneInString(t[i:]); isSpaceRune(r) {
			if r == 0x2028 || r == 0x2029 || r == 0x85 {
				s.newline = true
			}
			s.spaceBefore = true
			i += sz
			continue
		}
		j := i + 1
		for j < n {
			c := t[j]
			if c < utf8.RuneSelf {
				if asciiClass[c]&cSpace != 0 {
					break
				}
				j++
				continue
			}
			r, sz := utf8.DecodeRuneInString(t[j:])
			if isSpaceRune(r) {
				break
			}
			j += sz
		}
		s.chunk(i, j)
		if j < n && len(d.Tokens) > 0 {
			d.Tokens[len(d.Tokens)-1].SpaceAfter = true
		}
		i = j
	}
	if s.pend == pendDefer {
		s.closeSentence(s.cand)
	}
	s.closeSentence(len(d.Tokens))
}

// ASCII character classes.
const (
	cSpace  = 1 << iota // separates chunks
	cBreak              // a line break: always a sentence boundary
	cLetter             // A-Z a-z
	cDigit              // 0-9
	cUpper              // A-Z
	cInWord             // stays inside a word: letters, digits, _ & ' . @ # + =
)

var asciiClass = func() (t [256]uint8) { // 256 so that any byte indexes it; bytes >= 0x80 have no class
	for c := 0; c < 0x20; c++ {
		t[c] = cSpace // control characters separate tokens; never inside one
	}
	t[' '] = cSpace
	t[0x7f] = cSpace
	for _, c := range "\n\r\v\f" {
		t[c] |= cBreak
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = cLetter | cInWord
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = cLetter | cUpper | cInWord
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = cDigit | cInWord
	}
	for _, c := range "_&'.@#+=" {
		t[c] |= cInWord
	}
	return t
}()

func isSpaceRune(r rune) bool {
	return unicode.IsSpace(r) || r == 0x200b || r == 0xfeff || r == 0x2060
}

// isWordRune reports whether a non-ASCII rune belongs inside a word. Invalid
// UTF-8 (RuneError) stays inside words so that offsets still cover it.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == utf8.RuneError ||
		r == 0xad // soft hyphen
}

// pend says what the last token may end, decided when the next token arrives.
type pend uint8

const (
	pendNone     pend = iota
	pendStrong        // "." "?" "!" "..": a boundary unless a lower-case word follows
	pendEllipsis      // "..." "…": a boundary before a capital
	pendAbbrev        // "U.S." "Dec." "etc.": a boundary before a likely sentence starter
	pendInitial       // "V.": a boundary only before a closed-class starter
	pendDefer         // decided on the next token (see decide)
)

const (
	deferOrtho  = iota // after an abbreviation: a boundary unless a capital follows
	deferSpeech        // after a quoted question: no boundary if a speech verb follows
)

type span struct{ a, b int }

type segmenter struct {
	d    *redline.Doc
	text string
	// arena holds normalised and lower-cased forms; see Segment.
	arena []byte

	sentStart   int  // index of the current sentence's first token
	pend        pend // what the last token may end
	newline     bool // a line break since the last token
	spaceBefore bool // whitespace since the last token
	endMark     byte // the last mark of the pending end: '.', '?' or '!'
	quoted      bool // a closing quote followed the pending end
	cand        int  // with pendDefer: the token a sentence would start at
	deferKind   uint8
	deferCount  int // capitalised tokens seen after a quoted question

	suffix [32]span // trailing punctuation of the current chunk, last first
}

// chunk splits one whitespace-free run text[a:b] into tokens.
func (s *segmenter) chunk(a, b int) {
	t := s.text
	p := a
	// Clitics written apart ("Jones 's", "'s,") stay whole.
	if k := leadingClitic(t[a:b]); k > 0 {
		s.emit(a, a+k, pendNone)
		if a += k; a == b {
			return
		}
		p = a
	}
	if c := t[a]; c == ':' || c == ';' || c == '<' {
		if _, ok := emoticons[t[a:b]]; ok {
			s.emit(a, b, pendNone)
			return
		}
	}
	// Leading punctuation: each mark its own token, runs together.
	for p < b {
		c := t[p]
		if c < utf8.RuneSelf {
			k := asciiClass[c]
			if k&(cLetter|cDigit) != 0 || c == '_' {
				break
			}
			if (c == '@' || c == '#' || c == '.') && p+1 < b && asciiClass[t[p+1]]&(cLetter|cDigit) != 0 {
				break // @handle, #hashtag, .5
			}
			q := runEnd(t, p, b)
			s.emit(p, q, pendNone)
			p = q
			continue
		}
		r, sz := utf8.DecodeRuneInString(t[p:b])
		if isWordRune(r) {
			break
		}
		s.emit(p, p+sz, pendNone)
		p += sz
	}
	if p == b {
		return
	}
	if e := urlEnd(t, p, b); e > p {
		s.emit(p, e, pendNone)
		s.punct(e, b)
		return
	}
	// Trailing punctuation, collected last first. A final period stays on
	// an abbreviation or initial; otherwise it is its own token.
	e, ns := b, 0
	abbr := pendNone
	for e > p && ns < len(s.suffix) {
		c := t[e-1]
		if c < utf8.RuneSelf {
			if asciiClass[c]&(cLetter|cDigit) != 0 || c == '_' || c == '+' {
				break
			}
			q := runStart(t, p, e)
			if c == '.' && e-q == 1 && q > p {
				if k, ok := s.abbrev(p, q, b); ok {
					abbr = k
					break
				}
			}
			// "Inc.." is an abbreviation and a final period, as EWT has it.
			if c == '.' && e-q == 2 && q > p && t[q+1] == '.' {
				if k, ok := s.abbrev(p, q, q+1); ok {
					s.suffix[ns] = span{q + 1, e}
					ns++
					e, abbr = q+1, k
					break
				}
			}
			s.suffix[ns] = span{q, e}
			ns++
			e = q
			continue
		}
		r, sz := utf8.DecodeLastRuneInString(t[p:e])
		if isWordRune(r) {
			break
		}
		s.suffix[ns] = span{e - sz, e}
		ns++
		e -= sz
	}
	s.core(p, e, abbr)
	for i := ns - 1; i >= 0; i-- {
		s.emit(s.suffix[i].a, s.suffix[i].b, pendNone)
	}
}

// punct emits text[a:b] as punctuation marks: one token per mark, runs of
// periods or hyphens together.
func (s *segmenter) punct(a, b int) {
	t := s.text
	for a < b {
		var q int
		if t[a] >= utf8.RuneSelf {
			_, sz := utf8.DecodeRuneInString(t[a:b])
			q = a + sz
		} else {
			q = runEnd(t, a, b)
		}
		s.emit(a, q, pendNone)
		a = q
	}
}

// Runs of sentence punctuation ("!!", "?!", "...", ".?") and of one repeated
// mark ("--", "***", "====") are single tokens, as in EWT.
func isEndPunct(c byte) bool { return c == '.' || c == '!' || c == '?' }

func isRepeatable(c byte) bool {
	return c == '-' || c == '*' || c == '=' || c == '~' || c == '#' || c == '+' || c == '/'
}

// runEnd returns the end of the punctuation run starting at text[i], at most e.
func runEnd(t string, i, e int) int {
	c := t[i]
	j := i + 1
	switch {
	case isEndPunct(c):
		for j < e && isEndPunct(t[j]) {
			j++
		}
	case isRepeatable(c):
		for j < e && t[j] == c {
			j++
		}
	}
	return j
}

// runStart returns the start of the punctuation run ending at text[e-1], at
// least p.
func runStart(t string, p, e int) int {
	c := t[e-1]
	i := e - 1
	switch {
	case isEndPunct(c):
		for i > p && isEndPunct(t[i-1]) {
			i--
		}
	case isRepeatable(c):
		for i > p && t[i-1] == c {
			i--
		}
	}
	return i
}

// abbrev decides whether the period at text[q] stays on the word text[a:q];
// chunkEnd is where the chunk ends, for looking at what follows.
func (s *segmenter) abbrev(a, q, chunkEnd int) (pend, bool) {
	t := s.text
	w := t[a:q]
	if len(w) > 12 {
		return pendNone, false
	}
	last := w[len(w)-1]
	if last >= utf8.RuneSelf || asciiClass[last]&cLetter == 0 {
		return pendNone, false
	}
	// "U.S", "a.m", "Ph.D": internal periods between letters.
	dots, letters := 0, 0
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c == '.':
			dots++
		case c < utf8.RuneSelf && asciiClass[c]&cLetter != 0:
			letters++
		default:
			return pendNone, false
		}
	}
	if dots > 0 {
		if w[0] == '.' || letters == 0 {
			return pendNone, false
		}
		return pendAbbrev, true
	}
	if len(w) == 1 {
		// An initial keeps its period before a capital ("Vitali V.
		// Klitschko"); "because of X." ends with a period token.
		if asciiClass[w[0]]&cUpper != 0 && asciiClass[s.nextVisible(q+1, chunkEnd)]&cUpper != 0 {
			return pendInitial, true
		}
		return pendNone, false
	}
	var buf [12]byte
	lw := lowerASCII(buf[:0], w)
	key := unsafe.String(unsafe.SliceData(lw), len(lw))
	if _, ok := titles[key]; ok {
		return pendNone, true
	}
	if _, ok := abbrevs[key]; ok {
		return pendAbbrev, true
	}
	_, amb := ambiguous[key]
	_, learnt := punkt.abbrev[key]
	if amb || learnt {
		if amb && asciiClass[w[0]]&cUpper == 0 {
			return pendNone, false
		}
		// The period is not final when a digit, comma or lower-case word follows.
		if c := s.nextVisible(q+1, chunkEnd); asciiClass[c]&cDigit != 0 || c == ',' || ('a' <= c && c <= 'z') {
			return pendAbbrev, true
		}
	}
	return pendNone, false
}

// nextVisible returns the byte after a period at text[i-1] in a chunk that
// ends at chunkEnd: the next byte of the chunk, else the first byte of the
// next chunk on the same line; 0 at the end of the text or of the line.
func (s *segmenter) nextVisible(i, chunkEnd int) byte {
	t := s.text
	if i < chunkEnd {
		return t[i]
	}
	for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
		i++
	}
	if i < len(t) {
		return t[i]
	}
	return 0
}

func lowerASCII(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// core splits the middle of a chunk (no leading or trailing punctuation,
// except a kept abbreviation period) at inner punctuation and clitics.
func (s *segmenter) core(p, e int, abbr pend) {
	t := s.text
	seg, part := p, p // start of the current word and of its current hyphen part
	for i := p; i < e; {
		c := t[i]
		if c < utf8.RuneSelf {
			if asciiClass[c]&cInWord != 0 {
				i++
				continue
			}
			j := runEnd(t, i, e)
			switch c {
			case '-':
				if j-i == 1 && i > seg && j < e && keepHyphen(t, part, i, j) {
					i, part = j, j
					continue
				}
			case ',', ':':
				if i > seg && j < e && isDigit(t[i-1]) && isDigit(t[j]) {
					i = j
					continue
				}
			case '/':
				// Dates and fractions ("12/7/2021", "2/3") and short forms
				// ("w/o", "l/c") stay whole; "blog/site" is split.
				if i > seg && j < e && (isDigit(t[i-1]) && isDigit(t[j]) ||
					i-seg == 1 && (j+1 == e || asciiClass[t[j+1]]&cLetter == 0)) {
					i = j
					continue
				}
			}
			s.word(seg, i)
			s.emit(i, j, pendNone)
			i, seg, part = j, j, j
			continue
		}
		r, sz := utf8.DecodeRuneInString(t[i:e])
		if isWordRune(r) || r == '’' && i > seg && i+sz < e && isLetterAt(t, i+sz) {
			i += sz
			continue
		}
		s.word(seg, i)
		s.emit(i, i+sz, pendNone)
		i += sz
		seg, part = i, i
	}
	if seg < e {
		s.wordPend(seg, e, abbr)
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isLetterAt(t string, i int) bool {
	if t[i] < utf8.RuneSelf {
		return asciiClass[t[i]]&cLetter != 0
	}
	r, _ := utf8.DecodeRuneInString(t[i:])
	return unicode.IsLetter(r)
}

// keepHyphen decides whether the hyphen text[i:j] stays inside the word
// whose current part is text[part:i]: between digits ("713-853-3989",
// "4-12") and after the prefixes EWT writes attached ("anti-ship",
// "non-human", "e-mail"). Other compounds are split ("69-year-old").
func keepHyphen(t string, part, i, j int) bool {
	if isDigit(t[i-1]) && isDigit(t[j]) {
		return true
	}
	if asciiClass[t[j]]&cLetter == 0 && t[j] < utf8.RuneSelf {
		return false
	}
	w := t[part:i]
	if len(w) > 8 {
		return false
	}
	var buf [8]byte
	lw := lowerASCII(buf[:0], w)
	_, ok := hyphenPrefixes[unsafe.String(unsafe.SliceData(lw), len(lw))]
	return ok
}

var emoticons = set(":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", ":P", ":p", ";P", ":/", ":'(", "<3", ":o")

var hyphenPrefixes = set("e", "non", "pre", "anti", "re", "mid", "post", "co", "pro", "multi", "ex",
	"sub", "semi", "neo", "cross", "over", "inter", "micro", "un", "de", "counter", "socio", "psycho",
	"mega", "ultra", "intra", "trans", "bi", "tri", "mis")

func (s *segmenter) word(a, b int) { s.wordPend(a, b, pendNone) }

// wordPend emits a word, splitting off a clitic; k is what the word (ending
// in an abbreviation period) may end.
func (s *segmenter) wordPend(a, b int, k pend) {
	if a >= b {
		return
	}
	if i := cliticSplit(s.text[a:b]); i > 0 {
		s.emit(a, a+i, pendNone)
		s.emit(a+i, b, k)
		return
	}
	s.emit(a, b, k)
}

// cliticSplit returns where a clitic starts in w ("do|n't", "Russia|'s",
// "can|not"), or 0.
func cliticSplit(w string) int {
	n := len(w)
	if n < 3 {
		return 0
	}
	// n't and n’t
	if w[n-1] == 't' || w[n-1] == 'T' {
		if n > 3 && (w[n-2] == '\'') && (w[n-3] == 'n' || w[n-3] == 'N') {
			return n - 3
		}
		if n > 5 && w[n-4:n-1] == "’" && (w[n-5] == 'n' || w[n-5] == 'N') {
			return n - 5
		}
	}
	// 's 'm 'd 're 've 'll, with ' or ’
	for k := 1; k <= 2 && k < n; k++ {
		suf := w[n-k:]
		if !isCliticTail(suf) {
			continue
		}
		if i := n - k - 1; i > 0 && w[i] == '\'' && isWordByte(w[i-1]) {
			return i
		}
		if i := n - k - 3; i > 0 && w[i:i+3] == "’" && isWordByte(w[i-1]) {
			return i
		}
	}
	switch len(w) {
	case 5:
		if eqFold(w, "gonna") || eqFold(w, "wanna") || eqFold(w, "gotta") {
			return 3
		}
	case 6:
		if eqFold(w, "cannot") {
			return 3
		}
	}
	return 0
}

func isWordByte(c byte) bool { return c >= utf8.RuneSelf || asciiClass[c]&(cLetter|cDigit) != 0 }

func isCliticTail(s string) bool {
	switch len(s) {
	case 1:
		c := s[0] | 0x20
		return c == 's' || c == 'm' || c == 'd'
	case 2:
		a, b := s[0]|0x20, s[1]|0x20
		return a == 'r' && b == 'e' || a == 'v' && b == 'e' || a == 'l' && b == 'l'
	}
	return false
}

// leadingClitic returns the length of a clitic that starts a chunk and is
// followed by nothing or by punctuation ("'s", "n't,", "’re."), or 0.
func leadingClitic(w string) int {
	n := 0
	switch {
	case len(w) > 1 && w[0] == '\'':
		n = 1
	case len(w) > 3 && w[:3] == "’":
		n = 3
	case len(w) >= 3 && eqFold(w[:3], "n't"):
		n = 3
	case len(w) >= 5 && eqFold(w[:5], "n’t"):
		n = 5
	default:
		return 0
	}
	e := n
	for e < len(w) && asciiClass[w[e]]&cLetter != 0 {
		e++
	}
	if e < len(w) && (w[e] >= utf8.RuneSelf || asciiClass[w[e]]&(cDigit|cInWord) != 0 && w[e] != '.') {
		return 0 // more word follows: "'90s", "'tis"
	}
	if n <= 3 && w[0] != 'n' && w[0] != 'N' && !isCliticTail(w[n:e]) {
		return 0
	}
	if (w[0] == 'n' || w[0] == 'N') && e != n {
		return 0
	}
	return e
}

func eqFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// urlEnd returns the end of a URL, e-mail address, @handle or #hashtag
// starting at text[p] (without trailing punctuation), or p.
func urlEnd(t string, p, b int) int {
	w := t[p:b]
	isURL := hasPrefixFold(w, "http://") || hasPrefixFold(w, "https://") || hasPrefixFold(w, "www.") ||
		hasPrefixFold(w, "ftp://")
	if !isURL && (w[0] == '@' || w[0] == '#') {
		if len(w) > 1 && asciiClass[w[1]]&cLetter != 0 {
			// "@VOANews", "#Ukraine", and "@example.com" as a whole.
			e := p + 1
			for e < b && (asciiClass[t[e]]&(cLetter|cDigit) != 0 || t[e] == '_' || t[e] == '.' || t[e] == '-') {
				e++
			}
			for t[e-1] == '.' || t[e-1] == '-' {
				e--
			}
			return e
		}
		return p
	}
	if !isURL {
		at := -1
		for i := 1; i < len(w)-1; i++ {
			if w[i] == '@' {
				at = i
				break
			}
		}
		if at < 0 || asciiClass[w[at-1]]&(cLetter|cDigit) == 0 {
			return p
		}
		dot := false
		for i := at + 1; i < len(w)-1; i++ {
			if w[i] == '.' && asciiClass[w[i+1]]&cLetter != 0 {
				dot = true
			}
		}
		if !dot {
			return p
		}
	}
	e := b
	opens, closes := count(t[p:b], '('), count(t[p:b], ')')
	for e > p {
		c := t[e-1]
		if c == ')' {
			if isURL && opens >= closes {
				break // "http://en.wikipedia.org/wiki/X_(Y)"
			}
			closes--
		}
		if c < utf8.RuneSelf && (asciiClass[c]&(cLetter|cDigit) != 0 || c == '/' || c == '_' || c == '=' || c == '-' || c == '#') {
			break
		}
		if c >= utf8.RuneSelf {
			r, sz := utf8.DecodeLastRuneInString(t[p:e])
			if isWordRune(r) {
				break
			}
			e -= sz
			continue
		}
		e--
	}
	return e
}

func count(s string, c byte) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
		}
	}
	return n
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) > len(prefix) && eqFold(s[:len(prefix)], prefix)
}

// emit appends the token text[a:b]; k is what it may end when it is an
// abbreviation keeping its period.
func (s *segmenter) emit(a, b int, k pend) {
	raw := s.text[a:b]
	upper, nonASCII := false, false
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c >= utf8.RuneSelf {
			nonASCII = true
			break
		}
		if asciiClass[c]&cUpper != 0 {
			upper = true
		}
	}
	form, lower := raw, raw
	if nonASCII {
		form = s.normalise(raw)
		lower = s.lower(form)
	} else if upper {
		lower = s.lowerASCII(form)
	}
	tok := redline.Token{Start: a, End: b, Form: form, Lower: lower, Head: -1}
	s.push(tok, raw, k)
}

// alloc returns n bytes of arena space. When the arena is full a new one is
// started instead of growing it, so bytes behind strings already handed out
// are never copied or written again.
func (s *segmenter) alloc(n int) []byte {
	if cap(s.arena)-len(s.arena) < n {
		size := len(s.text)/4 + 64
		if size < n {
			size = n
		}
		s.arena = make([]byte, 0, size)
	}
	start := len(s.arena)
	s.arena = s.arena[:start+n]
	return s.arena[start : start+n : start+n]
}

func (s *segmenter) str(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// normalise maps typographic quotes, apostrophes, dashes and the ellipsis to
// their ASCII spelling in EWT; other text is returned as is.
func (s *segmenter) normalise(w string) string {
	n, changed := 0, false
	for _, r := range w {
		if rep, ok := asciiFor(r); ok {
			n += len(rep)
			changed = true
		} else {
			n += utf8.RuneLen(r)
		}
	}
	if !changed {
		return w
	}
	buf := s.alloc(n)[:0]
	for i, r := range w {
		if rep, ok := asciiFor(r); ok {
			buf = append(buf, rep...)
		} else if r == utf8.RuneError {
			// Keep invalid bytes as they were, so Form stays the text's bytes.
			_, sz := utf8.DecodeRuneInString(w[i:])
			buf = append(buf, w[i:i+sz]...)
		} else {
			buf = utf8.AppendRune(buf, r)
		}
	}
	return s.str(buf)
}

func asciiFor(r rune) (string, bool) {
	switch r {
	case '‘', '’', '‚', '‛', '′':
		return "'", true
	case '“', '”', '„', '‟', '″', '«', '»':
		return `"`, true
	case '–', '‒', '−', '‐', '‑':
		return "-", true
	case '—', '―':
		return "--", true
	case '…':
		return "...", true
	}
	return "", false
}

func (s *segmenter) lowerASCII(w string) string {
	buf := s.alloc(len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return s.str(buf)
}

// lower lower-cases a form that may hold non-ASCII letters. Invalid bytes
// are copied as they are.
func (s *segmenter) lower(w string) string {
	n, changed := 0, false
	for i := 0; i < len(w); {
		r, sz := utf8.DecodeRuneInString(w[i:])
		i += sz
		if r == utf8.RuneError && sz == 1 {
			n++
			continue
		}
		l := unicode.ToLower(r)
		changed = changed || l != r
		n += utf8.RuneLen(l)
	}
	if !changed {
		return w
	}
	buf := s.alloc(n)[:0]
	for i := 0; i < len(w); {
		r, sz := utf8.DecodeRuneInString(w[i:])
		if r == utf8.RuneError && sz == 1 {
			buf = append(buf, w[i])
		} else {
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		}
		i += sz
	}
	return s.str(buf)
}

// push appends a token, first deciding whether a sentence ends before it.
func (s *segmenter) push(tok redline.Token, raw string, k pend) {
	d := s.d
	n := len(d.Tokens)
	switch {
	case s.newline:
		if s.pend == pendDefer {
			s.closeSentence(s.cand)
		}
		s.closeSentence(n)
		s.pend = pendNone
	case s.pend == pendDefer:
		s.decideDeferred(tok)
	case s.pend != pendNone:
		if s.isCloser(tok.Form, raw) {
			// A closing quote or bracket stays with the sentence it closes.
			s.quoted = s.quoted || tok.Form[0] == '"' || tok.Form[0] == '\''
			break
		}
		if s.pend == pendStrong && isEllipsis(tok.Form) {
			// "… doubt. … Without": the ellipsis marks an omission after
			// the sentence; the next one starts after it.
			s.pend = pendEllipsis
			break
		}
		s.decide(tok, n)
	}
	s.newline, s.spaceBefore = false, false
	if n-s.sentStart >= MaxSentenceTokens && s.pend == pendNone {
		s.cutLong(n)
	}
	d.Tokens = append(d.Tokens, tok)
	if k != pendNone {
		s.pend, s.endMark, s.quoted = k, '.', false
		return
	}
	if s.pend != pendNone {
		return
	}
	if f := tok.Form; isEndPunct(f[0]) {
		for i := 0; i < len(f); i++ {
			if !isEndPunct(f[i]) {
				return
			}
		}
		s.pend, s.endMark, s.quoted = pendStrong, f[len(f)-1], false
		if isEllipsis(f) {
			s.pend = pendEllipsis
		}
	}
}

func isEllipsis(f string) bool {
	if len(f) < 3 {
		return false
	}
	for i := 0; i < len(f); i++ {
		if f[i] != '.' {
			return false
		}
	}
	return true
}

// decide settles a pending end before token n, or defers the decision to
// the next token when one token is not enough to tell.
func (s *segmenter) decide(tok redline.Token, n int) {
	r, _ := utf8.DecodeRuneInString(tok.Form)
	upper := unicode.IsUpper(r)
	end := false
	switch s.pend {
	case pendStrong:
		end = !unicode.IsLower(r) && r != ',' && r != ';' && r != ':' && r != '-'
		if end && upper && s.quoted && (s.endMark == '?' || s.endMark == '!') {
			// `"Why now?" Bugajski asked.`: a capitalised word after a
			// quoted question may be the speaker; look further.
			s.pend, s.cand, s.deferKind, s.deferCount = pendDefer, n, deferSpeech, 1
			return
		}
	case pendEllipsis:
		end = upper || r == '"' || r == '\''
	case pendAbbrev:
		if upper {
			if _, ok := starters[tok.Lower]; ok {
				end = true
			} else if orthoStart(tok.Lower) && !isAcronym(tok.Form) {
				// "U.S. Senator James Risch": a word punkt saw mostly in
				// lower case still names something when another capital
				// follows; look further.
				s.pend, s.cand, s.deferKind = pendDefer, n, deferOrtho
				return
			}
		}
	case pendInitial:
		_, ok := starters[tok.Lower]
		end = upper && ok
	}
	if end {
		s.closeSentence(n)
	}
	s.pend = pendNone
}

// isAcronym reports whether a word is all capitals ("ET", "GMT"): after
// "p.m." such a word continues the sentence.
func isAcronym(f string) bool {
	if len(f) < 2 {
		return false
	}
	for i := 0; i < len(f); i++ {
		if asciiClass[f[i]]&cUpper == 0 {
			return false
		}
	}
	return true
}

// decideDeferred settles a deferred boundary (before token s.cand) on the
// token after.
func (s *segmenter) decideDeferred(tok redline.Token) {
	r, _ := utf8.DecodeRuneInString(tok.Form)
	upper := unicode.IsUpper(r)
	switch s.deferKind {
	case deferOrtho:
		if !upper {
			s.closeSentence(s.cand)
		}
	case deferSpeech:
		if upper && s.deferCount < 3 {
			s.deferCount++
			return // still a name: "Secretary Blinken asked"
		}
		if _, ok := speechVerbs[tok.Lower]; !ok {
			s.closeSentence(s.cand)
		}
	}
	s.pend = pendNone
}

func (s *segmenter) isCloser(form, raw string) bool {
	if len(form) != 1 {
		return false
	}
	switch form[0] {
	case ')', ']', '}':
		return true
	case '"', '\'':
		// ASCII quotes close when they follow without a space; typographic
		// ones say which way they face.
		if raw == "”" || raw == "’" || raw == "»" {
			return true
		}
		if raw == "“" || raw == "‘" || raw == "«" {
			return false
		}
		return !s.spaceBefore
	}
	return false
}

// MaxSentenceTokens bounds a sentence. News sentences run to a few dozen
// tokens; a run of text without punctuation (a list, a table, a hostile
// document) is cut into pieces of at most this many tokens, so that the
// stages after this one, some of which look at every pair of a sentence's
// words, stay fast.
const MaxSentenceTokens = 256

// cutLong ends the sentence before token n, at the last comma, semicolon
// or colon of its final quarter when there is one.
func (s *segmenter) cutLong(n int) {
	toks := s.d.Tokens
	end := n
	for i := n - 1; i > n-MaxSentenceTokens/4 && i > s.sentStart; i-- {
		if f := toks[i].Form; f == "," || f == ";" || f == ":" {
			end = i + 1
			break
		}
	}
	s.closeSentence(end)
}

func (s *segmenter) closeSentence(end int) {
	if end <= s.sentStart {
		return
	}
	toks := s.d.Tokens
	s.d.Sentences = append(s.d.Sentences, redline.Sentence{
		Start: toks[s.sentStart].Start, End: toks[end-1].End,
		TokStart: s.sentStart, TokEnd: end,
	})
	s.sentStart = end
}
