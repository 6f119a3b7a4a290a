package redline

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"
)

// EventID is the stable identifier of an event: a hash of the document id,
// the sentence index, the source and target codes, the CAMEO code, the mode
// and the date, so that re-coding the same document gives the same ids and
// two events of one sentence never share one ("will support" gives an
// asserted 032 and a future 051 with the same actors).
func EventID(docID string, sentence int, source, target string, code Code, mode Mode, date time.Time) string {
	h := sha256.New()
	day := ""
	if !date.IsZero() {
		day = date.Format("2006-01-02")
	}
	for _, s := range []string{docID, strconv.Itoa(sentence), source, target, string(code), string(mode), day} {
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
