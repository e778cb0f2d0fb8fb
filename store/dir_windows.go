//go:build windows

package store

import (
	"os"
	"path/filepath"
)

// platformDataDir is %LOCALAPPDATA%\LoanBatch on Windows: per user, on this
// machine only (documents and the database are not for a roaming profile).
func platformDataDir() string {
	if d := os.Getenv("LOCALAPPDATA"); d != "" {
		return filepath.Join(d, "LoanBatch")
	}
	if d, err := os.UserCacheDir(); err == nil { // %LocalAppData% too
		return filepath.Join(d, "LoanBatch")
	}
	return ""
}

// ownerFileSep stands for the ":" of a process owner ("PID:START") in the
// name of an object being written: Windows file names cannot hold ":".
const ownerFileSep = "_"
