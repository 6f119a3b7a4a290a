package coder

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/dict"
	"github.com/redline-events/redline/parse"
	"github.com/redline-events/redline/tag"
	"github.com/redline-events/redline/text"
)

// testDict is a small dictionary written for these tests, so that they
// check the coder's rules rather than the default data.
const testDict = `
!kind country
RUS: Russia; Russian; Russians; Moscow; Kremlin
UKR: Ukraine; Ukrainian; Ukrainians; Kyiv
USA: United States; U.S.; US; American; Washington
JOR: Jordan; Jordanian
GBR: Britain; British; United Kingdom
ISR: Israel; Israeli
IRN: Iran; Iranian
CHN: China; Chinese
ITA: Italy; Italian
!kind place
UKR: Crimea; Donetsk
!kind org
IGOWSTNAT: NATO
NGOHRIAMN: Amnesty International
!kind agent
MIL: peacekeeping troops; troops; army; soldiers; forces
CVL: population; civilians
GOV: government; president; minister; leader; officials; official
COP: police
HRI: human rights watchdog
EDU: students
OPP: demonstrators
LAB: workers
JUD: court
!kind person
Vladimir Putin; Putin
  RUSGOV 2000-05-07..
Joe Biden; Biden
  USAGOV 2021-01-20..2025-01-20
  USAELI
&SANCTION = sanction | embargo
190 attack
190 n:attack {on|against}
192 invade
192 n:invasion {of}
195 shell
163 impose &SANCTION {on|against}
130 threaten
130 warn
062 hold exercise
030 agree
036 n:talk {with}
020 urge
041 call
020 call {on}
112 accuse
120 refuse
0872 open border
1246 refuse withdraw
040 meet
045 broker talk
042 travel {to}
042 arrive {in}
074 send
100 issue demand
100 insist
110 complain
0874 withdraw
170 prevent demonstration
141 n:demonstration
190 kill
1831 n:bombing
141 converge
1125 arrest collaborate
090 put investigation
090 order investigation
100 order
164 end talk
203 engage cleansing
173 detain
173 arrest
141 organize
143 n:strike
100 n:pressure
140 protest
1384 warn attack {on}
0841 free
115 sue
082 stop strike
143 stop work
111 condemn
016 reject charge
1213 reject extradition
120 reject
073 hand over medicine {to}
143 boycott
1661 pull out troops
1661 expel troops
072 supply weapon
063 extradite
024 submit petition reform
024 n:petition reform
191 n:blockade {of}
`

func analyze(t testing.TB, txt string, date string) *redline.Doc {
	t.Helper()
	d := &redline.Doc{ID: "t", Text: txt}
	d.Date, _ = time.Parse("2006-01-02", date)
	text.Segment(d)
	tg, err := tag.Default()
	if err != nil {
		t.Fatal(err)
	}
	ps, err := parse.Default()
	if err != nil {
		t.Fatal(err)
	}
	tg.Tag(d)
	ps.Parse(d)
	return d
}

