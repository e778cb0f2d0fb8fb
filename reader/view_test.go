package reader

import (
	"testing"

	"loanbatch/pipeline"
)

func TestViewExtension(t *testing.T) {
	pdf, png := []byte("%PDF-1.7\n"), []byte("\x89PNG\r\n\x1a\n")
	tests := []struct {
		name string
		res  pipeline.Result
		data []byte
		want string // "" when it must not be opened
	}{
		{"success takes the detected format", pipeline.Result{FileName: "scan.html", Status: pipeline.DocSuccess}, png, ".png"},
		{"processing error passed validation", pipeline.Result{FileName: "a.pdf", Status: pipeline.DocFailed, ErrorType: pipeline.KindProcessing}, pdf, ".pdf"},
		{"validation error", pipeline.Result{FileName: "x.desktop", Status: pipeline.DocFailed, ErrorType: pipeline.KindValidation}, []byte("[Desktop Entry]"), ""},
		{"validation error with PDF bytes", pipeline.Result{FileName: "big.pdf", Status: pipeline.DocFailed, ErrorType: pipeline.KindValidation}, pdf, ""},
		{"skipped, never checked", pipeline.Result{FileName: "b.jar", Status: pipeline.DocSkipped}, pdf, ""},
		{"unknown bytes", pipeline.Result{FileName: "c.pdf", Status: pipeline.DocSuccess}, []byte("<html>"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ext, err := ViewExtension(tt.res, tt.data)
			if ext != tt.want || (err == nil) != (tt.want != "") {
				t.Errorf("ViewExtension = %q, %v; want %q", ext, err, tt.want)
			}
		})
	}
}
