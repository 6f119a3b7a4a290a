package dict

import (
	"strings"

	"github.com/redline-events/redline"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldTable maps a non-ASCII rune of the Latin, Greek and Cyrillic blocks to
// its lower-case form without diacritics ("Ğ" → "g", "ß" → "ss"). Built once
// so that folding a token is a table look-up, not a normalisation pass.
var foldTable = func() []string {
	t := make([]string, 0x2000)
	var buf []byte
	for r := rune(0x80); r < rune(len(t)); r++ {
		if !unicode.IsLetter(r) {
			continue
		}
		lr := unicode.ToLower(r)
		buf = norm.NFD.AppendString(buf[:0], string(lr))
		var b strings.Builder
		for _, c := range string(buf) {
			if unicode.Is(unicode.Mn, c) {
				continue
			}
			b.WriteRune(c)
		}
		if s := b.String(); s != string(r) {
			t[r] = s
		}
	}
	// Letters that do not decompose but that readers of news treat as
	// plain Latin letters.
	for r, s := range map[rune]string{
		'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
		'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d",
		'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th", 'ı': "i", 'ħ': "h", 'Ħ': "h",
	} {
		t[r] = s
	}
	return t
}()

// isFolded reports whether s is already in key form: ASCII, no upper case,
// no typographic apostrophe, no trailing period. Most news tokens are, so
// the matcher looks them up without copying.
func isFolded(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return !(len(s) > 1 && s[len(s)-1] == '.')
}

// appendFold appends the key form of s to dst: lower case, diacritics
// removed, curly apostrophes straightened, and a trailing abbreviation
// period dropped ("U.S." and "U.S" give the same key, as do "Jr." and "Jr").
func appendFold(dst []byte, s string) []byte {
	if len(s) > 1 && s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '\u2019' || r == '\u2018' || r == '\u02bc':
			dst = append(dst, '\'')
		case r < rune(len(foldTable)) && foldTable[r] != "":
			dst = append(dst, foldTable[r]...)
		default:
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst
}

// fold returns the key form of s, allocating only when s is not already
// folded. For load time, not for the matching hot path.
func fold(s string) string {
	if isFolded(s) {
		return s
	}
	return string(appendFold(nil, s))
}

// capsMask returns the capitals of a dictionary name that must match in
// capitals: a name of at most 5 letters written wholly in capitals ("US",
// "U.N.", "EU"), or with a capital after its first letter ("LeT", "BiH"),
// so that "us", "is" and "let" stay ordinary words. Bit k is set when the
// k-th letter is a capital. Zero (any case) for other names and for
// dictionaries whose case means nothing.
func capsMask(name string, caseless bool) uint8 {
	if caseless {
		return 0
	}
	var mask uint8
	letters, inner := 0, false
	for _, r := range name {
		if !unicode.IsLetter(r) {
			continue
		}
		if letters == 5 {
			return 0
		}
		if unicode.IsUpper(r) {
			mask |= 1 << letters
			inner = inner || letters > 0
		}
		letters++
	}
	if mask == 0 || (!inner && letters > 1) {
		return 0 // no capitals, or only an initial one ("Iran")
	}
	return mask
}

// capsMatch reports whether the letters of the tokens have capitals where
// mask wants them.
func capsMatch(toks []redline.Token, mask uint8) bool {
	k := 0
	for i := range toks {
		for _, r := range toks[i].Form {
			if !unicode.IsLetter(r) {
				continue
			}
			if k < 8 && mask&(1<<k) != 0 && !unicode.IsUpper(r) {
				return false
			}
			k++
		}
	}
	return true
}

// isUpperForm reports whether every letter of a token is upper case.
func isUpperForm(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			for _, r := range s[i:] {
				if unicode.IsLetter(r) && !unicode.IsUpper(r) {
					return false
				}
			}
			return true
		}
		if 'a' <= c && c <= 'z' {
			return false
		}
	}
	return true
}

