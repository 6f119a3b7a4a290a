//go:build !linux

package parse

// hugeSlice returns n zeroed Ts.
func hugeSlice[T any](n int) []T { return make([]T, n) }
