//go:build windows

package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// The Windows release is linked as a GUI program (-H windowsgui), so that
// opening the window from the Start menu shows no console. Windows then
// gives it no standard output: when it runs from a terminal (cmd.exe,
// PowerShell) attachConsole borrows the terminal's console, so that the
// subcommands print there. A handle that is already usable (redirected to
// a file or pipe, or a console build) is kept.
func attachConsole() {
	if len(os.Args) > 1 && os.Args[1] == "worker" {
		return // the worker's standard handles are the runner's pipes
	}
	std := []struct {
		id   uint32
		name string
		file **os.File
		mode int
	}{
		{windows.STD_INPUT_HANDLE, "CONIN$", &os.Stdin, os.O_RDWR},
		{windows.STD_OUTPUT_HANDLE, "CONOUT$", &os.Stdout, os.O_RDWR},
		{windows.STD_ERROR_HANDLE, "CONOUT$", &os.Stderr, os.O_RDWR},
	}
	missing := false
	for _, s := range std {
		missing = missing || !usable(s.id)
	}
	if !missing {
		return
	}
	if err := attachParentConsole(); err != nil {
		return // started from Explorer or the Start menu: no console to use
	}
	for _, s := range std {
		if usable(s.id) {
			continue
		}
		f, err := os.OpenFile(s.name, s.mode, 0)
		if err != nil {
			continue
		}
		_ = windows.SetStdHandle(s.id, windows.Handle(f.Fd()))
		*s.file = f
	}
}

// usable reports whether a standard handle leads somewhere.
func usable(id uint32) bool {
	h, err := windows.GetStdHandle(id)
	if err != nil || h == 0 || h == windows.InvalidHandle {
		return false
	}
	t, err := windows.GetFileType(h)
	return err == nil && t != windows.FILE_TYPE_UNKNOWN
}

var procAttachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

func attachParentConsole() error {
	const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1
	if r, _, err := procAttachConsole.Call(attachParentProcess & 0xffffffff); r == 0 {
		return err
	}
	return nil
}
