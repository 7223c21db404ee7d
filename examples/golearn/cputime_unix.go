//go:build unix

package main

import (
	"syscall"
	"time"
)

// processCPU is the CPU time, user and system, this process has used.
// On a machine shared with other work, wall-clock times grow with the
// load while CPU times stay close to what the work costs.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
