// Package timex finds temporal expressions in a sentence's tokens and
// resolves them to dates against the document's date: absolute dates
// ("March 1, 2014", "Dec. 7", "2021-12-07"), relative ones ("Friday",
// "yesterday", "last week", "three days ago") and anchored ones ("three days
// after"), which the coder resolves against another event's date.
//
// Weekdays resolve to the latest such day on or before the document date
// ("said Friday"), unless a modifier ("next Friday", "this coming Friday",
// "last Friday") or a future verb before them ("will meet Friday", "is set
// to vote Monday") points forward. Dates without a year take the latest such
// day not after the document date plus a week; months without a year the
// latest that has begun.
//
// It works on tokens, not on text, so that expressions carry token indices
// the coder can attach to predicates, and it looks every word up in one
// lower-cased table instead of running regular expressions: the common path
// allocates nothing.
package timex

import (
	"time"

	"github.com/redline-events/redline"
)

// Granularity is the precision of a resolved date.
type Granularity uint8

const (
	Day   Granularity = iota // a calendar day
	Week                     // a week; Date is its Monday
	Month                    // a month; Date is its first day
	Year                     // a year; Date is 1 January
)

func (g Granularity) String() string {
	switch g {
	case Day:
		return "day"
	case Week:
		return "week"
	case Month:
		return "month"
	case Year:
		return "year"
	}
	return "unknown"
}

// Expr is one temporal expression.
type Expr struct {
	Start, End int // token indices within the sentence [Start, End)
	// Date is the resolved day at UTC midnight; zero when the expression is
	// relative and there is no document date, or when it is anchored.
	Date        time.Time
	Granularity Granularity
	// Relative is set when Date was resolved from the document date
	// ("Friday", "yesterday", and dates without a year such as "Dec. 7")
	// rather than read whole from the text.
	Relative bool
	// Anchor is set for expressions that count from another event ("three
	// days after", "a week later", "two days earlier"): Date is zero and
	// AfterDays is the signed offset in days (negative for before/earlier;
	// months count 30 days, years 365). The coder resolves it with ShiftDays.
	Anchor    bool
	AfterDays int
}

// ShiftDays returns base moved by n days (n may be negative), keeping it at
// midnight of its day.
func ShiftDays(base time.Time, n int) time.Time {
	if base.IsZero() {
		return base
	}
	return base.AddDate(0, 0, n)
}

// futureSlack is how far after the document date a date without a year may
// fall and still be read in the document's year: news announces meetings a
// few days ahead ("talks on Dec. 14" written on Dec. 11), but "Dec. 20"
// written on Jan. 3 is last December.
const futureSlack = 7

// Find returns the temporal expressions in one sentence's tokens (Form or
// Lower set; tags may be absent), resolved against ref, the document date.
// With a zero ref, relative expressions are returned with a zero Date.
func Find(toks []redline.Token, ref time.Time) []Expr {
	return FindAppend(nil, toks, ref)
}

// FindAppend is Find appending into dst, for callers that reuse a buffer
// (no allocation when dst has room).
func FindAppend(dst []Expr, toks []redline.Token, ref time.Time) []Expr {
	f := finder{toks: toks}
	if !ref.IsZero() {
		y, m, d := ref.Date()
		f.ref = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		f.hasRef = true
	}
	for i := 0; i < len(toks); {
		if e, ok := f.match(i); ok {
			dst = append(dst, e)
			i = e.End
			continue
		}
		i++
	}
	return dst
}

