package format

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/redline-events/redline"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// sampleEvents covers what the writers must carry: null source and target,
// said_by, every mode, an IGO actor, a four-digit code, a place, a zero
// date, and text with tabs, newlines, quotes, commas and non-ASCII.
func sampleEvents() []redline.Event {
	biden := &redline.Actor{Text: "Biden", Code: "USAGOV", Country: "USA"}
	putin := &redline.Actor{Text: "Putin", Code: "RUSGOV", Country: "RUS"}
	nato := &redline.Actor{Text: "NATO", Code: "IGOWSTNAT", Country: "IGO"}
	rybakov := &redline.Actor{Text: "Rybakov", Code: "RUSGOV", Country: "RUS"}
	ev := []redline.Event{
		{
			DocID: "seed-2021-12", Sentence: 0, Date: day(2021, 12, 7), DateFrom: redline.DateFromText,
			Source: biden, Target: putin, Code: "130", Mode: redline.Asserted,
			Evidence: redline.Evidence{Start: 0, End: 43, Text: "Biden warned Putin about dire consequences.",
				Verb: "warned", VerbStart: 6, VerbEnd: 12},
			Mentions: 2, URL: "https://example.org/a?x=1&y=2",
		},
		{
			DocID: "seed-2021-12", Sentence: 3, Date: day(2021, 12, 10), DateFrom: redline.DateFromText,
			Source: rybakov, Target: nato, Code: "0214", Mode: redline.Future, SaidBy: rybakov,
			Evidence: redline.Evidence{Start: 120, End: 170, Text: "Rybakov said Moscow will ask NATO for \"legal guarantees\".",
				Verb: "ask", VerbStart: 150, VerbEnd: 153},
		},
		{
			DocID: "doc\twith tab", Sentence: 1, Date: day(2014, 3, 1), DateFrom: redline.DateFromText,
			Source: putin, Target: nil, Code: "1711", Mode: redline.Negated,
			Evidence: redline.Evidence{Start: 5, End: 60, Text: "Putin has no intent on invading,\tsaid the Kremlin\nspokesman — «non».",
				Verb: "invading"},
			Place: &redline.Place{Name: "Sevastopol, Crimea", Country: "UKR", ADM1: "UP11", Lat: 44.6, Lon: 33.53, How: "text"},
		},
		{
			DocID: "voa-8011115", Sentence: 7, Date: day(2025, 3, 14), DateFrom: redline.DateFromDocument,
			Source: nil, Target: &redline.Actor{Text: "Kiev's \"military\"", Code: "UKRMIL", Country: "UKR"},
			Code: "190", Mode: redline.Hypothetical,
			Evidence: redline.Evidence{Start: 0, End: 20, Text: "Zelensky — naïve, «fight»?", Verb: "fight"},
			Place:    &redline.Place{Name: "Ukraine", Country: "UKR", How: "actor"},
			URL:      "https://voa.example/n\tew",
		},
		{
			DocID: "undated", Sentence: 0, DateFrom: redline.DateFromDocument,
			Source: &redline.Actor{Text: "UN", Code: "IGOUNO", Country: "IGO"}, Target: nil,
			Code: "042", Mode: redline.Asserted,
			Evidence: redline.Evidence{Text: "The UN, again, visited.", Verb: "visited"},
		},
	}
	for i := range ev {
		e := &ev[i]
		e.ID = redline.EventID(e.DocID, e.Sentence, e.Source.ActorCode(), e.Target.ActorCode(), e.Code, e.Mode, e.Date)
	}
	return ev
}

