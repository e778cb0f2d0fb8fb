package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"loanbatch/pipeline"
	"loanbatch/store"
	"loanbatch/worker"
)

// Exit statuses of the contract.
const (
	exitOK       = 0
	exitFailures = 1 // the job finished with failed or skipped documents
	exitUsage    = 2 // usage error, or the job itself could not run
)

const usage = `usage:
  loanbatch                                   open the desktop window
  loanbatch PATH...                           open the window and process PATHs
  loanbatch process [flags] PATH...           run one batch job headless, in the order given
  loanbatch status  [--data DIR] JOB_ID       one job's status as JSON
  loanbatch history [--data DIR] [--json]     past jobs, newest first, named by their loans
  loanbatch search  [--data DIR] [--json] QUERY   documents of every job by borrower, lender, loan ID,
                                              address, file name or any word of their text
  loanbatch watch   [--data DIR] DIR          process each document that appears in DIR (a scanner's
                                              folder), once, until Ctrl+C; files are never moved
  loanbatch export  [--data DIR] JOB_ID OUT   write a job's summary (.xlsx, .csv or .json)
                                              or its printable report (.pdf)
  loanbatch resume  [--data DIR] [--json] JOB_ID   finish an interrupted job
  loanbatch retry   [--data DIR] [--json] JOB_ID   run a job's failed documents again, as a new job
  loanbatch compare [--data DIR] [--json] JOB_ID   the job's loans side by side, and LE → CD changes

process flags:
  --data DIR          data folder (default $LOANBATCH_DATA, else ~/.local/share/loanbatch)
  --stop-on-failure   mark the documents after the first failure as skipped
  --json              print the job's summary as JSON on stdout
`

// run dispatches a command line and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return openWindow(ctx, nil, stderr)
	}
	switch args[0] {
	case "process":
		return cmdProcess(ctx, args[1:], stdout, stderr)
	case "status":
		return cmdStatus(ctx, args[1:], stdout, stderr)
	case "watch":
		return cmdWatch(ctx, args[1:], stdout, stderr)
	case "search":
		return cmdSearch(ctx, args[1:], stdout, stderr)
	case "history":
		return cmdHistory(ctx, args[1:], stdout, stderr)
	case "export":
		return cmdExport(ctx, args[1:], stdout, stderr)
	case "resume", "retry":
		return cmdRerun(ctx, args[0], args[1:], stdout, stderr)
	case "compare":
		return cmdCompare(ctx, args[1:], stdout, stderr)
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	if strings.HasPrefix(args[0], "-") {
		fmt.Fprintf(stderr, "loanbatch: unknown flag %s\n\n%s", args[0], usage)
		return exitUsage
	}
	return openWindow(ctx, args, stderr)
}

// newFlags returns a flag set that reports errors on stderr and knows --data.
func newFlags(name string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	data := fs.String("data", "", "data folder")
	return fs, data
}

// parseInterspersed parses flags that may come before or after positional
// arguments, as `loanbatch export JOB OUT --data DIR` users expect.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// openStore opens the data folder, turning failures into one line for a
// person.
func openStore(ctx context.Context, dir string, stderr io.Writer) (*store.DB, bool) {
	if dir == "" {
		dir = store.DefaultDir()
	}
	db, err := store.Open(ctx, dir)
	if err == nil {
		// A job whose process died is reported as interrupted from now on.
		_, err = db.MarkInterrupted(ctx, pipeline.OwnerAlive)
		if err != nil {
			db.Close()
		}
	}
	if err != nil {
		switch {
		case errors.Is(err, store.ErrCorrupt):
			fmt.Fprintf(stderr, "loanbatch: the database in %s is damaged and cannot be opened; move it aside to start a new one\n", dir)
		default:
			fmt.Fprintf(stderr, "loanbatch: cannot use data folder %s: %v\n", dir, rootCause(err))
		}
		return nil, false
	}
	return db, true
}

func rootCause(err error) error {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err
		}
		err = u
	}
}

// fail prints a one-line error and returns the usage exit status.
func fail(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "loanbatch: "+format+"\n", args...)
	return exitUsage
}

// printJSON writes v as indented JSON, the form every --json output takes.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// newRunner is a runner on db whose documents are read by a worker
// process, logging to logger.
func newRunner(db pipeline.Store, logger *slog.Logger, opts pipeline.Options) *pipeline.Runner {
	opts.Logger = logger
	return pipeline.NewRunner(db, worker.New(worker.Options{Logger: logger}), opts)
}
