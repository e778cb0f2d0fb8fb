// Package details is the panel beside the job table for one document:
// why it failed or what to check, every field (editable, with where it
// came from and what does not add up) and a bar of actions that stays in
// view. It asks the app for what it cannot do itself through Actions.
package details

import (
	"cmp"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loanbatch/pipeline"
)

// Actions are what the panel asks of the app. Save and Review run off
// the UI goroutine and call then on it when done.
type Actions struct {
	Open, Text func(*pipeline.Result) // the document, its extracted text
	Close      func()
	// Save stores a person's values (field → value) for the document in
	// one transaction; Review does the same and marks it reviewed.
	Save   func(res *pipeline.Result, values map[string]any, then func(error))
	Review func(res *pipeline.Result, values map[string]any, then func(error))
	// Drafts is where the document's unsaved edits are kept (created on
	// first use), so that they outlive the panel.
	Drafts func(documentID string) map[string]string
}

// Doc is the document the panel shows.
type Doc struct {
	FileName string
	Stage    string           // where it is, in words: "Done", "Failed: …"
	Result   *pipeline.Result // nil until it has one
}

// View lists everything known about one document: every field,
// editable, with the page it came from, how sure the extraction is and
// what does not add up, and a bar of actions that stays in view.
type View struct {
	Content fyne.CanvasObject
	// Entries are the fields' entries by key; SaveButton and ReviewButton
	// are nil for a document that is not editable.
	Entries      map[string]*widget.Entry
	SaveButton   *widget.Button
	ReviewButton *widget.Button
	res          *pipeline.Result
	act          Actions
	checks       map[string]*widget.Label // a field's problem, beside it
	message      *widget.Label
}

// New builds the panel for doc.
func New(doc Doc, act Actions) *View {
	d := &View{act: act, Entries: map[string]*widget.Entry{}, checks: map[string]*widget.Label{}}
	name := widget.NewLabel(doc.FileName)
	name.TextStyle.Bold = true
	name.Wrapping = fyne.TextWrapWord
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), act.Close)
	closeBtn.Importance = widget.LowImportance
	title := container.NewBorder(nil, nil, nil, closeBtn, name)
	if doc.Result == nil {
		d.Content = container.NewVBox(title, widget.NewLabel(doc.Stage))
		return d
	}
	d.res = doc.Result
	top := append([]fyne.CanvasObject{title}, d.notes(doc.Stage)...)
	d.Content = container.NewBorder(container.NewVBox(top...), container.NewPadded(d.actionBar()), nil, nil,
		container.NewVScroll(d.form()))
	d.check()
	return d
}

// notes are the lines above the fields: why the document failed, that it
// was seen before, what to check.
func (d *View) notes(stage string) []fyne.CanvasObject {
	res := d.res
	var items []fyne.CanvasObject
	wrapped := func(text string, imp widget.Importance) {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = imp
		items = append(items, l)
	}
	head := stage
	if t := res.DocumentType.Label(); t != "" {
		head += " · " + t
	}
	wrapped(head, widget.MediumImportance)
	if res.ErrorMessage != "" {
		imp := widget.DangerImportance
		if res.Status == pipeline.DocSkipped {
			imp = widget.MediumImportance
		}
		wrapped(res.ErrorMessage, imp)
		if res.ErrorType != "" {
			wrapped("Error type: "+string(res.ErrorType)+" · diagnostics are in the log", widget.MediumImportance)
		}
	}
	if dup := res.DuplicateOf; dup != nil {
		wrapped(fmt.Sprintf("Same file as %s in job %s", dup.FileName, pipeline.ShortID(dup.JobID)), widget.WarningImportance)
	}
	if len(res.ReviewReasons) > 0 {
		head, imp := "Notes", widget.MediumImportance
		switch {
		case len(res.Corrections) > 0:
			// The checks beside the fields judge the corrected values.
			head = "Before the corrections"
		case res.NeedsReview:
			head, imp = "Please check", widget.WarningImportance
		}
		wrapped(head+": "+strings.Join(res.ReviewReasons, "; "), imp)
	}
	if res.Reviewed != nil {
		wrapped(fmt.Sprintf("Reviewed by %s on %s", res.Reviewed.By, res.Reviewed.At.Local().Format("2006-01-02 15:04")), widget.SuccessImportance)
	}
	return items
}

