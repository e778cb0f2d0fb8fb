package pipeline

import "testing"

func TestViewExtension(t *testing.T) {
	pdf, png := []byte("%PDF-1.7\n"), []byte("\x89PNG\r\n\x1a\n")
	tests := []struct {
		name string
		res  Result
		data []byte
		want string // "" when it must not be opened
	}{
		{"success takes the detected format", Result{FileName: "scan.html", Status: DocSuccess}, png, ".png"},
		{"processing error passed validation", Result{FileName: "a.pdf", Status: DocFailed, ErrorType: KindProcessing}, pdf, ".pdf"},
		{"validation error", Result{FileName: "x.desktop", Status: DocFailed, ErrorType: KindValidation}, []byte("[Desktop Entry]"), ""},
		{"validation error with PDF bytes", Result{FileName: "big.pdf", Status: DocFailed, ErrorType: KindValidation}, pdf, ""},
		{"skipped, never checked", Result{FileName: "b.jar", Status: DocSkipped}, pdf, ""},
		{"unknown bytes", Result{FileName: "c.pdf", Status: DocSuccess}, []byte("<html>"), ""},
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
