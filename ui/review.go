package ui

import (
	"os"
	"os/user"
	"slices"
	"strings"
	"time"

	"loanbatch/pipeline"

	"fyne.io/fyne/v2/widget"
)

// currentUser names who corrects or reviews: the OS user.
func currentUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if n := os.Getenv("USER"); n != "" {
		return n
	}
	return "unknown"
}

// saveCorrections stores a person's values for a document's fields and
// shows the job again with them.
func (u *UI) saveCorrections(res *pipeline.Result, edits map[string]string) error {
	st := u.currentStore()
	if st == nil {
		return problem("No data folder is open.")
	}
	values := map[string]any{}
	for field, text := range edits {
		v, err := pipeline.ParseFieldValue(field, text)
		if err != nil {
			return problem(capitalizeFirst(err.Error()) + ": nothing was saved.")
		}
		values[field] = v
	}
	who, now := currentUser(), time.Now()
	for _, field := range pipeline.FieldNames {
		if v, ok := values[field]; ok {
			if err := st.CorrectField(u.ctx, res.DocumentID, field, v, who, now); err != nil {
				return problemf("The correction could not be saved: %v", rootCause(err))
			}
		}
	}
	u.reloadJob()
	return nil
}

func (u *UI) markReviewed(res *pipeline.Result) error {
	st := u.currentStore()
	if st == nil {
		return problem("No data folder is open.")
	}
	if err := st.MarkReviewed(u.ctx, res.DocumentID, currentUser(), time.Now()); err != nil {
		return problemf("The review could not be saved: %v", rootCause(err))
	}
	u.reloadJob()
	return nil
}

// reloadJob reads the job on screen again from the store, keeping the row
// selected; a running job shows its changes when it finishes.
func (u *UI) reloadJob() {
	st := u.currentStore()
	if st == nil || u.job.state.jobID == "" || u.job.state.live {
		return
	}
	sum, err := st.Summary(u.ctx, u.job.state.jobID)
	if err != nil {
		u.showError(err)
		return
	}
	selected := u.job.selected
	u.job.load(sum)
	u.compare.load(sum)
	if selected >= 0 {
		if i := slices.Index(u.job.visible, selected); i >= 0 {
			u.job.table.Select(widget.TableCellID{Row: i, Col: 1})
		}
	}
}

func capitalizeFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
