package export

import (
	"fmt"
	"strings"

	"loanbatch/pipeline"
)

// reportTitle names a job by its loans, as a person would: the borrowers,
// the loan IDs, else the first file, and the number of documents, such as
// "Michael Jones · 123456789 · 3 documents".
func reportTitle(sum *pipeline.Summary) string {
	var borrowers, loans []string
	seen := map[string]bool{}
	add := func(list *[]string, v string) {
		v = strings.TrimSpace(v)
		if v != "" && !seen[v] {
			seen[v] = true
			*list = append(*list, v)
		}
	}
	for _, r := range sum.Results {
		if r.Status == pipeline.DocSuccess {
			add(&borrowers, r.Fields.BorrowerName)
			add(&loans, r.Fields.LoanID)
		}
	}
	var parts []string
	if len(borrowers) > 0 {
		parts = append(parts, firstFew(borrowers))
	}
	if len(loans) > 0 {
		parts = append(parts, firstFew(loans))
	}
	if len(parts) == 0 && len(sum.Results) > 0 {
		parts = append(parts, sum.Results[0].FileName)
	}
	n := len(sum.Results)
	if n == 1 {
		parts = append(parts, "1 document")
	} else {
		parts = append(parts, fmt.Sprintf("%d documents", n))
	}
	return strings.Join(parts, " · ")
}

// firstFew lists up to two values and how many more there are.
func firstFew(vs []string) string {
	if len(vs) <= 2 {
		return strings.Join(vs, ", ")
	}
	return fmt.Sprintf("%s, %s and %d more", vs[0], vs[1], len(vs)-2)
}
