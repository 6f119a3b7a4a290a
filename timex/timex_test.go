package timex

import (
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/redline-events/redline"
)

// tokenize splits s into tokens the way the text stage does for these
// phrasings: words, numbers with their inner punctuation ("95,000",
// "2021-12-07", "69-year-old"), and separate punctuation, except for the
// period of an abbreviation when keepAbbr is set ("Dec.").
func tokenize(s string, keepAbbr bool) []redline.Token {
	var toks []redline.Token
	i := 0
	for i < len(s) {
		r := rune(s[i])
		if unicode.IsSpace(r) {
			i++
			continue
		}
		j := i
		if strings.ContainsRune(",.;:?!\"()", r) {
			j = i + 1
		} else {
			for j < len(s) && !unicode.IsSpace(rune(s[j])) && !strings.ContainsRune(";:?!\"()", rune(s[j])) {
				if s[j] == ',' || s[j] == '.' {
					// Inside a number ("95,000", "3.5") the mark belongs to it.
					if j+1 < len(s) && j > i && isDigit(s[j-1]) && isDigit(s[j+1]) {
						j++
						continue
					}
					if s[j] == '.' && keepAbbr && abbreviation(s[i:j]) {
						j++ // "Dec." stays one token
					}
					break
				}
				j++
			}
		}
		form := s[i:j]
		toks = append(toks, redline.Token{Start: i, End: j, Form: form, Lower: strings.ToLower(form),
			SpaceAfter: j < len(s) && s[j] == ' '})
		i = j
	}
	return toks
}

// abbreviation reports whether w takes a period as part of its token.
func abbreviation(w string) bool {
	if lexicon[strings.ToLower(w)+"."].kind == kMonthAbbr {
		return true
	}
	return w == "Gen" || w == "U.S" || w == "Mr" || w == "Dr"
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func d(y int, m time.Month, dd int) time.Time { return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC) }

// crisisDate is the publication date of ../shared/examples/crisis-2021-12.
var crisisDate = d(2021, 12, 11) // a Saturday

type want struct {
	text string // the expression's words, joined by single spaces
	date time.Time
	gran Granularity
	rel  bool
}

