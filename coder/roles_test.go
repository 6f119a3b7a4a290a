package coder

import (
	"testing"
)

// An organ of the source's own state that the text names without a country
// is the source's own only when the source commands it: the state or its
// executive over forces and police. A legislature or a court acting on the
// executive, or the executive on them, acts on another party.
func TestOwnOrgan(t *testing.T) {
	checkNews(t, []newsCase{
		{"Kenyan lawmakers urged the president to resign.", []string{"KENLEG>KENGOV 0241 asserted"}, nil},
		{"Kenya's Supreme Court ordered the government to release the activists.", []string{"KENJUD>KENGOV 1053 asserted"}, nil},
		// The executive's own forces are still its own.
		{"The Kenyan government ordered the army to withdraw.", []string{"KENGOV> 1056 asserted"}, []string{"KENMIL"}},
	})
}

// Two parties of a reciprocal predicate with no one else named act on each
// other; a place where they meet is not a party; three or more are not
// made a web of pairs.
func TestReciprocal(t *testing.T) {
	checkNews(t, []newsCase{
		{"Iranian and Iraqi troops clashed on the border.", []string{"IRNMIL>IRQMIL 190", "IRQMIL>IRNMIL 190"}, nil},
		{"Russia and Ukraine accused each other of violating the truce.", []string{"RUS>UKR 112 asserted", "UKR>RUS 112 asserted"}, nil},
		{"India and Pakistan held talks in Dubai.", []string{"IND>PAK 046 asserted", "PAK>IND 046 asserted"}, []string{"ARE"}},
		// A named partner stays the target.
		{"India and Pakistan held talks with China in Dubai.", []string{"IND>CHN 046 asserted", "PAK>CHN 046 asserted"}, []string{"IND>PAK", "PAK>IND"}},
		// Attacking is not done to one another.
		{"The United States and Britain attacked overnight.", nil, []string{"USA>GBR", "GBR>USA"}},
		{"Israel and Jordan met in Amman.", []string{"ISR>JOR 040", "JOR>ISR 040"}, nil},
		// A plural title with "two" takes up the pair named before.
		{"Putin met Xi in Beijing on Monday. The two presidents signed a trade pact.", []string{"RUSGOV>CHNGOV 057 asserted", "CHNGOV>RUSGOV 057 asserted"}, nil},
		{"France, Germany and Italy met on Monday.", nil, []string{"FRA>DEU", "DEU>ITA"}},
	})
}

// A thing with no actor of its own that leads somewhere by a participle of
// direction is that place's, for a doer the text names.
func TestLedTo(t *testing.T) {
	checkNews(t, []newsCase{
		{"Rebels blew up a bridge leading into Mosul.", []string{"---REB>IRQ 1712 asserted"}, nil},
		{"Afghan soldiers blocked the roads leading to Kandahar.", []string{"AFGMIL>AFG 144 asserted"}, nil},
		// No doer: no event made of the place alone.
		{"A bridge leading into Mosul was destroyed.", nil, []string{"IRQ"}},
	})
}

// A country's envoy to an organisation is the country's; an
// organisation's own officer stays the organisation's.
func TestEnvoyTo(t *testing.T) {
	checkNews(t, []newsCase{
		{"Iran's IAEA envoy rejected the report.", []string{"IRNGOV> 016 asserted"}, []string{"IGOUNOIAE>"}},
		{"Russia's U.N. ambassador criticized Britain.", []string{"RUSGOV>GBR 111 asserted"}, []string{"IGOUNO>"}},
		{"NATO's secretary general criticized Russia.", []string{"IGOWSTNAT>RUS 111 asserted"}, nil},
	})
}

// A state passive ("is opposed to", "were engaged in") with a "by" agent is
// a passive after all, unless it names a feeling whose "by" is its cause.
func TestStatePassiveAgent(t *testing.T) {
	checkNews(t, []newsCase{
		{"Iran was opposed by France in the vote.", []string{"FRA>IRN 120 asserted"}, []string{"IRN>"}},
		// The agent hung on an adverb of the verb.
		{"Iran was criticized earlier by France.", []string{"FRA>IRN 111 asserted"}, nil},
		{"Chile was opposed earlier by Peru, its northern neighbour, in the vote.", []string{"PER>CHL 120 asserted"}, []string{"CHL>"}},
		{"Iran was alarmed by the Israeli attack.", nil, []string{"IRN>"}},
		{"Serb forces were engaged in ethnic cleansing.", []string{"SRBMIL> 203 asserted"}, nil},
	})
}

// A thing that names no actor is its maker's, by a participle with a "by"
// agent, when the event has a doer.
func TestMadeBy(t *testing.T) {
	checkNews(t, []newsCase{
		{"Russia rejected the plan put forward by France.", []string{"RUS>FRA 120 asserted"}, nil},
		// The object's own actor comes first.
		{"Russia rejected the French plan put forward by diplomats.", []string{"RUS>FRA 120 asserted"}, nil},
		// The object a pattern word ("reject resolution").
		{"Turkey rejected the draft resolution prepared by France.", []string{"TUR>FRA 129 asserted"}, nil},
	})
}

// An uncountried agent on the other side of a state's event does not take
// that state's country from the state's own mention when the sentence names
// another country where it is; with none, it stays the state's.
func TestOtherSideCountry(t *testing.T) {
	checkNews(t, []newsCase{
		{"Turkey has blamed the bombing on militants hiding in Syria.", []string{"TUR>SYR"}, []string{"TUR>TUR"}},
		{"Canada said it would not negotiate with kidnappers holding aid workers in Mali.", []string{"CAN>MLI"}, []string{"CAN>CAN"}},
		// No other country: the doer's own country stays the scene.
		{"Mexico arrested the smugglers on Monday.", []string{"MEX>MEX"}, nil},
	})
}

// An obligation a state reports of itself ("said it must act against X")
// is aimed at the other party of the obliged act, not at itself.
func TestSelfObligationTarget(t *testing.T) {
	checkNews(t, []newsCase{
		{"Kenya said it must retaliate against Somalia.", []string{"KEN>SOM"}, nil},
		// Of another party the obliged one stays the target.
		{"Kenya said Somalia must withdraw its troops.", []string{"KEN>SOM"}, nil},
	})
}

// An event noun that is part of a verb's event says whom the event is aimed
// at when the verb does not ("blocked a road to show their anger at X"); an
// event noun that is a verb's object is aimed where the verb's phrase of
// direction points ("would resume cooperation with Ukraine").
func TestComplementNounTarget(t *testing.T) {
	checkNews(t, []newsCase{
		{"Farmers in Ghana blocked a highway to show their disapproval for Nigeria's import ban.", []string{"GHAAGR>NGA"}, nil},
		{"Chile said it would resume cooperation with Peru.", []string{"CHL>PER"}, nil},
	})
}

// A phrase of direction hung on an adverb of the verb names the target
// ("moved very close to the border with India", "sent back to China"); an
// accompanying "along with" does not.
func TestAdverbDirectionTarget(t *testing.T) {
	checkNews(t, []newsCase{
		{"Malaysia sent 109, most of them men, back to Myanmar days later.", []string{"MYS>MMR"}, nil},
		{"Along with France, Germany expelled the diplomats.", nil, []string{">FRA"}},
	})
}
