package pipeline

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestTX(t *testing.T) {
	a := newTestAnalyzer(t)
	d, _ := os.ReadFile(os.Getenv("F"))
	r, err := a.Analyze(context.Background(), d, nil)
	if err != nil {
		fmt.Println("ERR", MessageOf(err), err.(*Error).Err)
		return
	}
	for _, p := range r.PageTexts {
		for _, l := range strings.Split(p.Text, "\n") {
			if g := os.Getenv("G"); g == "" || strings.Contains(strings.ToLower(l), g) {
				fmt.Printf("p%d|%s\n", p.Page, l)
			}
		}
	}
}