func TestFind(t *testing.T) {
	for _, tc := range []struct {
		sentence string
		ref      time.Time
		want     []want
	}{
		// The crisis article (document date 2021-12-11).
		{"Meeting on Zoom video chat with 69-year-old Russian President Vladimir Putin Dec. 7, 79-year-old President Joe Biden acted like a tough rooster.",
			crisisDate, []want{{"Dec. 7", d(2021, 12, 7), Day, true}}},
		{"Well, three days after Biden read Putin the riot act, Russia's Deputy Foreign Minister Sergei Rybakov said Friday at a Moscow press conference that he expected the U.S. delegation to follow up.",
			crisisDate, []want{{"three days after", time.Time{}, Day, false}, {"Friday", d(2021, 12, 10), Day, true}}},
		{"Putin listened patiently Tuesday on Zoom to Biden acting like he was in charge.",
			crisisDate, []want{{"Tuesday", d(2021, 12, 7), Day, true}}},
		{"Western officials have been sanctioning the Russian Federation since Putin invaded and annexed the Crimean Peninsula March 1, 2014, a response to a Feb. 22, 2014 coup d'etat by CIA-backed forces.",
			crisisDate, []want{{"March 1 , 2014", d(2014, 3, 1), Day, false}, {"Feb. 22 , 2014", d(2014, 2, 22), Day, false}}},
		{"Putin let Biden know Dec. 7 that if the West wants Russia to draw back its 95,000 troops from near the Ukrainian border, he needs legal guarantees.",
			crisisDate, []want{{"Dec. 7", d(2021, 12, 7), Day, true}}},
		{"French President Emmanuel Macron said today that France was prepared to broker discussions.",
			crisisDate, []want{{"today", crisisDate, Day, true}}},
		{"Russia's Chief of Military Staff Gen. Valery Gerasimov said yesterday that Ukraine could turn into another Cuban Missile Crisis.",
			crisisDate, []want{{"yesterday", d(2021, 12, 10), Day, true}}},
		{"So over the last seven years, the West has ranted against Putin's move to annex Crimea.", crisisDate, nil},
		{"Zelensky claims that some 14,000 Ukrainians have died in fighting.", crisisDate, nil},

		// Dates without a year take the latest such day not after the document date (plus a week).
		{"Biden spoke to Putin on Dec. 7.", d(2022, 1, 3), []want{{"Dec. 7", d(2021, 12, 7), Day, true}}},
		{"Talks are set for Dec. 14 in Geneva.", crisisDate, []want{{"Dec. 14", d(2021, 12, 14), Day, true}}},
		{"The ceasefire of Jan. 5 held.", d(2021, 12, 30), []want{{"Jan. 5", d(2022, 1, 5), Day, true}}},
		{"The ceasefire of Dec. 25 collapsed.", crisisDate, []want{{"Dec. 25", d(2020, 12, 25), Day, true}}},

		// Absolute forms.
		{"The summit opened on 7 December 2021 in Brussels.", crisisDate, []want{{"7 December 2021", d(2021, 12, 7), Day, false}}},
		{"Troops crossed on the 24th of February.", d(2022, 3, 1), []want{{"24th of February", d(2022, 2, 24), Day, true}}},
		{"Protests broke out on September 30th, 2020.", crisisDate, []want{{"September 30th , 2020", d(2020, 9, 30), Day, false}}},
		{"Inflation peaked in December 2021.", d(2022, 6, 1), []want{{"December 2021", d(2021, 12, 1), Month, false}}},
		{"Russia has occupied Crimea since 2014.", crisisDate, []want{{"2014", d(2014, 1, 1), Year, false}}},
		{"In 2014 Russia annexed Crimea.", crisisDate, []want{{"2014", d(2014, 1, 1), Year, false}}},
		{"The war raged between 2014 and 2016.", crisisDate, []want{{"2014", d(2014, 1, 1), Year, false}, {"2016", d(2016, 1, 1), Year, false}}},
		{"The report is dated 2021-12-07 .", crisisDate, []want{{"2021-12-07", d(2021, 12, 7), Day, false}}},
		{"The report is dated 12/7/2021.", crisisDate, []want{{"12/7/2021", d(2021, 12, 7), Day, false}}},
		{"It was filed 12/7/21 and 2021/12/07.", crisisDate, []want{{"12/7/21", d(2021, 12, 7), Day, false}, {"2021/12/07", d(2021, 12, 7), Day, false}}},
		{"Sanctions followed the 2014 invasion and its 2014 annexation of Crimea.", crisisDate,
			[]want{{"2014", d(2014, 1, 1), Year, false}, {"2014", d(2014, 1, 1), Year, false}}},
		{"The 2000 troops and the 1999 soldiers left.", crisisDate, nil},
		{"Fighting flared in the summer of 2014.", crisisDate, []want{{"2014", d(2014, 1, 1), Year, false}}},
		{"Ministers meet this coming week.", crisisDate, []want{{"this coming week", d(2021, 12, 13), Week, true}}},
		{"Crimea was annexed in the year 2014.", crisisDate, []want{{"2014", d(2014, 1, 1), Year, false}}},
		{"The chaos of 9/11 and 24/7 news.", crisisDate, nil},
		{"The vote took place in March of 2014.", crisisDate, []want{{"March of 2014", d(2014, 3, 1), Month, false}}},
		{"Fighting resumed in mid-2014 and again in mid-December.", crisisDate,
			[]want{{"mid-2014", d(2014, 1, 1), Year, false}, {"mid-December", d(2021, 12, 1), Month, true}}},
		{"Elections were held in May.", crisisDate, []want{{"May", d(2021, 5, 1), Month, true}}},
		{"The talks ended on Tuesday, Dec. 7, 2021 without a deal.", crisisDate, []want{{"Tuesday , Dec. 7 , 2021", d(2021, 12, 7), Day, false}}},

		// Relative forms.
		{"The minister said on Friday that talks would resume.", crisisDate, []want{{"Friday", d(2021, 12, 10), Day, true}}},
		{"The minister spoke Saturday.", crisisDate, []want{{"Saturday", crisisDate, Day, true}}},
		{"Rebels attacked on Monday night and again Tuesday morning.", crisisDate,
			[]want{{"Monday night", d(2021, 12, 6), Day, true}, {"Tuesday morning", d(2021, 12, 7), Day, true}}},
		{"The envoys will meet Friday in Geneva.", crisisDate, []want{{"Friday", d(2021, 12, 17), Day, true}}},
		{"The EU is set to vote on Monday on tariffs.", crisisDate, []want{{"Monday", d(2021, 12, 13), Day, true}}},
		{"Leaders are scheduled to sign the deal Saturday.", crisisDate, []want{{"Saturday", crisisDate, Day, true}}},
		{"Talks failed to reach a deal Friday.", crisisDate, []want{{"Friday", d(2021, 12, 10), Day, true}}},
		{"He said Friday that Russia will not invade.", crisisDate, []want{{"Friday", d(2021, 12, 10), Day, true}}},
		{"The envoys will meet next Friday.", crisisDate, []want{{"next Friday", d(2021, 12, 17), Day, true}}},
		{"The envoys will meet this coming Friday.", crisisDate, []want{{"this coming Friday", d(2021, 12, 17), Day, true}}},
		{"Russia sent troops last Saturday.", crisisDate, []want{{"last Saturday", d(2021, 12, 4), Day, true}}},
		{"Talks resume tomorrow, officials said tonight.", crisisDate,
			[]want{{"tomorrow", d(2021, 12, 12), Day, true}, {"tonight", crisisDate, Day, true}}},
		{"Moscow rejected the offer last week.", crisisDate, []want{{"last week", d(2021, 11, 29), Week, true}}},
		{"Kyiv expects sanctions this week.", crisisDate, []want{{"this week", d(2021, 12, 6), Week, true}}},
		{"NATO met last month and will meet next year.", crisisDate,
			[]want{{"last month", d(2021, 11, 1), Month, true}, {"next year", d(2022, 1, 1), Year, true}}},
		{"The talks collapsed last year.", crisisDate, []want{{"last year", d(2020, 1, 1), Year, true}}},
		{"The shelling started five days ago.", crisisDate, []want{{"five days ago", d(2021, 12, 6), Day, true}}},
		{"The shelling started 3 days ago.", crisisDate, []want{{"3 days ago", d(2021, 12, 8), Day, true}}},
		{"Troops massed two weeks ago.", crisisDate, []want{{"two weeks ago", d(2021, 11, 22), Week, true}}},
		{"The treaty was signed twenty years ago.", crisisDate, []want{{"twenty years ago", d(2001, 1, 1), Year, true}}},
		{"Kyiv asked for help earlier this month.", crisisDate, []want{{"earlier this month", d(2021, 12, 1), Month, true}}},
		{"Protests spread last weekend and will resume this weekend.", crisisDate,
			[]want{{"last weekend", d(2021, 12, 4), Day, true}, {"this weekend", d(2021, 12, 11), Day, true}}},
		{"The strike killed 12 people 48 hours ago.", crisisDate, []want{{"48 hours ago", d(2021, 12, 9), Day, true}}},
		{"He arrived two hours ago.", crisisDate, nil},
		{"On the last day of the talks, nothing was agreed.", crisisDate, nil},
		{"Shots were heard last night.", crisisDate, []want{{"last night", d(2021, 12, 10), Day, true}}},
		{"Putin visited Crimea last March.", crisisDate, []want{{"last March", d(2021, 3, 1), Month, true}}},
		{"He was charged in 2023 and again in January of this year.", d(2025, 3, 14),
			[]want{{"2023", d(2023, 1, 1), Year, false}, {"January of this year", d(2025, 1, 1), Month, true}}},
		{"The party has governed since winning power in July last year.", d(2025, 3, 14),
			[]want{{"July last year", d(2024, 7, 1), Month, true}}},
		{"The call of Dec. 7 last year was tense.", d(2022, 3, 1), []want{{"Dec. 7 last year", d(2021, 12, 7), Day, true}}},

		// Anchored on another event.
		{"A week later, the talks collapsed.", crisisDate, []want{{"A week later", time.Time{}, Week, false}}},
		{"Two days earlier, troops had massed.", crisisDate, []want{{"Two days earlier", time.Time{}, Day, false}}},

		// Traps.
		{"Russia may invade Ukraine.", crisisDate, nil},
		{"May God protect Ukraine.", crisisDate, nil},
		{"Russia May Invade, the headline said.", crisisDate, nil},
		{"Thousands joined a march on Kyiv.", crisisDate, nil},
		{"March on Kyiv, the protesters chanted.", crisisDate, nil},
		{"The Sunday Times reported the plan.", crisisDate, nil},
		{"Sunday Times reporters saw the convoy.", crisisDate, nil},
		{"A 69-year-old man and 2014 troops were seen.", crisisDate, nil},
		{"Russia has 95,000 troops and 1,200 tanks.", crisisDate, nil},
		{"He was 31 years old and served 9 years in prison.", crisisDate, nil},
		{"The 7 soldiers and 12 officers were freed.", crisisDate, nil},
		{"Dec was his nickname.", crisisDate, nil},
		{"A total of 2014 troops and a force of 1500 men crossed.", crisisDate, nil},
		{"USA Today reported the attack.", crisisDate, nil},
		{"Marchers remembered Bloody Sunday and shoppers Black Friday.", crisisDate, nil},
	} {
		for _, keepAbbr := range []bool{true, false} {
			toks := tokenize(tc.sentence, keepAbbr)
			got := Find(toks, tc.ref)
			if len(got) != len(tc.want) {
				t.Errorf("%q (abbr %v): got %d expressions %v, want %d", tc.sentence, keepAbbr, len(got), describe(toks, got), len(tc.want))
				continue
			}
			for k, w := range tc.want {
				g := got[k]
				text := spanText(toks, g)
				if !keepAbbr {
					text = strings.ReplaceAll(text, " .", ".")
				}
				if text != w.text || !g.Date.Equal(w.date) || g.Granularity != w.gran || g.Relative != w.rel {
					t.Errorf("%q: expression %d = %q %s %v rel=%v, want %q %s %v rel=%v", tc.sentence, k,
						text, g.Date.Format("2006-01-02"), g.Granularity, g.Relative,
						w.text, w.date.Format("2006-01-02"), w.gran, w.rel)
				}
			}
		}
	}
}

