//go:build windows

package ui

import "golang.org/x/sys/windows"

// platformDocuments is the user's Documents folder as Windows knows it
// (it may be redirected, to OneDrive for one).
func platformDocuments() string {
	d, err := windows.KnownFolderPath(windows.FOLDERID_Documents, 0)
	if err != nil {
		return ""
	}
	return d
}
