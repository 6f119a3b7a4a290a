// Package redline holds the domain types that every stage of the pipeline speaks:
// a Doc read from news, its Sentences and Tokens (byte offsets into the Doc's
// text), the Actors found in it and the CAMEO Events coded from it.
//
// The stages live in their own packages (text, tag, parse, dict, timex, coder,
// ...); the pipeline package wires them together behind a small API.
package redline

import "time"

// Doc is one news document. It flows through every stage: the text stage fills
// Sentences and Tokens, the tagger and parser fill fields of those Tokens in
// place, the coder reads them. Stages point into Text; they never copy it.
type Doc struct {
	ID    string
	Title string
	URL   string
	// Date is the publication date that relative dates ("Friday",
	// "yesterday") resolve against. Zero when unknown.
	Date time.Time
	// Text is the plain text of the article. All offsets are byte offsets
	// into it.
	Text string

	Sentences []Sentence
	// Tokens holds the tokens of all sentences, in order; a Sentence names
	// its range.
	Tokens []Token

	// Origin says where the document came from ("file.jsonl:12", "feed.xml#3")
	// so that error messages can name it.
	Origin string
}

// Sentence is a span of the document's text and the range of its tokens.
type Sentence struct {
	Start, End int // byte offsets into Doc.Text
	// First and Last+1 index Doc.Tokens: the tokens are Doc.Tokens[TokStart:TokEnd].
	TokStart, TokEnd int
}

// SentenceTokens returns the tokens of sentence i (a slice of d.Tokens, not a copy).
func (d *Doc) SentenceTokens(i int) []Token {
	s := d.Sentences[i]
	return d.Tokens[s.TokStart:s.TokEnd]
}

// SentenceText returns the text of sentence i.
func (d *Doc) SentenceText(i int) string {
	s := d.Sentences[i]
	return d.Text[s.Start:s.End]
}

// Token is one word or punctuation mark. The text stage sets Start, End and
// Form; the tagger sets UPOS, XPOS and Lemma; the parser sets Head and Rel.
type Token struct {
	Start, End int // byte offsets into Doc.Text
	// Form is the token's text with typographic quotes, apostrophes and
	// dashes normalised to ASCII. It is a substring of Doc.Text unless
	// normalisation changed it, so the common case allocates nothing.
	Form string
	// Lower is Form lower-cased (a substring of Form when already lower).
	Lower string
	Lemma string
	UPOS  UPOS
	XPOS  string
	// Head is the index of the head token within the sentence (0-based);
	// -1 for the root.
	Head int32
	Rel  DepRel
	// SpaceAfter is false when the next token follows without whitespace.
	SpaceAfter bool
}

// Mode says whether the text asserts that an event happened.
type Mode string

const (
	Asserted     Mode = "asserted"
	Negated      Mode = "negated"
	Hypothetical Mode = "hypothetical"
	Future       Mode = "future"
)
