//go:build !linux

package parse

// hugeInt16s returns n zeroed int16s.
func hugeInt16s(n int) []int16 { return make([]int16, n) }
