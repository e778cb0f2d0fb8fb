package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"loanbatch/pipeline"
)

func cmdProcess(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, data := newFlags("process", stderr)
	stopOnFailure := fs.Bool("stop-on-failure", false, "skip the documents after the first failure")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(paths) == 0 {
		return fail(stderr, "process: no documents given\n\n%s", usage)
	}
	exp, err := pipeline.ExpandFolders(paths)
	if err != nil {
		return fail(stderr, "process: %v", err)
	}
	if len(exp.Paths) == 0 {
		return fail(stderr, "process: the folders given hold no files (%d system files skipped)", exp.Skipped)
	}
	db, ok := openStore(ctx, *data, stderr)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	logger, closeLog := newLogger(db.Dir(), stderr)
	defer closeLog()
	if msg := exp.SkippedMessage(); msg != "" {
		logger.Info(msg, "skipped_system_files", exp.Skipped) // on stderr and in the log
	}

	runner := newRunner(db, logger, pipeline.Options{StopOnFailure: *stopOnFailure, OnEvent: progressPrinter(stderr)})
	defer runner.Close()
	sum, err := runner.ProcessPaths(ctx, exp.Paths)
	if err != nil {
		logger.Error("job could not run", "err", err)
		return fail(stderr, "the job could not run: %v", rootCause(err))
	}
	return report(sum, *asJSON, stdout, stderr)
}

// cmdRerun is `resume JOB_ID` (finish an interrupted job) and `retry
// JOB_ID` (its failed documents again, as a new job).
func cmdRerun(ctx context.Context, verb string, args []string, stdout, stderr io.Writer) int {
	fs, data := newFlags(verb, stderr)
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		return fail(stderr, "%s: give one JOB_ID\n\n%s", verb, usage)
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
	var sum *pipeline.Summary
	if verb == "resume" {
		sum, err = runner.Resume(ctx, pos[0])
	} else {
		sum, err = runner.Retry(ctx, pos[0])
	}
	switch {
	case errors.Is(err, pipeline.ErrJobNotFound):
		return fail(stderr, "%s: no job %s in %s", verb, pos[0], db.Dir())
	case errors.Is(err, pipeline.ErrJobClaimed):
		return fail(stderr, "%s: job %s is being run by another process; let that one finish it", verb, pos[0])
	case errors.Is(err, pipeline.ErrJobNotResumable):
		return fail(stderr, "%s: job %s is not interrupted: only a job whose process died can be resumed", verb, pos[0])
	case err != nil:
		return fail(stderr, "%s: %v", verb, rootCause(err))
	}
	return report(sum, *asJSON, stdout, stderr)
}

// report prints a finished job's summary and returns the contract's exit
// status for it.
func report(sum *pipeline.Summary, asJSON bool, stdout, stderr io.Writer) int {
	if asJSON {
		if err := printJSON(stdout, sum); err != nil {
			return fail(stderr, "write summary: %v", err)
		}
	} else {
		printSummary(stdout, sum)
	}
	if sum.SuccessfulDocuments == sum.TotalDocuments {
		return exitOK
	}
	return exitFailures
}

// progressPrinter shows one line per finished document on stderr.
func progressPrinter(w io.Writer) func(pipeline.Event) {
	total := 0
	return func(e pipeline.Event) {
		switch e.Kind {
		case pipeline.EventJobStarted:
			total = e.Total
		case pipeline.EventDocDone:
			r := e.Result
			line := fmt.Sprintf("[%d/%d] %s: %s", e.DocIndex+1, total, r.FileName, r.Status)
			switch r.Status {
			case pipeline.DocSuccess:
				line += fmt.Sprintf(" (%s, %d fields, %.1f s)", r.DocumentType, r.Fields.Count(), r.ProcessingTime)
			default:
				if r.ErrorMessage != "" {
					line += ": " + r.ErrorMessage
				}
			}
			fmt.Fprintln(w, pipeline.SafeText(line)) // names and messages come from the documents
		}
	}
}

func printSummary(w io.Writer, sum *pipeline.Summary) {
	fmt.Fprintf(w, "Job %s %s: %d of %d succeeded, %d failed, %d skipped (%.1f s)\n",
		sum.JobID, sum.Status, sum.SuccessfulDocuments, sum.TotalDocuments, sum.FailedDocuments,
		sum.SkippedDocuments, sum.TotalProcessingTime)
	for i, r := range sum.Results {
		detail := r.ErrorMessage
		if r.Status == pipeline.DocSuccess {
			detail = fmt.Sprintf("%s, loan %s", r.DocumentType, orDash(r.LoanID))
			if r.NeedsReview {
				detail += " — check: " + strings.Join(r.ReviewReasons, "; ")
			}
		}
		if r.DuplicateOf != nil {
			detail += fmt.Sprintf(" (same file as %s in job %s)", r.DuplicateOf.FileName, shortJob(r.DuplicateOf.JobID))
		}
		// Names, loan IDs and reasons come from the documents.
		fmt.Fprintln(w, pipeline.SafeText(fmt.Sprintf("%3d  %-8s %-40s %s", i+1, r.Status, r.FileName, detail)))
	}
}

func shortJob(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
