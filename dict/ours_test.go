package dict

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func TestReadOursErrors(t *testing.T) {
	tests := []struct {
		name, file, in, want string
	}{
		{"unknown kind", "actors/x.txt", "!kind planet\n", "actors/x.txt:1: unknown kind \"planet\""},
		{"bad directive", "actors/x.txt", "!kinds country\n", "actors/x.txt:1: unknown directive"},
		{"entry without code", "actors/x.txt", "# c\nRussia; Russian\n", "actors/x.txt:2: want \"CODE: name; name\""},
		{"short code", "actors/x.txt", "RU: Russia\n", "actors/x.txt:1: actor code \"RU\" is shorter"},
		{"no names", "actors/x.txt", "RUS:  ; \n", "actors/x.txt:1: no names"},
		{"role outside person", "people/x.txt", "  RUSGOV 2000..\n", "people/x.txt:1: indented role line outside a person block"},
		{"bad date", "people/x.txt", "Vladimir Putin\n  RUSGOV 2000-13..\n", "people/x.txt:2: date \"2000-13\""},
		{"reversed range", "people/x.txt", "Vladimir Putin\n  RUSGOV 2012..2000\n", "people/x.txt:2: date range \"2012..2000\" ends before it starts"},
		{"range without dots", "people/x.txt", "Vladimir Putin\n  RUSGOV 2012\n", "people/x.txt:2: date range \"2012\": want FROM..TO"},
		{"unknown code", "verbs/x.txt", "999 frobnicate\n", "verbs/x.txt:1: verb pattern: unknown CAMEO code \"999\""},
		{"no head", "verbs/x.txt", "130\n", "verbs/x.txt:1: verb pattern: no head"},
		{"bad prep set", "verbs/x.txt", "130 warn {against\n", "verbs/x.txt:1: verb pattern: bad preposition set"},
		{"unknown synset", "verbs/x.txt", "130 warn &NOPE\n", "verbs/x.txt:1: unknown synset &NOPE"},
		{"empty synset", "verbs/x.txt", "&X = | \n", "verbs/x.txt:1: synset &X has no members"},
		{"bad synset", "verbs/x.txt", "&X sanction\n", "verbs/x.txt:1: synset: want"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadOurs(tt.file, strings.NewReader(tt.in), Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want %q", err, tt.want)
			}
			d, err := ReadOurs(tt.file, strings.NewReader(tt.in+"RUS: Russia\n"), Options{Lenient: true})
			if err != nil {
				t.Fatalf("lenient: %v", err)
			}
			if len(d.Warnings) == 0 {
				t.Error("lenient load returned no warnings")
			}
		})
	}
}

