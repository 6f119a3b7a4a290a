package coder

import (
	"slices"
	"strings"
	"testing"
)

// Patterns added to the default verb dictionaries, each with a sentence
// written for it: the code must be among the events coded.
func TestDictPatterns(t *testing.T) {
	c := defaultCoder(t)
	for _, tc := range []struct{ text, want string }{
		// Refugees seeking refuge in a country demand humanitarian aid
		// (1033); asking for asylum is an appeal (0233).
		{"Thousands of Syrian refugees sought refuge in Turkey.", "1033"},
		{"The dissident sought asylum in France.", "0233"},
		// Taking refugees in is humanitarian aid.
		{"Canada will accept 5,000 Afghan refugees.", "0333"},
		{"Germany accepted 2,000 refugees from Greece.", "073"},
		// A sum headed by its currency sign.
		{"Japan gave $5 million to Kenya.", "071"},
		{"Norway contributed $10 million to the UN appeal for Yemen.", "071"},
		{"The EU has earmarked €10 million for Haiti.", "071"},
		// Repatriated objects and animals are returned property.
		{"Italy returned 30 stolen fossils to Morocco.", "0842"},
		{"Indonesia returned two smuggled orangutans to Malaysia.", "0842"},
		// A truce declared in two words outranks "declare war" on a
		// word further down; giving up the fight is a retreat.
		{"The junta declared a cessation of hostilities in all war zones.", "0871"},
		{"Two rebel commanders gave up fighting.", "0874"},
		{"The militia laid down its arms.", "0873"},
		// A noun coordinated with the verb's object is lifted too.
		{"Kenya lifted the trade and travel restrictions on Somalia.", "081"},
		// Reinforcement verbs without a particle.
		{"China has strengthened its forces near the border.", "154"},
		{"Japan bolstered its garrison on the island.", "154"},
		// A bare surname of a leader the people files know by full name.
		{"Clinton said he will not lift the embargo on Cuba.", "1244"},
		// Acronyms said as words, written in title case (Nato, Farc).
		{"Nato deployed troops to Estonia.", "154"},
		{"Farc released two hostages.", "0841"},
		// Donor agencies of governments, and the UN's own departments.
		{"JICA donated $3 million to Malawi.", "071"},
		// A withdrawal of peacekeepers, even with the place it leaves.
		{"The UN withdrew its peacekeepers from Lebanon.", "1661"},
		// A conditional offer to yield is an intent; a conditional
		// sanction, or anything announced "unless", a threat.
		{"Chile is willing to withdraw its troops from Haiti if the UN asks.", "0356"},
		{"Canada will impose sanctions on Iran if it enriches uranium.", "1312"},
		{"Peru will withdraw its troops unless the rebels disarm.", "130"},
		{"Turkey will buy Russian jets if the US does not lift the freeze.", "130"},
		// Formal pardons are releases (codebook note on 056).
		{"The Kenyan president pardoned 300 prisoners.", "0841"},
		// Aid workers forced out are expelled aid agencies.
		{"Sudan forced aid workers out of Darfur.", "1663"},
		// Equipment handed over is aid in kind.
		{"Japan donated 20 ambulances to Ghana.", "070"},
		// Evacuations from danger are humanitarian aid.
		{"French troops carried out an emergency evacuation of civilians from Bangui.", "073"},
		// Troops arriving to join peacekeepers or to deliver aid provide
		// it; intelligence cooperation is sharing intelligence.
		{"Irish troops arrived in Lebanon to join the UN peacekeeping force.", "074"},
		{"Indian soldiers arrived in Nepal to deliver aid.", "070"},
		{"Cooperation between Kenya and Uganda on intelligence sharing has grown.", "064"},
		// A pledge in the passive of "commit" is an intent.
		{"Vietnam said it is committed to opening up its economy to foreign investors.", "0311"},
		// Predicative adjectives of attitude are comments.
		{"Japan said it is skeptical of the Chinese proposal.", "012"},
		{"The Kenyan government is optimistic about the talks with Somalia.", "013"},
		// An attempted cyber attack is coercion done.
		{"Iran tried to hack into the computers of Israeli officials.", "170"},
		// An attempt or bid to kill is the codebook's 185 itself, aimed
		// at the infinitive's object.
		{"An attempt to assassinate President Putin was foiled.", "185"},
		{"Gunmen made a bid to kill the Afghan president.", "185"},
		// Stressing the need for others to act demands it; the
		// Inter-Parliamentary Union is an actor.
		{"The Inter-Parliamentary Union stressed the need for the United States to lift its sanctions on Cuba.", "1054"},
		// A plural in "-oes" whose lemma keeps the "e" ("embargoe").
		{"The United States lifted the embargoes on Cuba.", "085"},
		{"The UN imposed embargoes on Iraq.", "163"},
		// A murder in an attack is the attack's killing (codebook 190 note).
		{"Two Ukrainian soldiers were murdered in an attack on their patrol.", "190"},
	} {
		wantCode(t, c, tc.text, tc.want)
	}
}

