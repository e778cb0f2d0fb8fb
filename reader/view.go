package reader

import (
	"fmt"

	"loanbatch/pipeline"
)

// ViewExtension is the file name extension under which a stored document
// may be handed to the desktop's opener: that of the format its bytes are
// (never the uploaded name's), for a document that passed validation. A
// document that failed validation, or was never checked (skipped), is not
// opened: its bytes may be a .desktop, .jar or .html file that an opener
// would run. The error says why, for a person.
func ViewExtension(res pipeline.Result, data []byte) (string, error) {
	passed := res.Status == pipeline.DocSuccess || res.Status == pipeline.DocFailed && res.ErrorType == pipeline.KindProcessing
	if !passed {
		return "", fmt.Errorf("%s did not pass validation, so it is not opened", pipeline.SafeName(res.FileName))
	}
	f, ok := DetectFormat(data)
	if !ok {
		return "", fmt.Errorf("%s is not a document or image file that is read, so it is not opened", pipeline.SafeName(res.FileName))
	}
	return f.Extension(), nil
}
