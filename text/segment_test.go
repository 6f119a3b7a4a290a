package text

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/neurosnap/sentences/english"
	"github.com/redline-events/redline"
)

func segment(s string) *redline.Doc {
	d := &redline.Doc{Text: s}
	Segment(d)
	return d
}

func sentenceTexts(d *redline.Doc) []string {
	var out []string
	for i := range d.Sentences {
		out = append(out, d.SentenceText(i))
	}
	return out
}

func forms(d *redline.Doc) string {
	var f []string
	for _, t := range d.Tokens {
		f = append(f, t.Form)
	}
	return strings.Join(f, " ")
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"plain", "Putin spoke. Biden listened.", []string{"Putin spoke.", "Biden listened."}},
		{"country abbreviation mid-sentence", "He expected the U.S. delegation to follow up on Putin's request.",
			[]string{"He expected the U.S. delegation to follow up on Putin's request."}},
		{"abbreviation before a proper noun", "Talks in the U.N. Security Council stalled. Russia vetoed.",
			[]string{"Talks in the U.N. Security Council stalled.", "Russia vetoed."}},
		{"abbreviation ends the sentence", "Troops arrived from the U.S. They left on Friday.",
			[]string{"Troops arrived from the U.S.", "They left on Friday."}},
		{"month abbreviations with dates", "Putin met Biden Dec. 7, a response to a Feb. 22, 2014 coup. Talks followed.",
			[]string{"Putin met Biden Dec. 7, a response to a Feb. 22, 2014 coup.", "Talks followed."}},
		{"titles", "Gen. Valery Gerasimov met Sen. Bob Menendez, Rep. Adam Schiff and Mr. Lavrov.",
			[]string{"Gen. Valery Gerasimov met Sen. Bob Menendez, Rep. Adam Schiff and Mr. Lavrov."}},
		{"stacked titles", "Lt. Col. Alexander Vindman testified. He was fired.",
			[]string{"Lt. Col. Alexander Vindman testified.", "He was fired."}},
		{"number abbreviation", "He is the No. 2 official in St. Petersburg. He resigned.",
			[]string{"He is the No. 2 official in St. Petersburg.", "He resigned."}},
		{"no as a word", "The answer was no. Talks ended.", []string{"The answer was no.", "Talks ended."}},
		{"a.m. and p.m. mid-sentence", "The strike began at 6 a.m. Tuesday and ended at 4 p.m. local time.",
			[]string{"The strike began at 6 a.m. Tuesday and ended at 4 p.m. local time."}},
		{"time zone after p.m.", "The vote came at 5 p.m. ET on Friday.", []string{"The vote came at 5 p.m. ET on Friday."}},
		{"p.m. ends the sentence", "The vote came at 5 p.m. The bill passed.",
			[]string{"The vote came at 5 p.m.", "The bill passed."}},
		{"initials", "Former boxer Vitali V. Klitschko led protests. George W. Bush watched.",
			[]string{"Former boxer Vitali V. Klitschko led protests.", "George W. Bush watched."}},
		{"closing quote after comma", `"We will respond," Rybakov said. Moscow denied it.`,
			[]string{`"We will respond," Rybakov said.`, "Moscow denied it."}},
		{"closing quote after period", `"We will." He left.`, []string{`"We will."`, "He left."}},
		{"typographic quotes", "“If they refuse, they will face consequences.” Rybakov said so.",
			[]string{"“If they refuse, they will face consequences.”", "Rybakov said so."}},
		{"question inside quote then lower case", `"Why now?" he asked. Nobody knew.`,
			[]string{`"Why now?" he asked.`, "Nobody knew."}},
		{"closing bracket", "The army withdrew (after talks.) Then it returned.",
			[]string{"The army withdrew (after talks.)", "Then it returned."}},
		{"paragraph without final period", "Ukraine talks resume\nMoscow says no deal",
			[]string{"Ukraine talks resume", "Moscow says no deal"}},
		{"line break always separates", "The minister said\nthat talks failed.",
			[]string{"The minister said", "that talks failed."}},
		{"ellipsis then capital", "We waited... Nothing came.", []string{"We waited...", "Nothing came."}},
		{"ellipsis mid-sentence", "We waited ... and waited.", []string{"We waited ... and waited."}},
		{"unicode ellipsis", "We waited… Nothing came.", []string{"We waited…", "Nothing came."}},
		{"stray double period", "Crimea would still be in Ukraine's territory.. Rybakov followed up.",
			[]string{"Crimea would still be in Ukraine's territory..", "Rybakov followed up."}},
		{"initial ends a sentence", "They chose Plan B. The talks ended.", []string{"They chose Plan B.", "The talks ended."}},
		{"abbreviation with a final period", "They signed with CCNG, Inc.. Then they left.",
			[]string{"They signed with CCNG, Inc..", "Then they left."}},
		{"repeated marks", "Really?! Yes!! Go.", []string{"Really?!", "Yes!!", "Go."}},
		{"speaker after a quoted question", `"What about the neighbours?" Bugajski asked. But Countryman disagreed.`,
			[]string{`"What about the neighbours?" Bugajski asked.`, "But Countryman disagreed."}},
		{"titled speaker after a quoted question", `"Why now?" Secretary Blinken asked.`,
			[]string{`"Why now?" Secretary Blinken asked.`}},
		{"new sentence after a quoted question", `"Is it over?" Nobody knows.`, []string{`"Is it over?"`, "Nobody knows."}},
		{"quoted question at the end", `"Who?" Smith`, []string{`"Who?"`, "Smith"}},
		{"title after an abbreviation", "A senior U.S. Senator James Risch said so. Others agreed.",
			[]string{"A senior U.S. Senator James Risch said so.", "Others agreed."}},
		{"lower-case word capitalised in a name", "He heads the U.N. Integrated Bureau for Haiti.",
			[]string{"He heads the U.N. Integrated Bureau for Haiti."}},
		{"frequent starter after an abbreviation", "Troops arrived from the U.S. Officials said more would come.",
			[]string{"Troops arrived from the U.S.", "Officials said more would come."}},
		{"ellipsis after a sentence", "It was thrown into doubt. … Without certainty, it fails.",
			[]string{"It was thrown into doubt. …", "Without certainty, it fails."}},
		{"exclamation and question", "Stop! Who fired? Nobody.", []string{"Stop!", "Who fired?", "Nobody."}},
		{"decimal and thousands", "Russia massed 95,000 troops, up 3.5 percent. NATO responded.",
			[]string{"Russia massed 95,000 troops, up 3.5 percent.", "NATO responded."}},
		{"etc before a sentence", "Tanks, jets, etc. The list grew.", []string{"Tanks, jets, etc.", "The list grew."}},
		{"company abbreviation mid-sentence", "Gazprom Inc. said Friday it would cut supplies.",
			[]string{"Gazprom Inc. said Friday it would cut supplies."}},
		{"state abbreviation", "He spoke in Calif. on Monday.", []string{"He spoke in Calif. on Monday."}},
		{"sentence after a number", "Casualties rose to 14,000. Officials said more died.",
			[]string{"Casualties rose to 14,000.", "Officials said more died."}},
		{"windows line ends", "First line.\r\nSecond line.", []string{"First line.", "Second line."}},
		{"leading and trailing space", "  \n Hello world.  \n", []string{"Hello world."}},
		{"empty", "", nil},
		{"only space", " \n\t ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentenceTexts(segment(tt.in))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("Segment(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"don't", "do n't"},
		{"Don’t", "Do n't"},
		{"can't won't cannot", "ca n't wo n't can not"},
		{"Russia's army", "Russia 's army"},
		{"Russia’s army", "Russia 's army"},
		{"he's I'm we'll they've you'd they're", "he 's I 'm we 'll they 've you 'd they 're"},
		{"the countries' leaders", "the countries ' leaders"},
		{"O'Brien said", "O'Brien said"},
		{"coup d’etat", "coup d'etat"},
		{"U.S. U.N. Dec. Mr.", "U.S. U.N. Dec. Mr."},
		{"the U.S—refuse", "the U.S -- refuse"},
		{"95,000 3.5 2014 1,234.5", "95,000 3.5 2014 1,234.5"},
		{"69-year-old", "69 - year - old"},
		{"Kremlin-backed pro-Russian anti-ship e-mail non-human co-workers", "Kremlin - backed pro-Russian anti-ship e-mail non-human co-workers"},
		{"713-853-3989 and 4-12", "713-853-3989 and 4-12"},
		{"short- and intermediate-range", "short - and intermediate - range"},
		{"side—first", "side -- first"},
		{"pages 10–12", "pages 10 - 12"},
		{"a -- b", "a -- b"},
		{"$5 €10 £3 5%", "$ 5 € 10 £ 3 5 %"},
		{"US$5", "US $ 5"},
		{"see https://www.voanews.com/a/x-y/8011115.html.", "see https://www.voanews.com/a/x-y/8011115.html ."},
		{"(http://example.com/a_(b))", "( http://example.com/a_(b) )"},
		{"mail john.doe@example.com, now", "mail john.doe@example.com , now"},
		{"@VOANews #Ukraine!", "@VOANews #Ukraine !"},
		{`"quoted," he said.`, `" quoted , " he said .`},
		{"“red lines”", `" red lines "`},
		{"‘agreed’", "' agreed '"},
		{"wait… now", "wait ... now"},
		{"blog/site w/o 12/7/2021", "blog / site w/o 12/7/2021"},
		{"10:30 Note:this", "10:30 Note : this"},
		{"AT&T", "AT&T"},
		{"(Reuters)", "( Reuters )"},
		{"end.", "end ."},
		{"Jones 's", "Jones 's"},
		{"the Joneses ' house, Jones 's, n't.", "the Joneses ' house , Jones 's , n't ."},
		{"the '90s 'tis", "the ' 90s ' tis"},
		{"gonna", "gon na"},
		{"naïve Zürich", "naïve Zürich"},
		{"a\u00a0b", "a b"},
		{"the counterparty, CCNG, Inc..", "the counterparty , CCNG , Inc. ."},
		{"because of X.", "because of X ."},
		{"Plan B. The", "Plan B. The"}, // the sentence still ends: see TestSentences
		{"Vitali V. Klitschko", "Vitali V. Klitschko"},
		{"great :-) really!! what?! ***", "great :-) really !! what ?! ***"},
		{"address plus @example.com.", "address plus @example.com ."},
		{"counter-attack mis-matches", "counter-attack mis-matches"},
	}
	for _, tt := range tests {
		if got := forms(segment(tt.in)); got != tt.want {
			t.Errorf("tokens of %q\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenFields(t *testing.T) {
	d := segment("Russia’s “Gen.” Ü said.")
	want := []struct {
		form, lower string
		space       bool
	}{
		{"Russia", "russia", false}, {"'s", "'s", true}, {`"`, `"`, false}, {"Gen.", "gen.", false},
		{`"`, `"`, true}, {"Ü", "ü", true}, {"said", "said", false}, {".", ".", false},
	}
	if len(d.Tokens) != len(want) {
		t.Fatalf("got %d tokens %q", len(d.Tokens), forms(d))
	}
	for i, w := range want {
		tok := d.Tokens[i]
		if tok.Form != w.form || tok.Lower != w.lower || tok.SpaceAfter != w.space || tok.Head != -1 {
			t.Errorf("token %d = %+v, want %+v", i, tok, w)
		}
		if tok.UPOS != 0 || tok.Lemma != "" || tok.XPOS != "" || tok.Rel != 0 {
			t.Errorf("token %d has fields set beyond the text stage: %+v", i, tok)
		}
	}
}

// TestCrisisArticle checks the sentence boundaries a reader draws in the
// example article: 35 sentences over 6 paragraphs.
func TestCrisisArticle(t *testing.T) {
	b, err := os.ReadFile("../../shared/examples/crisis-2021-12.txt")
	if err != nil {
		t.Skip("shared example article absent: ", err)
	}
	d := segment(string(b))
	got := sentenceTexts(d)
	if len(got) != 35 {
		for i, s := range got {
			t.Logf("%d: %s", i, s)
		}
		t.Fatalf("got %d sentences, want 35", len(got))
	}
	checks := []struct {
		i           int
		start, end  string
		mustContain string
	}{
		{0, "Meeting on Zoom", "should he invade Ukraine.", "Dec. 7, 79-year-old"},
		{2, "Well, three days", "near the Russian border.", "the U.S. delegation"},
		{3, "Putin listened", "and the U.S. press.", ""},
		{5, "Putin let Biden know Dec. 7", "inside Ukraine’s territory.", "95,000 troops"},
		{6, "Western officials", "Vitali Klitschko.", "Feb. 22, 2014 coup"},
		{9, "Zelensky knows", "in Ukraine’s territory..", ""},
		{11, "“If our opponents", "” Rybakov said.", "the U.S—refuse"},
		{24, "Russia’s Chief of Military Staff Gen. Valery Gerasimov", "Cuban Missile Crisis.", ""},
		{29, "“Before it’s too late", "intermediate-range missiles.", ""},
		{34, "Western governments must admit", "Viktor Yanukovych.", ""},
	}
	for _, c := range checks {
		s := got[c.i]
		if !strings.HasPrefix(s, c.start) || !strings.HasSuffix(s, c.end) || !strings.Contains(s, c.mustContain) {
			t.Errorf("sentence %d = %q\nwant it to start %q, end %q and contain %q", c.i, s, c.start, c.end, c.mustContain)
		}
	}
	// Tokens of "Russia’s" keep the typographic apostrophe's offsets.
	for _, tok := range d.Tokens {
		if tok.Form == "'s" && d.Text[tok.Start:tok.End] != "’s" && d.Text[tok.Start:tok.End] != "'s" {
			t.Errorf("'s token spans %q", d.Text[tok.Start:tok.End])
		}
	}
}

var normaliser = strings.NewReplacer("‘", "'", "’", "'", "‚", "'", "‛", "'", "′", "'",
	"“", `"`, "”", `"`, "„", `"`, "‟", `"`, "″", `"`, "«", `"`, "»", `"`,
	"–", "-", "‒", "-", "−", "-", "‐", "-", "‑", "-", "—", "--", "―", "--", "…", "...")

// checkInvariants asserts what every stage relies on: tokens in order
// within bounds, Form the normalised text of the span, Lower its lower case,
// sentences covering all tokens in order.
func checkInvariants(t *testing.T, d *redline.Doc) {
	t.Helper()
	prev := 0
	for i, tok := range d.Tokens {
		if tok.Start < prev || tok.End <= tok.Start || tok.End > len(d.Text) {
			t.Fatalf("token %d [%d,%d) out of order or bounds (prev end %d, len %d)", i, tok.Start, tok.End, prev, len(d.Text))
		}
		prev = tok.End
		raw := d.Text[tok.Start:tok.End]
		if want := normaliser.Replace(raw); tok.Form != want {
			t.Fatalf("token %d: Form %q, text %q normalises to %q", i, tok.Form, raw, want)
		}
		if utf8.ValidString(tok.Form) && tok.Lower != strings.ToLower(tok.Form) {
			t.Fatalf("token %d: Lower %q of %q", i, tok.Lower, tok.Form)
		}
		if strings.ContainsAny(raw, " \t\n\r") {
			t.Fatalf("token %d %q contains white space", i, raw)
		}
	}
	next := 0
	for i, s := range d.Sentences {
		if s.TokStart != next || s.TokEnd <= s.TokStart || s.TokEnd > len(d.Tokens) {
			t.Fatalf("sentence %d tokens [%d,%d), want start %d (of %d)", i, s.TokStart, s.TokEnd, next, len(d.Tokens))
		}
		if s.Start != d.Tokens[s.TokStart].Start || s.End != d.Tokens[s.TokEnd-1].End {
			t.Fatalf("sentence %d span [%d,%d) does not match its tokens", i, s.Start, s.End)
		}
		next = s.TokEnd
	}
	if next != len(d.Tokens) {
		t.Fatalf("sentences cover %d of %d tokens", next, len(d.Tokens))
	}
}

func TestOffsets(t *testing.T) {
	texts := []string{
		"Russia’s “red lines” — 1990–2000… naïve ÉCOLE Straße İstanbul.",
		"Invalid \xff\xfe bytes \xe2\x80 here. And U+FFFD \uFFFD too.",
		"\u2028Line\u2029separators\u0085and\u200bzero width\ufeff.",
	}
	if b, err := os.ReadFile("../../shared/examples/crisis-2021-12.txt"); err == nil {
		texts = append(texts, string(b))
	}
	texts = append(texts, voaTexts(t, 20)...)
	for _, s := range texts {
		checkInvariants(t, segment(s))
	}
}

// TestLinear guards against inputs that make the segmenter quadratic.
func TestLinear(t *testing.T) {
	for _, s := range []string{
		"http://x.org/" + strings.Repeat(")", 1<<20),
		strings.Repeat("!", 1<<20),
		"a" + strings.Repeat(".", 1<<20),
		strings.Repeat("Dec. ", 1<<18),
		strings.Repeat("\"", 1<<20),
		strings.Repeat("'s", 1<<19),
		strings.Repeat("a-", 1<<19),
		strings.Repeat("U.S.", 1<<18),
	} {
		start := time.Now()
		d := segment(s)
		if el := time.Since(start); el > 10*time.Second { // quadratic would take minutes
			t.Errorf("%.20q...: %v for %d bytes (%d tokens)", s, el, len(s), len(d.Tokens))
		}
	}
}

// TestNoCopy checks that plain tokens point into the text instead of copying
// it, and that a reused Doc keeps its arrays.
func TestNoCopy(t *testing.T) {
	d := segment("the talks ended. Russia’s army")
	base := uintptr(unsafe.Pointer(unsafe.StringData(d.Text)))
	within := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return p >= base && p < base+uintptr(len(d.Text))
	}
	for _, tok := range d.Tokens {
		raw := d.Text[tok.Start:tok.End]
		if tok.Form == raw && !within(tok.Form) {
			t.Errorf("Form %q copied", tok.Form)
		}
		if tok.Lower == raw && !within(tok.Lower) {
			t.Errorf("Lower %q copied", tok.Lower)
		}
	}
	old := d.Tokens[4] // "Russia" from the arena-backed Lower
	first := &d.Tokens[0]
	d.Text = "Another text here."
	d.Tokens, d.Sentences = d.Tokens[:0], d.Sentences[:0]
	Segment(d)
	if &d.Tokens[0] != first {
		t.Error("Segment did not reuse the token array")
	}
	if old.Lower != "russia" {
		t.Errorf("a Lower string from the previous document changed to %q", old.Lower)
	}
	allocs := testing.AllocsPerRun(20, func() {
		d.Tokens, d.Sentences = d.Tokens[:0], d.Sentences[:0]
		Segment(d)
	})
	if allocs > 1 { // at most the arena for "Another"
		t.Errorf("Segment of a reused Doc allocates %.0f times", allocs)
	}
}

func FuzzSegment(f *testing.F) {
	for _, s := range []string{"", "U.S. He left.", `"We will." He left.`, "don't Russia’s 69-year-old",
		"a\xffb … — “x”", "http://x.y/(a). @a #b c@d.ef", "...", "'s", "n't", "-- .. ,", "No. 2\n\nDec. 7"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := segment(s)
		checkInvariants(t, d)
		// A reused Doc gives the same result.
		want := forms(d)
		n := len(d.Sentences)
		d.Tokens, d.Sentences = d.Tokens[:0], d.Sentences[:0]
		Segment(d)
		if forms(d) != want || len(d.Sentences) != n {
			t.Fatalf("second Segment differs: %q vs %q", forms(d), want)
		}
	})
}

