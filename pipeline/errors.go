package pipeline

import (
	"context"
	"errors"
	"fmt"
)

// ErrorKind classifies a document failure. Kinds map one to one to the
// contract's error_type values.
type ErrorKind string

// Error kinds. The empty kind means no error.
const (
	KindValidation ErrorKind = "validation_error"
	KindProcessing ErrorKind = "processing_error"
	KindStorage    ErrorKind = "storage_error"
	KindUnexpected ErrorKind = "unexpected_error"
)

// Error is a document failure: a kind, the stage it happened in, a message a
// loan officer can act on, and the underlying cause for the log.
type Error struct {
	Kind    ErrorKind
	Stage   Stage
	Message string // for people; when empty, the cause's text is used
	Err     error  // the cause, for the log
}

func (e *Error) Error() string {
	switch {
	case e.Message != "":
		return e.Message
	case e.Err != nil:
		return e.Err.Error()
	}
	return string(e.Kind)
}

func (e *Error) Unwrap() error { return e.Err }

// KindOf returns the kind of err: the kind of the first *Error in its chain,
// or KindUnexpected for any other error, and "" for nil.
func KindOf(err error) ErrorKind {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) && e.Kind != "" {
		return e.Kind
	}
	return KindUnexpected
}

// MessageOf returns the message a person should see for err.
func MessageOf(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return "unexpected: " + err.Error()
}

// ValidationError is a validation failure with a message for a person.
func ValidationError(format string, args ...any) error {
	return &Error{Kind: KindValidation, Stage: StageValidate, Message: fmt.Sprintf(format, args...)}
}

// ProcessingError is a failure to read a document at stage, with a message
// for a person and the cause for the log.
func ProcessingError(stage Stage, msg string, cause error) error {
	return &Error{Kind: KindProcessing, Stage: stage, Message: msg, Err: cause}
}

// isCancel reports whether err means the work was cancelled rather than failed.
func isCancel(err error) bool {
	return errors.Is(err, context.Canceled)
}
