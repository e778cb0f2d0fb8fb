package pipeline

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// A job records its owner, "PID:START" (the process ID and its start time
// in clock ticks since boot, from /proc), so that a job whose process died
// (kill -9, power cut) is told from one still running, and a reused PID is
// not taken for the owner.

// ProcessOwner names the current process as a job owner.
func ProcessOwner() string {
	pid := os.Getpid()
	return fmt.Sprintf("%d:%s", pid, procStart(pid))
}

// OwnerAlive reports whether the process that wrote owner still runs.
func OwnerAlive(owner string) bool {
	pidText, start, ok := strings.Cut(owner, ":")
	if !ok {
		return false
	}
	pid, err := strconv.Atoi(pidText)
	if err != nil || pid <= 0 {
		return false
	}
	now := procStart(pid)
	return now != "" && now == start
}

// procStart is field 22 of /proc/PID/stat, the process's start time; ""
// when the process does not exist.
func procStart(pid int) string {
	if s, ok := procStartOS(pid); ok {
		return s
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return ""
	}
	// The command name (field 2) may hold spaces: count from after it.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return ""
	}
	fields := strings.Fields(s[i+1:])
	if len(fields) < 20 {
		return ""
	}
	return fields[19]
}
