package data

import _ "embed"

// ParserModel is the dependency parser (package parse), gzip-compressed as
// parse.(*Parser).Save writes it. It was trained by
//
//	redline train parser --train ../shared/ud/en_ewt-ud-train.conllu \
//	    --dev ../shared/ud/en_ewt-ud-dev.conllu -o data/parser.model
//
// on the Universal Dependencies English Web Treebank (UD_English-EWT),
// annotations (c) 2013-2021 Stanford University and contributors, licensed
// CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/). The
// weights are a work derived from that treebank and are distributed under
// the same licence.
//
//go:embed parser.model
var ParserModel []byte
