package data

import (
	"embed"
	"io/fs"
)

// dictFiles holds the default dictionaries (data/dict/: actors, agents,
// people, verbs), in redline's own dictionary format.
//
//go:embed dict
var dictFiles embed.FS

// Dict returns the default dictionaries as a file tree rooted at data/dict.
func Dict() fs.FS {
	sub, err := fs.Sub(dictFiles, "dict")
	if err != nil {
		// fs.Sub fails only on an invalid path; "dict" is valid.
		panic(err)
	}
	return sub
}
