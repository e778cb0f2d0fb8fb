//go:build !windows

package store

// platformDataDir: elsewhere DefaultDir follows XDG.
func platformDataDir() string { return "" }
