package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"loanbatch/pipeline"
)

// CorrectField records a person's value for one field of a document; see
// CorrectFields.
func (s *DB) CorrectField(ctx context.Context, documentID, field string, value any, by string, at time.Time) (err error) {
	defer func() { err = classify(err) }()
	return s.CorrectFields(ctx, documentID, map[string]any{field: value}, by, at)
}

// CorrectFields records a person's values for fields of a document, beside
// the extracted ones, in one transaction: all are kept or none.
func (s *DB) CorrectFields(ctx context.Context, documentID string, values map[string]any, by string, at time.Time) (err error) {
	defer func() { err = classify(err) }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("correct fields: %w", err)
	}
	defer tx.Rollback()
	var fieldsJSON string
	err = tx.QueryRowContext(ctx, `SELECT fields_json FROM documents WHERE document_id = ?`, documentID).Scan(&fieldsJSON)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("correct fields: %w: %s", pipeline.ErrDocumentNotFound, documentID)
	}
	if err != nil {
		return fmt.Errorf("correct fields: %w", err)
	}
	var extracted pipeline.Fields
	if err := json.Unmarshal([]byte(fieldsJSON), &extracted); err != nil {
		return fmt.Errorf("correct fields: %w", err)
	}
	for _, field := range pipeline.FieldNames { // a fixed order: the same rows for the same edits
		value, ok := values[field]
		if !ok {
			continue
		}
		probe := extracted
		if err := probe.Set(field, value); err != nil { // checks the value's type
			return fmt.Errorf("correct fields: %w", err)
		}
		before, _ := json.Marshal(extracted.Get(field))
		after, _ := json.Marshal(value)
		if _, err := tx.ExecContext(ctx, `INSERT INTO corrections (document_id, field, extracted_json, corrected_json, corrected_by, corrected_at)
		VALUES (?, ?, ?, ?, ?, ?)`, documentID, field, string(before), string(after), by, at.UTC()); err != nil {
			return fmt.Errorf("correct fields: %w", err)
		}
	}
	for field := range values {
		if !slices.Contains(pipeline.FieldNames, field) {
			return fmt.Errorf("correct fields: %w: %s", pipeline.ErrUnknownField, field)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("correct fields: %w", err)
	}
	return nil
}

// MarkReviewed records that a person checked a document's result.
func (s *DB) MarkReviewed(ctx context.Context, documentID, by string, at time.Time) (err error) {
	defer func() { err = classify(err) }()
	res, err := s.db.ExecContext(ctx, `UPDATE documents SET reviewed_by = ?, reviewed_at = ? WHERE document_id = ?`, by, at.UTC(), documentID)
	if err != nil {
		return fmt.Errorf("mark reviewed: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("mark reviewed: %w: %s", pipeline.ErrDocumentNotFound, documentID)
	}
	return nil
}

// applyCorrections puts a job's corrections and reviews into its results:
// the latest correction of a field wins.
func (s *DB) applyCorrections(ctx context.Context, jobID string, results []pipeline.Result) error {
	index := map[string]int{}
	for i, r := range results {
		index[r.DocumentID] = i
	}
	rows, err := s.db.QueryContext(ctx, `SELECT c.document_id, c.field, c.extracted_json, c.corrected_json, c.corrected_by, c.corrected_at
		FROM corrections c JOIN documents d ON d.document_id = c.document_id
		WHERE d.job_id = ? ORDER BY c.id`, jobID)
	if err != nil {
		return fmt.Errorf("read corrections: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var docID, field, before, after string
		var c pipeline.Correction
		if err := rows.Scan(&docID, &field, &before, &after, &c.By, &c.At); err != nil {
			return fmt.Errorf("read corrections: %w", err)
		}
		i, ok := index[docID]
		if !ok {
			continue
		}
		c.Field, c.At = field, c.At.UTC()
		_ = json.Unmarshal([]byte(before), &c.Extracted)
		_ = json.Unmarshal([]byte(after), &c.Corrected)
		r := &results[i]
		if err := r.Fields.Set(field, c.Corrected); err != nil {
			continue
		}
		r.LoanID = r.Fields.LoanID
		// Keep one entry per field: the latest.
		kept := r.Corrections[:0]
		for _, old := range r.Corrections {
			if old.Field != field {
				kept = append(kept, old)
			}
		}
		r.Corrections = append(kept, c)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	reviews, err := s.db.QueryContext(ctx, `SELECT document_id, reviewed_by, reviewed_at FROM documents
		WHERE job_id = ? AND reviewed_at IS NOT NULL`, jobID)
	if err != nil {
		return fmt.Errorf("read reviews: %w", err)
	}
	defer reviews.Close()
	for reviews.Next() {
		var docID string
		var rv pipeline.Review
		if err := reviews.Scan(&docID, &rv.By, &rv.At); err != nil {
			return fmt.Errorf("read reviews: %w", err)
		}
		if i, ok := index[docID]; ok {
			rv.At = rv.At.UTC()
			results[i].Reviewed = &rv
			results[i].NeedsReview = false
		}
	}
	return reviews.Err()
}
