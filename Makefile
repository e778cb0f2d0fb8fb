# Loan Batch. `make run` and `make test` set up everything they need on a
# fresh Debian/Ubuntu machine: the system packages below are installed when
# missing (with sudo when not root), then Go fetches the modules.
SHELL := /bin/bash
GO    ?= go
BIN   := bin/loanbatch

# Tesseract's OpenMP threads fight the page-parallel OCR on small machines;
# the worker process sets this itself, tests and benchmarks that OCR in
# their own process need it before they start.
export OMP_THREAD_LIMIT := 1

# gcc, g++ and pkg-config for cgo; the GL/X11 headers for Fyne; Tesseract
# and Leptonica headers plus English language data for gosseract, and the
# orientation data (osd) that turns pages scanned sideways upright; libheif
# (linked with its HEVC and AV1 codecs) for HEIC and AVIF photos; qpdf and
# poppler-utils (pdftotext) for the tests that check the PDF report.
DEB_PACKAGES := gcc g++ pkg-config libgl1-mesa-dev libxcursor-dev libxrandr-dev \
	libxinerama-dev libxi-dev libxxf86vm-dev libtesseract-dev libleptonica-dev tesseract-ocr-eng \
	tesseract-ocr-osd libheif-dev qpdf poppler-utils

.PHONY: all deps build run release test test-short test-gui bench lint fuzz package accuracy ocr-coverage clean windows test-windows vet-windows vet-windows-fast

all: build

deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "deps: installing$$missing"; \
		if [ "$$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@command -v $(GO) >/dev/null || { echo "deps: Go is not installed (https://go.dev/dl)"; exit 1; }

build: deps
	$(GO) build -o $(BIN) ./cmd/loanbatch

run: build
	./$(BIN)

# A release build: Fyne then skips its check that widgets are changed only
# on the UI goroutine (make run keeps the check on, and logs a wrong call).
release: deps
	$(GO) build -tags migrated_fynedo -trimpath -o $(BIN) ./cmd/loanbatch

# The installable Linux tarball (fyne package reads FyneApp.toml and the icon).
package: deps
	cp FyneApp.toml cmd/loanbatch/FyneApp.toml && mkdir -p cmd/loanbatch/assets && cp assets/Icon.png cmd/loanbatch/assets/
	cd cmd/loanbatch && $(GO) run fyne.io/tools/cmd/fyne@v1.7.4 package -os linux -release; \
		status=$$?; rm -rf FyneApp.toml assets; exit $$status
	mv cmd/loanbatch/*.tar.xz bin/ 2>/dev/null || true

# -race stays on: the UI and the runner share data across goroutines. The
# hostile PDFs run once more without it, against their memory bound itself
# (the race detector multiplies a program's memory 5–10 times).
test: deps vet-windows-fast
	$(GO) test -race -timeout 20m ./...
	$(GO) test -count=1 -run 'TestHostilePDFsStayWithinBudget' ./reader

# The Windows build (see build/windows/ and the README's Windows section).
# vet-windows: GOOS=windows go vet ./... with mingw cgo, headers only: on a
# fresh machine it compiles Fyne's OpenGL bindings for Windows (minutes), so
# .ci/run runs it beside make test. vet-windows-fast, in make test, builds
# for Windows the packages that need no cgo (the domain, the store, the
# exports, the PDF readers, extraction), in seconds.
vet-windows:
	bash build/windows/vet.sh

vet-windows-fast:
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 $(GO) build ./pipeline ./store ./export ./extract ./pdftext ./pdfium ./imageio ./textlayout

# dist/LoanBatch-VERSION-windows-amd64.zip and dist/LoanBatch-VERSION-setup.exe,
# cross-built here; the OCR libraries are built once into ~/.cache/loanbatch-windows.
windows:
	bash build/windows/build.sh

# The Windows build under Wine and Xvfb (after make windows).
test-windows:
	bash build/windows/test-windows.sh

# The real window under Xvfb with a real drag and drop (see .ci/gui-smoke.sh).
test-gui: build
	bash .ci/gui-smoke.sh

test-short: deps
	$(GO) test -short ./...

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./...
	bash .ci/bench.sh

lint: deps
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...
	@out=$$($(GO) run mvdan.cc/gofumpt@v0.9.2 -l .); if [ -n "$$out" ]; then echo "gofumpt:"; echo "$$out"; exit 1; fi

# Per-field accuracy on ../shared/corpus/loan_docs (scored as
# ../shared/tools/score.py does) and on the generated set, with the misses;
# DEVSET=/tmp/d1,/tmp/d2 adds sets made by ../shared/corpus/devset/generate.py
# (wrong values and document types too).
DEVSET ?=
accuracy: deps
	@LOANBATCH_DEVSET=$(DEVSET) $(GO) test -count=1 -timeout 30m -run 'TestCorpusAccuracy|TestGeneratedSetAccuracy|TestDevsetAccuracy' -v ./reader | grep -E 'accuracy|miss|SKIP|FAIL|^ok'

# For every image file of the DEVSET folders, the share of the words plain
# `tesseract FILE stdout` reads that the pipeline's OCR text holds (target
# 95 % per scan), and both OCR times. Needs the tesseract command
# (tesseract-ocr); STRICT=1 fails on a scan under the target.
ocr-coverage: deps
	@test -n "$(DEVSET)" || { echo "ocr-coverage: set DEVSET=/tmp/d1,/tmp/d2 (../shared/corpus/devset/generate.py)"; exit 2; }
	@LOANBATCH_DEVSET=$(DEVSET) LOANBATCH_OCR_COVERAGE_STRICT=$(STRICT) $(GO) test -count=1 -timeout 60m -run 'TestOCRCoverage' -v ./reader | grep -E 'coverage|accuracy|SKIP|FAIL|^ok'

# Each fuzz target for FUZZTIME (the seeds alone run in make test). New
# inputs are minimised for at most 5 s: a PDF takes the default minute.
FUZZTIME ?= 1m
fuzz: deps
	@for t in reader:FuzzSniffAndValidateImage pipeline:FuzzParsers extract:FuzzExtractFields pdftext:FuzzContentLexer reader:FuzzGoTextReader; do \
		pkg=$${t%%:*}; name=$${t#*:}; echo "fuzz: $$pkg $$name"; \
		$(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./$$pkg || exit 1; \
	done

clean:
	rm -rf bin dist build/windows/out
