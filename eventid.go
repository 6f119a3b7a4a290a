package redline

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// EventID is the stable identifier of an event: a hash of the document id,
// the sentence index, the source and target codes and the CAMEO code, so that
// re-coding the same document gives the same ids.
func EventID(docID string, sentence int, source, target string, code Code) string {
	h := sha256.New()
	for _, s := range []string{docID, strconv.Itoa(sentence), source, target, string(code)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// ActorCode returns a's code, or "" for a nil actor.
func (a *Actor) ActorCode() string {
	if a == nil {
		return ""
	}
	return a.Code
}
