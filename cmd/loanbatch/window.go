package main

import (
	"context"
	"io"

	"loanbatch/ui"
)

// openWindow runs the desktop app, starting a job with paths when given.
func openWindow(ctx context.Context, paths []string, stderr io.Writer) int {
	if err := ui.Run(ctx, paths); err != nil {
		return fail(stderr, "%v", err)
	}
	return exitOK
}
