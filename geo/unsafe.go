package geo

import "unsafe"

// unsafeString views b as a string for a map lookup; the caller must not
// keep it past the next change of b.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
