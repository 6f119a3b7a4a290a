package tag

import (
	"strings"

	"github.com/redline-events/redline"
)

// Lemma returns the dictionary form of a word from its form, lower-cased
// form and tags, following the conventions of the English UD treebanks:
// proper nouns keep their case, other words are lower-cased ("I" stays
// "I"); plurals, comparatives and inflected verbs are reduced by suffix rules
// conditioned on the Penn tag, after a table of irregular forms. The result
// is a substring of form or lower, or a string from a fixed table, except
// when a rule has to restore a letter ("studies" → "study", "making" →
// "make") or a prefix precedes an irregular form ("retaken" → "retake").
//
// The Tagger also consults exceptions learned from its training treebank
// before these rules; Lemma alone is what applies to words it never saw.
func Lemma(form, lower string, upos redline.UPOS, xpos string) string {
	if lower == "" {
		return form
	}
	switch xpos {
	case "NNP":
		if len(form) >= 5 && allCaps(form) {
			// Names shouted in capitals ("KENNEDY") are title-cased in the
			// treebanks; shorter ones are mostly acronyms (NATO, EWS).
			return form[:1] + strings.ToLower(form[1:])
		}
		return form
	case "NNPS":
		if allCaps(form) {
			return form // an acronym ending in S, not a plural
		}
		return plural(form, false)
	}
	if upos == redline.PROPN {
		return form
	}
	if lower == "i" && (upos == redline.PRON || xpos == "PRP") {
		return "I"
	}
	base := lower
	// Capitalised adjectives of nationality and the like keep their case
	// in the treebanks; acronyms that are common nouns too ("TV").
	if upos == redline.ADJ && xpos == "JJ" && len(form) > 1 && isUpper(form[0]) && !isUpper(form[1]) && nationality(lower) {
		base = form
	} else if upos == redline.NOUN && len(form) == 1 && isUpper(form[0]) {
		base = form // "plan B", "X" as a variable
	}
	if l, ok := closedClass[lower]; ok && l.xpos == xpos {
		return l.lemma
	}
	switch xpos {
	case "CD":
		return number(base)
	case "NNS":
		if l, ok := irregularNoun[lower]; ok {
			return l
		}
		return plural(base, false)
	case "VBD", "VBN", "VBZ", "VBG", "VBP", "VB", "MD":
		if l, ok := irregularVerb[lower]; ok && (lower != "lay" || xpos == "VBD") {
			return l
		}
		if l, ok := prefixedIrregular(lower); ok {
			return l
		}
		switch xpos {
		case "VBZ":
			return verbS(base)
		case "VBD", "VBN":
			if strings.HasSuffix(base, "ed") && len(base) > 3 {
				return verbStem(base, 2)
			}
		case "VBG":
			if strings.HasSuffix(base, "ing") && len(base) > 4 {
				return verbStem(base, 3)
			}
		}
		return base
	case "JJR", "JJS", "RBR", "RBS":
		if xpos[0] == 'R' && (lower == "better" || lower == "best") {
			return "well"
		}
		if l, ok := irregularGrade[lower]; ok {
			return l
		}
		if xpos == "JJR" || xpos == "RBR" {
			if strings.HasSuffix(base, "er") && len(base) > 4 {
				return gradeStem(base, 2)
			}
		} else if strings.HasSuffix(base, "est") && len(base) > 5 {
			return gradeStem(base, 3)
		}
		return base
	case "PRP":
		if l, ok := pronoun[lower]; ok {
			return l
		}
	}
	if upos == redline.AUX || upos == redline.VERB {
		if l, ok := irregularVerb[lower]; ok {
			return l
		}
	}
	return base
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// allCaps reports whether s has letters and all of them are capitals.
func allCaps(s string) bool {
	letters := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z' || c >= 0x80:
			return false
		case isUpper(c):
			letters++
		}
	}
	return letters > 0
}

// number drops the thousands separators the treebanks drop ("5,000" → "5000").
func number(s string) string {
	if strings.IndexByte(s, ',') < 0 {
		return s
	}
	digits := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			digits = true
		} else if c != ',' && c != '.' {
			return s
		}
	}
	if !digits {
		return s
	}
	return strings.ReplaceAll(s, ",", "")
}

