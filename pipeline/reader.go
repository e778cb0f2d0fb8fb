package pipeline

import "context"

// PageText is the text read from one page (1-based) and where it came from.
type PageText struct {
	Page   int        `json:"page"`
	Source TextSource `json:"source"`
	Text   string     `json:"text"`
}

// ProgressFunc reports a stage and, for page-level work, page k of n (1-based).
type ProgressFunc func(stage Stage, page, pages int)

// Analysis is everything a Reader learned from one document.
type Analysis struct {
	Format       Format       `json:"format"`
	Pages        int          `json:"pages"`
	TextSource   TextSource   `json:"text_source"`
	PageTexts    []PageText   `json:"page_texts"`
	DocumentType DocumentType `json:"document_type"`
	Fields       Fields       `json:"fields"`
	// FieldConfidence (0–1) and FieldPages (1-based) by field name.
	FieldConfidence map[string]float64 `json:"field_confidence"`
	FieldPages      map[string]int     `json:"field_pages"`
	NeedsReview     bool               `json:"needs_review"`
	ReviewReasons   []string           `json:"review_reasons"`
}

// ReadRequest asks a Reader for one stored document.
type ReadRequest struct {
	Path     string // the document's stored copy
	Limits   Limits // validation limits; zero fields take defaults
	Language string // Tesseract language; "eng" when empty
	// Isolated is set for a document whose reading crashed the process
	// before: it is read only where a crash cannot take the caller down.
	Isolated bool
}

// Source is a document a job is about to read: the file at Path, or Data
// when it was given in memory.
type Source struct {
	Path string
	Data []byte
}

// Reader reads documents: validate → text → fields → normalize. The
// runner calls it for one document at a time.
type Reader interface {
	// Read reads one document, reporting progress (never nil) as it goes.
	// Its errors are *Error of kind validation (the file is not a document
	// that can be read), processing (its text or fields could not be read:
	// damaged, too slow, too big in memory) or unexpected (the reader
	// itself failed); or ctx's error when ctx ends first.
	Read(ctx context.Context, req ReadRequest, progress ProgressFunc) (*Analysis, error)
	// Expect is told a job's documents before they are registered, so
	// that the reader may start what they need meanwhile.
	Expect(docs []Source)
	// Close releases what the reader holds (processes, engines).
	Close()
}
