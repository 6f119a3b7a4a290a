package timex

import "time"

// afterAbbr returns the index after a month word at i, skipping the period
// of an abbreviation when the tokenizer split it off ("Dec" ".").
func (f *finder) afterAbbr(i int, k kind) int {
	w := f.word(i)
	if k == kMonthAbbr && w[len(w)-1] != '.' && i+1 < len(f.toks) && f.toks[i+1].Form == "." && f.adjacent(i) {
		return i + 2
	}
	return i + 1
}

// monthAt returns the month named by token i when it is a capitalized month
// word: month names are proper nouns, which is what separates "May 5" and
// "March 1" from "may invade" and "a march on Kyiv".
func (f *finder) monthAt(i int) (time.Month, kind, bool) {
	e := f.lookup(i)
	if (e.kind != kMonth && e.kind != kMonthAbbr) || !f.capitalized(i) {
		return 0, kNone, false
	}
	return time.Month(e.val), e.kind, true
}

// monthFirst matches "March 1, 2014", "Feb. 22, 2014", "Dec. 7",
// "December 2021", "March of 2014" and, after a cue ("in December",
// "since March"), a month alone.
func (f *finder) monthFirst(i int) (Expr, bool) {
	m, k, ok := f.monthAt(i)
	if !ok {
		return Expr{}, false
	}
	j := f.afterAbbr(i, k)
	if d, ok := f.dayNumber(j); ok {
		return f.monthDay(i, j+1, m, d)
	}
	y := j
	if f.is(y, kOf) {
		y++
	}
	if yr, ok := f.year(y); ok {
		return Expr{Start: i, End: y + 1, Date: date(yr, m, 1), Granularity: Month}, true
	}
	if k == kMonth {
		if yr, end, ok := f.yearPhrase(j); ok { // "January of this year", "July last year"
			return f.relativeYear(i, end, date(yr, m, 1), Month), true
		}
	}
	// A month alone must follow a cue: "May" and "March" open sentences as
	// a verb or a name far more often than as a date.
	if k == kMonth && f.monthCue(i-1) {
		return f.monthAlone(i, i+1, m)
	}
	if k == kMonth && f.midPrefix(i) {
		return f.monthAlone(i-2, i+1, m)
	}
	return Expr{}, false
}

// monthDay completes a month and day whose tokens end before j with an
// optional ", 2014"; without a year it takes the document's (see inferDay).
func (f *finder) monthDay(start, j int, m time.Month, d int) (Expr, bool) {
	k := j
	if f.form(k) == "," {
		k++
	}
	if y, ok := f.year(k); ok && validDay(y, m, d) {
		return Expr{Start: start, End: k + 1, Date: date(y, m, d), Granularity: Day}, true
	}
	if !validDay(2000, m, d) { // a leap year, so that Feb. 29 passes
		return Expr{}, false
	}
	if y, end, ok := f.yearPhrase(j); ok && (!f.hasRef || validDay(y, m, d)) { // "Dec. 7 last year"
		return f.relativeYear(start, end, date(y, m, d), Day), true
	}
	return Expr{Start: start, End: j, Date: f.inferDay(m, d), Granularity: Day, Relative: true}, true
}

// yearPhrase matches "last year", "this year", "next year", optionally
// after "of", at j, and returns the year it names.
func (f *finder) yearPhrase(j int) (year, end int, ok bool) {
	if f.is(j, kOf) {
		j++
	}
	e := f.lookup(j)
	if u := f.lookup(j + 1); u.kind != kUnit || Granularity(u.val) != Year || f.word(j+1) != "year" {
		return 0, 0, false
	}
	switch e.kind {
	case kLast:
		return f.ref.Year() - 1, j + 2, true
	case kThis:
		return f.ref.Year(), j + 2, true
	case kNext:
		return f.ref.Year() + 1, j + 2, true
	}
	return 0, 0, false
}

// relativeYear returns an expression dated t, whose year came from the
// document date; zero when there is none.
func (f *finder) relativeYear(start, end int, t time.Time, g Granularity) Expr {
	x := Expr{Start: start, End: end, Granularity: g, Relative: true}
	if f.hasRef {
		x.Date = t
	}
	return x
}

