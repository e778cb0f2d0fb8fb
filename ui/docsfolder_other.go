//go:build !windows

package ui

// platformDocuments: elsewhere documentsFolder follows XDG.
func platformDocuments() string { return "" }
