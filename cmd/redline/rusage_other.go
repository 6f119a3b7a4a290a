//go:build !unix

package main

import "time"

// cpuTime is unknown here: bench reports the wall clock only.
func cpuTime() time.Duration { return 0 }

// peakRSS is unknown here.
func peakRSS() int64 { return 0 }
