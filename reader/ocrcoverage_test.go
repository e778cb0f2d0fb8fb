package reader

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"loanbatch/imageio"
	"loanbatch/pipeline"
)

// TestOCRCoverage measures, for every image file of the devsets named in
// LOANBATCH_DEVSET (made by ../shared/corpus/devset/generate.py), the share
// of the words plain `tesseract FILE stdout` reads that are also in the text
// the pipeline keeps (each word counted as often as plain tesseract reads
// it): of the words plain tesseract is sure of (confidence 80 or more; the
// rest are often its misreadings, "offical", "1uss2268000", that a better
// reading of the page does not repeat), and of all its words. The target is
// 95 % per scan of the words it is sure of: the pipeline's OCR must never
// read less than the stock engine. It reports; it fails only when
// LOANBATCH_OCR_COVERAGE_STRICT is set and a scan is under the target.
// Plain tesseract does not read PDF: for a scanned PDF it reads each page
// the pipeline OCR'd as the scan's own image (pdfimages, poppler-utils), or
// rendered at 300 DPI when the page is more than one image. Of its default
// reading and its reading with orientation detection it is given the better.
func TestOCRCoverage(t *testing.T) {
	dirs := os.Getenv("LOANBATCH_DEVSET")
	if dirs == "" {
		t.Skip("LOANBATCH_DEVSET is not set: generate a set with ../shared/corpus/devset/generate.py OUTDIR --seed N")
	}
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Skip("the tesseract command is not installed (Debian: tesseract-ocr)")
	}
	const target = 0.95
	a := newTestAnalyzer(t)
	for _, dir := range strings.Split(dirs, ",") {
		raw, err := os.ReadFile(filepath.Join(dir, "truth.json"))
		if err != nil {
			t.Fatal(err)
		}
		var truth []truthEntry
		if err := json.Unmarshal(raw, &truth); err != nil {
			t.Fatal(err)
		}
		set := filepath.Base(dir)
		var shares, sharesAll []float64
		var ours, stock time.Duration
		under := 0
		for _, e := range truth {
			if e.Expect != "success" {
				continue
			}
			path := filepath.Join(dir, e.File)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, _ := Sniff(data)
			if f == "" {
				continue
			}
			start := time.Now()
			res, err := a.Analyze(context.Background(), data, nil)
			ours += time.Since(start)
			var text strings.Builder
			var ocrPages []int
			if err == nil {
				for _, p := range res.PageTexts {
					if p.Source != pipeline.SourceOCR {
						continue
					}
					ocrPages = append(ocrPages, p.Page)
					text.WriteString(p.Text)
					text.WriteByte('\n')
				}
			}
			var refs []string
			switch {
			case f != pipeline.FormatPDF:
				ref, err := plainTesseractInput(t, f, data, path)
				if err != nil {
					t.Fatal(err)
				}
				refs = append(refs, ref)
			case len(ocrPages) == 0:
				continue // a text PDF: nothing was OCR'd
			default:
				// What plain tesseract reads of a scanned PDF: each page the
				// pipeline OCR'd, as its scan's own image when the page is one
				// image (pdfimages), else rendered at 300 DPI by pdftoppm.
				for _, n := range ocrPages {
					if ref, ok := pageImage(t, path, n); ok {
						refs = append(refs, ref)
					}
				}
			}
			if len(refs) == 0 {
				continue
			}
			var plainAll, plainSure string
			start = time.Now()
			for _, ref := range refs {
				all, sure, err := plainTesseract(ref)
				if err != nil {
					t.Logf("coverage %s %s: plain tesseract failed: %v", set, e.File, err)
					continue
				}
				plainAll += all
				plainSure += sure
			}
			stock += time.Since(start)
			foundAll, totalAll, _ := wordCoverage(plainAll, text.String())
			found, total, missing := wordCoverage(plainSure, text.String())
			share, shareAll := 1.0, 1.0
			if total > 0 {
				share = float64(found) / float64(total)
			}
			if totalAll > 0 {
				shareAll = float64(foundAll) / float64(totalAll)
			}
			shares = append(shares, share)
			sharesAll = append(sharesAll, shareAll)
			mark := ""
			if share < target {
				under++
				mark = "  UNDER TARGET, missing: " + strings.Join(missing, " ")
			}
			t.Logf("coverage %s %-34s %4d/%4d words plain tesseract is sure of (%5.1f%%), %4d/%4d of all it reads (%5.1f%%)%s",
				set, filepath.Base(e.File), found, total, 100*share, foundAll, totalAll, 100*shareAll, mark)
		}
		if len(shares) == 0 {
			continue
		}
		sort.Float64s(shares)
		sort.Float64s(sharesAll)
		t.Logf("accuracy %-8s OCR coverage vs plain tesseract: %d scans; words it is sure of: min %.1f%%, median %.1f%%, %d under %.0f%%; all its words: min %.1f%%, median %.1f%%; time ours %.1fs, plain tesseract %.1fs",
			set, len(shares), 100*shares[0], 100*shares[len(shares)/2], under, 100*target,
			100*sharesAll[0], 100*sharesAll[len(sharesAll)/2], ours.Seconds(), stock.Seconds())
		if under > 0 && os.Getenv("LOANBATCH_OCR_COVERAGE_STRICT") != "" {
			t.Errorf("%s: %d scans under %.0f%% of plain tesseract's words", set, under, 100*target)
		}
	}
}

