package format

import (
	"bufio"
	"hash/fnv"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/geo"
)

// gdeltColumns is the number of tab-separated columns of a GDELT 2.0 event
// record: 5 id/date, 2×10 actor, 10 event, 3×8 geography, DATEADDED and
// SOURCEURL (GDELT Event Codebook V2.0, 2015-02-19).
const gdeltColumns = 61

// gdeltWriter writes GDELT 2.0 event records. What we know goes in the
// column GDELT puts it in; what GDELT measures and we do not (tone, number of
// sources and articles, actor geography) is written as GDELT writes an
// unknown value: empty, or 0 for the numeric columns GDELT always fills.
//
// Choices, since our events are not GDELT's:
//   - GlobalEventID is the first 13 hex digits (52 bits) of the event id,
//     read as a number: stable across runs, and exact in a float64 (JSON,
//     spreadsheets). Ids that are not hex are hashed with 64-bit FNV-1a and
//     cut to the same 52 bits.
//   - IsRootEvent is 1: we code events per sentence and cannot tell whether
//     the verb is the article's lead event.
//   - NumMentions is Event.Mentions (at least 1); NumSources and
//     NumArticles are 1 (one document); AvgTone is 0.
//   - Actor country codes are the CAMEO three-letter codes, as in GDELT.
//     The Geo_CountryCode columns are FIPS 10-4 two-letter codes in GDELT;
//     we write the ISO 3166 alpha-3 code of Event.Place instead. FIPS 10-4 is
//     withdrawn, and its two-letter codes collide with ISO alpha-2 for
//     different countries (AU, AS, SG, ...), so a FIPS-looking column filled
//     from our ISO data would mislead silently; a three-letter code cannot be
//     mistaken for FIPS.
//   - ActionGeo comes from Event.Place; Actor1Geo and Actor2Geo are the
//     actors' countries (centroids from the embedded gazetteer, type 1),
//     as GDELT geocodes an actor with only a country. Geo types follow
//     Place.Kind: 1 country, 2 US state, 3 US city, 4 world city, 5 world
//     division.
//   - DATEADDED is the event date at 00:00:00, SOURCEURL the document URL,
//     or its id when the URL is unknown.
//   - Tabs, carriage returns and newlines inside text are replaced by a
//     space so that each record stays one line of 61 columns.
type gdeltWriter struct {
	w   *bufio.Writer
	buf []byte
	gaz *geo.Gazetteer // for the actors' countries; nil leaves them empty
}

// actorPlace is the country point of an actor, or nil.
func (g *gdeltWriter) actorPlace(a *redline.Actor) *redline.Place {
	if g.gaz == nil || a == nil {
		return nil
	}
	p, ok := g.gaz.ActorPlace(a)
	if !ok {
		return nil
	}
	return &p
}

func newGDELT(w io.Writer) *gdeltWriter {
	gaz, _ := geo.Default() // a gazetteer that cannot load leaves actor geography empty
	return &gdeltWriter{w: bufio.NewWriterSize(w, 64<<10), buf: make([]byte, 0, 1024), gaz: gaz}
}

func (g *gdeltWriter) Close() error { return g.w.Flush() }

