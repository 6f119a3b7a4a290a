// Package eval scores coded events against hand-coded gold sets: the gold
// JSONL of PLOVER/CAMEO records (the format of ../shared/eval/gold_dev.jsonl),
// PETRARCH validation XML, and five-class (penta) sentence labels. Its
// metrics are those of the shared score.py, so figures agree.
package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/redline-events/redline"
)

// GoldEvent is one hand-coded event.
type GoldEvent struct {
	Source     []string `json:"source"`
	Target     []string `json:"target"`
	PLOVER     string   `json:"plover"`
	CAMEO      string   `json:"cameo"`
	SourceText []string `json:"source_text"`
	TargetText []string `json:"target_text"`
}

// Record is one gold sentence or short text with its events.
type Record struct {
	ID     string      `json:"id"`
	Text   string      `json:"text"`
	Date   string      `json:"date"`
	Events []GoldEvent `json:"events"`
}

// ReadJSONL reads gold records, one JSON object per line.
func ReadJSONL(r io.Reader, name string) ([]Record, error) {
	br := bufio.NewReader(r)
	var out []Record
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(strings.TrimSpace(string(b))) > 0 {
			var rec Record
			if jerr := json.Unmarshal(b, &rec); jerr != nil {
				return out, fmt.Errorf("%s:%d: %v", name, line, jerr)
			}
			if rec.ID == "" || rec.Text == "" {
				return out, fmt.Errorf("%s:%d: record needs id and text", name, line)
			}
			out = append(out, rec)
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
}

// ReadPetrarchXML reads PETRARCH validation records (<Sentence> elements
// with <EventCoding> and <Text>); records marked evaluate="false" or coded
// as null events are skipped. The files are not well-formed XML (their
// comments hold "--" and even nested comment markers), so each <Sentence>
// block is cut out and decoded on its own.
func ReadPetrarchXML(r io.Reader) ([]Record, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	type sentence struct {
		ID       string `xml:"id,attr"`
		Date     string `xml:"date,attr"`
		Evaluate string `xml:"evaluate,attr"`
		Text     string `xml:"Text"`
		Codings  []struct {
			Source string `xml:"sourcecode,attr"`
			Target string `xml:"targetcode,attr"`
			Event  string `xml:"eventcode,attr"`
			Noevts string `xml:"noevents,attr"`
		} `xml:"EventCoding"`
	}
	var out []Record
	var bad int
	var firstErr error
	for {
		i := bytes.Index(b, []byte("<Sentence "))
		if i < 0 {
			break
		}
		j := bytes.Index(b[i:], []byte("</Sentence>"))
		if j < 0 {
			break
		}
		block := stripComments(b[i : i+j+len("</Sentence>")])
		b = b[i+j:]
		var s sentence
		dec := xml.NewDecoder(bytes.NewReader(block))
		dec.Strict = false
		if err := dec.Decode(&s); err != nil {
			bad++
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		if s.Evaluate == "false" {
			continue
		}
		rec := Record{ID: s.ID, Text: strings.Join(strings.Fields(s.Text), " ")}
		if len(s.Date) == 8 {
			rec.Date = s.Date[:4] + "-" + s.Date[4:6] + "-" + s.Date[6:]
		}
		for _, c := range s.Codings {
			if c.Event == "" || c.Noevts != "" {
				continue
			}
			rec.Events = append(rec.Events, GoldEvent{Source: []string{c.Source}, Target: []string{c.Target}, CAMEO: c.Event})
		}
		if len(rec.Events) > 0 {
			out = append(out, rec)
		}
	}
	if len(out) == 0 && firstErr != nil {
		return nil, fmt.Errorf("no record could be read (%d malformed, first: %v)", bad, firstErr)
	}
	return out, nil
}

// stripComments removes <!-- ... --> blocks: PETRARCH's validation files
// put "--" inside their comments, which XML forbids and encoding/xml
// rejects even when not strict.
func stripComments(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for {
		i := bytes.Index(b, []byte("<!--"))
		if i < 0 {
			return append(out, b...)
		}
		out = append(out, b[:i]...)
		j := bytes.Index(b[i+4:], []byte("-->"))
		if j < 0 {
			return out
		}
		b = b[i+4+j+3:]
	}
}

// roots maps PLOVER types to the CAMEO roots they allow, as score.py does.
var roots = map[string][]string{"AGREE": {"03"}, "CONSULT": {"04"}, "SUPPORT": {"05"}, "COOPERATE": {"06"},
	"AID": {"07"}, "CONCEDE": {"08"}, "RETREAT": {"08"}, "INVESTIGATE": {"09"}, "DEMAND": {"10"},
	"DISAPPROVE": {"11"}, "REJECT": {"12"}, "THREATEN": {"13"}, "PROTEST": {"14"}, "MOBILIZE": {"15"},
	"SANCTION": {"16"}, "COERCE": {"17"}, "ASSAULT": {"18"}, "FIGHT": {"19", "20"}}

var alias = map[string]string{"JAP": "JPN", "ITL": "ITA", "UK": "GBR", "GMY": "DEU", "GER": "DEU", "YUG": "SRB", "SER": "SRB"}

// country is the country part of an actor code, as score.py reads it.
func country(code string) string {
	c := strings.ToUpper(strings.TrimSpace(code))
	if c == "" || strings.HasPrefix(c, "---") {
		return ""
	}
	if len(c) > 3 {
		c = c[:3]
	}
	if a, ok := alias[c]; ok {
		return a
	}
	return c
}

func actorCountries(a *redline.Actor) map[string]bool {
	m := map[string]bool{}
	if a == nil {
		return m
	}
	for _, c := range []string{a.Code, a.Country} {
		if k := country(c); k != "" {
			m[k] = true
		}
	}
	return m
}

func intersects(a map[string]bool, b []string) bool {
	for _, x := range b {
		if a[country(x)] && country(x) != "" {
			return true
		}
	}
	return false
}

// Miss is a gold record the coder got wrong, for the report.
type Miss struct {
	ID, Text, Want string
	Got            []string
}

// Report holds the metrics of score.py and what explains them.
type Report struct {
	Sentences                int
	Detect, Root, Code       float64
	Source, Target, Triple   float64
	ExtraPerSentence         float64
	Confusion                map[string]map[string]int // gold root → coded root ("-" none) → count
	Misses                   []Miss
	codeN, srcN, tgtN, tripN int
	detect, root, code       int
	src, tgt, triple, extra  int
}

// Score compares events (asserted ones only, as score.py does) with gold,
// using the first gold event of each record.
func Score(gold []Record, events []redline.Event) *Report {
	byDoc := map[string][]*redline.Event{}
	for i := range events {
		e := &events[i]
		if e.Mode != "" && e.Mode != redline.Asserted {
			continue
		}
		byDoc[e.DocID] = append(byDoc[e.DocID], e)
	}
	r := &Report{Confusion: map[string]map[string]int{}}
	for _, g := range gold {
		if len(g.Events) == 0 {
			continue
		}
		ge := g.Events[0]
		allowed := roots[ge.PLOVER]
		if ge.CAMEO != "" {
			allowed = []string{string(redline.Code(ge.CAMEO).Root())}
		}
		if len(allowed) == 0 {
			continue
		}
		r.Sentences++
		mine := byDoc[g.ID]
		if len(mine) > 0 {
			r.detect++
		}
		var ok []*redline.Event
		var got []string
		for _, e := range mine {
			got = append(got, fmt.Sprintf("%s %s→%s", e.Code, e.Source.ActorCode(), e.Target.ActorCode()))
			if contains(allowed, string(e.Code.Root())) {
				ok = append(ok, e)
			}
		}
		groot := allowed[0]
		if r.Confusion[groot] == nil {
			r.Confusion[groot] = map[string]int{}
		}
		switch {
		case len(ok) > 0:
			r.Confusion[groot][groot]++
		case len(mine) > 0:
			r.Confusion[groot][string(mine[0].Code.Root())]++
		default:
			r.Confusion[groot]["-"]++
		}
		if len(ok) > 0 {
			r.root++
		}
		r.extra += len(mine) - len(ok)
		if ge.CAMEO != "" {
			r.codeN++
			for _, e := range ok {
				if string(e.Code) == ge.CAMEO {
					r.code++
					break
				}
			}
		}
		hasSrc, hasTgt, hasTriple := false, false, false
		for _, e := range ok {
			s := intersects(actorCountries(e.Source), ge.Source)
			t := intersects(actorCountries(e.Target), ge.Target)
			hasSrc = hasSrc || s
			hasTgt = hasTgt || t
			hasTriple = hasTriple || (s && (len(nonEmpty(ge.Target)) == 0 || t))
		}
		if len(nonEmpty(ge.Source)) > 0 {
			r.srcN++
			r.tripN++
			if hasSrc {
				r.src++
			}
			if hasTriple {
				r.triple++
			}
		}
		if len(nonEmpty(ge.Target)) > 0 {
			r.tgtN++
			if hasTgt {
				r.tgt++
			}
		}
		if len(ok) == 0 || (len(nonEmpty(ge.Source)) > 0 && !hasTriple) {
			want := fmt.Sprintf("%s %s %v→%v", ge.PLOVER, ge.CAMEO, ge.Source, ge.Target)
			r.Misses = append(r.Misses, Miss{ID: g.ID, Text: g.Text, Want: want, Got: got})
		}
	}
	div := func(a, b int) float64 {
		if b == 0 {
			b = 1
		}
		return float64(a) / float64(b)
	}
	r.Detect, r.Root, r.Code = div(r.detect, r.Sentences), div(r.root, r.Sentences), div(r.code, r.codeN)
	r.Source, r.Target, r.Triple = div(r.src, r.srcN), div(r.tgt, r.tgtN), div(r.triple, r.tripN)
	r.ExtraPerSentence = div(r.extra, r.Sentences)
	return r
}

func nonEmpty(xs []string) []string {
	var out []string
	for _, x := range xs {
		if country(x) != "" {
			out = append(out, x)
		}
	}
	return out
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// Write prints the metrics line (as score.py prints it), the confusion
// table by root and up to maxMisses misses.
func (r *Report) Write(w io.Writer, maxMisses int) {
	fmt.Fprintf(w, "sentences=%d detect=%.3f root=%.3f code=%.3f source=%.3f target=%.3f triple=%.3f extra_per_sentence=%.3f\n",
		r.Sentences, r.Detect, r.Root, r.Code, r.Source, r.Target, r.Triple, r.ExtraPerSentence)
	fmt.Fprintln(w, "\nconfusion by CAMEO root (gold → coded; - = nothing coded):")
	gs := make([]string, 0, len(r.Confusion))
	for g := range r.Confusion {
		gs = append(gs, g)
	}
	sort.Strings(gs)
	for _, g := range gs {
		row := r.Confusion[g]
		cs := make([]string, 0, len(row))
		for c := range row {
			cs = append(cs, c)
		}
		sort.Slice(cs, func(i, j int) bool { return row[cs[i]] > row[cs[j]] || row[cs[i]] == row[cs[j]] && cs[i] < cs[j] })
		var b strings.Builder
		for _, c := range cs {
			fmt.Fprintf(&b, " %s:%d", c, row[c])
		}
		fmt.Fprintf(w, "  %s →%s\n", g, b.String())
	}
	if maxMisses > 0 && len(r.Misses) > 0 {
		fmt.Fprintf(w, "\nmisses (%d, first %d):\n", len(r.Misses), min(maxMisses, len(r.Misses)))
		for _, m := range r.Misses[:min(maxMisses, len(r.Misses))] {
			fmt.Fprintf(w, "  %s want %s got %v\n    %s\n", m.ID, m.Want, m.Got, m.Text)
		}
	}
}

// PentaItem is a sentence with its five-class label.
type PentaItem struct {
	Text  string
	Label int
}

// ReadPenta reads "text<TAB>label" lines after a header.
func ReadPenta(r io.Reader, name string) ([]PentaItem, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	var out []PentaItem
	for line := 1; sc.Scan(); line++ {
		if line == 1 && strings.HasPrefix(sc.Text(), "text\t") {
			continue
		}
		t := sc.Text()
		i := strings.LastIndexByte(t, '\t')
		if i < 0 || i == len(t)-1 || t[i+1] < '0' || t[i+1] > '4' {
			return out, fmt.Errorf("%s:%d: want text<TAB>label 0-4", name, line)
		}
		out = append(out, PentaItem{Text: t[:i], Label: int(t[i+1] - '0')})
	}
	return out, sc.Err()
}

// Penta is the share of items whose first asserted event has the labelled
// penta class (an item without one counts as wrong), and the confusion.
// Classes are the codebook's (cameo_codes.tsv's penta column).
func Penta(items []PentaItem, first []*redline.Event) (float64, [5][6]int) {
	return PentaBy(items, first, CodebookPenta)
}

// CodebookPenta is the codebook's penta class of a code, or 5 when the
// code is unknown.
func CodebookPenta(c redline.Code) int {
	if info, ok := c.Info(); ok {
		return int(info.Penta)
	}
	if info, ok := c.Root().Info(); ok {
		return int(info.Penta)
	}
	return 5
}

// LabelPenta is the class the penta_dev labels give a code: the codebook's,
// except that reducing relations (root 16: sanctions, cut aid, broken
// relations) is verbal conflict, not material — 67 of the 68 dev sentences
// whose first event redline codes 16 are labelled so. Reported beside the
// codebook's figure so that the two readings can be told apart.
func LabelPenta(c redline.Code) int {
	if c.Root() == "16" {
		return 3
	}
	return CodebookPenta(c)
}

// PentaBy is Penta with the classes of class.
func PentaBy(items []PentaItem, first []*redline.Event, class func(redline.Code) int) (float64, [5][6]int) {
	var conf [5][6]int
	right := 0
	for i, it := range items {
		got := 5
		if e := first[i]; e != nil {
			got = class(e.Code)
		}
		conf[it.Label][got]++
		if got == it.Label {
			right++
		}
	}
	if len(items) == 0 {
		return 0, conf
	}
	return float64(right) / float64(len(items)), conf
}
