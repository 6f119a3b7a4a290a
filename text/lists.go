package text

import (
	"sync"

	"github.com/neurosnap/sentences"
	"github.com/neurosnap/sentences/data"
)

// Word lists that decide whether a period belongs to the word before it and
// whether a capitalised word after an abbreviation starts a new sentence.
// Keys are lower-case ASCII without the final period.

// titles precede a name: the period never ends a sentence.
var titles = set(
	"mr", "mrs", "ms", "messrs", "mmes", "dr", "prof", "gen", "gens", "sen", "sens", "rep", "reps",
	"lt", "col", "maj", "capt", "cmdr", "cmdt", "adm", "sgt", "cpl", "pvt", "brig", "gov", "pres",
	"supt", "insp", "rev", "fr", "hon", "amb", "st", "mt", "ft", "atty", "mme", "mlle",
)

// abbrevs keep their period and may end a sentence ("in the U.S. He").
var abbrevs = set(
	"jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"mon", "tue", "tues", "thu", "thur", "thurs", "fri",
	"inc", "corp", "co", "ltd", "llc", "plc", "bros", "cos", "jr", "sr", "vs", "etc", "approx",
	"dept", "govt", "univ", "assn", "ave", "blvd", "rd", "hwy", "km", "mln", "bln", "pct",
	"ala", "ariz", "ark", "calif", "colo", "conn", "fla", "ga", "kan", "kans", "ky", "md",
	"mich", "minn", "mont", "neb", "nev", "okla", "penn", "pa", "tenn", "tex", "va", "vt",
	"wis", "wyo", "cf", "al", "ed", "eds", "esp", "viz", "ca", "nos",
)

// ambiguous are also ordinary words ("no", "ill", "wash"): they keep their
// period only when capitalised and followed by a digit, a comma or a
// lower-case word ("No. 2", "Wash., where").
var ambiguous = set(
	"no", "ill", "ore", "wash", "mass", "miss", "mo", "la", "del", "ind", "wed", "sun", "sat",
	"mar", "fig", "est", "op", "art", "vol", "ch", "sec", "para",
)

// starters are words that, capitalised after an abbreviation's period,
// signal a new sentence. The punkt English model's sentence starters are
// added at load time.
var starters = set(
	"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these",
	"those", "his", "her", "its", "their", "our", "my", "but", "and", "or", "in", "on", "at",
	"for", "after", "before", "as", "with", "what", "why", "how", "who", "where", "when",
	"while", "if", "there", "meanwhile", "however", "earlier", "later", "last", "then", "now",
	"asked", "during", "officials", "one", "some", "both", "no", "not", "yet", "still",
)

func set(words ...string) map[string]struct{} {
	m := make(map[string]struct{}, len(words))
	for _, w := range words {
		m[w] = struct{}{}
	}
	return m
}

// Orthographic context flags of the punkt model (neurosnap/sentences stores
// them per lower-cased word type).
const (
	orthoBegUc = 1 << 1
	orthoMidUc = 1 << 2
	orthoBegLc = 1 << 4
	orthoMidLc = 1 << 5
	orthoUnkLc = 1 << 6
	orthoLc    = orthoBegLc | orthoMidLc | orthoUnkLc
)

// punkt is the English model that ships with neurosnap/sentences: its learnt
// abbreviations, frequent sentence starters and orthographic contexts. We use
// the data and not its tokenizer, which allocates a token object per word and
// runs regular expressions (see BenchmarkNeurosnap).
var punkt struct {
	once   sync.Once
	abbrev map[string]int
	ortho  map[string]int
}

func loadPunkt() {
	punkt.once.Do(func() {
		b, err := data.Asset("data/english.json")
		if err != nil {
			return
		}
		st, err := sentences.LoadTraining(b)
		if err != nil {
			return
		}
		punkt.abbrev = st.AbbrevTypes
		punkt.ortho = st.OrthoContext
		for w := range st.SentStarters {
			starters[w] = struct{}{}
		}
	})
}

// orthoStart reports whether punkt has seen the word (lower-case form lw) in
// lower case and never capitalised mid-sentence, so that a capital here
// likely comes from a sentence start rather than from a name.
func orthoStart(lw string) bool {
	f := punkt.ortho[lw]
	return f&orthoLc != 0 && f&orthoMidUc == 0
}

// speechVerbs follow a quotation and its speaker: `"Why?" Smith asked.`
var speechVerbs = set("said", "says", "asked", "asks", "told", "tells", "wrote", "writes", "added",
	"adds", "replied", "replies", "insisted", "insists", "continued", "explained", "noted", "notes",
	"argued", "argues", "recalled", "warned", "warns", "tweeted", "posted", "wondered", "demanded",
	"declared", "shouted", "exclaimed", "stated", "responded", "countered", "quipped", "asserted")