// voaTexts returns up to n (all if n < 0) article texts of the VOA corpus,
// or none when it is absent.
func voaTexts(tb testing.TB, n int) []string {
	f, err := os.Open("../../shared/corpus/voa/voa_stories.jsonl")
	if err != nil {
		tb.Log("VOA corpus absent: ", err)
		return nil
	}
	defer f.Close()
	var out []string
	r := bufio.NewReaderSize(f, 1<<20)
	for len(out) < n || n < 0 {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 {
			var v struct{ Text string }
			if json.Unmarshal(line, &v) == nil && v.Text != "" {
				out = append(out, v.Text)
			}
		}
		if err != nil {
			break
		}
	}
	return out
}

func BenchmarkSegment(b *testing.B) {
	texts := voaTexts(b, -1)
	if texts == nil {
		b.Skip("needs the shared VOA corpus")
	}
	var bytes, toks int
	d := &redline.Doc{}
	for _, s := range texts {
		bytes += len(s)
		d.Text = s
		d.Tokens, d.Sentences = d.Tokens[:0], d.Sentences[:0]
		Segment(d)
		toks += len(d.Tokens)
	}
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range texts {
			d.Text = s
			d.Tokens, d.Sentences = d.Tokens[:0], d.Sentences[:0]
			Segment(d)
		}
	}
	b.ReportMetric(float64(toks)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkNeurosnap measures the neurosnap/sentences tokenizer on the same
// corpus (sentence splitting only, no word tokens), to show why Segment uses
// its model but not its tokenizer.
func BenchmarkNeurosnap(b *testing.B) {
	texts := voaTexts(b, -1)
	if texts == nil {
		b.Skip("needs the shared VOA corpus")
	}
	tok, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		b.Fatal(err)
	}
	var bytes int
	for _, s := range texts {
		bytes += len(s)
	}
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range texts {
			tok.Tokenize(s)
		}
	}
}

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// TestGolden writes every sentence and token of testdata/news.txt (news
// prose written for this test) and compares with testdata/news.golden.
func TestGolden(t *testing.T) {
	b, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := segment(string(b))
	checkInvariants(t, d)
	var out strings.Builder
	for i := range d.Sentences {
		fmt.Fprintf(&out, "# sentence %d [%d,%d) = %s\n", i, d.Sentences[i].Start, d.Sentences[i].End, d.SentenceText(i))
		for _, tok := range d.SentenceTokens(i) {
			space := ""
			if !tok.SpaceAfter {
				space = "SpaceAfter=No"
			}
			fmt.Fprintf(&out, "%d\t%d\t%s\t%s\t%s\n", tok.Start, tok.End, tok.Form, tok.Lower, space)
		}
	}
	const golden = "testdata/news.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if out.String() != string(want) {
		t.Errorf("output differs from %s (go test -run Golden -update rewrites it); got:\n%s", golden, out.String())
	}
}

