//go:build windows

package worker

import (
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// The Windows side of proc_unix.go.

// job is the Job object every child is assigned to: it kills them when
// this process ends, however it ends.
var (
	jobOnce sync.Once
	job     windows.Handle
	jobErr  error
)

// redirectStdoutForProtocol keeps the handle the runner gave as stdout
// (a pipe) for the protocol and points both the process's standard output
// handle and the C runtime's stdout (msvcrt.dll's file descriptor 1, which
// the mingw-built Tesseract and Leptonica print to) at stderr, so nothing
// they print can corrupt the protocol. The pipe is duplicated first:
// _dup2 closes the handle behind the descriptor it replaces.
func redirectStdoutForProtocol() (*os.File, error) {
	self := windows.CurrentProcess()
	out, err := windows.GetStdHandle(windows.STD_OUTPUT_HANDLE)
	if err != nil {
		return nil, err
	}
	var proto windows.Handle
	if err := windows.DuplicateHandle(self, out, self, &proto, 0, false, windows.DUPLICATE_SAME_ACCESS); err != nil {
		return nil, fmt.Errorf("duplicate stdout: %w", err)
	}
	errH, err := windows.GetStdHandle(windows.STD_ERROR_HANDLE)
	if err == nil && errH != 0 && errH != windows.InvalidHandle {
		_ = windows.SetStdHandle(windows.STD_OUTPUT_HANDLE, errH)
		os.Stdout = os.Stderr
		if dup2 := windows.NewLazySystemDLL("msvcrt.dll").NewProc("_dup2"); dup2.Find() == nil {
			_, _, _ = dup2.Call(2, 1)
		}
	}
	return os.NewFile(uintptr(proto), "protocol"), nil
}

// setChildAttrs: no console window for the worker (it talks over pipes).
func setChildAttrs(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{HideWindow: true, CreationFlags: windows.CREATE_NO_WINDOW}
}

// tieChild puts the started worker in a Job object that kills its
// processes when its last handle closes. The runner holds that handle
// until it exits, so the worker dies with it (a crash or Task Manager's
// End task included), as Pdeathsig does on Linux.
func tieChild(cmd *exec.Cmd, log *slog.Logger) {
	jobOnce.Do(func() {
		job, jobErr = windows.CreateJobObject(nil, nil)
		if jobErr != nil {
			return
		}
		info := windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{}
		info.BasicLimitInformation.LimitFlags = windows.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
		_, jobErr = windows.SetInformationJobObject(job, windows.JobObjectExtendedLimitInformation,
			uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info)))
	})
	err := jobErr
	if err == nil {
		var h windows.Handle
		h, err = windows.OpenProcess(windows.PROCESS_SET_QUOTA|windows.PROCESS_TERMINATE, false, uint32(cmd.Process.Pid))
		if err == nil {
			err = windows.AssignProcessToJobObject(job, h)
			windows.CloseHandle(h)
		}
	}
	if err != nil && log != nil {
		log.Warn("worker not tied to the app: it may outlive a crash", "error", err)
	}
}

// processMemoryCounters is PROCESS_MEMORY_COUNTERS (psapi.h).
type processMemoryCounters struct {
	cb                         uint32
	PageFaultCount             uint32
	PeakWorkingSetSize         uintptr
	WorkingSetSize             uintptr
	QuotaPeakPagedPoolUsage    uintptr
	QuotaPagedPoolUsage        uintptr
	QuotaPeakNonPagedPoolUsage uintptr
	QuotaNonPagedPoolUsage     uintptr
	PagefileUsage              uintptr
	PeakPagefileUsage          uintptr
}

var procGetProcessMemoryInfo = windows.NewLazySystemDLL("kernel32.dll").NewProc("K32GetProcessMemoryInfo")

// processRSSOS is the process's working set in bytes, 0 when unknown.
func processRSSOS(pid int) (int64, bool) {
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if err != nil {
		return 0, true
	}
	defer windows.CloseHandle(h)
	var c processMemoryCounters
	c.cb = uint32(unsafe.Sizeof(c))
	if r, _, _ := procGetProcessMemoryInfo.Call(uintptr(h), uintptr(unsafe.Pointer(&c)), uintptr(c.cb)); r == 0 {
		return 0, true
	}
	return int64(c.WorkingSetSize), true
}
