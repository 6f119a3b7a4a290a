package redline

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Store keeps documents, the evidence of their events and the events
// themselves, deduplicated across documents, and maintains the day rollups
// that series and alerts read so that no query scans raw events. The sqlite
// and postgres packages implement it; storetest holds the suite both pass.
//
// Deduplication rule (every implementation follows it): a mention (one coded
// Event of one document) joins the stored event that has the same source
// code, target code, CAMEO code and mode and whose anchor day is within
// DedupWindow days of the mention's date, the nearest anchor first, then the
// earliest; otherwise it founds a new event anchored on its own day. Mentions
// are applied in (key, day, doc id, sentence) order within one Put, so a
// corpus stored in one Put, or in date order, always collapses the same way;
// only chains of mentions on successive days ingested out of date order can
// split differently. The stored event shows its representative mention: the
// one with the smallest (doc id, sentence).
//
// A Put is one transaction: either every document of the batch is stored with
// its events, evidence and rollup contributions, or none is.
type Store interface {
	// Put stores documents with the events coded from them. A document
	// already stored with the same id and content hash is skipped; one with
	// the same id and a new hash replaces its old mentions (and their rollup
	// contributions).
	Put(ctx context.Context, docs []DocEvents) (PutStats, error)
	// Events lists stored events matching f, newest first, at most f.Limit;
	// EventPage.Next continues the listing.
	Events(ctx context.Context, f EventFilter) (EventPage, error)
	// Event returns one stored event with all its mentions and their
	// evidence. id is a stored event id or the id of one of its mentions.
	// It returns ErrNotFound for an unknown id.
	Event(ctx context.Context, id string) (StoredEvent, error)
	// Series returns the daily rollup of a dyad between q.From and q.To,
	// one point per day with events (days without events are omitted).
	Series(ctx context.Context, q SeriesQuery) ([]DayCount, error)
	// DyadDays returns the daily country-dyad rollup of the asserted events
	// between from and to (inclusive days), the input of escalation
	// detection, ordered by dyad then day.
	DyadDays(ctx context.Context, from, to time.Time) ([]DyadDay, error)
	// TopDyads returns the country dyads with the most events between
	// q.From and q.To, ordered by q.By.
	TopDyads(ctx context.Context, q DyadQuery) ([]DyadTotal, error)
	// Actors returns the actor codes starting with prefix (case-insensitive),
	// or whose first-seen name starts with it, most active first.
	Actors(ctx context.Context, prefix string, limit int) ([]ActorCount, error)
	// Places counts the events of each place (country, first-level
	// division or named place, as q.Level says) between q.From and q.To,
	// most events first: what a map draws.
	Places(ctx context.Context, q PlaceQuery) ([]PlaceCount, error)
	// Stats counts what is stored (kept as counters: it does not scan).
	Stats(ctx context.Context) (StoreStats, error)
	// Ping checks that the store answers.
	Ping(ctx context.Context) error
	Close() error
}

// DedupWindow is how many days apart two mentions of the same event may be
// dated (±) and still be one event.
const DedupWindow = 1

// ErrNotFound is returned for unknown ids.
var ErrNotFound = errors.New("not found")

// ErrInvalid wraps errors in a query's arguments (a bad cursor, an unknown
// mode): an API answers them with 400.
var ErrInvalid = errors.New("invalid query")

// DocEvents is a document and the events coded from it. Only the document's
// metadata and the evidence sentences of its events are stored, not its
// tokens.
type DocEvents struct {
	Doc    *Doc
	Events []Event
}

// PutStats says what a Put did.
type PutStats struct {
	Docs      int // documents stored for the first time
	Replaced  int // documents whose content changed
	Unchanged int // documents skipped: same id and hash
	Mentions  int // mentions stored
	NewEvents int // stored events founded by these mentions
}

// EventOrder is the order of an event listing.
type EventOrder string

const (
	// ByDate lists the newest events first; it pages with a cursor.
	ByDate EventOrder = ""
	// ByImpact lists the most conflictual events first (lowest Goldstein,
	// then most mentions); it does not page.
	ByImpact EventOrder = "impact"
)

