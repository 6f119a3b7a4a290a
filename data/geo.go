package data

import _ "embed"

// Gazetteer is the default gazetteer (data/geo/gazetteer.tsv): countries,
// first-level divisions and populated places with coordinates, in the TSV
// format the geo package reads. See data/geo/SOURCES.md for where it comes
// from and how it is regenerated.
//
//go:embed geo/gazetteer.tsv
var Gazetteer []byte

// WorldSVG is a world map of country outlines (data/geo/world.svg, Natural
// Earth 1:110m, public domain): one <path id="ISO alpha-3"> per country in
// the equirectangular projection, viewBox "-180 -90 360 180", so that a place
// at (lat, lon) is drawn at (lon, -lat). For the dashboard's map.
//
//go:embed geo/world.svg
var WorldSVG []byte
