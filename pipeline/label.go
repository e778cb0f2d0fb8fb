package pipeline

import "strings"

// The words a person reads for the contract's machine values, in the
// window and the exports made for people (XLSX, PDF); scripts keep the
// machine values. A value without words yet ("new_kind") reads "New kind".

var jobStatusLabels = map[JobStatus]string{
	JobQueued: "Queued", JobProcessing: "Processing", JobCompleted: "Completed",
	JobCompletedWithErrors: "Completed with errors", JobFailed: "Failed",
	JobInterrupted: "Interrupted", JobCancelled: "Cancelled",
}

var docStatusLabels = map[DocStatus]string{
	DocQueued: "Waiting", DocProcessing: "Processing", DocSuccess: "Succeeded", DocFailed: "Failed", DocSkipped: "Skipped",
}

var documentTypeLabels = map[DocumentType]string{
	TypeLoanEstimate: "Loan Estimate", TypeClosingDisclosure: "Closing Disclosure",
	TypeCommitmentLetter: "Commitment letter", TypeLoanApplication: "Loan application (1003)",
	TypeUnderwritingSummary: "Underwriting summary (1008)", TypePromissoryNote: "Promissory note",
	TypeMortgageStatement: "Mortgage statement", TypeOther: "Other",
}

var errorKindLabels = map[ErrorKind]string{
	KindValidation: "Validation error", KindProcessing: "Processing error",
	KindStorage: "Storage error", KindUnexpected: "Unexpected error",
}

var textSourceLabels = map[TextSource]string{
	SourceTextLayer: "PDF text layer", SourceOCR: "OCR (scanned)", SourceMixed: "Text layer and OCR",
}

// Label is the status in words, such as "Completed with errors".
func (s JobStatus) Label() string { return label(jobStatusLabels, s) }

// Label is the status in words, such as "Failed".
func (s DocStatus) Label() string { return label(docStatusLabels, s) }

// Label is the form's own name, such as "Loan Estimate"; "" when unknown.
func (t DocumentType) Label() string { return label(documentTypeLabels, t) }

// Label is the kind in words, such as "Validation error".
func (k ErrorKind) Label() string { return label(errorKindLabels, k) }

// Label says where the text came from, such as "OCR (scanned)".
func (s TextSource) Label() string { return label(textSourceLabels, s) }

func label[T ~string](words map[T]string, v T) string {
	if w, ok := words[v]; ok {
		return w
	}
	s := strings.ReplaceAll(string(v), "_", " ")
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
