#!/usr/bin/env bash
# Whole-command comparisons for issue 6, side by side in one run, medians:
#   scans: loanbatch process on two 4-page scans (TIFF, image-only PDF) against
#          tesseract run on the same 8 page images one after another
#          (default threads, and OMP_THREAD_LIMIT=1);
#   text:  20 text PDFs in one job against pdftotext on each;
#   memory: peak RSS of a 200-document job against a 20-document job.
set -euo pipefail
cd "$(dirname "$0")/.."
for p in hyperfine poppler-utils tesseract-ocr time; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need="${need:-} $p"
done
if [ -n "${need:-}" ]; then
	if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
	$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
go build -o "$WORK/loanbatch" ./cmd/loanbatch
go run ./pipeline/pipelinetest/genfixtures -out "$WORK/fx" -text 200 >/dev/null
mkdir -p "$WORK/text20" && cp "$WORK"/fx/text/loan-00*.pdf "$WORK"/fx/text/loan-01*.pdf "$WORK/text20/"
LB="$WORK/loanbatch"
export LANG=C.UTF-8

median() { python3 -c 'import json,sys,statistics; print(statistics.median(json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["times"]))' "$@"; }
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }

cd "$WORK/fx"
# Each run of ours starts from an empty data folder (database created,
# migrations applied): the cost a first job pays, and no run is slowed or
# sped up by the jobs before it.
hyperfine -N -w 1 -r 5 --prepare "rm -rf $WORK/d1 $WORK/d2" --export-json "$WORK/scan.json" \
	"bash -c 'for f in pages/*.png; do tesseract \$f $WORK/t quiet; done'" \
	"bash -c 'for f in pages/*.png; do OMP_THREAD_LIMIT=1 tesseract \$f $WORK/t quiet; done'" \
	"$LB process --data $WORK/d1 scans/scan.tif scans/scan.pdf" >/dev/null
hyperfine -N -w 2 -r 20 --prepare "rm -rf $WORK/d1 $WORK/d2" --export-json "$WORK/text.json" \
	"bash -c 'for f in $WORK/text20/*.pdf; do pdftotext \$f $WORK/p.txt; done'" \
	"$LB process --data $WORK/d2 $WORK/text20" >/dev/null
rss() { /usr/bin/time -f %M "$LB" process --data "$WORK/$1" "$2" 2>&1 >/dev/null | tail -1; }
rss20=$(rss d3 "$WORK/text20")
rss200=$(rss d4 "$WORK/fx/text")

t_def=$(median "$WORK/scan.json" 0); t_one=$(median "$WORK/scan.json" 1); t_lb=$(median "$WORK/scan.json" 2)
p_txt=$(median "$WORK/text.json" 0); p_lb=$(median "$WORK/text.json" 1)
echo "machine: $(nproc) cores, $(uname -m); medians in seconds"
printf "%-58s %8s %6s\n" "comparison" "ratio" "goal"
printf "%-58s %8s %6s\n" "scans: loanbatch ($t_lb) / tesseract ($t_def)" "$(ratio $t_lb $t_def)" "0.35"
printf "%-58s %8s %6s\n" "scans: loanbatch ($t_lb) / OMP_THREAD_LIMIT=1 tesseract ($t_one)" "$(ratio $t_lb $t_one)" "0.75"
printf "%-58s %8s %6s\n" "text: loanbatch 20 PDFs ($p_lb) / pdftotext each ($p_txt)" "$(ratio $p_lb $p_txt)" "1.00"
printf "%-58s %8s %6s\n" "memory: peak RSS 200 docs (${rss200} kB) / 20 docs (${rss20} kB)" "$(ratio $rss200 $rss20)" "1.30"
echo "UI: go test -bench ApplyJobEvents5000 ./ui (µs per 50 ms refresh)"
