package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode"

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
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(hits); err != nil {
			return fail(stderr, "search: %v", err)
		}
		return exitOK
	}
	if len(hits) == 0 {
		fmt.Fprintf(stdout, "Nothing matches %q.\n", printable(query))
		return exitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CREATED\tJOB ID\tFILE\tBORROWER\tLOAN ID\tMATCH")
	for _, h := range hits {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", h.JobCreatedAt.Local().Format("2006-01-02 15:04"), h.JobID,
			printable(h.FileName), printable(h.Borrower), printable(h.LoanID), printable(h.Snippet))
	}
	tw.Flush()
	return exitOK
}

// printable makes untrusted text safe for a terminal: control characters
// (escape sequences, newlines, tabs) and bidirectional overrides become
// visible escapes, so no name can move the cursor, recolour the screen or
// forge a line.
func printable(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\uFFFD' || unicode.IsControl(r) || isBidiControl(r):
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isBidiControl(r rune) bool {
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069') || r == '\u200E' || r == '\u200F' || r == '\u061C'
}
