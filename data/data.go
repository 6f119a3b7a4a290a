// Package data holds what ships inside the binary: the default dictionaries
// and the trained tagger and parser models. Each kind has its own file with
// its own go:embed so that each can be replaced on its own.
package data