func (d *View) form() fyne.CanvasObject {
	res := d.res
	form := widget.NewForm()
	editable := res.Status == pipeline.DocSuccess
	var drafts map[string]string
	if editable {
		drafts = d.act.Drafts(res.DocumentID)
	}
	for _, f := range pipeline.FieldTable {
		value := pipeline.FormatValue(f.Key, res.Fields.Get(f.Key))
		e := widget.NewEntry()
		e.SetPlaceHolder("not found")
		e.SetText(value)
		if text, ok := drafts[f.Key]; ok {
			e.SetText(text)
		}
		if !editable {
			e.Disable()
		}
		key := f.Key
		e.OnChanged = func(text string) {
			if text == value {
				delete(drafts, key)
			} else if drafts != nil {
				drafts[key] = text
			}
			d.check()
			d.message.Hide() // what the last action said is about other values
		}
		e.OnSubmitted = func(string) { d.SaveEdits() }
		check := widget.NewLabel("")
		check.Wrapping = fyne.TextWrapWord
		check.Hide()
		d.Entries[key], d.checks[key] = e, check
		items := []fyne.CanvasObject{e, check}
		if hint := fieldHint(res, key, value); hint != nil {
			items = append(items, hint)
		}
		form.Append(f.Label, container.NewVBox(items...))
	}
	form.Append("Text source", widget.NewLabel(cmp.Or(res.TextSource.Label(), "—")))
	if res.Pages > 0 {
		form.Append("Pages", widget.NewLabel(fmt.Sprint(res.Pages)))
	}
	form.Append("Time", widget.NewLabel(fmt.Sprintf("%.2f s", res.ProcessingTime)))
	sha := widget.NewLabel(cmp.Or(res.SHA256, "—"))
	sha.Truncation = fyne.TextTruncateEllipsis
	form.Append("SHA-256", sha)
	return form
}

// fieldHint says where a value was found, how sure the extraction is and
// who corrected it; nil when there is nothing to say.
func fieldHint(res *pipeline.Result, key, value string) fyne.CanvasObject {
	var hints []string
	imp := widget.MediumImportance
	if p := res.FieldPages[key]; p > 0 && res.Pages > 1 && value != "" {
		hints = append(hints, fmt.Sprintf("page %d", p))
	}
	if c, ok := res.FieldConfidence[key]; ok && value != "" {
		switch {
		case c < 0.6:
			hints = append(hints, fmt.Sprintf("⚠ low confidence, %.0f %%", c*100))
			imp = widget.WarningImportance
		case c < 0.8:
			hints = append(hints, fmt.Sprintf("uncertain, %.0f %%", c*100))
		}
	}
	for _, c := range res.Corrections {
		if c.Field == key {
			hints = append(hints, fmt.Sprintf("✎ corrected by %s; extracted %s", c.By, cmp.Or(pipeline.FormatValue(key, c.Extracted), "nothing")))
		}
	}
	if len(hints) == 0 {
		return nil
	}
	h := widget.NewLabel(strings.Join(hints, " · "))
	h.TextStyle.Italic = true
	h.Importance = imp
	h.Wrapping = fyne.TextWrapWord
	h.SizeName = theme.SizeNameCaptionText
	return h
}

func (d *View) actionBar() fyne.CanvasObject {
	res := d.res
	d.SaveButton = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), d.SaveEdits)
	d.ReviewButton = widget.NewButtonWithIcon("Mark reviewed", theme.ConfirmIcon(), d.markReviewed)
	d.ReviewButton.Importance = widget.HighImportance
	open := widget.NewButtonWithIcon("Open document", theme.FileIcon(), func() { d.act.Open(res) })
	text := widget.NewButtonWithIcon("Extracted text", theme.DocumentIcon(), func() { d.act.Text(res) })
	if res.SHA256 == "" || res.Status == pipeline.DocFailed && res.ErrorType == pipeline.KindValidation {
		open.Disable() // only documents that passed validation are handed to another program
	}
	if res.Status != pipeline.DocSuccess {
		text.Disable()
		d.SaveButton.Disable()
		d.ReviewButton.Disable()
	}
	if res.Reviewed != nil && !res.NeedsReview {
		d.ReviewButton.SetText("Reviewed")
	}
	d.message = widget.NewLabel("")
	d.message.Wrapping = fyne.TextWrapWord
	d.message.Hide()
	return container.NewVBox(d.message, container.NewGridWithColumns(2, d.SaveButton, d.ReviewButton), container.NewGridWithColumns(2, open, text))
}

