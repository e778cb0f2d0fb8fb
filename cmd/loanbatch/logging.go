package main

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
)

// logMaxBytes is the size at which the log file is rotated; one previous
// file (loanbatch.log.1) is kept.
const logMaxBytes = 10 << 20

// newLogger logs at info level to stderr and at debug level to
// DIR/logs/loanbatch.log, and makes that the default logger.
func newLogger(dataDir string, stderr io.Writer) (*slog.Logger, func()) {
	handlers := []slog.Handler{slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo})}
	closeFn := func() {}
	if f, err := openRotating(filepath.Join(dataDir, "logs", "loanbatch.log")); err == nil {
		handlers = append(handlers, slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug}))
		closeFn = func() { f.Close() }
	}
	logger := slog.New(slog.NewMultiHandler(handlers...))
	slog.SetDefault(logger)
	return logger, closeFn
}

// rotatingFile appends to a log file and starts a new one when it grows
// past logMaxBytes.
type rotatingFile struct {
	mu   sync.Mutex
	path string
	f    *os.File
	size int64
}

func openRotating(path string) (*rotatingFile, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	r := &rotatingFile{path: path}
	return r, r.open()
}

func (r *rotatingFile) open() error {
	f, err := os.OpenFile(r.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	r.f, r.size = f, st.Size()
	return nil
}

func (r *rotatingFile) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.size+int64(len(p)) > logMaxBytes {
		r.f.Close()
		_ = os.Rename(r.path, r.path+".1")
		if err := r.open(); err != nil {
			return 0, err
		}
	}
	n, err := r.f.Write(p)
	r.size += int64(n)
	return n, err
}

func (r *rotatingFile) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.f.Close()
}
