package dict

import (
	"strings"
	"testing"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/text"
)

// TestNameTokensAgreeWithText checks that the name tokeniser splits names
// as the text stage splits news, so that dictionary keys meet text tokens.
func TestNameTokensAgreeWithText(t *testing.T) {
	for _, name := range []string{
		"U.S. Secretary of State", "Russia's", "Joseph R. Biden Jr.", "Ban Ki-moon", "Côte d'Ivoire",
		"al-Shabaab", "Hay'at Tahrir al-Sham", "O'Brien", "St. Petersburg", "Guinea-Bissau",
		"Bosnia and Herzegovina", "Trinidad & Tobago", "AT&T", "Amazon.com", "Dr. Tedros",
		"Allies'", "U.K.", "Abu Mohammed al-Jolani", "Sheikh Mohammed bin Rashid Al Maktoum",
	} {
		doc := &redline.Doc{Text: "He met " + name + " today."}
		text.Segment(doc)
		var got []string
		for _, tk := range doc.Tokens {
			got = append(got, tk.Form)
		}
		g := strings.Join(got, "|")
		want := "He|met|" + strings.Join(nameTokens(nil, name), "|") + "|today|."
		if g != want {
			t.Errorf("%q: text stage %q, name tokeniser %q", name, g, want)
		}
	}
}