// inferDay dates a day without a year: the latest such day not after the
// document date plus futureSlack.
func (f *finder) inferDay(m time.Month, d int) time.Time {
	if !f.hasRef {
		return time.Time{}
	}
	limit := f.ref.AddDate(0, 0, futureSlack)
	for y := f.ref.Year() + 1; y >= f.ref.Year()-4; y-- {
		if t := date(y, m, d); validDay(y, m, d) && !t.After(limit) {
			return t
		}
	}
	return time.Time{}
}

// dayFirst matches "7 December 2021", "7 December", "7th of December".
func (f *finder) dayFirst(i int) (Expr, bool) {
	d, ok := f.dayNumber(i)
	if !ok {
		return Expr{}, false
	}
	j := i + 1
	if f.is(j, kOf) {
		j++
	}
	m, k, ok := f.monthAt(j)
	if !ok {
		return Expr{}, false
	}
	return f.monthDay(i, f.afterAbbr(j, k), m, d)
}

// monthCue reports whether token p makes a following month name a date
// ("in", "since", "early", "of", ...).
func (f *finder) monthCue(p int) bool {
	e := f.lookup(p)
	return (e.kind == kYearCue && e.val == 0) || e.kind == kOf
}

// monthAlone dates a month without a year: the latest such month that has
// begun by the document date.
func (f *finder) monthAlone(start, end int, m time.Month) (Expr, bool) {
	x := Expr{Start: start, End: end, Granularity: Month, Relative: true}
	if f.hasRef {
		y := f.ref.Year()
		if m > f.ref.Month() {
			y--
		}
		x.Date = date(y, m, 1)
	}
	return x, true
}

// bareYear matches a four-digit year after a cue: "in 2014", "since 2014",
// "between 2014 and 2016". Without a cue a number is a count ("2014
// troops").
func (f *finder) bareYear(i int) (Expr, bool) {
	y, ok := f.year(i)
	if !ok || i == 0 {
		return Expr{}, false
	}
	if f.midPrefix(i) {
		return Expr{Start: i - 2, End: i + 1, Date: date(y, 1, 1), Granularity: Year}, true
	}
	if f.is(i+1, kEventNoun) && isDeterminer(f.word(i-1)) {
		return Expr{Start: i, End: i + 1, Date: date(y, 1, 1), Granularity: Year}, true // "the 2014 invasion"
	}
	e := f.lookup(i - 1)
	cue := (e.kind == kYearCue && (e.val == 0 || f.isYear(i-2))) || (e.kind == kOf && !quantityNoun(f.word(i-2))) ||
		((e.kind == kLater || e.kind == kEarlier) && (f.word(i-1) == "after" || f.word(i-1) == "before")) ||
		(e.kind == kUnit && Granularity(e.val) == Year && f.word(i-1) == "year") // "the year 2014"
	if !cue {
		return Expr{}, false
	}
	return Expr{Start: i, End: i + 1, Date: date(y, 1, 1), Granularity: Year}, true
}

func (f *finder) isYear(i int) bool {
	_, ok := f.year(i)
	return ok
}

// midPrefix reports whether token i follows "mid" "-" split off by the
// tokenizer ("mid" "-" "2014").
func (f *finder) midPrefix(i int) bool {
	return i >= 2 && f.form(i-1) == "-" && f.adjacent(i-2) && f.adjacent(i-1) &&
		(f.word(i-2) == "mid" || f.word(i-2) == "Mid")
}

// midToken handles single tokens "mid-December" and "mid-2014".
func (f *finder) midToken(i int, rest string) (Expr, bool) {
	if e, ok := lexicon[rest]; ok && e.kind == kMonth {
		return f.monthAlone(i, i+1, time.Month(e.val))
	}
	if len(rest) == 4 {
		y := 0
		for k := 0; k < 4; k++ {
			c := rest[k]
			if c < '0' || c > '9' {
				return Expr{}, false
			}
			y = y*10 + int(c-'0')
		}
		if y >= 1800 && y < 2200 {
			return Expr{Start: i, End: i + 1, Date: date(y, 1, 1), Granularity: Year}, true
		}
	}
	return Expr{}, false
}

