package http

import (
	"sort"
	"strings"

	"github.com/redline-events/redline"
)

// Span is a piece of an evidence sentence; Class is "" for plain text,
// "verb", "source" or "target" for highlighted parts.
type Span struct {
	Text, Class string
}

// highlight splits an event's evidence sentence into spans marking the verb
// (located by its byte offsets) and the source and target. The store keeps
// the actors' words but not their offsets, so they are found in the
// sentence: the occurrence nearest the verb that overlaps nothing already
// marked.
func highlight(ev *redline.Event) []Span {
	e := &ev.Evidence
	text := e.Text
	type mark struct {
		start, end int
		class      string
	}
	var marks []mark
	overlaps := func(s, t int) bool {
		for _, m := range marks {
			if s < m.end && m.start < t {
				return true
			}
		}
		return false
	}
	vs, ve := e.VerbStart-e.Start, e.VerbEnd-e.Start
	verbAt := -1
	if 0 <= vs && vs < ve && ve <= len(text) {
		marks = append(marks, mark{vs, ve, "verb"})
		verbAt = vs
	}
	for _, a := range []struct {
		actor *redline.Actor
		class string
	}{{ev.Source, "source"}, {ev.Target, "target"}} {
		if a.actor == nil || a.actor.Text == "" {
			continue
		}
		best := -1
		for off := 0; off < len(text); {
			i := strings.Index(text[off:], a.actor.Text)
			if i < 0 {
				break
			}
			i += off
			if !overlaps(i, i+len(a.actor.Text)) && (best < 0 || abs(i-verbAt) < abs(best-verbAt)) {
				best = i
			}
			off = i + 1
		}
		if best >= 0 {
			marks = append(marks, mark{best, best + len(a.actor.Text), a.class})
		}
	}
	sort.Slice(marks, func(i, j int) bool { return marks[i].start < marks[j].start })
	var out []Span
	at := 0
	for _, m := range marks {
		if m.start > at {
			out = append(out, Span{Text: text[at:m.start]})
		}
		out = append(out, Span{Text: text[m.start:m.end], Class: m.class})
		at = m.end
	}
	if at < len(text) {
		out = append(out, Span{Text: text[at:]})
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
