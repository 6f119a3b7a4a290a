package coder

import (
	"testing"
)

// A participial adjective the tagger took for a verb ("from neighboring
// Syria" as a clause with Syria its object) qualifies the phrase, which
// takes the participle's place: the oblique, object or subject it is.
func TestRepairParticiple(t *testing.T) {
	checkNews(t, []newsCase{
		// An oblique with the participle's preposition, even one the
		// tagger called a subordinator.
		{"Turkey withdrew its soldiers from neighboring Syria.", []string{"TUR>SYR 0874 asserted"}, nil},
		// The object of the verb before it.
		{"Rebels tried to kill outgoing President Ashraf Ghani in Kabul.", []string{"AFGREB>AFGELI 185 asserted"}, nil},
		// The subject of the clause it stood for.
		{"Acting President Hamid Karzai will meet the Pakistani foreign minister.", []string{"AFGELI>PAKGOV 036 asserted"}, nil},
		// "visiting" before a person is no visit of the host's guest by
		// the host; before a country it stays a verb.
		{"President Emmanuel Macron received visiting German Chancellor Olaf Scholz in Paris.", []string{"FRAGOV>DEUGOV 043 asserted"}, []string{"042"}},
	})
}

// A fronted time or prepositional phrase set off by a comma is not
// coordinated with, nor restated by, the noun phrase after the comma: that
// phrase is the subject of a verb that has none.
func TestRepairFrontedSubject(t *testing.T) {
	checkNews(t, []newsCase{
		// The subject a conjunct of the date, the title and the name split.
		{"On Tuesday, German Chancellor Olaf Scholz in Paris criticized China.", []string{"DEUGOV>CHN 111 asserted"}, []string{"DEUELI"}},
		// The date taken for the subject, the countries its conjuncts.
		{"In early March, Chad, Sudan and Libya withdrew their ambassadors from France.", []string{"TCD>FRA 161 asserted", "SDN>FRA 161 asserted", "LBY>FRA 161 asserted"}, nil},
		// The subject an appositive of the date.
		{"On Friday, the Israeli army in Gaza attacked Hamas.", []string{"ISRMIL>PSEREBHMS 190 asserted"}, nil},
		// A verb with a subject keeps it: the places stay places.
		{"In Paris, London and Berlin, police arrested protesters.", nil, []string{"GBR>", "DEU>"}},
	})
}

// A name the parser took for a form of address before a finite verb with
// no subject is that verb's subject; an imperative keeps its vocative.
func TestRepairVocative(t *testing.T) {
	checkNews(t, []newsCase{
		{"Ankara, too, is warning Washington of severe consequences.", []string{"TUR>USA 130 asserted"}, nil},
		{"Russia, unfortunately, does not honor ceasefires.", []string{"RUS> 0871 negated"}, nil},
	})
}

// A measure of time before "after" or "before" dates the clause; the name
// after the subordinator is its subject.
func TestRepairTimeSubject(t *testing.T) {
	checkNews(t, []newsCase{
		{"Her remarks come three days after Putin denounced NATO.", []string{"RUSGOV>IGOWSTNAT 111"}, nil},
		{"His visit comes two weeks after Biden condemned Russia.", []string{"USAELI>RUS 111"}, nil},
	})
}

// A clause complement without "that" whose subject the parser made the
// object of the verb before it gets that subject back; a verb of telling
// keeps its object.
func TestRepairComplementSubject(t *testing.T) {
	checkNews(t, []newsCase{
		// The subject an object of "said", the clause's past tense tagged
		// a participle.
		{"The White House said President Biden's special envoy, John Kerry, met with Chinese officials on Friday.", []string{"USAELI>CHNGOV 040 asserted"}, nil},
		// The subject an object of "announced": the statement does not
		// target it.
		{"The ministry announced Kenya had given the embassy two days to leave.", nil, []string{"KENGOV>KEN "}},
	})
}

// A subject the parser hung on a fronted participle, as a bare oblique or
// an appositive set off by commas, is the subject of the verb that has
// none; of an appositive of such a phrase, the outer phrase.
func TestRepairParticipleSubject(t *testing.T) {
	checkNews(t, []newsCase{
		{"Speaking at a news conference in Ankara, Turkey's foreign minister, Hakan Fidan, criticized Israel.", []string{"TURGOV>ISR 111 asserted"}, nil},
		{"Speaking to reporters in Cairo, Egypt's ambassador to the United Nations said Israel had violated the truce.", []string{"EGYGOV>EGYMED 040"}, nil},
	})
}

// A speaker named after the last comma, right before a final verb of
// saying, is its subject even when the parser hung it inside the reported
// clause.
func TestRepairFinalSpeaker(t *testing.T) {
	checkNews(t, []newsCase{
		{"Turkey has launched a 300 mln dlr, 10-year bond with a 5 pct coupon priced at 99 pct, lead manager Deutsche Bank said.", []string{"MNCDEU> 010 asserted"}, nil},
		// A speaker the parser found keeps its events.
		{"Militants attacked three villages near the border, killing at least 40 people, the Malian army said.", []string{"MLIINS>MLICVL 190 asserted said:MLIMIL"}, nil},
	})
}

// After a quotation, the phrase after the verb of saying is its speaker,
// even parsed as an object, and a participle the tagger took for that
// phrase's verb is its adjective.
func TestRepairInvertedSpeaker(t *testing.T) {
	checkNews(t, []newsCase{
		{"\"We will never accept this,\" wrote one Chinese diplomat in a post.", []string{"CHNGOV> 010 asserted"}, nil},
		// Ahmet Yilmaz is none of the Yilmazes in office: the country only.
		{"\"Greece is provoking Turkey,\" said retired Turkish general Ahmet Yilmaz.", []string{"TUR> 010 asserted"}, nil},
	})
}
