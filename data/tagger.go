package data

import _ "embed"

// Tagger is the part-of-speech tagger and lemmatiser model (package tag),
// stored uncompressed so that it loads quickly (14.7 MB), trained on UD
// English EWT and GUM; see UD-LICENSE.md for
// the treebanks' licence and attribution. Rebuild it with
// `redline train tagger` (the command is in tag's documentation); this
// copy was converted from the gzip-compressed model of commit ad795b3 (see
// tag/load_test.go).
//
//go:embed tagger.model
var Tagger []byte
