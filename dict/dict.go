// Package dict holds redline's actor, agent and verb dictionaries: readers
// for redline's own format and for the PETRARCH/TABARI formats, a token trie
// that finds actor mentions in a sentence (leftmost-longest, case- and
// diacritic-insensitive, with person roles resolved at a date), and the verb
// patterns the coder asks for by head lemma.
package dict

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/redline-events/redline"
	"github.com/redline-events/redline/data"
)

// Kind is what an actor entry names.
type Kind uint8

const (
	NoKind Kind = iota
	Country
	Place
	Org
	Group
	Agent
	Person
	numKinds
)

var kindNames = [...]string{"", "country", "place", "org", "group", "agent", "person"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

// ParseKind returns the kind named s ("country", "org", ...).
func ParseKind(s string) (Kind, bool) {
	for i, n := range kindNames {
		if i > 0 && n == s {
			return Kind(i), true
		}
	}
	return NoKind, false
}

// Options control loading.
type Options struct {
	// Lenient loads what it can: malformed lines are skipped and returned
	// as warnings (Dictionary.Warnings) instead of failing the load.
	Lenient bool
}

// LineError is a problem at one line of a dictionary file.
type LineError struct {
	File string
	Line int
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Role is one code a person (or a dated PETRARCH actor) holds, between From
// and To inclusive. A zero From or To is open; a role with both zero and
// Default set is the code outside every dated role.
type Role struct {
	Code     string
	From, To time.Time
	Default  bool
	Line     int
}

// covers reports whether the dated role r holds at t.
func (r *Role) covers(t time.Time) bool {
	if r.Default {
		return false
	}
	return (r.From.IsZero() || !t.Before(r.From)) && (r.To.IsZero() || !t.After(r.To))
}

// Entry is one actor, agent or person as a dictionary file lists it: its
// names (the first is canonical) and either one Code or dated Roles.
type Entry struct {
	Kind  Kind
	Code  string // for entries without roles
	Names []string
	Roles []Role
	// Caseless is set for names whose case carries no information
	// (PETRARCH writes every name in capitals): no capitals-only rule.
	Caseless bool
	File     string
	Line     int
}

// Pattern is one verb or noun pattern: the head lemma, the lemmas that must
// be attached to it (each item a set of alternatives), and the prepositions
// whose object is the target (empty: the direct object, or for nouns the
// "of"/possessor complement).
type Pattern struct {
	Code        redline.Code
	Head        string
	Noun        bool
	Items       [][]string
	TargetPreps []string
	File        string
	Line        int
}

// Issue is a PETRARCH issue phrase: text that marks a story as being about
// Category (EDUCATION, ENERGY, ...).
type Issue struct {
	Category string
	Phrase   string
	Code     string
	Exclude  bool
}

// Dictionary is everything loaded: actors, agents, people, verb patterns,
// and (from PETRARCH files) discards and issues. Build it with Load,
// Default, LoadFiles or LoadPetrarch; it is safe for concurrent matching.
type Dictionary struct {
	entries  []Entry
	layers   []uint16 // layer of each entry: later Add calls override
	patterns []*Pattern
	synsets  map[string][]string
	// rawPats keeps patterns with unresolved synset references until
	// compile, because a synset may be defined in a later file.
	rawPats  []rawPattern
	discards []Entry
	issues   []Issue

	// Warnings are the malformed lines skipped by a lenient load.
	Warnings []error
	// Unconverted counts PETRARCH verb patterns that do not map onto
	// Pattern, by reason.
	Unconverted map[string]int

	layer uint16
	c     *compiled
	// lmem holds the slices of entries and patterns while loading.
	lmem *loadMem
}

// compiled is the matching form built from the entries.
type compiled struct {
	actors  trie
	discard trie
	// fuzzy maps one-letter deletions to the token ids of fuzzyIDs; built
	// on first use under fuzzyOnce.
	fuzzy     map[string][]int32
	fuzzyIDs  []int32
	fuzzyOnce sync.Once
	// byHead maps a head to its group of patterns in groups, most
	// specific first; a lemma with a group heads some pattern.
	byHead map[headKey]int32
	groups [][]*Pattern
	// known holds the lemmas and words of verb patterns and agents: a
	// capitalised token that is one of them is a word, not a misspelt name.
	known map[string]bool
}

type headKey struct {
	head string
	noun bool
}

var (
	defaultOnce sync.Once
	defaultDict *Dictionary
	defaultErr  error
)

// Default returns the dictionaries embedded in the binary, loaded once and
// shared. A malformed line in the embedded data is skipped and kept in
// Warnings (TestDefaults fails on any), so one typo cannot stop the binary.
func Default() (*Dictionary, error) {
	defaultOnce.Do(func() {
		defaultDict, defaultErr = Load(data.Dict(), Options{Lenient: true})
	})
	return defaultDict, defaultErr
}

// Add merges other into d: other's names override d's for the same name
// (the later --dict file wins), other's patterns override d's with the same
// head and items, everything else adds.
func (d *Dictionary) Add(other *Dictionary) {
	if other == nil {
		return
	}
	d.merge(other)
	d.compile()
}

// merge is Add without compiling, for loading many files at once.
func (d *Dictionary) merge(other *Dictionary) {
	// Other's own layers (from several files) stay ordered above d's.
	base := d.layer + 1
	for i, e := range other.entries {
		d.entries = append(d.entries, e)
		d.layers = append(d.layers, base+other.layers[i])
	}
	d.layer = base + other.layer
	for k, v := range other.synsets {
		if d.synsets == nil {
			d.synsets = map[string][]string{}
		}
		d.synsets[k] = v
	}
	seen := make(map[string]int, len(d.patterns))
	for i, p := range d.patterns {
		seen[patternKey(p)] = i
	}
	for _, p := range other.patterns {
		if i, ok := seen[patternKey(p)]; ok {
			d.patterns[i] = p
			continue
		}
		seen[patternKey(p)] = len(d.patterns)
		d.patterns = append(d.patterns, p)
	}
	d.discards = append(d.discards, other.discards...)
	d.issues = append(d.issues, other.issues...)
	d.Warnings = append(d.Warnings, other.Warnings...)
	for k, v := range other.Unconverted {
		if d.Unconverted == nil {
			d.Unconverted = map[string]int{}
		}
		d.Unconverted[k] += v
	}
}

// patternKey identifies a pattern regardless of its code.
func patternKey(p *Pattern) string {
	var b strings.Builder
	if p.Noun {
		b.WriteString("n:")
	}
	b.WriteString(p.Head)
	for _, it := range p.Items {
		b.WriteByte(' ')
		b.WriteString(strings.Join(it, "|"))
	}
	if len(p.TargetPreps) > 0 {
		b.WriteString(" {")
		b.WriteString(strings.Join(p.TargetPreps, "|"))
		b.WriteByte('}')
	}
	return b.String()
}

// Entries returns the actor, agent and person entries (not a copy: do not
// modify).
func (d *Dictionary) Entries() []Entry { return d.entries }

// AllPatterns returns every verb and noun pattern.
func (d *Dictionary) AllPatterns() []*Pattern { return d.patterns }

// Issues returns the PETRARCH issue phrases loaded.
func (d *Dictionary) Issues() []Issue { return d.issues }

// Discards returns the PETRARCH discard phrases loaded (Names[0] each; Code
// "+" marks a phrase that discards the whole story).
func (d *Dictionary) Discards() []Entry { return d.discards }

// Synsets returns the synset definitions by name (without "&").
func (d *Dictionary) Synsets() map[string][]string { return d.synsets }

// Patterns returns the patterns whose head is the lemma head (a noun head
// when noun is set), most specific first. The slice is shared: do not
// modify it.
func (d *Dictionary) Patterns(head string, noun bool) []*Pattern {
	if d.c == nil {
		return nil
	}
	if !isFolded(head) {
		head = fold(head)
	}
	if g, ok := d.c.byHead[headKey{head, noun}]; ok {
		return d.c.groups[g]
	}
	return nil
}

// IsPredicate reports whether lemma heads any verb or noun pattern.
func (d *Dictionary) IsPredicate(lemma string) bool {
	if d.c == nil {
		return false
	}
	if !isFolded(lemma) {
		lemma = fold(lemma)
	}
	if _, ok := d.c.byHead[headKey{lemma, false}]; ok {
		return true
	}
	_, ok := d.c.byHead[headKey{lemma, true}]
	return ok
}

// errorList joins load errors for a strict load.
func errorList(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	if len(errs) > 20 {
		errs = append(errs[:20:20], fmt.Errorf("... and %d more errors", len(errs)-20))
	}
	return errors.Join(errs...)
}