// wordCoverage counts how many of the words of ref (letters and digits of
// each whitespace-separated token, case folded; tokens with fewer than two
// are left out as noise) are in text, blind to how the two split words: a
// word counts as found when text has it as a word (each occurrence matched
// once), as two or three consecutive words run together ("www pinecrest
// com" against "wwwpinecrestcom"), or, with three letters or more, inside a
// longer word. missing is the words of ref not found, in order.
func wordCoverage(ref, text string) (found, total int, missing []string) {
	ours := coverageWords(text)
	have := map[string]int{}
	joined := map[string]bool{}
	for i, w := range ours {
		have[w]++
		if i+1 < len(ours) {
			joined[w+ours[i+1]] = true
			if i+2 < len(ours) {
				joined[w+ours[i+1]+ours[i+2]] = true
			}
		}
	}
	all := "|" + strings.Join(ours, "|") + "|"
	for _, w := range coverageWords(ref) {
		total++
		switch {
		case have[w] > 0:
			have[w]--
			found++
		case joined[w], len(w) >= 3 && strings.Contains(all, w):
			found++
		default:
			missing = append(missing, w)
		}
	}
	return found, total, missing
}

func coverageWords(s string) []string {
	var out []string
	for _, tok := range strings.Fields(s) {
		w := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return unicode.ToLower(r)
			}
			return -1
		}, tok)
		if len([]rune(w)) >= 2 {
			out = append(out, w)
		}
	}
	return out
}

// plainTesseractInput is the file plain tesseract reads for path: the file
// itself, or, for a photo whose EXIF says it is stored sideways (which
// tesseract ignores), the photo turned as a viewer shows it.
func plainTesseractInput(t *testing.T, f pipeline.Format, data []byte, path string) (string, error) {
	o := imageOrientation(f, data)
	if o <= 1 {
		return path, nil
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := png.Encode(&b, imageio.Orient(imageio.ToGray(img), o)); err != nil {
		return "", err
	}
	out := filepath.Join(t.TempDir(), "upright.png")
	return out, os.WriteFile(out, b.Bytes(), 0o644)
}

// pageImage is page n of a scanned PDF as plain tesseract is given it: the
// page's image as the scanner stored it when it is the page's only image,
// else the page rendered at 300 DPI.
func pageImage(t *testing.T, path string, n int) (string, bool) {
	dir := t.TempDir()
	page := strconv.Itoa(n)
	if err := exec.Command("pdfimages", "-f", page, "-l", page, "-png", path, filepath.Join(dir, "img")).Run(); err == nil {
		if imgs, _ := filepath.Glob(filepath.Join(dir, "img-*.png")); len(imgs) == 1 {
			return imgs[0], true
		}
	}
	prefix := filepath.Join(dir, "page")
	out, err := exec.Command("pdftoppm", "-r", "300", "-gray", "-png", "-singlefile", "-f", page, "-l", page, path, prefix).CombinedOutput()
	if err != nil {
		t.Logf("coverage %s: pdftoppm failed: %v %s", path, err, out)
		return "", false
	}
	return prefix + ".png", true
}

// plainTesseract is what the tesseract command reads of an image: the
// better, by the words it is sure of, of its default reading and its
// reading with orientation detection (--psm 1), which reads a page turned
// 90° where the default reads noise.
func plainTesseract(ref string) (all, sure string, err error) {
	for _, args := range [][]string{{ref, "stdout", "tsv"}, {ref, "stdout", "--psm", "1", "tsv"}} {
		out, err := exec.Command("tesseract", args...).Output()
		if err != nil {
			return "", "", err
		}
		if a, s := tsvWords(string(out)); len(strings.Fields(s)) > len(strings.Fields(sure)) {
			all, sure = a, s
		}
	}
	return all, sure, nil
}

// tsvWords is the text of tesseract's TSV output: every word, and the words
// read with a confidence of at least 80.
func tsvWords(tsv string) (all, sure string) {
	var a, s strings.Builder
	for _, line := range strings.Split(tsv, "\n") {
		cols := strings.Split(line, "\t")
		if len(cols) < 12 || cols[0] != "5" {
			continue
		}
		w := strings.TrimSpace(cols[11])
		a.WriteString(w + " ")
		if conf, err := strconv.ParseFloat(cols[10], 64); err == nil && conf >= 80 {
			s.WriteString(w + " ")
		}
	}
	return a.String(), s.String()
}

func TestWordCoverage(t *testing.T) {
	found, total, missing := wordCoverage("www pinecrest com Loan Amount $250,000.00 offical", "wwwpinecrestcom Loan Amount $250,000.00 official")
	if total != 7 || found != 6 || len(missing) != 1 || missing[0] != "offical" {
		t.Errorf("coverage %d/%d missing %q, want 6/7 missing [offical] (only the misspelling)", found, total, missing)
	}
}
