package pipeline

import (
	"fmt"
	"strings"
	"time"
)

// SearchHit is a document that matches a search, with the words around the
// match.
type SearchHit struct {
	JobID        string       `json:"job_id"`
	JobTitle     string       `json:"job_title"`
	JobCreatedAt time.Time    `json:"job_created_at"`
	DocumentID   string       `json:"document_id"`
	Position     int          `json:"position"` // 0-based, in the job
	FileName     string       `json:"file_name"`
	Borrower     string       `json:"borrower_name,omitempty"`
	LoanID       string       `json:"loan_id,omitempty"`
	DocumentType DocumentType `json:"document_type,omitempty"`
	Status       DocStatus    `json:"status"`
	// Snippet is the best-matching passage; the matched words are between
	// SnippetOpen and SnippetClose.
	Snippet string `json:"snippet"`
}

// The marks around matched words in a SearchHit's Snippet.
const (
	SnippetOpen  = "«"
	SnippetClose = "»"
)

// JobTitle names a job by its loans, as a person recognises it: the
// borrowers, the loan IDs and the number of documents ("Michael Jones ·
// 123456789 · 3 documents"); without a borrower or loan ID, by its first
// file.
func JobTitle(borrowers, loanIDs []string, firstFile string, documents int) string {
	var parts []string
	if s := listFew(borrowers, 2); s != "" {
		parts = append(parts, s)
	}
	if s := listFew(loanIDs, 2); s != "" {
		parts = append(parts, s)
	}
	if len(parts) == 0 && firstFile != "" {
		parts = append(parts, firstFile)
	}
	switch documents {
	case 0:
	case 1:
		parts = append(parts, "1 document")
	default:
		parts = append(parts, fmt.Sprintf("%d documents", documents))
	}
	return strings.Join(parts, " · ")
}

// listFew joins the first n distinct values and says how many more.
func listFew(values []string, n int) string {
	var seen []string
	for _, v := range values {
		v = strings.TrimSpace(v)
		if v == "" || containsFold(seen, v) {
			continue
		}
		seen = append(seen, v)
	}
	if len(seen) <= n {
		return strings.Join(seen, ", ")
	}
	return strings.Join(seen[:n], ", ") + fmt.Sprintf(" +%d", len(seen)-n)
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// ShortID is the first eight characters of a job or document ID: how
// people see and type it.
func ShortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}
