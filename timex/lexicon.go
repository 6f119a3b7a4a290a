package timex

// kind is what a word can do in a temporal expression.
type kind uint8

const (
	kNone      kind = iota
	kMonth          // full month name; val 1..12
	kMonthAbbr      // abbreviated month ("dec", "dec.", "sept"); val 1..12
	kWeekday        // full weekday name; val = time.Weekday
	kDeixis         // today, yesterday, ...; val = day offset from ref
	kNumber         // number word; val
	kUnit           // day(s), week(s), month(s), year(s); val = Granularity
	kLast           // last, past, previous
	kNext           // next
	kThis           // this
	kComing         // coming (in "this coming Friday")
	kAgo            // ago
	kLater          // after, later: anchored, forward
	kEarlier        // before, earlier: anchored, backward
	kPartOfDay      // morning, night, ...
	kYearCue        // prepositions and adverbs after which a bare number is a year
	kOf             // of (in "7th of December", "March of 2014")
	kHours          // hour(s): counted in days ("48 hours ago")
	kFollowing      // following (in "the following day")
	kWeekend        // weekend
	kEventNoun      // invasion, election, ...: "the 2014 invasion" names a year
)

type entry struct {
	kind kind
	val  int
}

// lexicon maps lower-cased words to what they do. Looking a token up is one
// map access on its Lower field (or on a stack copy lower-cased when only
// Form is set), so the common path allocates nothing.
var lexicon = func() map[string]entry {
	m := map[string]entry{}
	months := []string{"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"}
	for i, w := range months {
		m[w] = entry{kMonth, i + 1}
	}
	for w, v := range map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
		"aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12} {
		m[w] = entry{kMonthAbbr, v}
		m[w+"."] = entry{kMonthAbbr, v}
	}
	for i, w := range []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"} {
		m[w] = entry{kWeekday, i}
	}
	for w, v := range map[string]int{"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1} {
		m[w] = entry{kDeixis, v}
	}
	numbers := []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
		"nineteen", "twenty", "twenty-one", "twenty-two", "twenty-three", "twenty-four", "twenty-five",
		"twenty-six", "twenty-seven", "twenty-eight", "twenty-nine", "thirty"}
	for i, w := range numbers {
		m[w] = entry{kNumber, i + 1}
	}
	m["a"] = entry{kNumber, 1}
	m["an"] = entry{kNumber, 1}
	for w, g := range map[string]Granularity{"day": Day, "days": Day, "week": Week, "weeks": Week,
		"month": Month, "months": Month, "year": Year, "years": Year} {
		m[w] = entry{kUnit, int(g)}
	}
	for _, w := range []string{"last", "past", "previous"} {
		m[w] = entry{kLast, 0}
	}
	m["next"] = entry{kNext, 0}
	m["this"] = entry{kThis, 0}
	m["coming"] = entry{kComing, 0}
	m["ago"] = entry{kAgo, 0}
	m["after"] = entry{kLater, 0}
	m["later"] = entry{kLater, 0}
	m["before"] = entry{kEarlier, 0}
	m["earlier"] = entry{kEarlier, 0}
	for _, w := range []string{"morning", "afternoon", "evening", "night", "overnight"} {
		m[w] = entry{kPartOfDay, 0}
	}
	for _, w := range []string{"in", "since", "from", "until", "till", "through", "during", "by",
		"early", "late", "mid", "around", "between", "spring", "summer", "autumn", "fall", "winter"} {
		m[w] = entry{kYearCue, 0}
	}
	// "and" and "to" announce a year only after another one ("between 2014
	// and 2016", "from 2014 to 2016"); val 1 marks them conditional.
	m["and"] = entry{kYearCue, 1}
	m["to"] = entry{kYearCue, 1}
	m["of"] = entry{kOf, 0}
	m["hour"] = entry{kHours, 0}
	m["hours"] = entry{kHours, 0}
	m["following"] = entry{kFollowing, 0}
	m["weekend"] = entry{kWeekend, 0}
	for _, w := range []string{"invasion", "annexation", "election", "elections", "coup", "war",
		"revolution", "uprising", "protests", "referendum", "ceasefire", "cease-fire", "truce",
		"agreement", "accord", "accords", "deal", "treaty", "summit", "crisis", "attack", "attacks",
		"offensive", "incursion", "occupation", "intervention", "bombing", "massacre", "earthquake",
		"report", "census", "vote", "talks", "sanctions", "memorandum", "declaration", "resolution",
		"campaign", "conflict", "standoff", "blockade", "withdrawal"} {
		m[w] = entry{kEventNoun, 0}
	}
	return m
}()
