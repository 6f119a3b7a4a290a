package data

import _ "embed"

// ParserModel is the dependency parser (package parse), stored as
// parse.(*Parser).Save writes it: uncompressed, zero weights left out, so
// that it loads quickly (13.0 MB). It was converted, weights unchanged, from
// the gzip-compressed model of commit da2ee44 (see parse/load_test.go),
// which was trained as follows. It is the average of two models
// trained on the Universal Dependencies English Web Treebank and GUM, one on
// tags from five jackknifed two-pass taggers, one on the gold tags:
//
//	T="--train ../shared/ud/en_ewt-ud-train.conllu --train ../shared/ud/en_gum-ud-train.conllu"
//	B="--move-bits 22 --label-bits 18 --seed 0 --dev ../shared/ud/en_ewt-ud-dev.conllu"
//	redline train parser $T $B --jackknife 5 --epochs 15 -o jackknifed.model
//	redline train parser $T $B --epochs 12 --average-with jackknifed.model -o data/parser.model
//
// See UD-LICENSE.md for the treebanks' licence (CC BY-SA 4.0) and
// attribution. The weights are a work derived from those treebanks and are
// distributed under the same licence.
//
//go:embed parser.model
var ParserModel []byte
