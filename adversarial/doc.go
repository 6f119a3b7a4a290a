// Package adversarial holds robustness tests that run the built redline
// binary, as a user would, over inputs written to hurt it: an adversarial
// corpus for "redline code" (invalid UTF-8, NUL bytes, nesting and entity
// bombs, truncated gzip, empty documents, lines of tens of megabytes) and
// SIGKILL at random points of "redline ingest" and of "redline worker" (over
// a NATS queue of the test's own) followed by a resume.
//
// The package has no code of its own: everything is in its tests, which
// generate their inputs at run time so that nothing big is committed.
//
//	go test ./adversarial/                                  the small corpus and two kill rounds
//	REDLINE_ADVERSARIAL_BIG=1 go test ./adversarial/ -v     adds the 50 MB and 100 MB documents
//	REDLINE_KILL_ROUNDS=20 go test ./adversarial/ -run Kill  more kill-and-resume rounds
//	REDLINE_BIN=/path/to/redline go test ./adversarial/     tests a binary built elsewhere
package adversarial