// Whoever a sentence holds responsible or guilty did what the "for" or
// "of" phrase names.
func TestCulpable(t *testing.T) {
	checkNews(t, []newsCase{
		{"The Syrian army is responsible for the mass killings in Homs.", []string{"SYRMIL>"}, nil},
		{"Hezbollah was guilty of violating the ceasefire.", []string{"LBNREBHZB>"}, nil},
	})
}

// Agreeing with someone's view is a statement; agreeing with someone to do
// something stays an intent to cooperate.
func TestSharedView(t *testing.T) {
	c := defaultCoder(t)
	for _, tc := range []struct {
		text, want, not string
	}{
		{"Germany agrees with France that the plan is fair.", "010", "030"},
		{"Italian officials said they agree with the EU decision.", "010", "030"},
		{"Russia agreed with Ukraine to exchange prisoners.", "", "010"},
		{"Serbia agreed with Kosovo on a trade deal.", "", "010"},
	} {
		var codes []string
		for _, e := range c.Code(analyze(t, tc.text, "2021-12-11")) {
			codes = append(codes, string(e.Code))
		}
		if tc.want != "" && !slices.Contains(codes, tc.want) {
			t.Errorf("%q: want %s among %q", tc.text, tc.want, codes)
		}
		if slices.Contains(codes, tc.not) {
			t.Errorf("%q: unwanted %s among %q", tc.text, tc.not, codes)
		}
	}
}

// A verb coordinated with a framing verb is not framed by it: "called X and
// urged him" asserts the urging, "rejects and condemns" the condemnation.
func TestConjunctMode(t *testing.T) {
	c := defaultCoder(t)
	for _, tc := range []struct{ text, want string }{
		{"Biden called Netanyahu and urged him to show restraint.", "0256 asserted"},
		{"Egypt rejects and condemns the Israeli raid.", "111 asserted"},
		{"Serbia and Kosovo failed to reach an agreement on energy.", "164 asserted"},
		// A reporting verb whose own object makes a specific statement
		// is that statement even when it also reports a clause; one that
		// only reports keeps to attribution.
		{"Al-Shabaab claimed responsibility for the blast, saying its fighters had planted the bomb.", "015 asserted"},
		// Steps taken to do something do it, by the one who takes them.
		{"Sudan has taken steps to enhance political freedoms.", "081 asserted"},
		// A process begun is under way, by the one who began it.
		{"Malaysia has started the process of returning the gorillas to Nigeria.", "0842 asserted"},
	} {
		var got []string
		for _, e := range c.Code(analyze(t, tc.text, "2021-12-11")) {
			got = append(got, describe(&e))
		}
		found := false
		for _, g := range got {
			found = found || strings.HasSuffix(g, " "+tc.want)
		}
		if !found {
			t.Errorf("%q: want %s among %q", tc.text, tc.want, got)
		}
	}
}

func TestReportedClauseWordsStayAttribution(t *testing.T) {
	c := defaultCoder(t)
	txt := "The minister claimed that the army had repelled an attack near the border."
	for _, e := range c.Code(analyze(t, txt, "2021-12-11")) {
		if e.Code == "015" {
			t.Errorf("%q: a word inside the reported clause made a claim of responsibility: %s", txt, describe(&e))
		}
	}
}