// EventFilter selects stored events. Zero fields do not filter.
type EventFilter struct {
	// Source, Target and Actor (either side) are actor-code prefixes:
	// "RUS" matches RUS, RUSGOV and RUSMIL; "RUSGOV" matches RUSGOV and
	// RUSGOVMIL.
	Source, Target, Actor string
	// Country matches either side's country; SourceCountry and
	// TargetCountry one side's.
	Country, SourceCountry, TargetCountry string
	Code                                  Code // exact CAMEO code
	Root                                  Code // two-digit root
	Quad                                  QuadClass
	Mode                                  Mode
	From, To                              time.Time // inclusive days of the event date
	// Text searches the evidence sentences (full-text: words, "phrases",
	// prefix*).
	Text string
	// PlaceCountry (ISO 3166 alpha-3) and ADM1 (ISO 3166-2, "PK-BA") match
	// the place of the event (its representative mention's); BBox selects
	// places by coordinates: minLon, minLat, maxLon, maxLat in degrees. A box
	// whose minLon exceeds its maxLon crosses the antimeridian. Events
	// without a place match none of them.
	PlaceCountry, ADM1 string
	BBox               *[4]float64
	Limit              int // default 100, at most 10000
	Cursor             string
	Order              EventOrder
}

// EventPage is one page of a listing. Next is empty on the last page.
type EventPage struct {
	Events []StoredEvent
	Next   string
}

// StoredEvent is an event as stored: its representative mention (Event.ID is
// the stored event id, Event.Mentions its number of mentions) and how widely it
// was reported.
type StoredEvent struct {
	Event
	NumMentions int // sentences reporting it, across documents
	NumArticles int // distinct documents
	NumSources  int // distinct sources (URL hosts, or input files)
	// MentionList holds every mention with its evidence, oldest document
	// first; only Store.Event fills it.
	MentionList []Event
}

// SeriesQuery selects the dyad of a series. A three-letter Source or Target
// is a country (or IGO) code and reads the country rollup; a longer one is an
// actor-code prefix; an empty one matches any actor.
type SeriesQuery struct {
	Source, Target string
	From, To       time.Time // inclusive days; zero for unbounded
	// Mode restricts to one mode; empty means asserted only, "all" means
	// every mode.
	Mode Mode
}

// AllModes in a SeriesQuery counts every mode.
const AllModes Mode = "all"

// DayCount is the rollup of one day (of a dyad, or of anything the query
// selected).
type DayCount struct {
	Day time.Time
	// Quad counts events per QuadClass: Quad[1] verbal cooperation ...
	// Quad[4] material conflict; Quad[0] is unused.
	Quad     [5]int
	Mentions int
	// GoldsteinSum is the sum of the events' Goldstein scores; Conflict is
	// the Goldstein-weighted conflict intensity, the sum of -Goldstein over
	// events with a negative score.
	GoldsteinSum float64
	Conflict     float64
}

// Events returns the number of events of the day.
func (c *DayCount) Events() int { return c.Quad[1] + c.Quad[2] + c.Quad[3] + c.Quad[4] }

// Add adds o's counts to c (Day is kept).
func (c *DayCount) Add(o *DayCount) {
	for i := range c.Quad {
		c.Quad[i] += o.Quad[i]
	}
	c.Mentions += o.Mentions
	c.GoldsteinSum += o.GoldsteinSum
	c.Conflict += o.Conflict
}

// DyadDay is one day of a country dyad.
type DyadDay struct {
	Source, Target string // countries; "" when the actor has none
	DayCount
}

// DyadBy orders TopDyads.
type DyadBy string

const (
	ByEvents   DyadBy = ""         // most events
	ByConflict DyadBy = "conflict" // highest conflict intensity
)

// DyadQuery selects top dyads.
type DyadQuery struct {
	From, To time.Time
	By       DyadBy
	Limit    int
}

