// Package export writes a job's summary as a spreadsheet (XLSX), CSV, JSON
// or a printable PDF report. The CLI's `export` command and the window's
// Export… use it alike.
package export

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"loanbatch/pipeline"
)

// Format is an export file format.
type Format string

// Export formats.
const (
	XLSX Format = "xlsx"
	CSV  Format = "csv"
	JSON Format = "json"
	PDF  Format = "pdf"
)

// FormatInfo describes an export format for a person choosing one.
type FormatInfo struct {
	Format    Format
	Extension string // with the dot: ".xlsx"
	Name      string // what a person calls it: "Excel workbook"
}

// Formats lists the export formats, the ones for people first.
var Formats = []FormatInfo{
	{XLSX, ".xlsx", "Excel workbook"},
	{PDF, ".pdf", "PDF report"},
	{CSV, ".csv", "CSV (comma-separated values)"},
	{JSON, ".json", "JSON (the summary as scripts read it)"},
}

// ErrUnknownFormat is returned for a file name whose extension is not
// one of Formats'.
var ErrUnknownFormat = errors.New("export: unknown format: use a .xlsx, .pdf, .csv or .json file name")

// FormatOf returns the format a file name's extension asks for.
func FormatOf(path string) (Format, error) {
	ext := strings.ToLower(filepath.Ext(path))
	for _, f := range Formats {
		if f.Extension == ext {
			return f.Format, nil
		}
	}
	return "", ErrUnknownFormat
}

// SuggestedName is the file name offered for a job's export, such as
// loan-batch-2026-11-29-3f0c1a2b.xlsx.
func SuggestedName(sum *pipeline.Summary, f Format) string {
	id := sum.JobID
	if len(id) > 8 {
		id = id[:8]
	}
	return fmt.Sprintf("loan-batch-%s-%s.%s", sum.StartTime.Local().Format("2006-01-02"), id, f)
}

// WriteFile writes sum to path in the format its extension names. The file
// appears whole or not at all.
func WriteFile(path string, sum *pipeline.Summary) error {
	f, err := FormatOf(path)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".export-*")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := Write(tmp, sum, f); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil { // CreateTemp makes it private
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// Write writes sum to w in format f.
func Write(w io.Writer, sum *pipeline.Summary, f Format) error {
	switch f {
	case XLSX:
		return writeXLSX(w, sum)
	case CSV:
		return writeCSV(w, sum)
	case PDF:
		return writePDF(w, sum)
	case JSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sum); err != nil {
			return fmt.Errorf("export json: %w", err)
		}
		return nil
	}
	return ErrUnknownFormat
}

// csvHeader uses the contract's names and units.
var csvHeader = slices.Concat([]string{"position", "file_name", "status", "document_type"}, pipeline.FieldNames, []string{
	"pages", "text_source",
	"processing_time", "error_type", "error_message", "sha256", "document_id", "timestamp",
	"needs_review", "review_reasons", "corrected",
})

func writeCSV(w io.Writer, sum *pipeline.Summary) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	for i, r := range sum.Results {
		row := []string{strconv.Itoa(i + 1), r.FileName, string(r.Status), string(r.DocumentType)}
		for _, spec := range pipeline.FieldTable {
			row = append(row, csvValue(spec, r.Fields))
		}
		row = append(row,
			strconv.Itoa(r.Pages), string(r.TextSource), strconv.FormatFloat(r.ProcessingTime, 'f', 2, 64),
			string(r.ErrorType), r.ErrorMessage, r.SHA256, r.DocumentID, timeOrEmpty(r),
			strconv.FormatBool(r.NeedsReview), strings.Join(r.ReviewReasons, "; "), correctedText(r),
		)
		if err := cw.Write(sanitizeRow(row)); err != nil {
			return fmt.Errorf("export csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
}

// sanitizeRow keeps text cells from being run as formulas when the CSV is
// opened in a spreadsheet (file names and extracted text are untrusted).
func sanitizeRow(row []string) []string {
	for i, s := range row {
		if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
			if _, err := strconv.ParseFloat(s, 64); err != nil {
				row[i] = "'" + s
			}
		}
	}
	return row
}

// csvValue is a field's value in the contract's units, empty when absent.
func csvValue(spec pipeline.FieldSpec, f pipeline.Fields) string {
	v := f.Get(spec.Key)
	if v == nil {
		return ""
	}
	if spec.Kind == pipeline.ValueRate {
		return floatOrEmpty(pipeline.Number(v))
	}
	return fmt.Sprint(v)
}

func floatOrEmpty(v float64) string {
	if v == 0 {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func timeOrEmpty(r pipeline.Result) string {
	if r.Timestamp.IsZero() {
		return ""
	}
	return r.Timestamp.UTC().Format("2006-01-02T15:04:05Z")
}
