package rollup

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"

	"github.com/redline-events/redline"
)

// Both stores must give an event the same public id, so that an id read
// from one (an API link, an analyst's note) finds the event in the other.

// EventKey hashes what makes two mentions the same event: source, target,
// CAMEO code and mode. Mentions of a key within the dedup window of each
// other's days are one stored event.
func EventKey(ev *redline.Event) int64 {
	h := sha256.New()
	for _, s := range []string{ev.Source.ActorCode(), ev.Target.ActorCode(), string(ev.Code), string(ev.Mode)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	var b [32]byte
	return int64(binary.BigEndian.Uint64(h.Sum(b[:0])[:8]) >> 1)
}

// StoredID is the public id of a stored event: its key and anchor day,
// which identify it (no two events of a key share an anchor day).
func StoredID(key, day int64) string {
	var b [12]byte
	binary.BigEndian.PutUint64(b[:8], uint64(key))
	binary.BigEndian.PutUint32(b[8:], uint32(day+1<<31))
	return "e" + hex.EncodeToString(b[:])
}

// ParseStoredID inverts StoredID.
func ParseStoredID(id string) (key, day int64, ok bool) {
	if len(id) != 25 || id[0] != 'e' {
		return 0, 0, false
	}
	b, err := hex.DecodeString(id[1:])
	if err != nil {
		return 0, 0, false
	}
	return int64(binary.BigEndian.Uint64(b[:8])), int64(binary.BigEndian.Uint32(b[8:])) - 1<<31, true
}