func TestReadOursLenientKeepsRest(t *testing.T) {
	fsys := fstest.MapFS{"actors/a.txt": {Data: []byte("!kind country\nRUS: Russia\nbroken line\nUKR: Ukraine\n")}}
	if _, err := Load(fsys, Options{}); err == nil {
		t.Fatal("strict load accepted a malformed line")
	}
	d, err := Load(fsys, Options{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Warnings) != 1 || !strings.HasPrefix(d.Warnings[0].Error(), "actors/a.txt:3:") {
		t.Errorf("warnings = %v", d.Warnings)
	}
	if m, _ := d.Lookup("Ukraine", time.Time{}); m.Code != "UKR" {
		t.Errorf("line after the bad one not loaded: %q", m.Code)
	}
}

func TestReadOursKinds(t *testing.T) {
	d := loadTest(t)
	want := map[string]Kind{"Russia": Country, "Kharkiv": Place, "NATO": Org, "troops": Agent, "Putin": Person}
	for name, k := range want {
		m, ok := d.Lookup(name, day("2020-01-01"))
		if !ok || m.Kind != k {
			t.Errorf("Lookup(%q) kind = %v (ok %v), want %v", name, m.Kind, ok, k)
		}
	}
	// Entries before any !kind follow the path.
	for _, tt := range []struct {
		path string
		want Kind
	}{{"people/x.txt", Person}, {"agents.txt", Agent}, {"actors/a.txt", Country}} {
		if got := defaultKind(tt.path); got != tt.want {
			t.Errorf("defaultKind(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestNameTokens(t *testing.T) {
	tests := []struct{ in, want string }{
		{"U.S. Department of State", "U.S.|Department|of|State"},
		{"Russia's", "Russia|'s"},
		{"Joseph R. Biden Jr.", "Joseph|R.|Biden|Jr."},
		{"Ban Ki-moon", "Ban|Ki|-|moon"},
		{"Allies'", "Allies|'"},
		{"(Hamas)", "(|Hamas|)"},
		{"end.", "end|."},
		{"U.N.", "U.N."},
	}
	for _, tt := range tests {
		if got := strings.Join(nameTokens(nil, tt.in), "|"); got != tt.want {
			t.Errorf("nameTokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Erdoğan", "erdogan"}, {"Türkiye", "turkiye"}, {"Łukaszenka", "lukaszenka"}, {"Straße", "strasse"},
		{"U.S.", "u.s"}, {"Jr.", "jr"}, {"russia", "russia"}, {"São Tomé", "sao tome"}, {"Zelens’kyi", "zelens'kyi"},
	}
	for _, tt := range tests {
		if got := fold(tt.in); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCapsMask(t *testing.T) {
	tests := []struct {
		name string
		want uint8
	}{
		{"US", 0b11}, {"U.N.", 0b11}, {"NATO", 0b1111}, {"LeT", 0b101}, {"BiH", 0b101},
		{"Iran", 0}, {"us", 0}, {"ISRAEL", 0}, {"United States", 0}, {"X", 1}, {"McCain", 0},
	}
	for _, tt := range tests {
		if got := capsMask(tt.name, false); got != tt.want {
			t.Errorf("capsMask(%q) = %b, want %b", tt.name, got, tt.want)
		}
	}
	if capsMask("UN", true) != 0 {
		t.Error("caseless dictionaries must not require capitals")
	}
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("actors/a.txt", "!kind country\nRUS: Russia; Russian\nUKR: Ukraine; Russian\nRUS: Russia\n")
	write("people/p.txt", "Vladimir Putin\n  RUSGOV 2000..2010\n  RUSELI 2008..2012\n  RUSGOV 2010..\nBad Dates\n  RUSGOV 2010..2000\n")
	write("verbs/v.txt", "130 warn\n130 warn\n013 warn\n999 frob\n130 warn &NOPE\n")
	errs, err := Check([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range errs {
		got = append(got, strings.TrimPrefix(filepath.ToSlash(e.Error()), filepath.ToSlash(dir)+"/"))
	}
	want := []string{
		"actors/a.txt:3: country \"Russian\" is UKR here but RUS at",
		"actors/a.txt:4: duplicate country \"Russia\" (also at",
		"people/p.txt:3: role RUSELI overlaps role RUSGOV of line 2",
		"people/p.txt:4: role RUSGOV overlaps role RUSELI of line 3",
		"people/p.txt:6: date range \"2010..2000\" ends before it starts",
		"verbs/v.txt:2: duplicate pattern \"warn\"",
		"verbs/v.txt:3: pattern \"warn\" is 013 here but 130 at",
		"verbs/v.txt:4: verb pattern: unknown CAMEO code \"999\"",
		"verbs/v.txt:5: unknown synset &NOPE",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d problems:\n%s", len(got), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d = %q, want prefix %q", i, got[i], want[i])
		}
	}
}

// TestWriteGolden converts a small PETRARCH dictionary to our format and
// compares with testdata/convert.golden; the output must read back.
func TestWriteGolden(t *testing.T) {
	d := &Dictionary{}
	errs := d.readPetrActors("a.actors", []byte("UNITED_NATIONS_ [IGOUNO]\n+U.N.\nKOFI_ANNAN_\n\t[IGOUNO 970101-061231]\n\t[ELI]\n"))
	errs = append(errs, d.readPetrAgents("a.agents", []byte("PRESIDENT [~GOV]\nPOLICE {} [~COP]\n"))...)
	errs = append(errs, d.readPetrVerbs("a.verbs", []byte("&CEASEFIRE\n+TRUCE\n+CEASE_FIRE\n--- SIGN [---] ---\nSIGN\nINK\n- * &CEASEFIRE [0356]\n- * (WITH +) [036]\n"))...)
	errs = append(errs, d.resolvePatterns()...)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	d.compile()
	var b bytes.Buffer
	for _, fn := range []func(*bytes.Buffer) error{
		func(w *bytes.Buffer) error { return d.WriteActors(w) },
		func(w *bytes.Buffer) error { return d.WriteAgents(w) },
		func(w *bytes.Buffer) error { return d.WritePeople(w) },
		func(w *bytes.Buffer) error { return d.WriteVerbs(w) },
	} {
		if err := fn(&b); err != nil {
			t.Fatal(err)
		}
		b.WriteString("----\n")
	}
	golden := filepath.Join("testdata", "convert.golden")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("output differs from %s (run with -update):\n%s", golden, b.String())
	}
	// The parts read back in our format and code the same.
	parts := strings.Split(b.String(), "----\n")
	back, err := Load(fstest.MapFS{
		"actors/c.txt": {Data: []byte(parts[0])}, "agents.txt": {Data: []byte(parts[1])},
		"people/c.txt": {Data: []byte(parts[2])}, "verbs/c.txt": {Data: []byte(parts[3])},
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, date, want string }{
		{"United Nations", "2000-01-01", "IGOUNO"}, {"U.N.", "2000-01-01", "IGOUNO"},
		{"Kofi Annan", "2000-01-01", "IGOUNO"}, {"Kofi Annan", "2010-01-01", "ELI"}, {"presidents", "2000-01-01", "GOV"},
	} {
		if m, _ := back.Lookup(tt.name, day(tt.date)); m.Code != tt.want {
			t.Errorf("read back: Lookup(%q) = %q, want %q", tt.name, m.Code, tt.want)
		}
	}
	if len(back.AllPatterns()) != len(d.AllPatterns()) {
		t.Errorf("read back %d patterns, wrote %d", len(back.AllPatterns()), len(d.AllPatterns()))
	}
}
