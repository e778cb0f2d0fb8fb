// Package assets holds the files built into the binary: the app icon.
package assets

import _ "embed"

// Icon is Loan Batch's icon, a 512×512 PNG (also named in FyneApp.toml).
//
//go:embed Icon.png
var Icon []byte
