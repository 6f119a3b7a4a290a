package eval

import (
	"strings"
	"testing"

	"github.com/redline-events/redline"
)

// FuzzReadPetrarchXML: PETRARCH validation files are cut into <Sentence>
// blocks by hand before decoding; any input gives records or an error,
// never a panic, and every record is scorable.
func FuzzReadPetrarchXML(f *testing.F) {
	for _, s := range []string{
		`<Sentences><Sentence id="a-1" date="20240305" source="x"><EventCoding sourcecode="USA" targetcode="RUS" eventcode="190"/><Text>The US attacked Russia.</Text></Sentence></Sentences>`,
		`<Sentence id="b" evaluate="false"><Text>x</Text></Sentence>`,
		`<!-- a -- comment <!-- nested --> --><Sentence id="c" date="2024"><EventCoding noevents="True"/><Text>y</Text></Sentence>`,
		`<Sentence <Sentence id="d"></Sentence></Sentence>`, `<Sentence `, `</Sentence>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		recs, err := ReadPetrarchXML(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, r := range recs {
			if r.Date != "" && len(r.Date) != 10 {
				t.Fatalf("record %q: date %q", r.ID, r.Date)
			}
		}
		Score(recs, nil)
	})
}

// FuzzReadPenta: any TSV gives items with labels 0-4 or an error.
func FuzzReadPenta(f *testing.F) {
	for _, s := range []string{"text\tlabel\nRussia attacked Ukraine.\t4\nThey met.\t1\n", "text\tlabel\n\t\t\n", "x", "text\tlabel\na\t9\n", "text\tlabel\na\t-1\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		items, err := ReadPenta(strings.NewReader(in), "fuzz.tsv")
		if err != nil {
			return
		}
		for _, it := range items {
			if it.Label < 0 || it.Label > 4 {
				t.Fatalf("label %d accepted", it.Label)
			}
		}
		Penta(items, make([]*redline.Event, len(items)))
	})
}
