//go:build !windows

package worker

import (
	"log/slog"
	"os"
	"os/exec"
	"syscall"

	"golang.org/x/sys/unix"
)

// The operating-system-specific parts of the child process and its
// watchdog; proc_windows.go has the Windows ones.

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

// processRSSOS answers on systems without /proc; on Unix rss.go reads /proc
// itself.
func processRSSOS(int) (int64, bool) { return 0, false }
