package watch_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loanbatch/store"
	"loanbatch/watch"
)

func TestWatcherTakesCompleteFilesOnce(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	dir := t.TempDir()
	var jobs [][]string
	newWatcher := func() *watch.Watcher {
		return &watch.Watcher{Dir: dir, Log: db, Settle: 2 * time.Second, Submit: func(_ context.Context, paths []string) (string, error) {
			var names []string
			for _, p := range paths {
				names = append(names, filepath.Base(p))
			}
			jobs = append(jobs, names)
			return "job-" + strings.Join(names, "+"), nil
		}}
	}
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w := newWatcher()
	t0 := time.Now()
	poll := func(at time.Duration) {
		t.Helper()
		if err := w.Poll(ctx, t0.Add(at)); err != nil {
			t.Fatal(err)
		}
	}
	write("page1.pdf", "%PDF-1.4 one")
	write("page2.pdf", "%PDF-1.4 two")
	write("scan.pdf.part", "half")
	write(".hidden.pdf", "x")
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	poll(0)
	if len(jobs) != 0 {
		t.Fatalf("files taken before they settled: %v", jobs)
	}
	poll(time.Second)
	write("page2.pdf", "%PDF-1.4 two, still being written") // changed: waits again
	poll(2500 * time.Millisecond)
	if len(jobs) != 1 || strings.Join(jobs[0], ",") != "page1.pdf" {
		t.Fatalf("after 2.5 s: %v; want page1.pdf alone", jobs)
	}
	poll(5 * time.Second)
	poll(6 * time.Second)
	if len(jobs) != 2 || strings.Join(jobs[1], ",") != "page2.pdf" {
		t.Fatalf("after 6 s: %v; want page2.pdf once, in a second job", jobs)
	}

	// A restart takes nothing again; a new file arriving with another
	// becomes one job with it.
	w = newWatcher()
	poll(10 * time.Second)
	write("a.png", "\x89PNG a")
	write("b.png", "\x89PNG b")
	poll(11 * time.Second)
	poll(14 * time.Second)
	if len(jobs) != 3 || strings.Join(jobs[2], ",") != "a.png,b.png" {
		t.Fatalf("after a restart: %v; want one job of a.png and b.png", jobs)
	}
	if _, err := os.Stat(filepath.Join(dir, "page1.pdf")); err != nil {
		t.Errorf("the watcher moved or deleted a file: %v", err)
	}
}