// numeric matches ISO "2021-12-07" and US "12/7/2021" or "12/7/21", as one
// token or as touching tokens ("2021" "-" "12" "-" "07").
func (f *finder) numeric(i int) (Expr, bool) {
	var buf [10]byte
	n, j := 0, i
	for j < len(f.toks) {
		w := f.word(j)
		if n+len(w) > len(buf) {
			break
		}
		numeric := true
		for k := 0; k < len(w); k++ {
			if c := w[k]; (c < '0' || c > '9') && c != '-' && c != '/' {
				numeric = false
				break
			}
		}
		if !numeric {
			if j == i {
				return Expr{}, false
			}
			break // a touching period or comma ends the date
		}
		n += copy(buf[n:], w)
		j++
		if j == len(f.toks) || !f.adjacent(j-1) {
			break
		}
	}
	var parts [3]int
	var widths [3]int
	p, sep := 0, byte(0)
	for k := 0; k < n; k++ {
		c := buf[k]
		if c == '-' || c == '/' {
			if (sep != 0 && c != sep) || widths[p] == 0 || p == 2 {
				return Expr{}, false
			}
			sep = c
			p++
			continue
		}
		parts[p] = parts[p]*10 + int(c-'0')
		widths[p]++
	}
	if p != 2 || widths[2] == 0 {
		return Expr{}, false
	}
	var y, m, d int
	switch {
	case sep == '-' && widths[0] == 4 && widths[1] <= 2 && widths[2] <= 2:
		y, m, d = parts[0], parts[1], parts[2]
	case sep == '/' && widths[0] == 4 && widths[1] <= 2 && widths[2] <= 2: // 2021/12/07
		y, m, d = parts[0], parts[1], parts[2]
	case sep == '/' && widths[0] <= 2 && widths[1] <= 2 && (widths[2] == 4 || widths[2] == 2):
		m, d, y = parts[0], parts[1], parts[2]
		if widths[2] == 2 {
			y += 2000
		}
	default:
		return Expr{}, false
	}
	if y < 1800 || y >= 2200 || m < 1 || m > 12 || !validDay(y, time.Month(m), d) {
		return Expr{}, false
	}
	return Expr{Start: i, End: j, Date: date(y, time.Month(m), d), Granularity: Day}, true
}

// weekday matches a weekday at i, the expression starting at start (before
// a modifier such as "last" or "this coming"), with an optional part of the
// day ("Monday night") or a following full date ("Tuesday, Dec. 7").
func (f *finder) weekday(start, i int, mod kind) (Expr, bool) {
	wd := time.Weekday(f.lookup(i).val)
	next := i + 1
	if mod == kNone && f.capitalized(next) && !f.is(next, kPartOfDay) {
		// A weekday before another capitalized word opening the sentence or
		// after an article names something: "the Sunday Times".
		if _, _, isMonth := f.monthAt(next); !isMonth && (i == 0 || isArticle(f.word(i-1))) {
			return Expr{}, false
		}
	}
	if mod == kNone && namedDay(f.form(i-1)) {
		return Expr{}, false // "Bloody Sunday", "Black Friday": a name, not the latest such day
	}
	j := next
	if f.form(j) == "," {
		j++
	}
	if _, _, ok := f.monthAt(j); ok {
		if x, ok := f.monthFirst(j); ok && x.Granularity == Day {
			x.Start = start
			return x, true
		}
	}
	if x, ok := f.dayFirst(j); ok {
		x.Start = start
		return x, true
	}
	end := next
	if f.is(end, kPartOfDay) {
		end++
	}
	x := Expr{Start: start, End: end, Granularity: Day, Relative: true}
	if !f.hasRef {
		return x, true
	}
	back := (int(f.ref.Weekday()) - int(wd) + 7) % 7 // days since the latest such weekday
	if mod == kNone && f.futureCue(start) {
		mod = kComing
	}
	switch mod {
	case kNone:
		x.Date = f.ref.AddDate(0, 0, -back)
	case kComing: // on or after the document date
		x.Date = f.ref.AddDate(0, 0, (int(wd)-int(f.ref.Weekday())+7)%7)
	case kLast:
		if back == 0 {
			back = 7
		}
		x.Date = f.ref.AddDate(0, 0, -back)
	case kNext:
		fwd := (int(wd) - int(f.ref.Weekday()) + 7) % 7
		if fwd == 0 {
			fwd = 7
		}
		x.Date = f.ref.AddDate(0, 0, fwd)
	case kThis: // the same Monday-to-Sunday week as the document
		x.Date = f.weekStart(f.ref).AddDate(0, 0, (int(wd)+6)%7)
	}
	return x, true
}

