// Package watch turns the documents that appear in a folder (a scanner's,
// say) into jobs, each file once.
package watch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Log remembers which files a watched folder has taken, so that each
// is taken once, also across restarts.
type Log interface {
	WatchedFiles(ctx context.Context, keys []string) (map[string]bool, error)
	RememberWatched(ctx context.Context, keys []string, jobID string) error
}

// Watcher turns the documents that appear in a folder (a scanner's, say)
// into jobs. A file is taken once it is complete: its size and time have
// not changed for Settle. Files that become complete together are one
// job. Hidden files and those still being written (.part, .tmp,
// .crdownload, ~) are left alone, and so is anything that is not a regular
// file; the folder's files are never moved or deleted.
type Watcher struct {
	Dir      string
	Log      Log
	Interval time.Duration // how often the folder is read; 1 s when zero
	Settle   time.Duration // how long a file must stay unchanged; 2 s when zero
	// Submit registers paths as a job and returns its ID; the files are
	// remembered once it returns without error.
	Submit func(ctx context.Context, paths []string) (jobID string, err error)
	// OnError hears a problem reading the folder or submitting (the
	// watcher goes on); nil ignores it.
	OnError func(error)

	pending map[string]fileState // the folder's files as last seen
	taken   map[string]bool      // file keys known to be taken
}

type fileState struct {
	size    int64
	modTime time.Time
	since   time.Time // unchanged since
}

// fileKey names a version of a file: its path, size and modification time.
func fileKey(path string, st fileState) string {
	return fmt.Sprintf("%s\x00%d\x00%d", path, st.size, st.modTime.UnixNano())
}

// Run watches until ctx is done.
func (w *Watcher) Run(ctx context.Context) error {
	interval := w.Interval
	if interval <= 0 {
		interval = time.Second
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := w.Poll(ctx, time.Now()); err != nil && w.OnError != nil && ctx.Err() == nil {
			w.OnError(err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Poll reads the folder once, at now, and submits the files that have
// become complete as one job.
func (w *Watcher) Poll(ctx context.Context, now time.Time) error {
	settle := w.Settle
	if settle <= 0 {
		settle = 2 * time.Second
	}
	if w.pending == nil {
		w.pending, w.taken = map[string]fileState{}, map[string]bool{}
	}
	entries, err := os.ReadDir(w.Dir)
	if err != nil {
		return fmt.Errorf("watch %s: %w", w.Dir, err)
	}
	present := map[string]bool{}
	var ready []string
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || stillWriting(name) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // gone since the listing
		}
		path := filepath.Join(w.Dir, name)
		present[path] = true
		cur := fileState{size: info.Size(), modTime: info.ModTime(), since: now}
		old, ok := w.pending[path]
		if ok && old.size == cur.size && old.modTime.Equal(cur.modTime) {
			cur.since = old.since
		}
		w.pending[path] = cur
		if now.Sub(cur.since) >= settle && cur.size > 0 && !w.taken[fileKey(path, cur)] {
			ready = append(ready, path)
		}
	}
	for path := range w.pending {
		if !present[path] {
			delete(w.pending, path)
		}
	}
	if len(ready) == 0 {
		return nil
	}
	slices.Sort(ready)
	keys := make([]string, len(ready))
	for i, p := range ready {
		keys[i] = fileKey(p, w.pending[p])
	}
	seen, err := w.Log.WatchedFiles(ctx, keys)
	if err != nil {
		return err
	}
	var paths, newKeys []string
	for i, p := range ready {
		if seen[keys[i]] {
			w.taken[keys[i]] = true
		} else {
			paths, newKeys = append(paths, p), append(newKeys, keys[i])
		}
	}
	if len(paths) == 0 {
		return nil
	}
	jobID, err := w.Submit(ctx, paths)
	if err != nil {
		return fmt.Errorf("watch %s: %w", w.Dir, err)
	}
	if err := w.Log.RememberWatched(ctx, newKeys, jobID); err != nil {
		return err
	}
	for _, k := range newKeys {
		w.taken[k] = true
	}
	return nil
}

// stillWriting says a name is hidden or a download or copy in progress.
func stillWriting(name string) bool {
	lower := strings.ToLower(name)
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || strings.HasSuffix(name, "~") {
		return true
	}
	for _, ext := range []string{".part", ".partial", ".tmp", ".crdownload", ".download", ".filepart"} {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}
