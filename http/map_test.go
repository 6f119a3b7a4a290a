package http

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/redline-events/redline"
)

// call runs one handler of a server over the fixture store (the handlers
// are called directly: their routes are registered in server.go's table).
func call(t *testing.T, h func(*Server) http.HandlerFunc, target string) *httptest.ResponseRecorder {
	t.Helper()
	s := New(Options{Store: fixture(t)})
	w := httptest.NewRecorder()
	h(s)(w, httptest.NewRequest("GET", target, nil))
	return w
}

func placesH(s *Server) http.HandlerFunc { return s.places }
func mapH(s *Server) http.HandlerFunc    { return s.mapPage }

func TestPlacesAPI(t *testing.T) {
	for _, tc := range []struct {
		query  string
		status int
		kind   string // every place's kind, when set
		only   string // every place's country, when set
	}{
		{"", 200, "country", ""},
		{"?level=adm1", 200, "adm1", ""},
		{"?level=place&mode=all", 200, "", ""},
		{"?country=ukr", 200, "", "UKR"},
		{"?country=UKR&level=country", 200, "country", "UKR"},
		{"?from=2024-01-10&to=2024-01-20&limit=3", 200, "country", ""},
		{"?mode=negated&level=adm1", 200, "adm1", ""},
		{"?level=city", 400, "", ""},
		{"?mode=maybe", 400, "", ""},
		{"?country=UK", 400, "", ""},
		{"?limit=0", 400, "", ""},
		{"?from=2024-02-01&to=2024-01-01", 400, "", ""},
		{"?bbox=0,0,1,1", 400, "", ""},
	} {
		t.Run(tc.query, func(t *testing.T) {
			w := call(t, placesH, "/api/places"+tc.query)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			if tc.status != 200 {
				return
			}
			var got []placeJSON
			if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			if len(got) == 0 {
				t.Fatal("no places")
			}
			for i, p := range got {
				q := p.ByQuad
				if q.VerbalCooperation+q.MaterialCooperation+q.VerbalConflict+q.MaterialConflict != p.Events || p.Events == 0 {
					t.Errorf("%+v: by_quad does not add up to events", p)
				}
				if i > 0 && got[i-1].Events < p.Events {
					t.Errorf("not ordered by events at %d", i)
				}
				if (tc.kind != "" && p.Kind != tc.kind) || (tc.only != "" && p.Country != tc.only) {
					t.Errorf("%+v: want kind %q country %q", p, tc.kind, tc.only)
				}
				if p.GoldsteinMean < -10 || p.GoldsteinMean > 10 || p.Lat < -90 || p.Lat > 90 {
					t.Errorf("%+v: out of range", p)
				}
			}
			if strings.Contains(tc.query, "limit=3") && len(got) != 3 {
				t.Errorf("%d places with limit 3", len(got))
			}
		})
	}
}

// TestPlacesGolden pins the answer's form on a fixed window.
func TestPlacesGolden(t *testing.T) {
	w := call(t, placesH, "/api/places?from=2024-01-01&to=2024-01-31&level=adm1")
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, w.Body.Bytes(), "", "  "); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "places.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("/api/places differs from %s (run with -update if intended):\n%s", golden, buf.String())
	}
}

func TestPlaceFilterParams(t *testing.T) {
	for _, tc := range []struct {
		query   string
		want    redline.EventFilter
		bad     string // the parameter named in the error
		unknown bool
	}{
		{"place_country=ukr", redline.EventFilter{PlaceCountry: "UKR"}, "", false},
		{"adm1=pk-ba", redline.EventFilter{ADM1: "PK-BA"}, "", false},
		{"adm1=UA-14&place_country=UKR", redline.EventFilter{PlaceCountry: "UKR", ADM1: "UA-14"}, "", false},
		{"bbox=170,-25,-170,-10", redline.EventFilter{BBox: &[4]float64{170, -25, -170, -10}}, "", false},
		{"place_country=UKRAINE", redline.EventFilter{}, "place_country", false},
		{"adm1=PKBA", redline.EventFilter{}, "adm1", false},
		{"adm1=PK-BA%3BDROP", redline.EventFilter{}, "adm1", false},
		{"adm1=P-BA", redline.EventFilter{}, "adm1", false},
		{"bbox=1,2,3", redline.EventFilter{}, "bbox", false},
		{"bbox=0,10,10,0", redline.EventFilter{}, "bbox", false},
		{"bbox=0,0,0,NaN", redline.EventFilter{}, "bbox", false},
	} {
		q, err := url.ParseQuery(tc.query)
		if err != nil {
			t.Fatal(err)
		}
		p := newParams(q, placeFilterParams...)
		var f redline.EventFilter
		p.placeFilter(&f)
		switch {
		case tc.bad != "":
			if p.err == nil || p.err.Param != tc.bad {
				t.Errorf("%s: error %v, want one on %s", tc.query, p.err, tc.bad)
			}
		case p.err != nil:
			t.Errorf("%s: %v", tc.query, p.err)
		case f.PlaceCountry != tc.want.PlaceCountry || f.ADM1 != tc.want.ADM1 ||
			(f.BBox == nil) != (tc.want.BBox == nil) || (f.BBox != nil && *f.BBox != *tc.want.BBox):
			t.Errorf("%s: filter %+v, want %+v", tc.query, f, tc.want)
		}
	}
}

