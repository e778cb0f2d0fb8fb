package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"loanbatch/pipeline"
	"loanbatch/watch"
)

// cmdWatch is `watch DIR`: each document that appears in DIR (complete,
// not hidden or partial) is processed, files arriving together as one job,
// each file once, also across restarts, until Ctrl+C. A line per job on
// stdout; progress and logs on stderr.
func cmdWatch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, data := newFlags("watch", stderr)
	settle := fs.Duration("settle", 2*time.Second, "how long a file must stay unchanged before it is taken")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		return fail(stderr, "watch: give one folder\n\n%s", usage)
	}
	dir := pos[0]
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fail(stderr, "watch: %s is not a folder", dir)
	}
	db, ok := openStore(ctx, *data, stderr)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	logger, closeLog := newLogger(db.Dir(), stderr)
	defer closeLog()
	runner := newRunner(db, logger, pipeline.Options{OnEvent: progressPrinter(stderr)})
	defer runner.Close()

	// Jobs are registered as their files arrive and run one after another.
	queued := make(chan string, 1024)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for id := range queued {
			sum, err := runner.RunQueued(ctx, id)
			if err != nil {
				fmt.Fprintf(stderr, "watch: job %s could not run: %v\n", id, rootCause(err))
				continue
			}
			fmt.Fprintf(stdout, "%s\t%s\t%d of %d succeeded\t%s\n", sum.JobID, sum.Status, sum.SuccessfulDocuments,
				sum.TotalDocuments, pipeline.SafeText(pipeline.SummaryTitle(sum)))
		}
	}()
	w := &watch.Watcher{
		Dir: dir, Log: db, Settle: *settle,
		Submit: func(ctx context.Context, paths []string) (string, error) {
			job, err := runner.Enqueue(ctx, paths)
			if err == nil {
				fmt.Fprintf(stderr, "watch: %d new file(s) → job %s\n", len(paths), job.JobID)
				queued <- job.JobID
			}
			return job.JobID, err
		},
		OnError: func(err error) { fmt.Fprintf(stderr, "watch: %v\n", err) },
	}
	fmt.Fprintf(stderr, "watch: waiting for documents in %s (Ctrl+C to stop)\n", pipeline.SafeText(dir))
	w.Run(ctx)
	close(queued)
	<-done
	return exitOK
}
