package http

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/redline-events/redline"
)

// paramError is a bad query parameter: the API answers 400 naming it.
type paramError struct {
	Param, Msg string
}

func (e *paramError) Error() string { return fmt.Sprintf("parameter %q: %s", e.Param, e.Msg) }

// params reads a request's query, remembering the first error and refusing
// parameters the endpoint does not know (a misspelt filter must not silently
// widen a query).
type params struct {
	q   url.Values
	err *paramError
}

func newParams(q url.Values, known ...string) *params {
	p := &params{q: q}
	p.check(known)
	return p
}

// requestParams reads r's query strictly: a malformed query (a ';'
// separator, a bad %-escape), which url.Query would silently drop pairs of,
// is an error.
func requestParams(r *http.Request, known ...string) *params {
	q, err := url.ParseQuery(r.URL.RawQuery)
	p := &params{q: q}
	if err != nil {
		p.fail("query", "malformed query string: "+err.Error())
	}
	p.check(known)
	return p
}

func (p *params) check(known []string) {
	q := p.q
	for k := range q {
		ok := false
		for _, n := range known {
			if k == n {
				ok = true
				break
			}
		}
		if !ok {
			if k == "" {
				k = "(empty name)"
			}
			p.fail(k, "unknown parameter (known: "+strings.Join(known, ", ")+")")
			break
		}
	}
}

func (p *params) fail(name, msg string) {
	if p.err == nil {
		p.err = &paramError{name, msg}
	}
}

// str returns a parameter given at most once.
func (p *params) str(name string) string {
	v := p.q[name]
	if len(v) > 1 {
		p.fail(name, "given more than once")
	}
	if len(v) == 0 {
		return ""
	}
	// Not trimmed: " 100" is a malformed number, "USA " a malformed code;
	// free text (q) keeps its spaces, which the search ignores.
	return v[0]
}

// actor reads an actor code (prefix): letters and digits only, since codes
// are nothing else and anything else is a mistake or an attack.
func (p *params) actor(name string) string {
	s := p.str(name)
	if len(s) > 32 {
		p.fail(name, "actor codes are at most 32 characters")
		return ""
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			p.fail(name, "an actor code has only letters and digits (RUS, RUSGOV, IGOWSTNAT)")
			return ""
		}
	}
	return strings.ToUpper(s)
}

// country reads a three-letter country (or IGO) code.
func (p *params) country(name string) string {
	s := p.actor(name)
	if s != "" && len(s) != 3 {
		p.fail(name, "want a three-letter country code (USA, RUS, IGO)")
		return ""
	}
	return s
}

func (p *params) code(name string) redline.Code {
	s := p.str(name)
	if s == "" {
		return ""
	}
	c := redline.Code(s)
	if !c.Valid() {
		p.fail(name, "not a CAMEO code (see `redline codes`)")
		return ""
	}
	return c
}

func (p *params) root(name string) redline.Code {
	s := p.str(name)
	if s == "" {
		return ""
	}
	n, err := strconv.Atoi(s)
	if err != nil || len(s) != 2 || n < 1 || n > 20 {
		p.fail(name, "want a two-digit CAMEO root, 01 to 20")
		return ""
	}
	return redline.Code(s)
}

func (p *params) quad(name string) redline.QuadClass {
	s := p.str(name)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 4 {
		p.fail(name, "want 1 (verbal cooperation) to 4 (material conflict)")
		return 0
	}
	return redline.QuadClass(n)
}

// mode reads a mode; all admits "all" (series count every mode).
func (p *params) mode(name string, all bool) redline.Mode {
	s := p.str(name)
	switch m := redline.Mode(s); m {
	case "", redline.Asserted, redline.Negated, redline.Hypothetical, redline.Future:
		return m
	case redline.AllModes:
		if all {
			return m
		}
	}
	want := "asserted, negated, hypothetical or future"
	if all {
		want += ", or all"
	}
	p.fail(name, "want "+want)
	return ""
}

func (p *params) date(name string) time.Time {
	s := p.str(name)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		p.fail(name, "want a date YYYY-MM-DD")
		return time.Time{}
	}
	return t
}

// intIn reads an integer in [lo, hi], def when absent.
func (p *params) intIn(name string, def, lo, hi int) int {
	s := p.str(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		p.fail(name, fmt.Sprintf("want an integer from %d to %d", lo, hi))
		return def
	}
	return n
}

// oneOf reads a parameter from a fixed set, def when absent.
func (p *params) oneOf(name, def string, set ...string) string {
	s := p.str(name)
	if s == "" {
		return def
	}
	for _, x := range set {
		if s == x {
			return s
		}
	}
	p.fail(name, "want one of "+strings.Join(set, ", "))
	return def
}

// text reads free text (full-text search), bounded.
func (p *params) text(name string) string {
	s := p.str(name)
	if len(s) > 200 {
		p.fail(name, "at most 200 characters")
		return ""
	}
	if !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl) {
		p.fail(name, "control characters or invalid UTF-8")
		return ""
	}
	return s
}

// cursor reads an opaque paging cursor: URL-safe base64 only.
func (p *params) cursor(name string) string {
	s := p.str(name)
	if len(s) > 100 {
		p.fail(name, "not a cursor from a previous page")
		return ""
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			p.fail(name, "not a cursor from a previous page")
			return ""
		}
	}
	return s
}

// The parameters each endpoint reads; anything else is a 400. eventParams
// are the filters of /api/events and the exports, those of `redline query`.
// The OpenAPI test checks that the description lists exactly these.
var (
	eventParams = []string{"source", "target", "actor", "country", "source_country", "target_country",
		"code", "root", "quad", "mode", "from", "to", "q", "limit", "cursor", "order", "format",
		"place_country", "adm1", "bbox"}
	seriesParams = []string{"source", "target", "interval", "from", "to", "mode"}
	alertParams  = []string{"from", "to", "limit", "events"}
	dyadParams   = []string{"from", "to", "by", "limit"}
	actorParams  = []string{"q", "limit"}
)

// filter reads an EventFilter.
func (p *params) filter(maxLimit int) redline.EventFilter {
	f := redline.EventFilter{
		Source:        p.actor("source"),
		Target:        p.actor("target"),
		Actor:         p.actor("actor"),
		Country:       p.country("country"),
		SourceCountry: p.country("source_country"),
		TargetCountry: p.country("target_country"),
		Code:          p.code("code"),
		Root:          p.root("root"),
		Quad:          p.quad("quad"),
		Mode:          p.mode("mode", false),
		From:          p.date("from"),
		To:            p.date("to"),
		Text:          p.text("q"),
		Limit:         p.intIn("limit", 100, 1, maxLimit),
		Cursor:        p.cursor("cursor"),
	}
	p.placeFilter(&f)
	if p.oneOf("order", "date", "date", "impact") == "impact" {
		f.Order = redline.ByImpact
		if f.Cursor != "" {
			p.fail("cursor", "the impact order does not page")
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		p.fail("to", "before from")
	}
	return f
}
