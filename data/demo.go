package data

import (
	"bytes"
	_ "embed"
	"io"
)

// demoNews is a small set of news items written by the redline authors for
// `redline code --demo` and `redline bench`: invented but typical wire copy
// (threats, sanctions, talks, attacks, denials, conditionals, dated and
// relative time expressions). It is ours, so it may ship.
//
//go:embed demo/news.jsonl
var demoNews []byte

// DemoNews returns the embedded sample as JSON lines documents.
func DemoNews() io.Reader { return bytes.NewReader(demoNews) }