// closedClass holds function words and clitics whose lemma is not the
// word itself, keyed by lower-cased form, valid only with the given tag.
var closedClass = map[string]struct{ xpos, lemma string }{
	"n't": {"RB", "not"}, "nt": {"RB", "not"}, "an": {"DT", "a"},
	"these": {"DT", "this"}, "those": {"DT", "that"},
	"s": {"POS", "'s"}, "'": {"POS", "'s"},
	"wan": {"VBP", "want"}, "gon": {"VBG", "go"}, "na": {"TO", "to"}, "ta": {"TO", "to"},
	"am": {"NN", "a.m."}, "pm": {"NN", "p.m."}, "a.m": {"NN", "a.m."}, "p.m": {"NN", "p.m."},
	"etc": {"FW", "etc."}, "b/c": {"IN", "because"}, "cuz": {"IN", "because"}, "cause": {"IN", "because"},
	"pls": {"UH", "please"}, "plz": {"UH", "please"}, "thx": {"UH", "thanks"},
}

// nationality guesses adjectives derived from names ("Iraqi", "American",
// "Chinese"), which keep their capital.
func nationality(lower string) bool {
	for _, suf := range [...]string{"an", "ian", "ese", "ish", "i", "ic"} {
		if strings.HasSuffix(lower, suf) && len(lower) > len(suf)+2 {
			return true
		}
	}
	return false
}

func vowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U':
		return true
	}
	return false
}

// plural reduces a plural noun ("crises" and "mice" are in the table).
// upper says that w is in capitals, whose endings are matched lower-cased.
func plural(w string, upper bool) string {
	n := len(w)
	if n < 3 || !(w[n-1] == 's' || w[n-1] == 'S') {
		return w
	}
	lw := w
	if upper {
		lw = strings.ToLower(w)
	}
	switch {
	case strings.HasSuffix(lw, "ss") || strings.HasSuffix(lw, "us") || strings.HasSuffix(lw, "is") && n > 4:
		return w
	case strings.HasSuffix(lw, "ies") && n > 4:
		return w[:n-3] + caseOf("y", upper)
	case strings.HasSuffix(lw, "sses") || strings.HasSuffix(lw, "shes") || strings.HasSuffix(lw, "ches") ||
		strings.HasSuffix(lw, "xes") || strings.HasSuffix(lw, "zzes"):
		return w[:n-2]
	case strings.HasSuffix(lw, "ves") && n > 5 && !vowel(lw[n-4]) && lw[n-4] != 'r':
		return w
	}
	return w[:n-1]
}

func caseOf(s string, upper bool) string {
	if upper {
		return strings.ToUpper(s)
	}
	return s
}

// verbS reduces a third-person singular verb.
func verbS(w string) string {
	n := len(w)
	switch {
	case n < 3 || w[n-1] != 's' || strings.HasSuffix(w, "ss"):
		return w
	case strings.HasSuffix(w, "ies") && n > 4:
		return w[:n-3] + "y"
	case strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "ches") ||
		strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "zes") && !strings.HasSuffix(w, "izes") ||
		strings.HasSuffix(w, "oes"):
		return w[:n-2]
	}
	return w[:n-1]
}

// verbStem removes -ed or -ing (cut bytes) and repairs the stem: "studied" →
// "study", "stopped" → "stop", "hoping" → "hope", "agreed" → "agree".
func verbStem(w string, cut int) string {
	n := len(w)
	s := w[:n-cut]
	m := len(s)
	if cut == 2 {
		switch {
		case strings.HasSuffix(s, "i") && m > 2:
			return s[:m-1] + "y"
		case strings.HasSuffix(s, "e") || strings.HasSuffix(s, "u"):
			// agreed, freed, continued, argued: only "d" was added
			return w[:n-1]
		}
	} else if s[m-1] == 'y' || s[m-1] == 'e' && m > 2 && s[m-2] == 'e' {
		return s // studying, seeing
	} else if s[m-1] == 'u' {
		return s + "e" // suing, arguing, continuing, issuing
	}
	if m >= 3 && s[m-1] == s[m-2] && !vowel(s[m-1]) {
		if s[m-1] == 'l' && singleL[s[:m-1]] {
			return s[:m-1] // expelled, controlled, cancelled, travelling
		}
		switch s[m-1] {
		case 'l', 's', 'z', 'f', 'd':
			// called, missed, buzzed, stuffed, added
			return s
		}
		return s[:m-1] // stopped, planned, running
	}
	if needsE(s) {
		return w[:n-cut] + "e"
	}
	return s
}

