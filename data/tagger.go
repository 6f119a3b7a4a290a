package data

import _ "embed"

// Tagger is the part-of-speech tagger and lemmatiser model (package tag),
// gzip-compressed, trained on UD English EWT and GUM; see UD-LICENSE.md for
// the treebanks' licence and attribution. Rebuild it with
// `redline train tagger` (the command is in tag's documentation).
//
//go:embed tagger.model
var Tagger []byte