func spanText(toks []redline.Token, e Expr) string {
	var words []string
	for _, t := range toks[e.Start:e.End] {
		words = append(words, t.Form)
	}
	return strings.Join(words, " ")
}

func describe(toks []redline.Token, es []Expr) []string {
	var out []string
	for _, e := range es {
		out = append(out, spanText(toks, e)+"="+e.Date.Format("2006-01-02"))
	}
	return out
}

func TestAnchored(t *testing.T) {
	for _, tc := range []struct {
		sentence string
		days     int
	}{
		{"Three days after Biden read Putin the riot act, Rybakov spoke.", 3},
		{"Two weeks later the troops withdrew.", 14},
		{"Thirty days before the vote, he resigned.", -30},
		{"A day after the summit, shelling resumed.", 1},
		{"10 days later the ceasefire collapsed.", 10},
		{"The day after the summit, shelling resumed.", 1},
		{"Officials had met the day before.", -1},
		{"The following week, troops withdrew.", 7},
		{"Troops withdrew the next day.", 1},
		{"The previous week, talks had failed.", -7},
		{"Forty-eight hours later, nothing had changed.", 0}, // number words stop at thirty: no expression
		{"48 hours later, the talks resumed.", 2},
	} {
		got := Find(tokenize(tc.sentence, true), crisisDate)
		if tc.days == 0 {
			if len(got) != 0 {
				t.Errorf("%q: got %+v, want none", tc.sentence, got)
			}
			continue
		}
		if len(got) != 1 || !got[0].Anchor || got[0].AfterDays != tc.days || !got[0].Date.IsZero() {
			t.Errorf("%q: got %+v, want one anchored expression of %d days", tc.sentence, got, tc.days)
			continue
		}
		if r := ShiftDays(d(2021, 12, 7), got[0].AfterDays); !r.Equal(d(2021, 12, 7).AddDate(0, 0, tc.days)) {
			t.Errorf("ShiftDays = %v", r)
		}
	}
}

