package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"loanbatch/pipeline"
)

// searchLimit is how many documents a search lists at most.
const searchLimit = 50

func cmdSearch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, data := newFlags("search", stderr)
	asJSON := fs.Bool("json", false, "print the matching documents as JSON")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	query := strings.Join(pos, " ")
	if strings.TrimSpace(query) == "" {
		return fail(stderr, "search: give the words to look for\n\n%s", usage)
	}
	db, ok := openStore(ctx, *data, stderr)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	hits, err := db.Search(ctx, query, searchLimit)
	if err != nil {
		return fail(stderr, "search: %v", err)
	}
	if *asJSON {
		if hits == nil {
			hits = []pipeline.SearchHit{}
		}
		if err := printJSON(stdout, hits); err != nil {
			return fail(stderr, "search: %v", err)
		}
		return exitOK
	}
	if len(hits) == 0 {
		fmt.Fprintf(stdout, "Nothing matches %q.\n", pipeline.SafeText(query))
		return exitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CREATED\tJOB ID\tFILE\tBORROWER\tLOAN ID\tMATCH")
	for _, h := range hits {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", h.JobCreatedAt.Local().Format("2006-01-02 15:04"), h.JobID,
			pipeline.SafeText(h.FileName), pipeline.SafeText(h.Borrower), pipeline.SafeText(h.LoanID), pipeline.SafeText(h.Snippet))
	}
	tw.Flush()
	return exitOK
}
