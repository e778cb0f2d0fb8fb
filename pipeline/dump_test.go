package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestDump(t *testing.T) {
	path := os.Getenv("DUMP")
	if path == "" {
		t.Skip("DUMP not set")
	}
	files := []string{path}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		files, _ = filepath.Glob(filepath.Join(path, "*"))
	}
	a := newAnalyzer(AnalyzeOptions{})
	defer a.Close()
	for _, f := range files {
		data, _ := os.ReadFile(f)
		res, err := a.analyze(context.Background(), data, nil)
		if err != nil {
			fmt.Printf("%s: ERROR %v\n", filepath.Base(f), err)
			continue
		}
		if os.Getenv("TEXT") != "" {
			for _, p := range res.PageTexts {
				fmt.Printf("==== page %d (%s)\n%s", p.Page, p.Source, p.Text)
			}
		}
		j, _ := json.Marshal(res.Fields)
		fmt.Printf("%s: %s %s %s\n", filepath.Base(f), res.DocumentType, res.TextSource, j)
	}
}
