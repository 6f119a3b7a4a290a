package http

import (
	"bytes"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/data"
)

// Where events happened: GET /api/places (a map's rollup), the place filters
// of the event listings (place_country, adm1, bbox), and the /map page, a
// world map drawn on data.WorldSVG with countries shaded by their events and
// circles for places, each linking to the events that happened there.

// placeFilterParams are the place filters of an event listing; eventParams
// gains them where the listings read placeFilter.
var placeFilterParams = []string{"place_country", "adm1", "bbox"}

// placesParams are what /api/places reads.
var placesParams = []string{"from", "to", "mode", "country", "level", "limit"}

// mapParams are what /map reads: a window, a mode and the place whose events
// it lists.
var mapParams = []string{"from", "to", "mode", "place_country", "adm1", "bbox", "cursor"}

// adm1 reads an ISO 3166-2 division code ("PK-BA", "UA-14").
func (p *params) adm1(name string) string {
	s := p.str(name)
	if s == "" {
		return ""
	}
	cc, sub, ok := strings.Cut(s, "-")
	valid := ok && len(cc) == 2 && len(sub) >= 1 && len(sub) <= 4
	for i := 0; valid && i < len(s); i++ {
		c := s[i] | 0x20
		valid = c == '-' && i == 2 || 'a' <= c && c <= 'z' || '0' <= s[i] && s[i] <= '9'
	}
	if !valid {
		p.fail(name, "want an ISO 3166-2 division code (PK-BA, UA-14)")
		return ""
	}
	return strings.ToUpper(s)
}

// bbox reads a box minLon,minLat,maxLon,maxLat.
func (p *params) bbox(name string) *[4]float64 {
	s := p.str(name)
	if s == "" {
		return nil
	}
	b, err := redline.ParseBBox(s)
	if err != nil {
		p.fail(name, "want minLon,minLat,maxLon,maxLat in degrees, minLat ≤ maxLat")
		return nil
	}
	return b
}

// placeFilter reads the place filters into f.
func (p *params) placeFilter(f *redline.EventFilter) {
	f.PlaceCountry = p.country("place_country")
	f.ADM1 = p.adm1("adm1")
	f.BBox = p.bbox("bbox")
}

// placeJSON is one place of /api/places.
type placeJSON struct {
	Name          string   `json:"name"`
	Country       string   `json:"country"`
	ADM1          string   `json:"adm1"`
	Kind          string   `json:"kind"`
	Lat           float64  `json:"lat"`
	Lon           float64  `json:"lon"`
	Events        int      `json:"events"`
	Mentions      int      `json:"mentions"`
	ByQuad        quadJSON `json:"by_quad"`
	GoldsteinMean float64  `json:"goldstein_mean"`
}

type quadJSON struct {
	VerbalCooperation   int `json:"verbal_cooperation"`
	MaterialCooperation int `json:"material_cooperation"`
	VerbalConflict      int `json:"verbal_conflict"`
	MaterialConflict    int `json:"material_conflict"`
}

// round keeps coordinates and means short in JSON.
func round(f float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(f*p) / p
}

func toPlaceJSON(pc []redline.PlaceCount) []placeJSON {
	out := make([]placeJSON, len(pc))
	for i := range pc {
		c := &pc[i]
		out[i] = placeJSON{Name: c.Name, Country: c.Country, ADM1: c.ADM1, Kind: c.Kind,
			Lat: round(c.Lat, 4), Lon: round(c.Lon, 4), Events: c.Events(), Mentions: c.Mentions,
			ByQuad:        quadJSON{c.Quad[1], c.Quad[2], c.Quad[3], c.Quad[4]},
			GoldsteinMean: round(c.GoldsteinMean(), 2)}
	}
	return out
}

// placeQuery reads the window, mode and level of a places rollup: by
// default countries, or one country's named places when country is given.
func (s *Server) placeQuery(r *http.Request, p *params) (redline.PlaceQuery, error) {
	q := redline.PlaceQuery{From: p.date("from"), To: p.date("to"), Mode: p.mode("mode", true), Country: p.country("country")}
	def := "country"
	if q.Country != "" {
		def = "place"
	}
	switch p.oneOf("level", def, "country", "adm1", "place") {
	case "adm1":
		q.Level = redline.PlaceADM1
	case "place":
		q.Level = redline.PlaceNames
	}
	q.Limit = p.intIn("limit", 200, 1, 10000)
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		p.fail("to", "before from")
	}
	if p.err != nil {
		return q, nil
	}
	var err error
	q.From, q.To, err = s.window(r.Context(), q.From, q.To)
	return q, err
}