func (g *gdeltWriter) Write(ev *redline.Event) error {
	b := g.buf[:0]
	b = strconv.AppendUint(b, gdeltEventID(ev.ID), 10)
	b = append(b, '\t')
	d := ev.Date
	if d.IsZero() {
		b = append(b, "\t\t\t"...)
	} else {
		y, m, day := d.Date()
		b = appendDigits(b, y, 4)
		b = appendDigits(b, int(m), 2)
		b = appendDigits(b, day, 2)
		b = append(b, '\t')
		b = appendDigits(b, y, 4)
		b = appendDigits(b, int(m), 2)
		b = append(b, '\t')
		b = strconv.AppendInt(b, int64(y), 10)
		b = append(b, '\t')
		// FractionDate: GDELT counts months as 30 days, year +
		// ((month-1)*30 + day)/365 with four decimals (1 January 1979 is
		// 1979.0027 in GDELT's files).
		b = strconv.AppendFloat(b, float64(y)+float64((int(m)-1)*30+day)/365, 'f', 4, 64)
	}
	b = appendGDELTActor(b, ev.Source)
	b = appendGDELTActor(b, ev.Target)
	code := string(ev.Code)
	base := code
	if len(base) > 3 {
		base = base[:3]
	}
	b = append(b, "\t1\t"...)
	b = appendTSV(b, code)
	b = append(b, '\t')
	b = appendTSV(b, base)
	b = append(b, '\t')
	b = appendTSV(b, string(ev.Code.Root()))
	b = append(b, '\t')
	b = strconv.AppendInt(b, int64(ev.Code.Quad()), 10)
	b = append(b, '\t')
	b = strconv.AppendFloat(b, ev.Code.Goldstein(), 'f', -1, 64)
	b = append(b, '\t')
	b = strconv.AppendInt(b, int64(mentions(ev)), 10)
	b = append(b, "\t1\t1\t0"...)                  // NumSources, NumArticles, AvgTone
	b = appendGDELTGeo(b, g.actorPlace(ev.Source)) // Actor1Geo
	b = appendGDELTGeo(b, g.actorPlace(ev.Target)) // Actor2Geo
	b = appendGDELTGeo(b, ev.Place)
	b = append(b, '\t')
	if !d.IsZero() {
		b = d.AppendFormat(b, "20060102")
		b = append(b, "000000"...)
	}
	b = append(b, '\t')
	if ev.URL != "" {
		b = appendTSV(b, ev.URL)
	} else {
		b = appendTSV(b, ev.DocID)
	}
	b = append(b, '\n')
	g.buf = b
	_, err := g.w.Write(b)
	return err
}

// appendGDELTActor appends the ten actor columns, each preceded by a tab:
// Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code,
// Religion2Code, Type1Code, Type2Code, Type3Code.
func appendGDELTActor(b []byte, a *redline.Actor) []byte {
	if a == nil {
		return append(b, "\t\t\t\t\t\t\t\t\t\t"...)
	}
	p := splitActorCode(a.Code)
	if p.country == "" && a.Country != "" && a.Country != "IGO" {
		p.country = a.Country
	}
	b = append(b, '\t')
	b = appendTSV(b, a.Code)
	b = append(b, '\t')
	b = appendTSV(b, a.Text)
	for _, f := range [...]string{p.country, p.group, p.ethnic, p.religion[0], p.religion[1], p.types[0], p.types[1], p.types[2]} {
		b = append(b, '\t')
		b = appendTSV(b, f)
	}
	return b
}

// appendGDELTGeo appends the eight geography columns, each preceded by a
// tab: Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID.
func appendGDELTGeo(b []byte, p *redline.Place) []byte {
	if p == nil {
		return append(b, "\t0\t\t\t\t\t\t\t"...)
	}
	// GDELT's geo types: 1 country, 2 US state, 3 US city, 4 world city,
	// 5 world first-level division. Place.Kind says which a place is; a
	// place without one falls back on what its fields show.
	us := p.Country == "USA"
	typ := byte('4')
	switch {
	case p.Kind == "country" || p.Name == "" || (p.Kind == "" && p.ADM1 == "" && p.Lat == 0 && p.Lon == 0):
		typ = '1'
	case p.Kind == "adm1" && us:
		typ = '2'
	case p.Kind == "adm1":
		typ = '5'
	case us:
		typ = '3'
	}
	b = append(b, '\t', typ, '\t')
	b = appendTSV(b, p.Name)
	b = append(b, '\t')
	b = appendTSV(b, p.Country)
	b = append(b, '\t')
	b = appendTSV(b, p.ADM1)
	b = append(b, "\t\t"...) // no ADM2
	if p.Lat != 0 || p.Lon != 0 {
		b = strconv.AppendFloat(b, p.Lat, 'f', -1, 64)
		b = append(b, '\t')
		b = strconv.AppendFloat(b, p.Lon, 'f', -1, 64)
	} else {
		b = append(b, '\t')
	}
	return append(b, '\t') // no feature id
}

