package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"loanbatch/export"
	"loanbatch/pipeline"
)

func cmdStatus(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, data := newFlags("status", stderr)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		return fail(stderr, "status: give one JOB_ID\n\n%s", usage)
	}
	db, ok := openStore(ctx, *data, stderr)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	job, err := db.Job(ctx, pos[0])
	if errors.Is(err, pipeline.ErrJobNotFound) {
		return fail(stderr, "status: no job %s in %s", pos[0], db.Dir())
	}
	if err != nil {
		return fail(stderr, "status: %v", err)
	}
	if err := printJSON(stdout, job); err != nil {
		return fail(stderr, "status: %v", err)
	}
	return exitOK
}

func cmdHistory(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, data := newFlags("history", stderr)
	asJSON := fs.Bool("json", false, "print the jobs as JSON")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 0 {
		return fail(stderr, "history: unexpected argument %q\n\n%s", pos[0], usage)
	}
	db, ok := openStore(ctx, *data, stderr)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	jobs, err := db.Jobs(ctx)
	if err != nil {
		return fail(stderr, "history: %v", err)
	}
	if *asJSON {
		if jobs == nil {
			jobs = []pipeline.JobInfo{}
		}
		if err := printJSON(stdout, jobs); err != nil {
			return fail(stderr, "history: %v", err)
		}
		return exitOK
	}
	if len(jobs) == 0 {
		fmt.Fprintln(stdout, "No jobs yet.")
		return exitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CREATED\tJOB ID\tTITLE\tSTATUS\tDOCUMENTS\tSUCCEEDED\tFAILED\tSKIPPED\tREVIEW\tDURATION")
	for _, j := range jobs {
		dur := "—"
		if j.StartedAt != nil && j.CompletedAt != nil {
			dur = j.CompletedAt.Sub(*j.StartedAt).Round(100 * time.Millisecond).String()
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\n", j.CreatedAt.Local().Format("2006-01-02 15:04"), j.JobID,
			pipeline.SafeText(shorten(j.Title, 60)), j.Status, j.TotalDocuments, j.SuccessfulDocuments, j.FailedDocuments, j.SkippedDocuments,
			j.NeedsReviewDocuments, dur)
	}
	tw.Flush()
	return exitOK
}

func cmdExport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, data := newFlags("export", stderr)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 2 {
		return fail(stderr, "export: give JOB_ID and OUT\n\n%s", usage)
	}
	jobID, out := pos[0], pos[1]
	if _, err := export.FormatOf(out); err != nil {
		return fail(stderr, "export: %s: use a .xlsx, .pdf, .csv or .json file name", out)
	}
	db, ok := openStore(ctx, *data, stderr)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	sum, err := db.Summary(ctx, jobID)
	if errors.Is(err, pipeline.ErrJobNotFound) {
		return fail(stderr, "export: no job %s in %s", jobID, db.Dir())
	}
	if err != nil {
		return fail(stderr, "export: %v", err)
	}
	if err := export.WriteFile(out, sum); err != nil {
		return fail(stderr, "export: %v", rootCause(err))
	}
	fmt.Fprintf(stdout, "Exported job %s (%d documents) to %s\n", sum.JobID, len(sum.Results), out)
	return exitOK
}

// shorten cuts s to n characters at most, with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