// An adjective that shares a verb's spelling says no act: "the journalist
// is free" is no release, "the border is open" no easing of a blockade.
func TestAdjectiveNotVerb(t *testing.T) {
	c := defaultCoder(t)
	for _, tc := range []struct{ text, not string }{
		{"The Russian journalist is free.", "0841"},
		// A duty is no deed; a sector's share of an economy is no aid.
		{"The Kenyan cabinet is responsible for scrutinizing the budget.", "090"},
		{"Tourism contributed $2 billion to the Thai economy.", "071"},
		{"Turkey said the border is open.", "0872"},
	} {
		for _, e := range c.Code(analyze(t, tc.text, "2021-12-11")) {
			if string(e.Code) == tc.not {
				t.Errorf("%q: unwanted %s", tc.text, describe(&e))
			}
		}
	}
}

// "demonstrate" with an object or a clause shows something; protesters
// demonstrate without one.
func TestDemonstrateShows(t *testing.T) {
	c := defaultCoder(t)
	for _, tc := range []struct {
		text    string
		protest bool
	}{
		{"Thousands of Venezuelans demonstrated against the government in Caracas.", true},
		{"The ruling of the Russian court demonstrates a complete disregard for the law.", false},
		{"The Iranian missile test demonstrated that Iran can strike Israel.", false},
	} {
		got := codesRoot(t, c, tc.text, "14")
		if got != tc.protest {
			t.Errorf("%q: protest coded %v, want %v", tc.text, got, tc.protest)
		}
	}
}

// A report, poll or program released is published, not a release (08).
func TestReleasedPublication(t *testing.T) {
	c := defaultCoder(t)
	for _, tc := range []struct {
		text    string
		release bool
	}{
		{"Iran released two British journalists on Monday.", true},
		{"China released an AI development program in 2017.", false},
		{"A report released by the United Nations showed that Iran expanded its program.", false},
	} {
		got := codesRoot(t, c, tc.text, "08")
		if got != tc.release {
			t.Errorf("%q: release coded %v, want %v", tc.text, got, tc.release)
		}
	}
}

// What a natural force does is nobody's act; "a storm of protest" is
// people's.
func TestNaturalForce(t *testing.T) {
	c := defaultCoder(t)
	for _, tc := range []struct {
		text   string
		events bool
	}{
		{"Floods killed 40 people in Kenya.", false},
		{"Tropical Cyclone Jude slammed into parts of southern Africa.", false},
		{"The earthquake struck northern Ecuador and southern Colombia.", false},
		{"Rebels killed 40 people in Kenya.", true},
	} {
		got := len(c.Code(analyze(t, tc.text, "2021-12-11"))) > 0
		if got != tc.events {
			t.Errorf("%q: events coded %v, want %v", tc.text, got, tc.events)
		}
	}
}

// Meeting with a reaction is no meeting.
func TestMetReaction(t *testing.T) {
	c := defaultCoder(t)
	for _, tc := range []struct {
		text    string
		meeting bool
	}{
		{"Putin met with Erdogan in Sochi.", true},
		{"The French plan met with strong objections from Germany.", false},
		{"The Russian proposal met stiff resistance in the European Union.", false},
	} {
		got := codesRoot(t, c, tc.text, "04")
		if got != tc.meeting {
			t.Errorf("%q: meeting coded %v, want %v", tc.text, got, tc.meeting)
		}
	}
}

// A source who asks not to be named makes no appeal.
func TestAnonymousSource(t *testing.T) {
	c := defaultCoder(t)
	for _, tc := range []struct {
		text   string
		appeal bool
	}{
		{"A French official, who asked not to be identified, said the talks had stalled.", false},
		{"A Russian diplomat who requested anonymity said the talks had stalled.", false},
		{"Iran asked France to release the prisoners.", true},
	} {
		got := codesRoot(t, c, tc.text, "02")
		if got != tc.appeal {
			t.Errorf("%q: appeal coded %v, want %v", tc.text, got, tc.appeal)
		}
	}
}
