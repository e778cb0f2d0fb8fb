//go:build !windows

package store

// platformDataDir: elsewhere DefaultDir follows XDG.
func platformDataDir() string { return "" }

// ownerFileSep: ":" is a valid file name character here.
const ownerFileSep = ":"
