package data

import _ "embed"

// ParserModel is the dependency parser (package parse), gzip-compressed as
// parse.(*Parser).Save writes it (9.2 MB). It was trained by
//
//	redline train parser --jackknife 5 --epochs 15 --seed 0 --move-bits 22 --label-bits 18 \
//	    --train ../shared/ud/en_ewt-ud-train.conllu \
//	    --train ../shared/ud/en_gum-ud-train.conllu \
//	    --dev ../shared/ud/en_ewt-ud-dev.conllu -o data/parser.model
//
// (tags from five jackknifed two-pass taggers; epoch 11 was best on dev) on the Universal
// Dependencies English Web Treebank and GUM; see UD-LICENSE.md for the
// treebanks' licence (CC BY-SA 4.0) and attribution. The weights are a work
// derived from those treebanks and are distributed under the same licence.
//
//go:embed parser.model
var ParserModel []byte
