package redline

import "time"

// Actor is a participant in an event as the text names it and the
// dictionaries code it.
type Actor struct {
	// Text is the words of the document that name the actor.
	Text string `json:"text"`
	// Code is the CAMEO actor code: a country, region or IGO code followed by
	// role codes (RUSGOV, UKRMIL, IGOWSTNAT).
	Code string `json:"code"`
	// Country is the three-letter country (or IGO) the actor belongs to;
	// empty when unknown.
	Country string `json:"country"`
	// Start and End are byte offsets of Text in the document.
	Start int `json:"-"`
	End   int `json:"-"`
	// Inferred is set when the country came from context rather than from
	// the words themselves.
	Inferred bool `json:"inferred,omitempty"`
}

// DateFrom says where an event's date came from.
type DateFrom string

const (
	DateFromText     DateFrom = "text"     // a temporal expression in the sentence
	DateFromDocument DateFrom = "document" // the publication date
)

// Evidence ties an event to the text that justifies it.
type Evidence struct {
	Start int    `json:"start"` // byte offset of the sentence in the document
	End   int    `json:"end"`
	Text  string `json:"text"` // Doc.Text[Start:End]
	Verb  string `json:"verb"` // the predicate's words as written
	// VerbStart and VerbEnd locate the predicate.
	VerbStart int `json:"verb_start"`
	VerbEnd   int `json:"verb_end"`
}

// Place is where an event happened.
type Place struct {
	Name    string  `json:"name"`
	Country string  `json:"country"`
	ADM1    string  `json:"adm1,omitempty"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	// How says how the place was found ("text", "actor", "document").
	How string `json:"how"`
	// Kind is what the place is: "country", "adm1" (a first-level
	// division or a region) or "city"; empty when unknown. GDELT's geo
	// type follows from it.
	Kind string `json:"kind,omitempty"`
}

// Event is one coded event: who did what to whom, when, in which mode,
// and on what evidence.
type Event struct {
	ID       string
	DocID    string
	Sentence int // 0-based index of the sentence in the document
	Date     time.Time
	DateFrom DateFrom
	Source   *Actor // nil when the text does not name one
	Target   *Actor
	Code     Code
	Mode     Mode
	SaidBy   *Actor // nil when the narrator asserts the event
	Evidence Evidence
	Place    *Place
	// Mentions counts the sentences of the document that report this same
	// event (same source, target, code, date and mode).
	Mentions int
	// URL of the document, kept for output formats that carry it.
	URL string
}
