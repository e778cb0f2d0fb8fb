//go:build windows

package pipeline

import (
	"fmt"

	"golang.org/x/sys/windows"
)

// The Windows side of proc_unix.go.

// killSelf ends this process at once, as a fatal bug in a reader would.
func killSelf() {
	_ = windows.TerminateProcess(windows.CurrentProcess(), 137)
}

// procStartOS is the process's creation time (100 ns ticks since 1601),
// "" when no such process runs. Windows reuses process IDs too; the time
// tells a new process from the job's owner.
func procStartOS(pid int) (string, bool) {
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if err != nil {
		return "", true
	}
	defer windows.CloseHandle(h)
	var code uint32
	if err := windows.GetExitCodeProcess(h, &code); err != nil || code != 259 { // STILL_ACTIVE
		return "", true
	}
	var created, exited, kernel, user windows.Filetime
	if err := windows.GetProcessTimes(h, &created, &exited, &kernel, &user); err != nil {
		return "", true
	}
	return fmt.Sprint(uint64(created.HighDateTime)<<32 | uint64(created.LowDateTime)), true
}

// openNoFollow: Windows has no such open flag. openInput's Lstat refuses
// a link, and its SameFile check refuses a file swapped for a link
// between Lstat and open (the link's target is another file).
const openNoFollow = 0

func isSymlinkLoop(error) bool { return false }