// singleL lists verbs ending in one l that double it before -ed and -ing
// (stressed last syllables, and British spelling): "expelled" is "expel",
// where "called" and "shelled" keep theirs.
var singleL = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`expel compel propel repel dispel impel excel control patrol enrol annul
		cancel travel label model level fuel refuel signal channel total equal marshal quarrel tunnel
		rival dial shovel counsel pencil parcel duel funnel panel pedal unravel initial libel chisel
		jewel kennel instil distil fulfil appal enthral extol rebel`) {
		m[w] = true
	}
	return m
}()

// needsE says whether a stem lost a silent e before -ed or -ing.
func needsE(s string) bool {
	m := len(s)
	if m < 2 {
		return false
	}
	last, prev := s[m-1], s[m-2]
	switch {
	case last == 'v' || last == 'c' && prev != 'c':
		return true // lived, danced
	case last == 'z' && prev != 'z' || strings.HasSuffix(s, "dg") || strings.HasSuffix(s, "rg") ||
		strings.HasSuffix(s, "ang") && m > 4 || strings.HasSuffix(s, "ing") && m > 4 && !strings.HasSuffix(s, "ring"):
		return true // organized, judged, charged, changed, infringed
	case strings.HasSuffix(s, "at") && m > 4 || strings.HasSuffix(s, "ur") && m > 3 && !strings.HasSuffix(s, "our") ||
		strings.HasSuffix(s, "id") && m > 4 || strings.HasSuffix(s, "ud") && m > 4 || strings.HasSuffix(s, "ut") && m > 4 ||
		strings.HasSuffix(s, "bl") || strings.HasSuffix(s, "pl") || strings.HasSuffix(s, "tl") || strings.HasSuffix(s, "dl") ||
		strings.HasSuffix(s, "gl") || strings.HasSuffix(s, "kl") || strings.HasSuffix(s, "cl") || strings.HasSuffix(s, "fl") ||
		strings.HasSuffix(s, "ps") || strings.HasSuffix(s, "ns") || strings.HasSuffix(s, "rs") && m > 4 || strings.HasSuffix(s, "ls"):
		return true // created, secured, provided, included, executed, enabled, collapsed, sensed, nursed
	case strings.HasSuffix(s, "plet") || strings.HasSuffix(s, "uir") || strings.HasSuffix(s, "elet") || strings.HasSuffix(s, "mpet") ||
		strings.HasSuffix(s, "us") && !strings.HasSuffix(s, "cus") && m > 2:
		return true // completed, deleted, competed, refused
	case (last == 'r' || last == 'n') && prev == 'e':
		return false // offered, opened
	case last == 'n' && prev == 'o' && m > 4:
		// summoned, abandoned, questioned, imprisoned; a few keep an e
		return strings.HasSuffix(s, "pon") || strings.HasSuffix(s, "hron") || s == "condon" || s == "inton"

	case vowel(prev) && !vowel(last) && last != 'w' && last != 'x' && last != 'y' && last != 'l' &&
		(m == 2 || m >= 3 && !vowel(s[m-3]) && (m <= 4 || prev != 'e')):
		// A short single-vowel syllable before the ending: hoped, made,
		// used, voted, closed; "visited", "opened" are long or end in n.
		return m <= 4 || prev == 'a' || prev == 'o' || prev == 'i' && last != 't'
	case vowel(prev) && vowel(s[max(m-3, 0)]) && last == 's':
		return true // raised, caused, increased
	}
	return false
}

// gradeStem removes -er or -est: "bigger" → "big", "easier" → "easy",
// "larger" → "large".
func gradeStem(w string, cut int) string {
	n := len(w)
	s := w[:n-cut]
	m := len(s)
	switch {
	case s[m-1] == 'i':
		return s[:m-1] + "y"
	case m >= 3 && s[m-1] == s[m-2] && !vowel(s[m-1]) && s[m-1] != 'l' && s[m-1] != 's':
		return s[:m-1]
	case strings.HasSuffix(s, "rg") || strings.HasSuffix(s, "ng") && m > 4 || s[m-1] == 'v' || s[m-1] == 'c' ||
		strings.HasSuffix(s, "bl") || strings.HasSuffix(s, "pl") || strings.HasSuffix(s, "tl") ||
		vowel(s[m-2]) && !vowel(s[m-1]) && s[m-1] != 'w' && s[m-1] != 'r' && s[m-1] != 'n' && m >= 3 && !vowel(s[m-3]) && s[m-2] != 'e' && s[m-1] != 'l' && s[m-1] != 't' && s[m-1] != 'd' && s[m-1] != 'k' && s[m-1] != 'p' && s[m-1] != 'm':
		return w[:n-cut] + "e" // larger, strangest, wiser, nicest
	case (strings.HasSuffix(s, "at") || strings.HasSuffix(s, "ut")) && !vowel(s[max(m-3, 0)]) || strings.HasSuffix(s, "ur"):
		return w[:n-cut] + "e" // later, purer, cuter
	}
	return s
}

