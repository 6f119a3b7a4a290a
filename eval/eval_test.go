package eval

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/redline-events/redline"
)

const goldLines = `{"id": "g1", "text": "Russia invaded Ukraine.", "date": "2022-02-24", "events": [{"source": ["RUS"], "target": ["UKR"], "plover": "FIGHT", "cameo": "192"}]}
{"id": "g2", "text": "Jordan and Britain agreed to hold exercises.", "date": "2000-01-01", "events": [{"source": ["JOR", "GBR"], "target": [], "plover": "AGREE", "cameo": ""}]}
{"id": "g3", "text": "Japan praised Italy.", "date": "2000-01-01", "events": [{"source": ["JAP"], "target": ["ITL"], "plover": "SUPPORT", "cameo": "051"}]}
`

func actor(code string) *redline.Actor { return &redline.Actor{Code: code, Country: code[:3]} }

// Score follows score.py: best-matching asserted events per gold sentence,
// country aliases (JAP = JPN), roots from PLOVER types when no CAMEO code.
func TestScore(t *testing.T) {
	gold, err := ReadJSONL(strings.NewReader(goldLines), "gold")
	if err != nil {
		t.Fatal(err)
	}
	evs := []redline.Event{
		{DocID: "g1", Code: "190", Mode: redline.Asserted, Source: actor("RUSMIL"), Target: actor("UKR")},  // right root, wrong code
		{DocID: "g1", Code: "192", Mode: redline.Hypothetical, Source: actor("RUS"), Target: actor("UKR")}, // not asserted: ignored
		{DocID: "g2", Code: "0312", Mode: redline.Asserted, Source: actor("GBR")},
		{DocID: "g2", Code: "190", Mode: redline.Asserted, Source: actor("GBR")}, // an extra event
		{DocID: "g3", Code: "051", Mode: redline.Asserted, Source: actor("JPN"), Target: actor("CHN")},
	}
	r := Score(gold, evs)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"detect", r.Detect, 1}, {"root", r.Root, 1}, {"code", r.Code, 0.5}, {"source", r.Source, 1},
		{"target", r.Target, 0.5}, {"triple", r.Triple, 2.0 / 3}, {"extra", r.ExtraPerSentence, 1.0 / 3},
	} {
		if diff := c.got - c.want; diff > 1e-9 || diff < -1e-9 {
			t.Errorf("%s = %.3f, want %.3f", c.name, c.got, c.want)
		}
	}
	var b bytes.Buffer
	r.Write(&b, 5)
	if !strings.HasPrefix(b.String(), "sentences=3 detect=1.000 root=1.000 code=0.500") || !strings.Contains(b.String(), "g3 want SUPPORT 051") {
		t.Errorf("report:\n%s", b.String())
	}
}

func TestReadErrors(t *testing.T) {
	if _, err := ReadJSONL(strings.NewReader("{\"id\": \"a\"}\n"), "g.jsonl"); err == nil || !strings.Contains(err.Error(), "g.jsonl:1") {
		t.Errorf("missing text: %v", err)
	}
	if _, err := ReadPenta(strings.NewReader("text\tpenta\nsome text\t7\n"), "p.tsv"); err == nil || !strings.Contains(err.Error(), "p.tsv:2") {
		t.Errorf("bad label: %v", err)
	}
}

func TestPenta(t *testing.T) {
	items, err := ReadPenta(strings.NewReader("text\tpenta\na\t4\nb\t1\nc\t0\n"), "p")
	if err != nil || len(items) != 3 {
		t.Fatalf("%v %v", items, err)
	}
	e := &redline.Event{Code: "190"}
	acc, conf := Penta(items, []*redline.Event{e, e, nil})
	if acc != 1.0/3 || conf[4][4] != 1 || conf[1][4] != 1 || conf[0][5] != 1 {
		t.Errorf("acc %.3f conf %v", acc, conf)
	}
}

func TestPentaClasses(t *testing.T) {
	for _, tt := range []struct {
		code            redline.Code
		codebook, label int
	}{
		{"010", 0, 0}, {"036", 1, 1}, {"073", 2, 2}, {"112", 3, 3}, {"145", 4, 4},
		{"163", 4, 3}, {"16", 4, 3}, {"190", 4, 4}, {"999", 5, 5},
	} {
		if got := CodebookPenta(tt.code); got != tt.codebook {
			t.Errorf("CodebookPenta(%s) = %d, want %d", tt.code, got, tt.codebook)
		}
		if got := LabelPenta(tt.code); got != tt.label {
			t.Errorf("LabelPenta(%s) = %d, want %d", tt.code, got, tt.label)
		}
	}
	items := []PentaItem{{Text: "a", Label: 3}, {Text: "b", Label: 4}}
	e := &redline.Event{Code: "163"}
	if acc, _ := PentaBy(items, []*redline.Event{e, e}, LabelPenta); acc != 0.5 {
		t.Errorf("PentaBy(LabelPenta) = %.2f, want 0.5", acc)
	}
}

func TestPetrarchXML(t *testing.T) {
	f, err := os.Open("../../shared/eval/petr/PETR_Validate_records_2_02.xml")
	if err != nil {
		t.Skip("../shared/eval/petr absent: skipping the PETRARCH validation reader test")
	}
	defer f.Close()
	recs, err := ReadPetrarchXML(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 100 {
		t.Fatalf("read %d records", len(recs))
	}
	for _, r := range recs {
		if r.ID == "" || r.Text == "" || len(r.Events) == 0 || r.Events[0].CAMEO == "" {
			t.Fatalf("incomplete record %+v", r)
		}
	}
}

func FuzzReadJSONL(f *testing.F) {
	f.Add(goldLines)
	f.Add("{\"id\":\"x\",\"text\":\"y\",\"events\":[{}]}\n")
	f.Fuzz(func(t *testing.T, in string) {
		recs, _ := ReadJSONL(strings.NewReader(in), "fuzz")
		Score(recs, nil)
	})
}