func writeAll(t testing.TB, name string, events []redline.Event) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := New(name, &buf)
	if err != nil {
		t.Fatal(err)
	}
	for i := range events {
		if err := w.Write(&events[i]); err != nil {
			t.Fatalf("%s: Write: %v", name, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatalf("%s: Close: %v", name, err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct{ format, file string }{
		{"jsonl", "events.jsonl.golden"},
		{"csv", "events.csv.golden"},
		{"gdelt", "events.gdelt.golden"},
		{"petrarch", "events.petrarch.golden"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			got := writeAll(t, tc.format, sampleEvents())
			path := filepath.Join("testdata", tc.file)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./format -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s output differs from %s:\ngot:\n%s\nwant:\n%s", tc.format, path, got, want)
			}
		})
	}
}

func TestNew(t *testing.T) {
	if _, err := New("xml", &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "jsonl") {
		t.Errorf("New(xml) error = %v, want one listing the valid formats", err)
	}
	want := []string{"csv", "gdelt", "jsonl", "parquet", "petrarch"}
	if got := Names(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Names() = %v, want %v", got, want)
	}
}

// TestJSONLContract checks each line against the FORMATS.md field order and
// null/omission rules, independently of the golden file.
func TestJSONLContract(t *testing.T) {
	events := sampleEvents()
	lines := strings.Split(strings.TrimSuffix(string(writeAll(t, "jsonl", events)), "\n"), "\n")
	if len(lines) != len(events) {
		t.Fatalf("%d lines for %d events", len(lines), len(events))
	}
	order := []string{"id", "doc_id", "sentence", "date", "date_from", "source", "target", "cameo", "root",
		"quad", "goldstein", "plover", "mode", "said_by", "evidence", "mentions", "url", "place"}
	for i, line := range lines {
		ev := &events[i]
		dec := json.NewDecoder(strings.NewReader(line))
		if _, err := dec.Token(); err != nil {
			t.Fatal(err)
		}
		var keys []string
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				t.Fatalf("line %d: %v", i, err)
			}
			keys = append(keys, k.(string))
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				t.Fatalf("line %d: %v", i, err)
			}
		}
		j := 0
		for _, k := range keys {
			for j < len(order) && order[j] != k {
				j++
			}
			if j == len(order) {
				t.Errorf("line %d: key %q out of order in %v", i, k, keys)
			}
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		if _, ok := m["said_by"]; ok != (ev.SaidBy != nil) {
			t.Errorf("line %d: said_by present=%v, want %v", i, ok, ev.SaidBy != nil)
		}
		if ev.Source == nil && m["source"] != nil {
			t.Errorf("line %d: source = %v, want null", i, m["source"])
		}
		evd := m["evidence"].(map[string]any)
		if evd["text"] != ev.Evidence.Text {
			t.Errorf("line %d: evidence text %q, want %q", i, evd["text"], ev.Evidence.Text)
		}
		if m["goldstein"].(float64) != ev.Code.Goldstein() || int(m["quad"].(float64)) != int(ev.Code.Quad()) {
			t.Errorf("line %d: goldstein/quad %v/%v", i, m["goldstein"], m["quad"])
		}
	}
}

func TestGDELTColumns(t *testing.T) {
	out := string(writeAll(t, "gdelt", sampleEvents()))
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if n := strings.Count(line, "\t") + 1; n != gdeltColumns {
			t.Errorf("line %d has %d columns, want %d: %q", i, n, gdeltColumns, line)
		}
	}
	first := strings.Split(strings.SplitN(out, "\n", 2)[0], "\t")
	for col, want := range map[int]string{
		1: "20211207", 2: "202112", 3: "2021", 4: "2021.9233", // (11*30+7)/365
		5: "USAGOV", 7: "USA", 12: "GOV", 15: "RUSGOV", 25: "1", 26: "130", 27: "130", 28: "13",
		29: "3", 30: "-4.4", 31: "2", 59: "20211207000000", 60: "https://example.org/a?x=1&y=2",
	} {
		if first[col] != want {
			t.Errorf("column %d = %q, want %q", col, first[col], want)
		}
	}
}

func TestSplitActorCode(t *testing.T) {
	for _, tc := range []struct {
		code                   string
		country, group, ethnic string
		types                  [3]string
		religion               [2]string
	}{
		{code: "RUSGOV", country: "RUS", types: [3]string{"GOV"}},
		{code: "UKRMILREB", country: "UKR", types: [3]string{"MIL", "REB"}},
		{code: "IGOWSTNAT", country: "WST", group: "NAT", types: [3]string{"IGO"}},
		{code: "IGOUNO", group: "UNO", types: [3]string{"IGO"}},
		{code: "IRQMOSSHI", country: "IRQ", religion: [2]string{"MOS", "SHI"}},
		{code: "SYRMOSSUNREB", country: "SYR", religion: [2]string{"MOS", "SUN"}, types: [3]string{"REB"}},
		{code: "PSEREBHMS", country: "PSE", group: "HMS", types: [3]string{"REB"}},
		{code: "USA", country: "USA"},
		{code: "", country: ""},
		{code: "GOV", types: [3]string{"GOV"}},
		{code: "XX", country: ""}, // too short for a part
	} {
		p := splitActorCode(tc.code)
		if p.country != tc.country || p.group != tc.group || p.ethnic != tc.ethnic || p.types != tc.types || p.religion != tc.religion {
			t.Errorf("splitActorCode(%q) = %+v, want country %q group %q types %v religion %v",
				tc.code, p, tc.country, tc.group, tc.types, tc.religion)
		}
	}
}

func TestGDELTEventID(t *testing.T) {
	id := redline.EventID("d", 1, "USAGOV", "RUSGOV", "130", redline.Asserted, time.Time{})
	a, b := gdeltEventID(id), gdeltEventID(id)
	if a != b || a >= 1<<52 {
		t.Errorf("gdeltEventID(%q) = %d, %d: want stable and < 2^52", id, a, b)
	}
	if gdeltEventID("not hex at all!") >= 1<<52 || gdeltEventID("x") == gdeltEventID("y") {
		t.Error("fallback hash out of range or colliding")
	}
}

