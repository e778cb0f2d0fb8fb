//go:build !windows

package pipeline

import (
	"errors"
	"os"
	"syscall"
)

// The operating-system-specific parts of crash and liveness bookkeeping
// and of opening inputs; proc_windows.go has the Windows ones.

// killSelf ends this process at once, as a fatal bug in a reader would.
func killSelf() {
	_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
}

// procStartOS answers on systems without /proc; on Unix liveness.go reads
// /proc itself.
func procStartOS(int) (string, bool) { return "", false }

// openNoFollow opens a file without following a symbolic link and without
// blocking on a named pipe.
const openNoFollow = syscall.O_NOFOLLOW | syscall.O_NONBLOCK

// isSymlinkLoop reports an open refused by openNoFollow on a link.
func isSymlinkLoop(err error) bool { return errors.Is(err, syscall.ELOOP) }