// edits are the values a person changed, parsed; a value typed again as it
// was is no change. err is the first value that cannot be read.
func (d *View) edits() (map[string]any, error) {
	values := map[string]any{}
	for _, f := range pipeline.FieldTable {
		e := d.Entries[f.Key]
		if e == nil {
			continue
		}
		v, err := pipeline.ParseFieldValue(f.Key, e.Text)
		if err != nil {
			return nil, errors.New(capitalizeFirst(err.Error()))
		}
		if !pipeline.SameValue(v, d.res.Fields.Get(f.Key)) {
			values[f.Key] = v
		}
	}
	return values, nil
}

// check shows beside each field what is wrong with its value: text that is
// not a value of its kind, or figures that do not add up.
func (d *View) check() (ok bool) {
	fields := d.res.Fields
	ok = true
	for _, f := range pipeline.FieldTable {
		e, l := d.Entries[f.Key], d.checks[f.Key]
		if e == nil {
			continue
		}
		l.SetText("")
		v, err := pipeline.ParseFieldValue(f.Key, e.Text)
		if err != nil {
			l.SetText("✗ " + capitalizeFirst(err.Error()))
			l.Importance = widget.DangerImportance
			ok = false
			continue
		}
		_ = fields.Set(f.Key, v)
	}
	for key, why := range pipeline.FieldProblems(fields) {
		if l := d.checks[key]; l != nil && l.Text == "" {
			l.SetText("⚠ Check: " + why)
			l.Importance = widget.WarningImportance
			ok = false
		}
	}
	for _, l := range d.checks {
		l.Hidden = l.Text == ""
		l.Refresh()
	}
	return ok
}

// say shows what an action did: err, or done when it worked.
func (d *View) say(err error, done string) {
	if err != nil {
		d.warn(err.Error())
		return
	}
	d.message.SetText(done)
	d.message.Importance = widget.SuccessImportance
	d.message.Show()
	d.message.Refresh()
}

// warn shows what stopped an action, in the action bar.
func (d *View) warn(text string) {
	d.message.SetText(text)
	d.message.Importance = widget.DangerImportance
	d.message.Show()
	d.message.Refresh()
}

// readEdits is edits for an action: false (and said why) when there is
// nothing to act on or a value cannot be read.
func (d *View) readEdits() (map[string]any, bool) {
	if d.res == nil || d.res.Status != pipeline.DocSuccess {
		return nil, false
	}
	values, err := d.edits()
	if err != nil {
		d.say(errors.New(err.Error()+": nothing was saved."), "")
		return nil, false
	}
	return values, true
}

// SaveEdits stores what changed (Save, Enter, Ctrl+S).
func (d *View) SaveEdits() {
	values, ok := d.readEdits()
	if !ok {
		return
	}
	if len(values) == 0 {
		d.say(nil, "Nothing changed.")
		return
	}
	d.SaveButton.Disable()
	d.act.Save(d.res, values, func(err error) {
		d.SaveButton.Enable()
		d.say(err, "Saved.")
	})
}

// markReviewed saves what changed and marks the document reviewed, unless
// a value cannot be read or the figures do not add up.
func (d *View) markReviewed() {
	values, ok := d.readEdits()
	if !ok {
		return
	}
	if !d.check() {
		d.warn("Some values need checking (marked beside them): correct them first.")
		return
	}
	d.ReviewButton.Disable()
	d.act.Review(d.res, values, func(err error) {
		d.ReviewButton.Enable()
		d.say(err, "Marked reviewed.")
	})
}

func capitalizeFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