// places answers GET /api/places: events per place over a window (the
// dashboard's, 90 days to the newest event, by default), most events first.
func (s *Server) places(w http.ResponseWriter, r *http.Request) {
	p := requestParams(r, placesParams...)
	q, err := s.placeQuery(r, p)
	if badParams(w, p) {
		return
	}
	if err != nil {
		storeError(w, r, err)
		return
	}
	pc, err := s.opt.Store.Places(r.Context(), q)
	if err != nil {
		storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toPlaceJSON(pc))
}

// mapShades are the fills of countries by event count, lightest first
// (ColorBrewer OrRd); countries without events keep mapNone.
var mapShades = [...]string{"#fdd49e", "#fdbb84", "#fc8d59", "#e34a33", "#b30000"}

const mapNone = "#e8e8e8"

// worldPath is one country outline of data.WorldSVG.
type worldPath struct{ ID, D string }

// worldPaths are the outlines, read once: the file is ours (generated by
// geo/internal/gengaz), one <path id="ISO3" d="..."/> per line.
var worldPaths = func() []worldPath {
	var out []worldPath
	for _, line := range bytes.Split(data.WorldSVG, []byte("\n")) {
		l := string(bytes.TrimSpace(line))
		if !strings.HasPrefix(l, `<path id="`) {
			continue
		}
		l = strings.TrimPrefix(l, `<path id="`)
		id, rest, ok := strings.Cut(l, `" d="`)
		d, _, ok2 := strings.Cut(rest, `"`)
		if ok && ok2 {
			out = append(out, worldPath{id, d})
		}
	}
	return out
}()

// mapCountry and mapPlace are what the map template draws.
type mapCountry struct {
	ID, D, Fill, Title, URL string
	Selected                bool
}

type mapPlace struct {
	X, Y, R           float64
	Fill, Title, URL  string
	Name, Country, Kd string
	Events            int
	Conflict          float64 // share of conflict events
}

type mapData struct {
	base
	From, To  time.Time
	Mode      redline.Mode
	Countries []mapCountry
	Places    []mapPlace
	Top       []placeJSON
	Legend    []mapLegend
	Where     string // the selected place, in words; empty for none
	Events    []eventRow
	Next      string
}

type mapLegend struct {
	Fill, Label string
}

// placeURL is the map listing the events of one place. A named place is
// selected by a box around its point: events carry no place id, and the
// gazetteer gives one point per name.
func placeURL(from, to time.Time, mode redline.Mode, country, adm1 string, point *[2]float64) string {
	v := url.Values{}
	v.Set("from", from.Format(dateLayout))
	v.Set("to", to.Format(dateLayout))
	if mode != "" {
		v.Set("mode", string(mode))
	}
	switch {
	case point != nil:
		const e = 0.005
		v.Set("bbox", fmt.Sprintf("%g,%g,%g,%g", round(point[0]-e, 4), round(point[1]-e, 4), round(point[0]+e, 4), round(point[1]+e, 4)))
	case adm1 != "":
		v.Set("adm1", adm1)
	case country != "":
		v.Set("place_country", country)
	}
	return "/map?" + v.Encode()
}

// shade is the fill of a country with n events when the busiest has max:
// log-scaled, since a few countries take most of the news.
func shade(n, most int) string {
	if n <= 0 || most <= 0 {
		return mapNone
	}
	i := int(float64(len(mapShades)) * math.Log1p(float64(n)) / math.Log1p(float64(most)))
	return mapShades[min(max(i, 0), len(mapShades)-1)]
}

// conflictFill colours a place by the share of its events that are
// conflict (verbal or material): blue for cooperation, red for conflict.
func conflictFill(share float64) string {
	switch {
	case share >= 0.75:
		return "#b2182b"
	case share >= 0.5:
		return "#ef8a62"
	case share >= 0.25:
		return "#67a9cf"
	}
	return "#2166ac"
}

