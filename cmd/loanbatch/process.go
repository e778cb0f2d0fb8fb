package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

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
	paths, err = pipeline.ExpandPaths(paths)
	if err != nil {
		return fail(stderr, "process: %v", err)
	}
	if len(paths) == 0 {
		return fail(stderr, "process: the folders given hold no PDF, JPEG, PNG or TIFF files")
	}
	db, ok := openStore(ctx, *data, stderr)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	logger, closeLog := newLogger(db.Dir(), stderr)
	defer closeLog()

	runner := pipeline.NewRunner(db, pipeline.Options{
		StopOnFailure: *stopOnFailure,
		Logger:        logger,
		OnEvent:       progressPrinter(stderr),
	})
	defer runner.Close()
	sum, err := runner.ProcessPaths(ctx, paths)
	if err != nil {
		logger.Error("job could not run", "err", err)
		return fail(stderr, "the job could not run: %v", rootCause(err))
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sum); err != nil {
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
			fmt.Fprintln(w, line)
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
		}
		fmt.Fprintf(w, "%3d  %-8s %-40s %s\n", i+1, r.Status, r.FileName, detail)
	}
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
