package coder

import (
	"testing"

	"github.com/redline-events/redline/dict"
)

// An organ of the source's own state that the text names without a country
// is the source's own only when the source commands it: the state or its
// executive over forces and police. A legislature or a court acting on the
// executive, or the executive on them, acts on another party.
func TestOwnOrgan(t *testing.T) {
	dd, err := dict.Default()
	if err != nil {
		t.Fatal(err)
	}
	c := New(dd)
	tests := []struct {
		text      string
		want, not []string
	}{
		{"Kenyan lawmakers urged the president to resign.", []string{"KENLEG>KENGOV 0241 asserted"}, nil},
		{"Kenya's Supreme Court ordered the government to release the activists.", []string{"KENJUD>KENGOV 1053 asserted"}, nil},
		// The executive's own forces are still its own.
		{"The Kenyan government ordered the army to withdraw.", []string{"KENGOV> 1056 asserted"}, []string{"KENMIL"}},
	}
	for _, tt := range tests {
		codeDefault(t, c, tt.text, tt.want, tt.not)
	}
}