// BenchmarkSegmentFresh segments into new Docs, as a pipeline that does not
// reuse them does: the token array is allocated per document.
func BenchmarkSegmentFresh(b *testing.B) {
	texts := voaTexts(b, -1)
	if texts == nil {
		b.Skip("needs the shared VOA corpus")
	}
	loadPunkt()
	var bytes, toks int
	for _, s := range texts {
		bytes += len(s)
		toks += len(segment(s).Tokens)
	}
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range texts {
			segment(s)
		}
	}
	b.ReportMetric(float64(toks)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// A run of text without sentence punctuation is cut into bounded
// sentences, at a comma when there is one near the bound.
func TestLongSentenceCut(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 1000; i++ {
		b.WriteString("word ")
		if i%100 == 99 {
			b.WriteString(", ")
		}
	}
	d := &redline.Doc{Text: b.String()}
	Segment(d)
	if len(d.Sentences) < 4 {
		t.Fatalf("%d sentences", len(d.Sentences))
	}
	covered := 0
	for i, s := range d.Sentences {
		n := s.TokEnd - s.TokStart
		if n > MaxSentenceTokens {
			t.Errorf("sentence %d has %d tokens", i, n)
		}
		if i+1 < len(d.Sentences) && d.Tokens[s.TokEnd-1].Form != "," && n != MaxSentenceTokens {
			t.Errorf("sentence %d ends on %q after %d tokens", i, d.Tokens[s.TokEnd-1].Form, n)
		}
		covered += n
	}
	if covered != len(d.Tokens) {
		t.Errorf("sentences cover %d of %d tokens", covered, len(d.Tokens))
	}
}