var pronoun = map[string]string{
	"me": "I", "my": "my", "mine": "my", "myself": "myself",
	"him": "he", "her": "she", "us": "we", "them": "they", "'em": "they", "'s": "we", "s": "we",
	"u": "you", "ya": "you", "yo": "your", "ur": "your",
}

var irregularGrade = map[string]string{
	"better": "good", "best": "good", "worse": "bad", "worst": "bad",
	"further": "far", "furthest": "far", "farther": "far", "farthest": "far",
	"more": "more", "most": "most", "less": "less", "least": "least", "elder": "old", "eldest": "old",
}

var irregularNoun = map[string]string{
	// The English UD treebanks keep "people" as its own lemma.
	"people": "people", "clothes": "clothes", "men": "man", "women": "woman", "children": "child", "mice": "mouse",
	"feet": "foot", "teeth": "tooth", "geese": "goose", "oxen": "ox", "lice": "louse",
	"crises": "crisis", "analyses": "analysis", "theses": "thesis", "hypotheses": "hypothesis",
	"diagnoses": "diagnosis", "bases": "basis", "axes": "axis", "parentheses": "parenthesis",
	"criteria": "criterion", "phenomena": "phenomenon", "data": "data", "media": "media",
	"series": "series", "species": "species", "news": "news", "means": "means",
	"lives": "life", "wives": "wife", "knives": "knife", "wolves": "wolf", "leaves": "leaf",
	"halves": "half", "selves": "self", "shelves": "shelf", "thieves": "thief", "loaves": "loaf",
	"calves": "calf", "elves": "elf", "scarves": "scarf",
	"indices": "index", "matrices": "matrix", "appendices": "appendix", "vertices": "vertex",
	"alumni": "alumnus", "cacti": "cactus", "fungi": "fungus", "nuclei": "nucleus", "stimuli": "stimulus",
	"bacteria": "bacterium", "curricula": "curriculum", "memoranda": "memorandum",
	"heroes": "hero", "potatoes": "potato", "tomatoes": "tomato", "echoes": "echo", "vetoes": "veto",
	"buses": "bus", "gases": "gas", "statuses": "status", "viruses": "virus", "bonuses": "bonus",
	"campuses": "campus", "censuses": "census", "focuses": "focus",
}

// verbPrefixes make new verbs of irregular ones: "retaken", "overtook",
// "undone", "outgrew", "withheld".
var verbPrefixes = [...]string{"re", "over", "under", "out", "mis", "un", "with", "fore", "up"}

// prefixedIrregular reduces a prefix plus an irregular form ("retaken" →
// "retake"). Forms of the auxiliaries take no prefix.
func prefixedIrregular(lower string) (string, bool) {
	for _, p := range verbPrefixes {
		rest, ok := strings.CutPrefix(lower, p)
		if !ok || len(rest) < 3 {
			continue
		}
		if l, ok := irregularVerb[rest]; ok {
			switch l {
			case "be", "have", "will", "would", "can", "shall":
				continue
			case "do": // redid, undone, outdone, overdone; not "updo"
				if p != "re" && p != "un" && p != "out" && p != "over" {
					continue
				}
			}
			return p + l, true
		}
	}
	return "", false
}