func TestPetrarchColumns(t *testing.T) {
	events := sampleEvents()
	lines := strings.Split(strings.TrimSuffix(string(writeAll(t, "petrarch", events)), "\n"), "\n")
	for i, line := range lines {
		f := strings.Split(line, "\t")
		want := 7
		if events[i].URL != "" {
			want = 8
		}
		if len(f) != want {
			t.Fatalf("line %d: %d columns, want %d: %q", i, len(f), want, line)
		}
		if f[3] != string(events[i].Code) || f[len(f)-1] != "NULL" || f[4] != "" {
			t.Errorf("line %d: code/issues/source columns wrong: %q", i, line)
		}
		if events[i].Target == nil && f[2] != "---" {
			t.Errorf("line %d: null target written as %q", i, f[2])
		}
	}
}

func TestCSVRoundTrip(t *testing.T) {
	events := sampleEvents()
	recs, err := csv.NewReader(bytes.NewReader(writeAll(t, "csv", events))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(events)+1 || strings.Join(recs[0], ",") != strings.Join(csvHeader, ",") {
		t.Fatalf("got %d records, header %v", len(recs), recs[0])
	}
	col := func(name string) int {
		for i, h := range csvHeader {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	for i, ev := range events {
		r := recs[i+1]
		if r[col("evidence_text")] != ev.Evidence.Text || r[col("target_code")] != ev.Target.ActorCode() {
			t.Errorf("record %d: %v", i, r)
		}
	}
	// No events still gives a header.
	if got := string(writeAll(t, "csv", nil)); got != strings.Join(csvHeader, ",")+"\n" {
		t.Errorf("empty CSV = %q", got)
	}
}

func TestParquetRoundTrip(t *testing.T) {
	events := sampleEvents()
	// More than one batch, so that flushing mid-stream is exercised.
	for len(events) < parquetBatch+10 {
		events = append(events, events[:5]...)
	}
	data := writeAll(t, "parquet", events)
	rows, err := parquet.Read[ParquetRow](bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(events) {
		t.Fatalf("read %d rows, wrote %d", len(rows), len(events))
	}
	for i := range events {
		want := parquetRow(&events[i])
		got := rows[i]
		if got.ID != want.ID || got.EvidenceText != want.EvidenceText || got.Goldstein != want.Goldstein ||
			got.SourceCode != want.SourceCode || got.Mode != want.Mode || got.Mentions != want.Mentions {
			t.Fatalf("row %d: got %+v\nwant %+v", i, got, want)
		}
		if (got.Date == nil) != (want.Date == nil) || (got.Date != nil && *got.Date != *want.Date) {
			t.Fatalf("row %d: date %v, want %v", i, got.Date, want.Date)
		}
		if want.Date != nil && time.Unix(int64(*got.Date)*86400, 0).UTC() != events[i].Date {
			t.Fatalf("row %d: date %d days is not %v", i, *got.Date, events[i].Date)
		}
		if (got.PlaceLat == nil) != (want.PlaceLat == nil) || (got.PlaceLat != nil && *got.PlaceLat != *want.PlaceLat) {
			t.Fatalf("row %d: place_lat %v, want %v", i, got.PlaceLat, want.PlaceLat)
		}
	}
}

// The geo type column follows what the place is.
func TestGDELTGeoType(t *testing.T) {
	for _, tc := range []struct {
		p    *redline.Place
		want string
	}{
		{nil, "0"},
		{&redline.Place{Name: "Ukraine", Country: "UKR", Lat: 49, Lon: 32, Kind: "country"}, "1"},
		{&redline.Place{Name: "Texas", Country: "USA", ADM1: "US-TX", Lat: 31, Lon: -99, Kind: "adm1"}, "2"},
		{&redline.Place{Name: "Paris", Country: "USA", ADM1: "US-TX", Lat: 33.66, Lon: -95.56, Kind: "city"}, "3"},
		{&redline.Place{Name: "Kharkiv", Country: "UKR", ADM1: "UA-63", Lat: 49.99, Lon: 36.23, Kind: "city"}, "4"},
		{&redline.Place{Name: "Balochistan", Country: "PAK", ADM1: "PK-BA", Lat: 28.5, Lon: 65.1, Kind: "adm1"}, "5"},
	} {
		cols := strings.Split(string(appendGDELTGeo(nil, tc.p)), "\t")
		if len(cols) != 9 || cols[1] != tc.want {
			t.Errorf("%+v: columns %q, want type %s", tc.p, cols, tc.want)
		}
	}
}
