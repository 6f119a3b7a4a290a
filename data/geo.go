package data

import _ "embed"

// Gazetteer is the default gazetteer (data/geo/gazetteer.tsv): countries,
// first-level divisions and populated places with coordinates, in the TSV
// format the geo package reads. See data/geo/SOURCES.md for where it comes
// from and how it is regenerated.
//
//go:embed geo/gazetteer.tsv
var Gazetteer []byte
