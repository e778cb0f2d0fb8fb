package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode"

	"loanbatch/pipeline"
)

// Search finds the documents of every job whose borrower, lender, loan ID,
// property address, file name, corrected values or text hold every word of
// query (the last word also as a prefix, so that results follow typing),
// best first, at most limit.
func (s *DB) Search(ctx context.Context, query string, limit int) ([]pipeline.SearchHit, error) {
	match := ftsQuery(query)
	if match == "" || limit <= 0 {
		return nil, nil
	}
	// Matches in names weigh most, then loan IDs, addresses, file names and
	// the body text.
	rows, err := s.db.QueryContext(ctx, `SELECT d.job_id, j.created_at, d.document_id, d.position, d.file_name,
			coalesce(json_extract(d.fields_json, '$.borrower_name'), ''), d.loan_id, d.document_type, d.status,
			snippet(doc_search, -1, ?, ?, '…', 12)
		FROM doc_search
		JOIN documents d ON d.rowid = doc_search.rowid
		JOIN processing_jobs j ON j.job_id = d.job_id
		WHERE doc_search MATCH ?
		ORDER BY bm25(doc_search, 10.0, 8.0, 5.0, 3.0, 1.0), j.created_at DESC
		LIMIT ?`, pipeline.SnippetOpen, pipeline.SnippetClose, match, limit)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var hits []pipeline.SearchHit
	for rows.Next() {
		var h pipeline.SearchHit
		if err := rows.Scan(&h.JobID, &h.JobCreatedAt, &h.DocumentID, &h.Position, &h.FileName, &h.Borrower,
			&h.LoanID, &h.DocumentType, &h.Status, &h.Snippet); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		h.JobCreatedAt = h.JobCreatedAt.UTC()
		h.Snippet = strings.Join(strings.Fields(h.Snippet), " ")
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	titles, err := s.jobTitles(ctx, hitJobs(hits))
	if err != nil {
		return nil, err
	}
	for i := range hits {
		hits[i].JobTitle = titles[hits[i].JobID].title
	}
	return hits, nil
}

func hitJobs(hits []pipeline.SearchHit) []string {
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.JobID)
	}
	return ids
}

// ftsQuery turns what a person typed into an FTS5 query: its words, each
// quoted (no operator of FTS5's syntax gets through), all required, the
// last one also as a prefix. Empty when there is no word.
func ftsQuery(q string) string {
	words := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) > 16 {
		words = words[:16]
	}
	for i, w := range words {
		words[i] = `"` + w + `"`
	}
	if len(words) > 0 && !strings.HasSuffix(q, " ") {
		words[len(words)-1] += "*"
	}
	return strings.Join(words, " ")
}

// jobTitle is what names a job in History: its title and how many of its
// documents need review.
type jobTitle struct {
	title       string
	needsReview int
}

// jobTitles names the jobs ids (all jobs when ids is nil).
func (s *DB) jobTitles(ctx context.Context, ids []string) (map[string]jobTitle, error) {
	q := `SELECT job_id, file_name, loan_id, coalesce(json_extract(fields_json, '$.borrower_name'), ''), needs_review AND reviewed_by = ''
		FROM documents`
	var args []any
	if ids != nil {
		if len(ids) == 0 {
			return map[string]jobTitle{}, nil
		}
		q += ` WHERE job_id IN (?` + strings.Repeat(", ?", len(ids)-1) + `)`
		for _, id := range ids {
			args = append(args, id)
		}
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY job_id, position`, args...)
	if err != nil {
		return nil, fmt.Errorf("job titles: %w", err)
	}
	defer rows.Close()
	type parts struct {
		borrowers, loans []string
		first            string
		docs, review     int
	}
	byJob := map[string]*parts{}
	for rows.Next() {
		var job, file, loan, borrower string
		var review sql.NullBool
		if err := rows.Scan(&job, &file, &loan, &borrower, &review); err != nil {
			return nil, fmt.Errorf("job titles: %w", err)
		}
		p := byJob[job]
		if p == nil {
			p = &parts{first: file}
			byJob[job] = p
		}
		p.docs++
		p.borrowers = append(p.borrowers, borrower)
		p.loans = append(p.loans, loan)
		if review.Bool {
			p.review++
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("job titles: %w", err)
	}
	out := make(map[string]jobTitle, len(byJob))
	for id, p := range byJob {
		out[id] = jobTitle{title: pipeline.JobTitle(p.borrowers, p.loans, p.first, p.docs), needsReview: p.review}
	}
	return out, nil
}

// SetQueueOrder records the order of the jobs waiting in the window's
// queue: jobIDs[0] runs next.
func (s *DB) SetQueueOrder(ctx context.Context, jobIDs []string) (err error) {
	defer func() { err = classify(err) }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("queue order: %w", err)
	}
	defer tx.Rollback()
	for i, id := range jobIDs {
		if _, err := tx.ExecContext(ctx, `UPDATE processing_jobs SET queue_position = ? WHERE job_id = ?`, i+1, id); err != nil {
			return fmt.Errorf("queue order: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("queue order: %w", err)
	}
	return nil
}

// WatchedFiles reports which of keys a watched folder has already taken.
func (s *DB) WatchedFiles(ctx context.Context, keys []string) (map[string]bool, error) {
	seen := map[string]bool{}
	for _, k := range keys {
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM watched_files WHERE file_key = ?`, k).Scan(&n); err != nil {
			return nil, fmt.Errorf("watched files: %w", err)
		}
		seen[k] = n > 0
	}
	return seen, nil
}

// RememberWatched records that the files keys became job jobID.
func (s *DB) RememberWatched(ctx context.Context, keys []string, jobID string) (err error) {
	defer func() { err = classify(err) }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("remember watched files: %w", err)
	}
	defer tx.Rollback()
	now := s.Now().UTC()
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO watched_files (file_key, job_id, seen_at) VALUES (?, ?, ?)`, k, jobID, now); err != nil {
			return fmt.Errorf("remember watched files: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("remember watched files: %w", err)
	}
	return nil
}