func newTestCoder(t testing.TB) *Coder {
	t.Helper()
	d, err := dict.ReadOurs("test.txt", strings.NewReader(testDict), dict.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return New(d)
}

// ev is an expected event in compact form: "SRC TGT CODE MODE [DATE] [said:CODE]".
func describe(e *redline.Event) string {
	s := e.Source.ActorCode() + ">" + e.Target.ActorCode() + " " + string(e.Code) + " " + string(e.Mode)
	if e.DateFrom == redline.DateFromText {
		s += " " + e.Date.Format("2006-01-02")
	}
	if e.SaidBy != nil {
		s += " said:" + e.SaidBy.Code
	}
	return s
}

func TestCoder(t *testing.T) {
	c := newTestCoder(t)
	for _, tc := range []struct {
		name, text string
		want       []string // every one must be among the events
		not        []string // none may be (prefix match)
	}{
		{"active", "Russia invaded Ukraine.", []string{"RUS>UKR 192 asserted"}, nil},
		{"passive", "Ukraine was invaded by Russia.", []string{"RUS>UKR 192 asserted"}, nil},
		{"negated", "Russia did not invade Ukraine.", []string{"RUS>UKR 192 negated"}, []string{"RUS>UKR 192 asserted"}},
		{"future", "Russia will invade Ukraine.", []string{"RUS>UKR 192 future"}, []string{"RUS>UKR 192 asserted"}},
		{"modal", "Russia could invade Ukraine.", []string{"RUS>UKR 192 hypothetical"}, []string{"RUS>UKR 192 asserted"}},
		{"conditional", "If Russia invades Ukraine, the sanctions will hurt.", []string{"RUS>UKR 192 hypothetical"}, []string{"RUS>UKR 192 asserted"}},
		// The codebook's own example of 0312: "Two reciprocal events are
		// coded with actors reversed."
		{"compound subject", "Jordan and Britain agreed to hold joint military exercises.",
			[]string{"JOR>GBR 0312 asserted", "GBR>JOR 0312 asserted"}, nil},
		{"agent with country", "Russian troops attacked Donetsk.", []string{"RUSMIL>UKR 190 asserted"}, nil},
		{"threat composed", "Washington threatened to impose sanctions on Russia.", []string{"USA>RUS 1312 asserted"},
			[]string{"USA>RUS 163 asserted"}},
		{"noun predicate", "Russia's invasion of Ukraine shocked Europe.", []string{"RUS>UKR 192 asserted"}, nil},
		{"attribution", "Kyiv said that Russian troops attacked Ukrainian soldiers.", []string{"RUSMIL>UKRMIL 190 asserted said:UKR"}, nil},
		{"relative date", "Russia attacked Ukraine on Friday.", []string{"RUS>UKR 190 asserted 2021-12-10"}, nil},
		{"absolute date", "Putin invaded Crimea on March 1, 2014.", []string{"RUSGOV>UKR 192 asserted 2014-03-01"}, nil},
		{"person out of term", "Biden warned Russia.", []string{"USAGOV>RUS 130 asserted"}, nil},
		{"denial", "Putin has no intent on invading Ukraine.", nil, []string{"RUSGOV>UKR 192 asserted"}},
		{"should inversion", "Biden warned Putin about consequences should he invade Ukraine.",
			[]string{"USAGOV>RUSGOV 130 asserted"}, []string{"RUSGOV>UKR 192 asserted"}},
		{"addressee pronoun", "Biden warned Putin that he would pay a price if he invaded Ukraine.",
			[]string{"RUSGOV>UKR 192 hypothetical"}, []string{"USAGOV>UKR"}},
		{"quoted first person", "\"We will impose sanctions on Russia,\" Britain said.",
			[]string{"GBR>RUS 1312 asserted said:GBR"}, nil},
		{"finite adverbial clause", "Washington imposed sanctions on Russia after Russian troops invaded Ukraine.",
			[]string{"USA>RUS 163 asserted", "RUSMIL>UKR 192 asserted"}, []string{"USA>UKR"}},
		{"refuse composed", "Russia refused to withdraw its troops from Ukraine.", []string{"RUS> 1246 asserted"}, nil},
		// A quoted speaker who is itself a first person once sent the
		// resolution round for ever (a stack overflow on Reuters-21578).
		{"speaker is a pronoun", "I said we will attack Iran, we said.", nil, nil},
		// A target is not the source itself, nor its own forces that the
		// text gives no country: the search goes on to the next argument.
		{"own forces are no target", "Britain sent troops to Ukraine.", []string{"GBR>UKR 074 asserted"}, []string{"GBR>GBRMIL"}},
		{"self skipped inside the object", "Russian officials said they would boycott all official contact with Britain.",
			[]string{"RUSGOV>GBR 133 asserted said:RUSGOV"}, nil},
		{"ultimatum", "Britain threatened to impose sanctions unless Russia withdraws from Crimea.",
			[]string{"GBR>RUS 1312 asserted"}, nil},
		{"demand through a pattern word", "Britain issued a statement demanding that Russia withdraw from Crimea.",
			[]string{"GBR>RUS 100 asserted"}, nil},
		// A title the parser hangs on an unknown name without a preposition
		// still says who the name is.
		{"title as nmod", "On Friday, Russian deputy foreign minister Ivan Petrov accused Britain of spying.",
			[]string{"RUSGOV>GBR 112 asserted 2021-12-10"}, nil},
		// A noun's "that" clause is what the noun holds, not its subject
		// announcing a refusal; a pronoun subject of a coordinated clause
		// is the first clause's subject.
		{"content of a guarantee", "Russia needs legal guarantees that NATO will not grant Ukraine membership, nor will it supply weapons to Ukraine.",
			[]string{"IGOWSTNAT>UKR 072 negated"}, []string{"UKR>", "IGOWSTNAT>UKR 12"}},
		{"announced refusal", "NATO will not supply weapons to Ukraine.", []string{"IGOWSTNAT>UKR 1222 asserted"}, nil},
		// A gerund with no one doing it names an activity, not an act;
		// one whose doer the clause gives is still reported.
		{"gerund without a doer", "When it comes to stopping the strike in Ukraine, the formula is simple.",
			[]string{">UKR 082 hypothetical"}, []string{">UKR 082 asserted"}},
		{"gerund with a doer", "Britain condemned Russia, stopping the strike.", []string{"GBR> 082 asserted"}, nil},
		{"coordinated participle", "There is disinformation coming from the press, accusing Russia of spying.",
			[]string{">RUS 112 asserted"}, nil},
		// A subject the parser hung as an appositive on a fronted phrase
		// is the subjectless finite verb's.
		{"fronted phrase's appositive", "With the signing of a Memorandum of Understanding on Cessation of Hostilities, the Russian government and Ukraine have agreed to allow access.",
			[]string{"RUSGOV>UKR 030 asserted", "UKR>RUSGOV 030 asserted"}, nil},
		// The one told comes right after a verb of telling, even when the
		// parser made it the subject of the gerund clause that follows.
		{"recipient before a gerund", "Britain has warned Putin joining the talks is not possible.",
			[]string{"GBR>RUSGOV 130 asserted"}, nil},
		// "suspected" before a noun qualifies it, though the parser made it
		// a clause of the verb: the noun is still the verb's object.
		{"attributive participle", "Italy extradited suspected British militant Haroon Rashid Aswad to Britain on Sunday, an Italian official said.",
			[]string{"ITA>GBR 063 asserted 2021-12-05 said:ITAGOV"}, nil},
		// A superlative object stands for the noun of its partitive.
		{"partitive object", "About 300 Ukrainian students submitted the most recent in a series of reform petitions, under the title \"In Defense of the Nation\" to the Russian government.",
			[]string{"UKREDU> 024 asserted"}, nil},
		// A verb that carries its object noun's event ("tighten the
		// blockade") makes it the subject's own, announced plan: a threat.
		{"light verb intent", "Britain said it would tighten the blockade of Russia.",
			[]string{"GBR>RUS 191 future said:GBR", "GBR>RUS 1381 asserted said:GBR"}, nil},
		{"US is not us", "The US on Thursday threatened Iran.", []string{"USA>IRN 130 asserted 2021-12-09"}, nil},
		// A complaint is against whoever did what it is about, not the
		// party it is made to.
		{"complaint over an event", "Britain complained to the United States over Russian attacks.",
			[]string{"GBR>RUS 110 asserted"}, []string{"GBR>USA"}},
		{"expletive it of a control adjective", "Russia says it is willing to withdraw its troops.",
			[]string{"RUS> 0356 asserted said:RUS"}, nil},
		// An event noun is done to whoever holds it.
		{"object event's agent", "Russian police prevented the demonstration staged by Ukrainian students.",
			[]string{"RUSCOP>UKREDU 170 asserted"}, nil},
		// A date the parser took for a second subject does not hide the
		// obligation's subject.
		{"obligation with a date subject", "Putin said here Wednesday that the US must be ready to withdraw its troops.",
			[]string{"RUSGOV>USA 1056 asserted 2021-12-08"}, nil},
		{"killed by a specific means", "Three Ukrainian soldiers were killed in a suicide bombing in Donetsk.",
			[]string{">UKRMIL 1831 asserted"}, []string{">UKRMIL 190"}},
		// An event noun under a participle that describes a noun is
		// background, not news.
		{"background under a participle", "Britain threatened Russian soldiers involved in an attack on Ukraine.",
			[]string{"GBR>RUSMIL 130 asserted"}, []string{">UKR 190", "GBR>UKR 190"}},
		// What a charge or an allegation says is alleged, not asserted.
		{"charged with", "Britain charged Russia with attacking Ukraine.", []string{"RUS>UKR 190 hypothetical"}, []string{"RUS>UKR 190 asserted"}},
		// A message whose "that" clause says someone must act is a demand.
		{"obligation in a message", "Britain issued a stern reminder Saturday to Russia that it must withdraw its troops.",
			[]string{"GBR>RUS 1056 asserted 2021-12-11"}, nil},
		// A protest in a city of the protesters' own country is against the
		// authorities there.
		{"domestic protest", "Thousands of Ukrainians were converging Thursday for a rally in Donetsk.",
			[]string{"UKR>UKR 141 asserted 2021-12-09"}, nil},
		// So does the country itself named as the place.
		{"domestic protest in the country", "Thousands of Ukrainians protested in Ukraine on Thursday.",
			[]string{"UKR>UKR 140 asserted 2021-12-09"}, nil},
		// Only a state arrests: without an agent, the country where it
		// happened did, whatever the arrest is coded as.
		{"arrested in a country", "Ukrainian soldiers were arrested in Russia for collaborating with Britain.",
			[]string{"RUS>UKRMIL 1125 asserted"}, nil},
		{"state act in an oblique's country", "A US national has been put under investigation in Italy.",
			[]string{"ITA>USA 090 asserted"}, nil},
		// The parties of an event noun: "between" names both, each the
		// other's target; a pattern noun's own modifier names the target.
		{"talks between", "The talks between Russia and Ukraine ended without agreement.",
			[]string{"RUS>UKR 164 asserted", "UKR>RUS 164 asserted"}, nil},
		{"target on a pattern noun", "Russian forces were engaged in ethnic cleansing in Crimea against the Ukrainian population.",
			[]string{"RUSMIL>UKRCVL 203 asserted"}, nil},
		// A full sentence has no passive without "be": the -ed form the
		// tagger read as a participle is a past tense.
		{"past tense read as participle", "Britain's president called on Russia to withdraw its troops.",
			[]string{"GBRGOV>RUS 0256 asserted"}, nil},
		// A verb with its own subject hung on the next noun as an adjective
		// is the clause's predicate, and the noun its object.
		{"clause parsed as amod", "Russian police detained dozens of Ukrainian soldiers in Moscow.",
			[]string{"RUSCOP>UKRMIL 173 asserted"}, nil},
		// What an event noun did, in its relative clause, is its target.
		{"relative clause on the event", "Ukrainians organized a general strike that shut down Donetsk.",
			[]string{"UKR>UKR 141 asserted"}, nil},
		// A refusal answers whoever asked.
		{"refusal despite pressure", "Russia refused to withdraw its troops despite growing pressure from Britain.",
			[]string{"RUS>GBR 1246 asserted"}, nil},
		// A present participle is done by the actor it describes.
		{"participle of an actor", "Russian police detained Ukrainian demonstrators protesting the election.",
			[]string{"UKROPP> 140 asserted"}, []string{"RUSCOP> 140"}},
		// The verb's own object beats a preposition found on a pattern word.
		{"object before an item's oblique", "Biden warned Russia against any attack on Ukrainian soil.",
			[]string{"USAGOV>RUS 1384 asserted"}, []string{"USAGOV>UKR"}},
		// "it" may stand for a body of people.
		{"collective it", "The Russian army said it attacked Ukraine.",
			[]string{"RUSMIL>UKR 190 asserted said:RUSMIL"}, nil},
		// A name the parser split into two subjects is one actor.
		{"split subject", "Russian President Vladimir Putin met with British officials in Sochi.",
			[]string{"RUSGOV>GBRGOV 040 asserted"}, []string{"RUS>"}},
		// A lemma the tagger cut wrong ("freed" → "fre", "suing" → "su")
		// still finds its patterns through the regular stems.
		{"stem of freed", "Russia has freed two Ukrainian soldiers.", []string{"RUS>UKRMIL 0841 asserted"}, nil},
		{"stem of suing", "Britain is suing Russia.", []string{"GBR>RUS 115 asserted"}, nil},
		// Of two equally long patterns, the one whose words hang on the verb.
		{"nearest pattern words", "Ukrainian workers stopped work on the first day of a strike.",
			[]string{"UKRLAB> 143 asserted"}, []string{"UKRLAB> 082"}},
		// A gerund a preposition hangs on a thing describes the thing.
		{"gerund describing a thing", "Britain condemned Moscow for its role in attacking Ukraine.",
			[]string{"GBR>RUS 111 asserted"}, []string{">UKR 190", "RUS>UKR 190", "GBR>UKR 190"}},
		{"nearer pattern word", "A British court on Thursday rejected an extradition request for Russia's former leader Ivan Petrov on the charge of rebellion for his role in the campaign.",
			[]string{"GBRJUD>RUSGOV 1213 asserted 2021-12-09"}, []string{"GBRJUD>RUSGOV 016"}},
		// An event that only dates another, or a clause on where something
		// happened, is background.
		// An event that only dates another, or a toll recalled in a
		// clause on where it happened, is background.
		{"following as a preposition", "Ukrainian soldiers shelled Donetsk following the attack on Kyiv.",
			[]string{"UKRMIL>UKR 195 asserted"}, []string{">UKR 190", "UKRMIL>UKR 190"}},
		{"where clause", "Ukrainians protested in the city of Donetsk, where 24 civilians were killed last March.",
			[]string{"UKR> 140 asserted"}, []string{">UKRCVL 190"}},
		{"preposition and which", "Russia complained to the United Nations over two Ukrainian raids in which 20 civilians were killed.",
			[]string{"RUS> 110 asserted"}, []string{">UKRCVL 190"}},
		// "call" with a small clause names or judges; a date is no
		// target of "call on".
		{"naming call", "Putin called the attack a provocation.", nil, []string{"RUSGOV> 041", "RUSGOV> 020"}},
		{"what it called", "Russia released what it called Ukrainian soldiers.", nil, []string{"RUS>UKRMIL 041"}},
		{"call on a date", "Putin called Biden on Tuesday.", []string{"RUSGOV>USAGOV 041 asserted 2021-12-07"}, []string{"RUSGOV>USAGOV 020"}},
		// Peacekeepers arriving are provided (074) and received (0861);
		// a visit needs a visitor.
		{"peacekeepers arrive", "British peacekeeping troops arrived in Ukraine on Tuesday.",
			[]string{"GBRMIL>UKR 074 asserted 2021-12-07", "UKR>GBRMIL 0861 asserted 2021-12-07"}, []string{"GBRMIL>UKR 042"}},
		// Peacekeepers withdrawn with no one named: their provider leaves
		// the place; expelled: the place expels them.
		{"peacekeepers withdrawn", "British peacekeeping troops were pulled out of Ukraine on Tuesday.",
			[]string{"GBRMIL>UKR 1661 asserted 2021-12-07"}, []string{">GBRMIL 1661"}},
		{"peacekeepers expelled", "British peacekeeping troops were expelled from Ukraine on Tuesday.",
			[]string{"UKR>GBRMIL 1661 asserted 2021-12-07"}, nil},
		// A wish that another act is an appeal to it; not when no event
		// is wished.
		{"wish", "Washington wants Russia to withdraw from Crimea.", []string{"USA>RUS 0256 asserted"}, nil},
		{"wish without an event", "Washington wants Russia to win.", nil, []string{"USA>RUS 020"}},
		// A country after a place and a comma locates it; it is no party.
		{"place, country", "Britain handed over medicine to NATO in Bam, Ukraine, officials said.",
			[]string{"GBR>IGOWSTNAT 073 asserted said:UKRGOV"}, []string{"GBR>UKR 073"}},
		// A description right before a name the parser split from it is
		// that name, not a second actor.
		{"description split from a name", "Human rights watchdog Amnesty International accused Russia of torture.",
			[]string{"NGOHRIAMN>RUS 112 asserted"}, []string{"HRI>RUS 112", "RUSHRI>RUS 112"}},
		{"visit without a visitor", "The train was traveling to Kyiv when it was attacked.", nil, []string{">UKR 042"}},
		// A verb after an infinitive "to" the tagger read as a noun.
		{"infinitive tagged as a noun", "Britain was prepared to broker talks with Ukraine.",
			[]string{"GBR>UKR 039 asserted"}, nil},
		// An infinitive on a noun is what the noun is for, not done yet;
		// the reason a state gives for an arrest is its allegation.
		{"infinitive on a noun", "Britain and Jordan signed an agreement to hold joint military exercises.",
			nil, []string{"GBR> 062 asserted", "JOR> 062 asserted"}},
		{"first to act", "Britain was the first country to condemn Russia.", []string{">RUS 111 asserted"}, nil},
		{"reason for an arrest", "Russian police arrested Ukrainian students for attacking Russian soldiers.",
			[]string{"UKREDU>RUSMIL 190 hypothetical"}, []string{"UKREDU>RUSMIL 190 asserted", "RUSCOP>RUSMIL 190"}},
		// A predicate opened by "but" that the parser hung as an
		// adverbial shares the subject of the clause above.
		{"conjunct hung as adverbial", "Britain opened its borders today to Ukrainians ordered out of Russia, but was still refusing entry to Russians.",
			[]string{"GBR>RUS 120 asserted"}, []string{">RUS 120"}},
		// What the object is told to do is the complement's verb and its
		// object, not words further down its clause.
		{"order to appear", "A British court ordered the Russian minister to appear for questioning in an investigation of arms sales.",
			[]string{"GBRJUD>RUSGOV 100 asserted"}, []string{"GBRJUD>RUSGOV 090"}},
		{"order an investigation", "A British court ordered an investigation of Russian arms sales.", []string{"GBRJUD>RUS 090 asserted"}, nil},
		// A reported warning of consequences threatens whoever must meet
		// its condition; not a conditional forecast about others.
		{"warning of consequences", "If Russia attacks Ukraine, it will pay a heavy price, Biden said.",
			[]string{"USAGOV>RUS 130 asserted"}, nil},
		{"forecast is no warning", "If Britain helps, Ukraine will win, Biden said.", nil, []string{"USAGOV>GBR 130"}},
		// An agent set off by a comma belongs to the passive before the
		// parenthetical.
		{"agent after a parenthetical", "Putin was accused of attacking Ukraine, which he denied, by British officials.",
			[]string{"GBRGOV>RUSGOV 1123 asserted"}, nil},
		// An ability is not its use.
		{"capable of", "Russia has trained soldiers capable of attacking Ukraine.", nil, []string{"RUSMIL>UKR 190 asserted", "RUS>UKR 190 asserted", ">UKR 190 asserted"}},
		// A participle set off by a comma is no argument of the verb; a
		// particle the parse took for a preposition still is.
		{"comma clause is no item", "Britain rejected the Russian proposal, charging that it was a trick.",
			[]string{"GBR>RUS 120 asserted"}, []string{"GBR>RUS 016"}},
		{"particle parsed as a preposition", "Britain handed over 700 kg of medicine to Ukraine.",
			[]string{"GBR>UKR 073 asserted"}, nil},
		// A gerund complement marked by a preposition names the target.
		{"insisting on", "Ukraine keeps insisting on getting NATO membership.", []string{"UKR>IGOWSTNAT 100 asserted"}, nil},
		{"non-political", "The soup was cold and the waiter did not care.", nil, []string{""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := analyze(t, tc.text, "2021-12-11")
			evs := c.Code(d)
			var got []string
			for i := range evs {
				got = append(got, describe(&evs[i]))
			}
			for _, w := range tc.want {
				found := false
				for _, g := range got {
					if g == w {
						found = true
					}
				}
				if !found {
					var b strings.Builder
					c.Explain(analyze(t, tc.text, "2021-12-11"), &b)
					t.Errorf("%q: want %q among %q\n%s", tc.text, w, got, b.String())
				}
			}
			for _, n := range tc.not {
				for _, g := range got {
					if strings.HasPrefix(g, n) {
						t.Errorf("%q: unwanted event %q", tc.text, g)
					}
				}
			}
		})
	}
}

// The default dictionaries' verb patterns, for entries added to data/dict.
func TestDefaultPatterns(t *testing.T) {
	c := defaultCoder(t)
	for _, tc := range []struct{ text, want string }{
		// Relief in kind, handed over without the particle or with it
		// parsed as a preposition of the quantity.
		{"Swiss doctors handed over 700 kg of medicine to the Red Crescent.", "073"},
		{"The U.S. military gives medical equipment to Nicaragua.", "073"},
		// Abbreviated titles of office name a political role.
		{"Gov. Phil Murphy declined to comment on the allegations.", "011"},
		{"Sen. Jane Doe called for an inquiry into the deal.", "020"},
	} {
		wantCode(t, c, tc.text, tc.want)
	}
}

// Events keep their evidence: the sentence's byte span and the verb.
func TestEvidence(t *testing.T) {
	c := newTestCoder(t)
	txt := "Nothing happened. Russia invaded Ukraine."
	evs := c.Code(analyze(t, txt, "2022-02-24"))
	if len(evs) != 1 {
		t.Fatalf("got %d events", len(evs))
	}
	e := evs[0]
	if e.Sentence != 1 || txt[e.Evidence.Start:e.Evidence.End] != "Russia invaded Ukraine." || e.Evidence.Verb != "invaded" ||
		txt[e.Evidence.VerbStart:e.Evidence.VerbEnd] != "invaded" || e.Evidence.Text != "Russia invaded Ukraine." {
		t.Fatalf("evidence %+v", e.Evidence)
	}
	if e.ID == "" || e.DocID != "t" || e.Mentions != 1 {
		t.Fatalf("event %+v", e)
	}
}

// The same event twice in a document is one event with two mentions.
func TestDedup(t *testing.T) {
	c := newTestCoder(t)
	evs := c.Code(analyze(t, "Russia invaded Ukraine. Russia invaded Ukraine again.", "2022-02-24"))
	if len(evs) != 1 || evs[0].Mentions != 2 {
		t.Fatalf("got %d events: %+v", len(evs), evs)
	}
}

func BenchmarkCode(b *testing.B) {
	c := newTestCoder(b)
	d := analyze(b, "Russia invaded Ukraine on Friday. Washington threatened to impose sanctions on Russia. "+
		"Jordan and Britain agreed to hold joint military exercises. The soup was cold.", "2022-02-26")
	b.ReportAllocs()
	for b.Loop() {
		c.Code(d)
	}
}

// BenchmarkCodeVOA times the coder alone (documents analysed beforehand)
// with the default dictionaries over the VOA corpus.
func BenchmarkCodeVOA(b *testing.B) {
	f, err := os.ReadFile("../../shared/corpus/voa/voa_stories.jsonl")
	if err != nil {
		b.Skip("../shared/corpus absent")
	}
	d, err := dict.Default()
	if err != nil {
		b.Fatal(err)
	}
	c := New(d)
	var docs []*redline.Doc
	sentences := 0
	for _, line := range bytes.Split(f, []byte("\n")) {
		var rec struct{ Text string }
		if json.Unmarshal(line, &rec) != nil || rec.Text == "" {
			continue
		}
		doc := analyze(b, rec.Text, "2024-01-01")
		docs = append(docs, doc)
		sentences += len(doc.Sentences)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, doc := range docs {
			c.Code(doc)
		}
	}
	b.ReportMetric(float64(sentences*b.N)/b.Elapsed().Seconds(), "sentences/s")
}
