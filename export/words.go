package export

import (
	"strings"

	"loanbatch/pipeline"
)

// What the exports for people (XLSX, PDF) say about a result beyond its
// fields; the machine values read as words through their Label methods.

// needsReview says a person still has to check a result.
func needsReview(r pipeline.Result) bool {
	return r.Status == pipeline.DocSuccess && r.NeedsReview && r.Reviewed == nil
}

// countNeedsReview is how many of a job's results a person still has to check.
func countNeedsReview(sum *pipeline.Summary) int {
	n := 0
	for _, r := range sum.Results {
		if needsReview(r) {
			n++
		}
	}
	return n
}

// reviewReasons are the reasons a result still needs checking: none once a
// person marked it reviewed, and none for a document that did not succeed.
func reviewReasons(r pipeline.Result) string {
	if r.Status != pipeline.DocSuccess || r.Reviewed != nil {
		return ""
	}
	return strings.Join(r.ReviewReasons, "; ")
}

// reviewedBy says who marked a result reviewed, and when (local time).
func reviewedBy(r pipeline.Result) string {
	if r.Reviewed == nil {
		return ""
	}
	if r.Reviewed.At.IsZero() {
		return r.Reviewed.By
	}
	return r.Reviewed.By + ", " + r.Reviewed.At.Local().Format(localTimeLayout)
}

// duplicateOf names the earlier document with the same bytes.
func duplicateOf(r pipeline.Result) string {
	d := r.DuplicateOf
	if d == nil {
		return ""
	}
	name := d.FileName
	if name == "" {
		name = "document " + short(d.DocumentID)
	}
	return name + " (job " + short(d.JobID) + ")"
}

// short is the first 8 characters of an ID, as the window shows it.
func short(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

// localTimeLayout shows a time to the minute, in the reader's time zone.
const localTimeLayout = "2006-01-02 15:04 MST"
