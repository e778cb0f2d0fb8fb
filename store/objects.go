package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"loanbatch/pipeline"
)

// PutObject stores r's bytes under DIR/objects/ab/abcdef… by their SHA-256,
// once: written to a temporary file, synced and renamed into place, so a
// crash never leaves a partial object under a real name.
func (s *DB) PutObject(ctx context.Context, r io.Reader) (sha string, size int64, err error) {
	defer func() { err = classify(err) }()
	dir := filepath.Join(s.dir, "objects")
	tmp, err := os.CreateTemp(dir, incomingPrefix+strings.ReplaceAll(pipeline.ProcessOwner(), ":", ownerFileSep)+"-*")
	if err != nil {
		return "", 0, fmt.Errorf("store object: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), r)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", 0, fmt.Errorf("store object: %w", err)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	final := s.ObjectPath(sum)
	if _, err := os.Stat(final); err == nil {
		return sum, n, nil // already stored
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return "", 0, fmt.Errorf("store object: %w", err)
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return "", 0, fmt.Errorf("store object: %w", err)
	}
	if d, err := os.Open(filepath.Dir(final)); err == nil {
		_ = d.Sync() // make the rename itself durable
		d.Close()
	}
	return sum, n, ctx.Err()
}

// incomingPrefix starts the name of an object being written, followed by
// its writer (pipeline.ProcessOwner), so that Open can tell the leftovers of
// a process that died from the files of one still writing.
const incomingPrefix = ".incoming-"

// removeLeftovers deletes the temporary files of writers that died (a kill
// during registration) and of unknown writers older than a day.
func (s *DB) removeLeftovers() {
	dir := filepath.Join(s.dir, "objects")
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), incomingPrefix)
		if !ok || e.IsDir() {
			continue
		}
		owner := strings.ReplaceAll(rest[:max(strings.LastIndexByte(rest, '-'), 0)], ownerFileSep, ":")
		if strings.Contains(owner, ":") {
			if pipeline.OwnerAlive(owner) {
				continue
			}
		} else if info, err := e.Info(); err != nil || time.Since(info.ModTime()) < 24*time.Hour {
			continue
		}
		_ = os.Remove(filepath.Join(dir, e.Name()))
	}
}

// ObjectPath is where the object with the given SHA-256 is kept.
func (s *DB) ObjectPath(sha string) string {
	if len(sha) < 3 {
		return filepath.Join(s.dir, "objects", "invalid")
	}
	return filepath.Join(s.dir, "objects", sha[:2], sha)
}
