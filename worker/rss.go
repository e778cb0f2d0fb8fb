package worker

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// processRSS is a process's resident memory in bytes, 0 when unknown.
func processRSS(pid int) int64 {
	if n, ok := processRSSOS(pid); ok {
		return n
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