// DyadTotal is a country dyad's total over a period.
type DyadTotal struct {
	Source, Target string
	DayCount       // Day is zero
}

// CheckBBox says whether b is a bounding box a filter accepts (nil is): its
// values are finite degrees, minLat <= maxLat. It returns an ErrInvalid.
func CheckBBox(b *[4]float64) error {
	if b == nil {
		return nil
	}
	for i, v := range b {
		lim := 180.0
		if i%2 == 1 {
			lim = 90
		}
		// NaN fails both comparisons.
		if !(v >= -lim && v <= lim) {
			return fmt.Errorf("%w: bbox %v: want minLon,minLat,maxLon,maxLat in degrees", ErrInvalid, *b)
		}
	}
	if b[1] > b[3] {
		return fmt.Errorf("%w: bbox %v: minLat above maxLat", ErrInvalid, *b)
	}
	return nil
}

// ParseBBox reads a bounding box written "minLon,minLat,maxLon,maxLat" (the
// form of the CLI's --bbox and the API's bbox) and checks it with CheckBBox.
func ParseBBox(s string) (*[4]float64, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return nil, fmt.Errorf("%w: bbox %q: want minLon,minLat,maxLon,maxLat", ErrInvalid, s)
	}
	var b [4]float64
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return nil, fmt.Errorf("%w: bbox %q: %q is not a number", ErrInvalid, s, p)
		}
		b[i] = v
	}
	if err := CheckBBox(&b); err != nil {
		return nil, err
	}
	return &b, nil
}

// PlaceLevel is what Places groups events by.
type PlaceLevel string

const (
	PlaceCountries PlaceLevel = ""      // the place's country
	PlaceADM1      PlaceLevel = "adm1"  // its first-level division (events placed in a country only are left out)
	PlaceNames     PlaceLevel = "place" // the named place itself (country, ADM1, name, kind)
)

// PlaceQuery selects a places rollup.
type PlaceQuery struct {
	From, To time.Time // inclusive days of the event date; zero for unbounded
	// Mode restricts to one mode; empty means asserted only, "all" (AllModes)
	// every mode.
	Mode    Mode
	Country string // only this country's places (alpha-3), when set
	Level   PlaceLevel
	Limit   int // default 100, at most 10000
}

// PlaceCount is a place's total over a period. At the country level Name
// and ADM1 are empty; at the ADM1 level Name is the division's own name when
// some event was placed in it as a whole. Lat and Lon are the mean of the
// events' coordinates.
type PlaceCount struct {
	Name, Country, ADM1, Kind string
	Lat, Lon                  float64
	DayCount                  // Day is zero
}

// GoldsteinMean is the mean Goldstein score of the place's events.
func (p *PlaceCount) GoldsteinMean() float64 {
	if n := p.Events(); n > 0 {
		return p.GoldsteinSum / float64(n)
	}
	return 0
}

// ActorCount is an actor code with the name it was first found under and how many
// stored events it takes part in.
type ActorCount struct {
	Code, Country, Name string
	Events              int
}

// StoreStats counts what a store holds.
type StoreStats struct {
	Documents, Events, Mentions int
	// FirstDay and LastDay bound the event dates ever stored (zero when
	// empty): where an analysis of "the latest data" starts from.
	FirstDay, LastDay time.Time
}

// DocHash is the content hash that decides whether a stored document changed:
// over its title, URL, date and text.
func DocHash(d *Doc) [32]byte {
	h := sha256.New()
	for _, s := range []string{d.Title, d.URL, d.Date.UTC().Format(time.RFC3339), d.Text} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// DocSource names where a document was published, for NumSources: the host
// of its URL without "www.", or else the input it was read from (Origin up to
// its ":line" or "#item").
func DocSource(d *Doc) string {
	if d.URL != "" {
		if u, err := url.Parse(d.URL); err == nil && u.Host != "" {
			return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		}
	}
	o := d.Origin
	if i := strings.LastIndexAny(o, ":#"); i > 0 {
		o = o[:i]
	}
	return o
}
