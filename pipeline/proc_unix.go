//go:build !windows

package pipeline

import (
	"errors"
	"log/slog"
	"os"
	"os/exec"
	"syscall"

	"golang.org/x/sys/unix"
)

// The operating-system-specific parts of the worker and of crash and
// liveness bookkeeping; proc_windows.go has the Windows ones.

// redirectStdoutForProtocol keeps the real stdout (the pipe to the runner)
// for the worker's protocol and points file descriptor 1 at stderr, so
// that nothing a C library prints can corrupt the protocol.
func redirectStdoutForProtocol() (*os.File, error) {
	proto, err := unix.Dup(1)
	if err != nil {
		return nil, err
	}
	if err := unix.Dup2(2, 1); err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(proto), "protocol"), nil
}

// setChildAttrs makes the worker die with the runner (kill -9 included),
// never orphaned.
func setChildAttrs(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// tieChild has nothing to do on Unix: setChildAttrs did it before start.
func tieChild(*exec.Cmd, *slog.Logger) {}

// killSelf ends this process at once, as a fatal bug in a reader would.
func killSelf() {
	_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
}

// procStartOS and processRSSOS answer on systems without /proc; on Unix
// liveness.go reads /proc itself.
func procStartOS(int) (string, bool) { return "", false }
func processRSSOS(int) (int64, bool) { return 0, false }

// openNoFollow opens a file without following a symbolic link and without
// blocking on a named pipe.
const openNoFollow = syscall.O_NOFOLLOW | syscall.O_NONBLOCK

// isSymlinkLoop reports an open refused by openNoFollow on a link.
func isSymlinkLoop(err error) bool { return errors.Is(err, syscall.ELOOP) }

// heifUnsupported: HEIC and AVIF are read with libheif (heif.go).
func heifUnsupported(Format) error { return nil }
