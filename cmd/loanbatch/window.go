package main

import (
	"context"
	"io"

	"loanbatch/pipeline"
	"loanbatch/store"
	"loanbatch/ui"
)

// openWindow runs the desktop app, starting a job with paths when given.
func openWindow(ctx context.Context, paths []string, stderr io.Writer) int {
	dir := store.DefaultDir()
	logger, closeLog := newLogger(dir, stderr)
	defer closeLog()
	err := ui.Run(ctx, ui.Config{
		Paths:          paths,
		DefaultDataDir: dir,
		Logger:         logger,
		OpenStore: func(ctx context.Context, dir string) (pipeline.Store, io.Closer, error) {
			db, err := store.Open(ctx, dir)
			if err != nil {
				return nil, nil, err
			}
			return db, db, nil
		},
	})
	if err != nil {
		return fail(stderr, "%v", err)
	}
	return exitOK
}