var (
	circleRE = regexp.MustCompile(`<circle cx="([-0-9.]+)" cy="([-0-9.]+)"`)
	pathRE   = regexp.MustCompile(`<path id="([A-Z]{3})"`)
	placeRow = regexp.MustCompile(`<tr class="q[0-4]"`)
)

func TestMapPage(t *testing.T) {
	for _, tc := range []struct {
		query    string
		status   int
		contains []string
		rows     bool // lists events
	}{
		{"", 200, []string{`<svg class="worldmap"`, `place_country=UKR`, `Busiest places`}, false},
		{"?place_country=UKR", 200, []string{"Events in UKR", `stroke-width="0.5"`}, true},
		{"?adm1=UA-14&mode=asserted", 200, []string{"Events in UA-14"}, true},
		{"?bbox=30.515,50.445,30.525,50.455", 200, []string{"Events in box"}, true},
		{"?bbox=-40,-50,-30,-40", 200, []string{"No events match these filters."}, false},
		{"?bbox=1,2", 400, nil, false},
		{"?adm1=nonsense", 400, nil, false},
		{"?country=UKR", 400, nil, false},
	} {
		t.Run(tc.query, func(t *testing.T) {
			w := call(t, mapH, "/map"+tc.query)
			body := w.Body.String()
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d", w.Code, tc.status)
			}
			if tc.status != 200 {
				return
			}
			for _, s := range tc.contains {
				if !strings.Contains(body, s) {
					t.Errorf("page lacks %q", s)
				}
			}
			if n := len(pathRE.FindAllString(body, -1)); n != len(worldPaths) || n < 150 {
				t.Errorf("%d country paths drawn, the world map has %d", n, len(worldPaths))
			}
			if got := placeRow.MatchString(body); got != tc.rows {
				t.Errorf("event rows listed: %v, want %v", got, tc.rows)
			}
			// Places are drawn at (lon, -lat): Kyiv of the corpus.
			kyiv := false
			for _, m := range circleRE.FindAllStringSubmatch(body, -1) {
				kyiv = kyiv || (m[1] == "30.52" && m[2] == "-50.45")
			}
			if !kyiv {
				t.Error("no circle at Kyiv (30.52, -50.45)")
			}
		})
	}
}

func TestShade(t *testing.T) {
	for _, tc := range []struct {
		n, most int
		want    string
	}{
		{0, 100, mapNone}, {1, 0, mapNone}, {100, 100, mapShades[len(mapShades)-1]}, {1, 1000, mapShades[0]}, {31, 1000, mapShades[2]},
	} {
		if got := shade(tc.n, tc.most); got != tc.want {
			t.Errorf("shade(%d, %d) = %s, want %s", tc.n, tc.most, got, tc.want)
		}
	}
}

// FuzzPlaceParams: the place filters accept only well-formed values, and
// what they accept is what the stores take.
func FuzzPlaceParams(f *testing.F) {
	for _, s := range []string{"UKR", "PK-BA", "170,-25,-170,-10", "1,2,3", "x-1", "\x00"} {
		f.Add(s, s, s)
	}
	f.Fuzz(func(t *testing.T, country, adm1, bbox string) {
		p := newParams(url.Values{"place_country": {country}, "adm1": {adm1}, "bbox": {bbox}}, placeFilterParams...)
		var fl redline.EventFilter
		p.placeFilter(&fl)
		if p.err != nil {
			return
		}
		if len(fl.PlaceCountry) != 3 && fl.PlaceCountry != "" || len(fl.ADM1) > 7 || strings.ContainsAny(fl.ADM1, " ;'\"%") {
			t.Fatalf("accepted %q %q", fl.PlaceCountry, fl.ADM1)
		}
		if err := redline.CheckBBox(fl.BBox); err != nil {
			t.Fatalf("accepted bbox %q: %v", bbox, err)
		}
	})
}

// TestPlacesAbuse sends the abuse test's hostile values to every parameter
// of /api/places and /map (and the place filters): a clean 4xx or a 200,
// never a 5xx.
func TestPlacesAbuse(t *testing.T) {
	s := New(Options{Store: fixture(t)})
	for _, r := range []struct {
		path   string
		h      http.HandlerFunc
		params []string
	}{
		{"/api/places", s.places, placesParams},
		{"/map", s.mapPage, mapParams},
	} {
		for _, name := range r.params {
			for _, v := range abuseValues {
				target := r.path + "?" + url.Values{name: {v}}.Encode()
				w := httptest.NewRecorder()
				r.h(w, httptest.NewRequest("GET", target, nil))
				checkClean(t, target, w.Code, w.Body.String())
			}
		}
	}
}