// irregularVerb maps inflected forms to the infinitive. "lay" and "lain"
// are forms of "lie" (recline) only as past tense; "laid" belongs to "lay".
var irregularVerb = map[string]string{
	"am": "be", "is": "be", "are": "be", "was": "be", "were": "be", "been": "be", "being": "be",
	"'m": "be", "'re": "be", "'s": "be", "ai": "be", "m": "be", "r": "be", "re": "be", "s": "be",
	"ve": "have", "ll": "will", "d": "would",
	"has": "have", "had": "have", "having": "have", "'ve": "have", "'d": "would",
	"does": "do", "did": "do", "done": "do", "doing": "do",
	"ca": "can", "wo": "will", "'ll": "will", "sha": "shall",
	"went": "go", "gone": "go", "goes": "go",
	"said": "say", "says": "say", "made": "make", "took": "take", "taken": "take",
	"got": "get", "gotten": "get", "came": "come", "saw": "see", "seen": "see",
	"knew": "know", "known": "know", "thought": "think", "told": "tell", "found": "find",
	"gave": "give", "given": "give", "felt": "feel", "left": "leave", "brought": "bring",
	"began": "begin", "begun": "begin", "kept": "keep", "held": "hold", "wrote": "write",
	"written": "write", "stood": "stand", "heard": "hear", "meant": "mean", "met": "meet",
	"ran": "run", "paid": "pay", "sat": "sit", "spoke": "speak", "spoken": "speak", "led": "lead",
	"grew": "grow", "grown": "grow", "lost": "lose", "fell": "fall", "fallen": "fall", "sent": "send",
	"built": "build", "understood": "understand", "drew": "draw", "drawn": "draw", "broke": "break",
	"broken": "break", "spent": "spend", "rose": "rise", "risen": "rise", "drove": "drive",
	"driven": "drive", "bought": "buy", "wore": "wear", "worn": "wear", "chose": "choose",
	"chosen": "choose", "sought": "seek", "threw": "throw", "thrown": "throw", "caught": "catch",
	"dealt": "deal", "won": "win", "fought": "fight", "taught": "teach", "ate": "eat", "eaten": "eat",
	"forgot": "forget", "forgotten": "forget", "sold": "sell", "became": "become", "lay": "lie",
	"lain": "lie", "laid": "lay", "hid": "hide", "hidden": "hide", "shot": "shoot", "struck": "strike",
	"fled": "flee", "slept": "sleep", "swore": "swear", "sworn": "swear", "shook": "shake",
	"shaken": "shake", "stole": "steal", "stolen": "steal", "flew": "fly", "flown": "fly",
	"froze": "freeze", "frozen": "freeze", "sang": "sing", "sung": "sing", "rang": "ring", "rung": "ring",
	"drank": "drink", "drunk": "drink", "swam": "swim", "swum": "swim", "bit": "bite", "bitten": "bite",
	"hung": "hang", "dug": "dig", "stuck": "stick", "fed": "feed", "bled": "bleed", "bred": "breed",
	"sped": "speed", "spun": "spin", "wound": "wind", "bound": "bind", "forgave": "forgive",
	"forgiven": "forgive", "overcame": "overcome", "undertook": "undertake", "undertaken": "undertake",
	"withdrew": "withdraw", "withdrawn": "withdraw", "mistook": "mistake", "mistaken": "mistake",
	"arose": "arise", "arisen": "arise", "awoke": "awake", "woke": "wake", "woken": "wake",
	"beat": "beat", "beaten": "beat", "bent": "bend", "bet": "bet", "blew": "blow", "blown": "blow",
	"burnt": "burn", "dreamt": "dream", "fit": "fit", "forbade": "forbid", "forbidden": "forbid",
	"foresaw": "foresee", "foreseen": "foresee", "leapt": "leap", "learnt": "learn",
	"lent": "lend", "lit": "light", "misled": "mislead", "overtook": "overtake",
	"overtaken": "overtake", "rode": "ride", "ridden": "ride", "sank": "sink", "sunk": "sink",
	"shone": "shine", "shrank": "shrink", "slid": "slide", "smelt": "smell", "sprang": "spring",
	"sprung": "spring", "stank": "stink", "stung": "sting", "strode": "stride", "strove": "strive",
	"swept": "sweep", "swung": "swing", "tore": "tear", "torn": "tear", "trod": "tread", "wept": "weep",
	"wove": "weave", "woven": "weave", "wrung": "wring", "upheld": "uphold", "withheld": "withhold",
	"oversaw": "oversee", "overseen": "oversee", "underwent": "undergo", "undergone": "undergo",
	"outgrew": "outgrow", "rebuilt": "rebuild", "retook": "retake", "foughten": "fight", "sewn": "sew",
	"shorn": "shear", "slain": "slay", "slew": "slay", "spat": "spit", "spelt": "spell", "spilt": "spill",
	"spoilt": "spoil", "strewn": "strew", "striven": "strive", "thrust": "thrust", "wed": "wed",
	"knelt": "kneel", "crept": "creep", "clung": "cling", "flung": "fling",
	"ground": "grind", "shed": "shed", "stridden": "stride", "swelled": "swell",
	"swollen": "swell", "forsook": "forsake", "forsaken": "forsake", "dove": "dive", "dived": "dive",
}
