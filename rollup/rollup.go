// Package rollup holds the rollup cells a Put changes, the numeric
// encodings of their dimensions (days, modes, CAMEO roots) and the identity
// of stored events (dedup key, public id). The sqlite and postgres stores
// must write the same rows and ids for the same documents, so what does not
// depend on the engine is kept here once; the SQL stays in each store.
package rollup

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/redline-events/redline"
)

// Key is a cell of the actor rollup: a dyad of actor rows, an anchor day, a
// CAMEO root and a mode.
type Key struct{ Src, Tgt, Day, Root, Mode int64 }

// Counts are the sums of an actor rollup cell.
type Counts struct {
	Events, Mentions int64
	GSum, CSum       float64
}

// CountryKey is a cell of the country rollup: a dyad of countries ("" when
// unknown), an anchor day and a mode.
type CountryKey struct {
	Src, Tgt  string
	Day, Mode int64
}

// CountryCounts are the sums of a country rollup cell, events by QuadClass
// (Q[1] to Q[4]).
type CountryCounts struct {
	Q          [5]int64
	Mentions   int64
	GSum, CSum float64
}

// Event is what a rollup needs of an event: its dimensions and Goldstein
// score.
type Event struct {
	Day, Src, Tgt, Root, Mode int64
	Goldstein                 float64
}

// Deltas are the changes one Put makes to both rollups, accumulated in
// memory and written once at its end. The zero value is ready to use.
type Deltas struct {
	Roll    map[Key]*Counts
	Country map[CountryKey]*CountryCounts
}

// AddEvent adds (n=1) or removes (n=-1) an event's contribution to the
// rollups, mention counts apart; srcC and tgtC are its actors' countries.
func (d *Deltas) AddEvent(e Event, srcC, tgtC string, n int64, quad redline.QuadClass) {
	r := d.cell(e)
	r.Events += n
	r.GSum += float64(n) * e.Goldstein
	c := Conflict(e.Goldstein)
	r.CSum += float64(n) * c
	cv := d.countryCell(e, srcC, tgtC)
	if quad >= 1 && quad <= 4 {
		cv.Q[quad] += n
	}
	cv.GSum += float64(n) * e.Goldstein
	cv.CSum += float64(n) * c
}

// AddMentions adds n mentions (negative to remove) of an event.
func (d *Deltas) AddMentions(e Event, srcC, tgtC string, n int64) {
	d.cell(e).Mentions += n
	d.countryCell(e, srcC, tgtC).Mentions += n
}

// Conflict is an event's contribution to the conflict sum: the magnitude of
// a negative Goldstein score, 0 for a cooperative one.
func Conflict(g float64) float64 {
	if g < 0 {
		return -g
	}
	return 0
}

func (d *Deltas) cell(e Event) *Counts {
	if d.Roll == nil {
		d.Roll = map[Key]*Counts{}
	}
	k := Key{e.Src, e.Tgt, e.Day, e.Root, e.Mode}
	r := d.Roll[k]
	if r == nil {
		r = &Counts{}
		d.Roll[k] = r
	}
	return r
}

func (d *Deltas) countryCell(e Event, srcC, tgtC string) *CountryCounts {
	if d.Country == nil {
		d.Country = map[CountryKey]*CountryCounts{}
	}
	k := CountryKey{srcC, tgtC, e.Day, e.Mode}
	r := d.Country[k]
	if r == nil {
		r = &CountryCounts{}
		d.Country[k] = r
	}
	return r
}

// Keys are the actor cells with a non-zero change, in key order: upserts in
// that order touch neighbouring index pages together and take row locks in
// the same order in every writer.
func (d *Deltas) Keys() []Key {
	ks := make([]Key, 0, len(d.Roll))
	for k, v := range d.Roll {
		if v.Events != 0 || v.Mentions != 0 || v.GSum != 0 || v.CSum != 0 {
			ks = append(ks, k)
		}
	}
	slices.SortFunc(ks, func(a, b Key) int {
		return cmp.Or(cmp.Compare(a.Src, b.Src), cmp.Compare(a.Tgt, b.Tgt), cmp.Compare(a.Day, b.Day),
			cmp.Compare(a.Root, b.Root), cmp.Compare(a.Mode, b.Mode))
	})
	return ks
}

// CountryKeys are all the country cells the Put touched, in key order (see
// Keys).
func (d *Deltas) CountryKeys() []CountryKey {
	ks := make([]CountryKey, 0, len(d.Country))
	for k := range d.Country {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, func(a, b CountryKey) int {
		return cmp.Or(strings.Compare(a.Src, b.Src), strings.Compare(a.Tgt, b.Tgt), cmp.Compare(a.Day, b.Day),
			cmp.Compare(a.Mode, b.Mode))
	})
	return ks
}

// IsCountry says whether a series side names a country (three letters, or
// nothing), served by the country rollup, rather than an actor-code prefix.
func IsCountry(s string) bool { return len(s) == 3 || s == "" }

// Day is the number of days since 1970-01-01 of t's UTC date.
func Day(t time.Time) int64 {
	u := t.Unix()
	if u < 0 {
		return (u - 86399) / 86400
	}
	return u / 86400
}

// DayTime is midnight UTC of day d; it inverts Day.
func DayTime(d int64) time.Time { return time.Unix(d*86400, 0).UTC() }

var modes = []redline.Mode{redline.Asserted, redline.Negated, redline.Hypothetical, redline.Future}

// ModeNum maps a mode to its stored number; the empty mode is asserted.
func ModeNum(m redline.Mode) (int64, bool) {
	if m == "" {
		return 0, true
	}
	for i, x := range modes {
		if x == m {
			return int64(i), true
		}
	}
	return 0, false
}

// ModeOf inverts ModeNum; an unknown number reads as asserted.
func ModeOf(n int64) redline.Mode {
	if n >= 0 && int(n) < len(modes) {
		return modes[n]
	}
	return redline.Asserted
}

// RootNum is the CAMEO root as a number ("14" → 14), 0 when not numeric.
func RootNum(c redline.Code) int64 {
	r := c.Root()
	if len(r) != 2 || r[0] < '0' || r[0] > '9' || r[1] < '0' || r[1] > '9' {
		return 0
	}
	return int64(r[0]-'0')*10 + int64(r[1]-'0')
}

// QuadOfRoot is CAMEO's QuadClass by root: 01–05 verbal cooperation, 06–08
// material cooperation, 09–13 verbal conflict, 14–20 material conflict; 0
// for any other number.
func QuadOfRoot(r int64) int {
	switch {
	case r >= 1 && r <= 5:
		return 1
	case r >= 6 && r <= 8:
		return 2
	case r >= 9 && r <= 13:
		return 3
	case r >= 14 && r <= 20:
		return 4
	}
	return 0
}