// futureCue reports whether the verb before a bare weekday at i is in the
// future ("will meet Friday", "is set to vote Friday", "are scheduled to
// sign on Monday"), in which case the weekday is the coming one rather than
// the latest. The search stops at a reporting verb ("said Friday that ...
// will") or a clause boundary.
func (f *finder) futureCue(i int) bool {
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		switch f.word(k) {
		case "will", "'ll", "shall", "wo":
			return true
		case "scheduled", "set", "due", "slated", "expected", "planned", "plans", "plan":
			if w := f.word(k + 1); w == "to" || w == "for" {
				return true
			}
		case "said", "says", "told", "announced", "reported", "added", ",", ";", ":", ".", "that":
			return false
		}
	}
	return false
}

// isDeterminer reports whether w can open a noun phrase whose head an
// event noun is ("the 2014 invasion", "Russia's 2014 annexation").
func isDeterminer(w string) bool {
	switch w {
	case "the", "The", "a", "A", "an", "its", "his", "her", "their", "our", "this", "that", "'s", "s'":
		return true
	}
	return false
}

// quantityNoun reports whether "w of N" counts rather than dates ("a total
// of 2014 troops", but "the summer of 2014").
func quantityNoun(w string) bool {
	switch w {
	case "total", "number", "sum", "maximum", "minimum", "average", "force", "group", "crowd",
		"contingent", "fleet", "team", "population", "toll", "tally", "count", "sample":
		return true
	}
	return false
}

// namedDay reports whether w before a weekday makes a name of it.
func namedDay(w string) bool {
	switch w {
	case "Black", "Bloody", "Good", "Cyber", "Super", "Ash", "Palm", "Easter", "Holy", "Maundy", "Shrove", "Giving":
		return true
	}
	return false
}

func isArticle(w string) bool { return w == "the" || w == "The" || w == "a" || w == "A" || w == "an" }

func (f *finder) weekStart(t time.Time) time.Time {
	return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
}

// deixis matches "today", "tonight", "yesterday", "tomorrow", with an
// optional part of the day ("yesterday morning").
func (f *finder) deixis(i int) (Expr, bool) {
	if i > 0 && f.capitalized(i) && f.capitalized(i-1) {
		return Expr{}, false // a name: "USA Today"
	}
	end := i + 1
	if f.is(end, kPartOfDay) {
		end++
	}
	x := Expr{Start: i, End: end, Granularity: Day, Relative: true}
	if f.hasRef {
		x.Date = f.ref.AddDate(0, 0, f.lookup(i).val)
	}
	return x, true
}

// modified matches last/next/this followed by a weekday ("last Friday",
// "this coming Friday"), a unit ("last week", "next year"), a month ("last
// March") or a part of the day ("last night", "this morning").
func (f *finder) modified(i int, mod kind) (Expr, bool) {
	e := f.lookup(i + 1)
	switch e.kind {
	case kComing:
		if mod == kThis && f.is(i+2, kWeekday) {
			return f.weekday(i, i+2, kNext)
		}
		if u := f.lookup(i + 2); mod == kThis && u.kind == kUnit && Granularity(u.val) != Day {
			return f.period(i, i+3, Granularity(u.val), 1), true // "this coming week"
		}
	case kWeekday:
		return f.weekday(i, i+1, mod)
	case kWeekend:
		// The weekend is dated by its Saturday.
		sat := 0
		switch mod {
		case kLast:
			sat = -7
		case kNext:
			sat = 7
		}
		x := Expr{Start: i, End: i + 2, Granularity: Day, Relative: true}
		if f.hasRef {
			x.Date = f.weekStart(f.ref).AddDate(0, 0, 5+sat)
		}
		return x, true
	case kUnit:
		if g := Granularity(e.val); f.word(i-1) == "the" && (f.word(i) == "previous" || (mod == kNext && g == Day)) {
			// "the previous week", "the next day" count from another event.
			n := 1
			if mod == kLast {
				n = -1
			}
			return anchored(i-1, i+2, g, n), true
		}
		if g := Granularity(e.val); g != Day {
			off := 0
			switch mod {
			case kLast:
				off = -1
			case kNext:
				off = 1
			}
			return f.period(i, i+2, g, off), true
		}
	case kMonth:
		if !f.capitalized(i + 1) {
			break
		}
		m := time.Month(e.val)
		x := Expr{Start: i, End: i + 2, Granularity: Month, Relative: true}
		if f.hasRef {
			y := f.ref.Year()
			switch {
			case mod == kLast && m >= f.ref.Month():
				y--
			case mod == kNext && m <= f.ref.Month():
				y++
			}
			x.Date = date(y, m, 1)
		}
		return x, true
	case kPartOfDay:
		off := 0
		switch {
		case mod == kLast:
			off = -1
		case mod == kNext:
			return Expr{}, false // "next morning" counts from another event
		}
		x := Expr{Start: i, End: i + 2, Granularity: Day, Relative: true}
		if f.hasRef {
			x.Date = f.ref.AddDate(0, 0, off)
		}
		return x, true
	}
	return Expr{}, false
}

