package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestExitAfterStop: a stop signal whose window does not close in time ends
// the process; a window that closes in time, or no signal, does not.
func TestExitAfterStop(t *testing.T) {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	for _, c := range []struct {
		name        string
		signal      bool
		closeWithin time.Duration // when the window closes; 0: never within the test
		wantExit    bool
	}{
		{"signal, window hangs", true, 0, true},
		{"signal, window closes in time", true, 20 * time.Millisecond, false},
		{"no signal", false, 0, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var exited atomic.Bool
			stacks := filepath.Join(t.TempDir(), "stacks.txt")
			disarm := exitAfterStop(ctx, 100*time.Millisecond, logger, stacks, func() { exited.Store(true) })
			if c.signal {
				cancel()
			}
			if c.closeWithin > 0 {
				time.Sleep(c.closeWithin)
				disarm()
			}
			time.Sleep(300 * time.Millisecond)
			if exited.Load() != c.wantExit {
				t.Errorf("exited = %v, want %v", exited.Load(), c.wantExit)
			}
			if b, err := os.ReadFile(stacks); c.wantExit && (err != nil || !strings.Contains(string(b), "goroutine ")) {
				t.Errorf("no goroutine stacks written before exiting (%v)", err)
			} else if !c.wantExit && err == nil {
				t.Error("stacks written without exiting")
			}
			if c.closeWithin == 0 {
				disarm()
			}
		})
	}
}