// TestZeroRef: without a document date, relative expressions come back
// unresolved and absolute ones resolved.
func TestZeroRef(t *testing.T) {
	toks := tokenize("Rybakov said Friday that the March 1, 2014 annexation and the Dec. 7 call mattered.", true)
	got := Find(toks, time.Time{})
	if len(got) != 3 {
		t.Fatalf("got %v", describe(toks, got))
	}
	if !got[0].Date.IsZero() || !got[0].Relative {
		t.Errorf("Friday: %+v", got[0])
	}
	if !got[1].Date.Equal(d(2014, 3, 1)) || got[1].Relative {
		t.Errorf("March 1, 2014: %+v", got[1])
	}
	if !got[2].Date.IsZero() || !got[2].Relative {
		t.Errorf("Dec. 7: %+v", got[2])
	}
}

// TestFormOnly: tokens without Lower (an untagged caller) are read from Form.
func TestFormOnly(t *testing.T) {
	toks := tokenize("Rybakov said Friday that Putin spoke Dec. 7 and three days ago.", true)
	for i := range toks {
		toks[i].Lower = ""
	}
	got := Find(toks, crisisDate)
	if len(got) != 3 || !got[0].Date.Equal(d(2021, 12, 10)) || !got[1].Date.Equal(d(2021, 12, 7)) || !got[2].Date.Equal(d(2021, 12, 8)) {
		t.Errorf("got %v", describe(toks, got))
	}
}