// period returns the week, month or year containing the document date,
// shifted by off periods.
func (f *finder) period(start, end int, g Granularity, off int) Expr {
	x := Expr{Start: start, End: end, Granularity: g, Relative: true}
	if !f.hasRef {
		return x
	}
	y, m, _ := f.ref.Date()
	switch g {
	case Week:
		x.Date = f.weekStart(f.ref).AddDate(0, 0, 7*off)
	case Month:
		x.Date = date(y, m+time.Month(off), 1)
	case Year:
		x.Date = date(y+off, 1, 1)
	}
	return x
}

// withinPeriod matches "earlier this month", "later this week", "earlier
// today".
func (f *finder) withinPeriod(i int) (Expr, bool) {
	if f.is(i+1, kThis) {
		if e := f.lookup(i + 2); e.kind == kUnit && Granularity(e.val) != Day {
			return f.period(i, i+3, Granularity(e.val), 0), true
		}
	}
	if e := f.lookup(i + 1); e.kind == kDeixis && e.val == 0 {
		x := Expr{Start: i, End: i + 2, Granularity: Day, Relative: true}
		if f.hasRef {
			x.Date = f.ref
		}
		return x, true
	}
	return Expr{}, false
}

// theUnit matches "the day after", "the day before" and "the following
// day/week", which count from another event; i is at "day" or "following".
func (f *finder) theUnit(i int) (Expr, bool) {
	if f.word(i-1) != "the" {
		return Expr{}, false
	}
	if f.is(i, kFollowing) {
		if u := f.lookup(i + 1); u.kind == kUnit {
			return anchored(i-1, i+2, Granularity(u.val), 1), true
		}
		return Expr{}, false
	}
	if u := f.lookup(i); Granularity(u.val) == Day {
		switch f.word(i + 1) {
		case "after":
			return anchored(i-1, i+2, Day, 1), true
		case "before":
			return anchored(i-1, i+2, Day, -1), true
		}
	}
	return Expr{}, false
}

// unitDays is the length in days of each granularity, for anchored offsets.
var unitDays = [...]int{Day: 1, Week: 7, Month: 30, Year: 365}

func anchored(start, end int, g Granularity, n int) Expr {
	return Expr{Start: start, End: end, Granularity: g, Anchor: true, AfterDays: n * unitDays[g]}
}

// counted matches "three days ago" (resolved from the document date) and
// "three days after", "a week later", "two days earlier" (anchored on
// another event).
func (f *finder) counted(i, n int) (Expr, bool) {
	u := f.lookup(i + 1)
	if u.kind == kHours && n >= 24 && n%24 == 0 { // "48 hours ago": whole days only
		u, n = entry{kUnit, int(Day)}, n/24
	}
	if u.kind != kUnit || n <= 0 {
		return Expr{}, false
	}
	g := Granularity(u.val)
	switch f.lookup(i + 2).kind {
	case kAgo:
		x := Expr{Start: i, End: i + 3, Granularity: g, Relative: true}
		if f.hasRef {
			switch g {
			case Day:
				x.Date = f.ref.AddDate(0, 0, -n)
			case Week:
				x.Date = f.weekStart(f.ref.AddDate(0, 0, -7*n))
			case Month:
				y, m, _ := f.ref.Date()
				x.Date = date(y, m-time.Month(n), 1)
			case Year:
				x.Date = date(f.ref.Year()-n, 1, 1)
			}
		}
		return x, true
	case kLater, kEarlier:
		if f.lookup(i+2).kind == kEarlier {
			n = -n
		}
		return anchored(i, i+3, g, n), true
	}
	return Expr{}, false
}