// mapPage draws the world map for a window and lists the events of the
// place selected by place_country, adm1 or bbox.
func (s *Server) mapPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := requestParams(r, mapParams...)
	from, to, mode := p.date("from"), p.date("to"), p.mode("mode", false)
	f := redline.EventFilter{Mode: mode, Cursor: p.cursor("cursor"), Limit: 50}
	p.placeFilter(&f)
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		p.fail("to", "before from")
	}
	if p.err != nil {
		s.pageError(w, r, fmt.Errorf("%w: %s", redline.ErrInvalid, p.err.Error()))
		return
	}
	from, to, err := s.window(ctx, from, to)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f.From, f.To = from, to
	pmode := mode
	if pmode == "" {
		pmode = redline.Asserted
	}
	countries, err := s.opt.Store.Places(ctx, redline.PlaceQuery{From: from, To: to, Mode: pmode, Limit: 10000})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	named, err := s.opt.Store.Places(ctx, redline.PlaceQuery{From: from, To: to, Mode: pmode, Level: redline.PlaceNames, Limit: 300})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := mapData{base: base{Title: "Map", Nav: "map", Stats: s.stats(ctx)}, From: from, To: to, Mode: mode}
	byCountry := map[string]*redline.PlaceCount{}
	most := 0
	for i := range countries {
		c := &countries[i]
		byCountry[c.Country] = c
		most = max(most, c.Events())
	}
	for _, wp := range worldPaths {
		mc := mapCountry{ID: wp.ID, D: wp.D, Fill: mapNone, Title: wp.ID + ": no events",
			Selected: f.PlaceCountry == wp.ID}
		if c := byCountry[wp.ID]; c != nil {
			mc.Fill = shade(c.Events(), most)
			mc.Title = fmt.Sprintf("%s: %s events, Goldstein mean %+.1f", wp.ID, thousands(c.Events()), c.GoldsteinMean())
			mc.URL = placeURL(from, to, mode, wp.ID, "", nil)
		}
		d.Countries = append(d.Countries, mc)
	}
	for i := range len(mapShades) {
		lo := int(math.Ceil(math.Expm1(float64(i) * math.Log1p(float64(most)) / float64(len(mapShades)))))
		d.Legend = append(d.Legend, mapLegend{mapShades[i], "≥ " + strconv.Itoa(max(lo, 1))})
	}
	mostPlace := 1
	for i := range named {
		mostPlace = max(mostPlace, named[i].Events())
	}
	// Largest first, so that small circles stay on top and clickable.
	for i := range named {
		c := &named[i]
		n := c.Events()
		share := float64(c.Quad[3]+c.Quad[4]) / float64(max(n, 1))
		mp := mapPlace{X: round(c.Lon, 3), Y: round(-c.Lat, 3), R: round(0.8+4.2*math.Sqrt(float64(n)/float64(mostPlace)), 2),
			Fill: conflictFill(share), Name: c.Name, Country: c.Country, Kd: c.Kind, Events: n, Conflict: share}
		mp.Title = fmt.Sprintf("%s (%s): %s events, %.0f%% conflict", c.Name, c.Country, thousands(n), 100*share)
		switch c.Kind {
		case "country":
			mp.URL = placeURL(from, to, mode, c.Country, "", nil)
		case "adm1":
			if c.ADM1 != "" {
				mp.URL = placeURL(from, to, mode, c.Country, c.ADM1, nil)
				break
			}
			fallthrough
		default:
			mp.URL = placeURL(from, to, mode, c.Country, c.ADM1, &[2]float64{c.Lon, c.Lat})
		}
		d.Places = append(d.Places, mp)
	}
	d.Top = toPlaceJSON(named[:min(len(named), 15)])
	if f.PlaceCountry != "" || f.ADM1 != "" || f.BBox != nil {
		var parts []string
		if f.PlaceCountry != "" {
			parts = append(parts, f.PlaceCountry)
		}
		if f.ADM1 != "" {
			parts = append(parts, f.ADM1)
		}
		if b := f.BBox; b != nil {
			parts = append(parts, fmt.Sprintf("box %g,%g to %g,%g", b[0], b[1], b[2], b[3]))
		}
		d.Where = strings.Join(parts, " · ")
		page, err := s.opt.Store.Events(ctx, f)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		d.Events = eventRows(page.Events)
		if page.Next != "" {
			v := r.URL.Query()
			v.Set("cursor", page.Next)
			d.Next = "/map?" + v.Encode()
		}
	}
	render(w, r, http.StatusOK, "map", d)
}