type finder struct {
	toks   []redline.Token
	ref    time.Time
	hasRef bool
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// word returns the lower-cased text of token i (its Form when Lower is not
// set), or "" outside the sentence.
func (f *finder) word(i int) string {
	if i < 0 || i >= len(f.toks) {
		return ""
	}
	t := &f.toks[i]
	if t.Lower != "" {
		return t.Lower
	}
	return t.Form
}

// lookup returns the lexicon entry of token i.
func (f *finder) lookup(i int) entry {
	if i < 0 || i >= len(f.toks) {
		return entry{}
	}
	w := f.word(i)
	if e, ok := lexicon[w]; ok || f.toks[i].Lower != "" {
		return e
	}
	// Only Form is set: lower-case ASCII into a stack buffer. The
	// map[string(bytes)] lookup does not allocate.
	var buf [24]byte
	if len(w) > len(buf) {
		return entry{}
	}
	for k := 0; k < len(w); k++ {
		c := w[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k] = c
	}
	return lexicon[string(buf[:len(w)])]
}

func (f *finder) is(i int, k kind) bool { return f.lookup(i).kind == k }

// capitalized reports whether token i starts with an upper-case ASCII letter.
func (f *finder) capitalized(i int) bool {
	if i < 0 || i >= len(f.toks) {
		return false
	}
	s := f.toks[i].Form
	return s != "" && 'A' <= s[0] && s[0] <= 'Z'
}

func (f *finder) form(i int) string {
	if i < 0 || i >= len(f.toks) {
		return ""
	}
	return f.toks[i].Form
}

// number parses token i as an unsigned decimal integer of at most maxDigits
// digits, with an ordinal suffix ("7th", "22nd") when ordinal is set.
func (f *finder) number(i, maxDigits int, ordinal bool) (int, bool) {
	if i < 0 || i >= len(f.toks) {
		return 0, false
	}
	s := f.word(i)
	n, k := 0, 0
	for k < len(s) && '0' <= s[k] && s[k] <= '9' {
		n = n*10 + int(s[k]-'0')
		k++
	}
	if k == 0 || k > maxDigits {
		return 0, false
	}
	if k == len(s) {
		return n, true
	}
	if ordinal && len(s)-k == 2 {
		switch s[k:] {
		case "st", "nd", "rd", "th":
			return n, true
		}
	}
	return 0, false
}

// dayNumber parses token i as a day of the month (1-31, ordinal allowed).
func (f *finder) dayNumber(i int) (int, bool) {
	d, ok := f.number(i, 2, true)
	return d, ok && d >= 1 && d <= 31
}

// year parses token i as a four-digit year we accept (1800-2199).
func (f *finder) year(i int) (int, bool) {
	y, ok := f.number(i, 4, false)
	return y, ok && y >= 1800 && y < 2200 && len(f.word(i)) == 4
}

// validDay reports whether d exists in month m of year y.
func validDay(y int, m time.Month, d int) bool {
	return d >= 1 && date(y, m, d).Day() == d
}

// adjacent reports whether tokens i and i+1 touch in the text. Tokens
// without offsets (made by hand) are taken as separate words.
func (f *finder) adjacent(i int) bool {
	a, b := &f.toks[i], &f.toks[i+1]
	return a.End != 0 && a.End == b.Start
}

func (f *finder) match(i int) (Expr, bool) {
	e := f.lookup(i)
	switch e.kind {
	case kMonth, kMonthAbbr:
		return f.monthFirst(i)
	case kWeekday:
		return f.weekday(i, i, kNone)
	case kDeixis:
		return f.deixis(i)
	case kLast, kNext, kThis:
		return f.modified(i, e.kind)
	case kEarlier, kLater:
		return f.withinPeriod(i)
	case kNumber:
		return f.counted(i, e.val)
	case kUnit, kFollowing:
		return f.theUnit(i)
	}
	w := f.word(i)
	if w == "" {
		return Expr{}, false
	}
	if c := w[0]; '0' <= c && c <= '9' {
		if x, ok := f.numeric(i); ok {
			return x, true
		}
		if x, ok := f.dayFirst(i); ok {
			return x, true
		}
		if x, ok := f.bareYear(i); ok {
			return x, true
		}
		if n, ok := f.number(i, 3, false); ok {
			return f.counted(i, n)
		}
		return Expr{}, false
	}
	if len(w) > 4 && (w[:4] == "mid-" || w[:4] == "Mid-") {
		return f.midToken(i, w[4:])
	}
	return Expr{}, false
}