// gdeltEventID derives GlobalEventID from the event id (see gdeltWriter).
func gdeltEventID(id string) uint64 {
	const bits = 52
	if len(id) >= 13 {
		if n, err := strconv.ParseUint(id[:13], 16, 64); err == nil {
			return n
		}
	}
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64() & (1<<bits - 1)
}

// actorParts is a CAMEO actor code split into GDELT's actor columns.
type actorParts struct {
	country, group, ethnic string
	religion               [2]string
	types                  [3]string
}

// splitActorCode splits a CAMEO actor code into its three-letter parts and
// sorts each into GDELT's columns: role types (GOV, MIL, IGO, ...),
// religions, the country or region, and a known group (NAT in IGOWSTNAT,
// UNO in IGOUNO). A part that is none of the known kinds is taken as the
// known-group code when that slot is free, else as the ethnic code.
func splitActorCode(code string) actorParts {
	var p actorParts
	nt, nr := 0, 0
	for i := 0; i+3 <= len(code); i += 3 {
		c := code[i : i+3]
		switch {
		case cameoTypes[c]:
			if nt < len(p.types) {
				p.types[nt] = c
				nt++
			}
		case cameoReligions[c]:
			if nr < len(p.religion) {
				p.religion[nr] = c
				nr++
			}
		case p.country == "" && isCountryOrRegion(c):
			p.country = c
		case p.group == "":
			p.group = c
		case p.ethnic == "":
			p.ethnic = c
		}
	}
	return p
}

// isCountryOrRegion reports whether c is an ISO 3166 alpha-3 country (as
// golang.org/x/text knows them) or one of CAMEO's region codes.
func isCountryOrRegion(c string) bool {
	if cameoRegions[c] || c == "KSV" || c == "XKX" { // Kosovo has no ISO code
		return true
	}
	if strings.ToUpper(c) != c {
		return false
	}
	r, err := language.ParseRegion(c)
	return err == nil && r.IsCountry() && r.ISO3() == c
}

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, f := range strings.Fields(s) {
		m[f] = true
	}
	return m
}

// CAMEO actor role/type codes (CAMEO manual, ch. 4, and the Phoenix
// dictionaries).
var cameoTypes = set(`AGR BUS COP CRM CVL DEV EDU ELI ENV GOV HLH HRI IGO IMG INS JUD LAB LEG
	MED MIL MNC MOD NGM NGO OPP PTY RAD REB REF SET SPY UAF UIS`)

// CAMEO religion codes. Checked before countries: SUN (Sunni) is also the
// retired ISO code of the Soviet Union.
var cameoReligions = set(`ADR ALE ATH BAH BUD CHR CON CPT CTH DOX DRZ HIN HSD ITR JAN JEW JHW
	LDS MOS MRN NRM PAG PRO SFI SHI SHN SIK SUN TAO UDX ZRO`)

// CAMEO region codes, which stand where a country would.
var cameoRegions = set(`AFR ASA BLK CAS CAU CEU CFR CRB EAF EEU EIN EUR LAM MDT MEA NAF NMR
	PGS SAF SAM SAS SCN SEA WAF WST`)

// appendTSV appends s with tabs, carriage returns and newlines replaced by
// a space, so that a field never splits a record.
func appendTSV(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\t' || c == '\n' || c == '\r' {
			b = append(b, s[start:i]...)
			b = append(b, ' ')
			start = i + 1
		}
	}
	return append(b, s[start:]...)
}

// appendDigits appends n zero-padded to width digits.
func appendDigits(b []byte, n, width int) []byte {
	var tmp [20]byte
	s := strconv.AppendInt(tmp[:0], int64(n), 10)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}
