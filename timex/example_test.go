package timex_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/timex"
)

func ExampleFind() {
	// Tokens as the text stage makes them (only Form and Lower matter here).
	var toks []redline.Token
	for _, w := range strings.Fields("Rybakov said Friday that Putin spoke Dec. 7 , three days after the call") {
		toks = append(toks, redline.Token{Form: w, Lower: strings.ToLower(w)})
	}
	ref := time.Date(2021, 12, 11, 0, 0, 0, 0, time.UTC)
	for _, e := range timex.Find(toks, ref) {
		words := make([]string, 0, e.End-e.Start)
		for _, t := range toks[e.Start:e.End] {
			words = append(words, t.Form)
		}
		if e.Anchor {
			fmt.Printf("%s: %+d days from another event\n", strings.Join(words, " "), e.AfterDays)
			continue
		}
		fmt.Printf("%s: %s (%s)\n", strings.Join(words, " "), e.Date.Format("2006-01-02"), e.Granularity)
	}
	// Output:
	// Friday: 2021-12-10 (day)
	// Dec. 7: 2021-12-07 (day)
	// three days after: +3 days from another event
}
