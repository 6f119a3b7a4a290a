// Package format writes coded events in the formats users and other tools
// read: our JSON lines contract (FORMATS.md), CSV, GDELT 2.0 event records,
// PETRARCH2 event lines and Parquet.
//
// Every writer buffers its output; Close flushes it (and, for Parquet, writes
// the footer) but never closes the io.Writer it was given, which belongs to
// the caller. A Writer is not safe for concurrent use.
package format

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/redline-events/redline"
)

// Writer writes events one at a time.
type Writer interface {
	Write(ev *redline.Event) error
	// Close flushes buffered output. It does not close the underlying
	// io.Writer.
	Close() error
}

var constructors = map[string]func(io.Writer) Writer{
	"jsonl":    func(w io.Writer) Writer { return newJSONL(w) },
	"csv":      func(w io.Writer) Writer { return newCSV(w) },
	"gdelt":    func(w io.Writer) Writer { return newGDELT(w) },
	"petrarch": func(w io.Writer) Writer { return newPetrarch(w) },
	"parquet":  func(w io.Writer) Writer { return newParquet(w) },
}

// Names returns the names New accepts, sorted.
func Names() []string {
	names := make([]string, 0, len(constructors))
	for n := range constructors {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// New returns a Writer of the named format writing to w.
func New(name string, w io.Writer) (Writer, error) {
	c, ok := constructors[name]
	if !ok {
		return nil, fmt.Errorf("unknown output format %q (valid: %s)", name, strings.Join(Names(), ", "))
	}
	return c(w), nil
}

const dateLayout = "2006-01-02"

// actorFields returns text, code and country of a, or three empty strings for
// a nil actor: the flat formats have no null.
func actorFields(a *redline.Actor) (text, code, country string) {
	if a == nil {
		return "", "", ""
	}
	return a.Text, a.Code, a.Country
}

// mentions is the number of mentions written for ev: an event that exists was
// mentioned at least once, whatever the coder left in the field.
func mentions(ev *redline.Event) int {
	if ev.Mentions < 1 {
		return 1
	}
	return ev.Mentions
}