// isCapitalised reports whether a token starts with an upper-case letter.
func isCapitalised(s string) bool {
	if s == "" {
		return false
	}
	if c := s[0]; c < utf8.RuneSelf {
		return 'A' <= c && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// nameTokens splits a dictionary name into tokens the way the text stage
// splits news (EWT style): whitespace separates, "'s" and a bare final "'"
// split off as possessives, hyphens and slashes split ("Ki-moon" → "Ki" "-"
// "moon"), other edge punctuation splits, and periods stay inside
// abbreviations and initials ("U.S.", "R.", "Jr."). Load time only.
func nameTokens(dst []string, name string) []string {
	for f := range strings.FieldsSeq(name) {
		dst = splitWord(dst, f)
	}
	return dst
}

// indexSplit is strings.IndexAny(w, "-/\u2013\u2014") without decoding
// every rune: the dashes are the only runes starting E2 80 93/94.
func indexSplit(w string) int {
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case '-', '/':
			return i
		case 0xE2:
			if i+2 < len(w) && w[i+1] == 0x80 && (w[i+2] == 0x93 || w[i+2] == 0x94) {
				return i
			}
		}
	}
	return -1
}

func splitWord(dst []string, w string) []string {
	// Hyphens and slashes inside a word separate tokens.
	for {
		i := indexSplit(w)
		if i < 0 {
			break
		}
		_, n := utf8.DecodeRuneInString(w[i:])
		if i > 0 {
			dst = splitWord(dst, w[:i])
		}
		dst = append(dst, w[i:i+n])
		w = w[i+n:]
	}
	if w == "" {
		return dst
	}
	// Leading punctuation.
	for w != "" && strings.ContainsRune("\"([{", rune(w[0])) {
		dst = append(dst, w[:1])
		w = w[1:]
	}
	// Trailing punctuation, split off after the word itself.
	end := len(w)
	for end > 0 {
		last := w[end-1]
		if strings.IndexByte("\")]},;:!?", last) >= 0 || (last == '.' && !keepsPeriod(w[:end])) {
			end--
			continue
		}
		break
	}
	tail := w[end:]
	w = w[:end]
	switch {
	case len(w) > 2 && (w[len(w)-1] == 's' || w[len(w)-1] == 'S') && w[len(w)-2] == '\'':
		dst = append(dst, w[:len(w)-2], w[len(w)-2:])
	case len(w) > 4 && (w[len(w)-1] == 's' || w[len(w)-1] == 'S') && strings.HasSuffix(w[:len(w)-1], "\u2019"):
		dst = append(dst, w[:len(w)-4], w[len(w)-4:])
	case len(w) > 1 && w[len(w)-1] == '\'' && (w[len(w)-2] == 's' || w[len(w)-2] == 'S'):
		dst = append(dst, w[:len(w)-1], "'")
	case w != "":
		dst = append(dst, w)
	}
	for i := 0; i < len(tail); i++ {
		dst = append(dst, tail[i:i+1])
	}
	return dst
}

// keepsPeriod says whether a word ending in "." is an abbreviation that
// keeps it: initials ("R."), dotted acronyms ("U.S."), and short
// capitalised title abbreviations ("Jr.", "St.", "Gen.").
func keepsPeriod(w string) bool {
	core := w[:len(w)-1]
	if core == "" {
		return false
	}
	if strings.Contains(core, ".") {
		return true
	}
	n := utf8.RuneCountInString(core)
	if n == 1 {
		return true
	}
	return n <= 4 && isCapitalised(core)
}

// isInitial reports whether a news token is a middle initial ("R." or "R"),
// which the matcher may skip inside a person's name.
func isInitial(s string) bool {
	switch len(s) {
	case 1:
		return 'A' <= s[0] && s[0] <= 'Z'
	case 2:
		return 'A' <= s[0] && s[0] <= 'Z' && s[1] == '.'
	}
	return false
}