func TestFindAppendNoAlloc(t *testing.T) {
	toks := tokenize("Rybakov said Friday at a Moscow press conference that Putin spoke Dec. 7, three days after the March 1, 2014 anniversary.", true)
	dst := make([]Expr, 0, 16)
	allocs := testing.AllocsPerRun(100, func() { dst = FindAppend(dst[:0], toks, crisisDate) })
	if allocs != 0 {
		t.Errorf("FindAppend allocates %.0f times per sentence", allocs)
	}
	if len(dst) != 4 {
		t.Errorf("got %v", describe(toks, dst))
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Putin spoke Dec. 7, 2021 and Friday.", "March 1, 2014", "2021-12-07", "12/7/2021",
		"three days after", "last week", "May 5", "mid-December", "7th of December 2021", "2021 - 12 - 07",
		"this coming Friday", "Tuesday , Dec. 7", "1/1/", "9999-99-99", "a day",
	} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, split bool) {
		toks := tokenize(s, !split)
		for _, ref := range []time.Time{crisisDate, {}} {
			prev := 0
			for _, e := range Find(toks, ref) {
				if e.Start < prev || e.Start >= e.End || e.End > len(toks) {
					t.Fatalf("%q: bad span [%d,%d) of %d tokens (previous end %d)", s, e.Start, e.End, len(toks), prev)
				}
				prev = e.End
				if e.Anchor && !e.Date.IsZero() {
					t.Fatalf("%q: anchored expression with a date", s)
				}
				if !e.Date.IsZero() && (e.Date.Hour() != 0 || e.Date.Location() != time.UTC) {
					t.Fatalf("%q: date %v is not UTC midnight", s, e.Date)
				}
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	var toks []redline.Token
	for _, s := range []string{
		"Well, three days after Biden read Putin the riot act, Russia's Deputy Foreign Minister Sergei Rybakov said Friday at a Moscow press conference that he expected the U.S. delegation to follow up on Putin's request for legal guarantees that Ukraine would not join NATO.",
		"Western officials have been sanctioning the Russian Federation since Putin invaded and annexed the Crimean Peninsula March 1, 2014, a response to a Feb. 22, 2014 coup d'etat by CIA-backed, pro-Democracy forces led by former heavyweight boxer Vitali Klitschko.",
		"Zelensky claims that some 14,000 Ukrainians have died in fighting between pro-Russian separatists and the Kiev military.",
	} {
		toks = append(toks, tokenize(s, true)...)
	}
	dst := make([]Expr, 0, 16)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dst = FindAppend(dst[:0], toks, crisisDate)
	}
	b.ReportMetric(float64(b.N*len(toks))/b.Elapsed().Seconds(), "tokens/s")
}
