package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"loanbatch/pipeline"
	"loanbatch/store"
	"loanbatch/ui"
)

// openWindow runs the desktop app, starting a job with paths when given.
func openWindow(ctx context.Context, paths []string, stderr io.Writer) int {
	dir := store.DefaultDir()
	logger, closeLog := newLogger(dir, stderr)
	defer closeLog()
	defer exitAfterStop(ctx, quitGrace, logger, filepath.Join(dir, "logs", "stop-stacks.txt"), func() { os.Exit(exitOK) })()
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

// quitGrace is how long the window may take to close after a stop signal
// (SIGTERM, Ctrl+C) before the process exits without it.
const quitGrace = 10 * time.Second

// exitAfterStop calls exit when ctx is cancelled by a stop signal and the
// window has not closed quit grace later: a stop signal must end the app,
// whatever its closing waits on (a CI run once waited 4 minutes for a
// window that had been sent SIGTERM). What every goroutine was doing is
// written to stacksFile first: the cause of that wait is not known yet. Leaving without closing the store
// loses nothing: SQLite's journal is consistent at every commit, and a job
// in flight is resumed on the next start, as after a crash. The returned
// function disarms it once the window has closed.
func exitAfterStop(ctx context.Context, grace time.Duration, logger *slog.Logger, stacksFile string, exit func()) (disarm func()) {
	done := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		time.AfterFunc(grace, func() {
			select {
			case <-done:
				return
			default:
			}
			stacks := make([]byte, 1<<20)
			stacks = stacks[:runtime.Stack(stacks, true)]
			err := os.WriteFile(stacksFile, stacks, 0o644)
			logger.Warn("the window did not close after a stop signal: exiting", "waited", grace, "stacks", stacksFile, "write_err", err)
			exit()
		})
	})
	return func() {
		close(done)
		stop()
	}
}
