package ui

import (
	"net/url"
	"path/filepath"
	"strings"
)

// fileURL is the file:// URL of a local path. On Windows a path such as
// C:\Users\me\x.pdf becomes file:///C:/Users/me/x.pdf (as a bare Path it
// would read as host "C:" with escaped backslashes, which no program
// opens); on Unix the path is used as it is.
func fileURL(path string) *url.URL {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return &url.URL{Scheme: "file", Path: p}
}
