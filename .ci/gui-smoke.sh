#!/usr/bin/env bash
# A real-window smoke test: start Loan Batch under Xvfb, drop three files on
# it as a file manager does (XDND), wait for the job in the database, take a
# screenshot, and check the app's log for wrong-thread calls and panics.
set -euo pipefail
cd "$(dirname "$0")/.."

need=""
for p in xvfb xdotool imagemagick python3-xlib; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need="$need $p"
done
if [ -n "$need" ]; then
	if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
	$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need
fi

OUT=${OUT:-testdata/out}
mkdir -p "$OUT"
WORK=$(mktemp -d)
export LOANBATCH_DATA="$WORK/data" XDG_CONFIG_HOME="$WORK/config" XDG_CACHE_HOME="${XDG_CACHE_HOME:-$HOME/.cache}"
export LANG=C.UTF-8
DISPLAY_NUM=:$((90 + RANDOM % 9))
Xvfb "$DISPLAY_NUM" -screen 0 1400x900x24 >/dev/null 2>&1 &
XVFB=$!
APP=""
cleanup() { [ -n "$APP" ] && kill "$APP" 2>/dev/null; kill "$XVFB" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
export DISPLAY=$DISPLAY_NUM
sleep 1

# The documents: the CFPB Loan Estimate, one of its page images and a file
# that is not a document (GIF is read since issue 15: a Word file, a note).
CORPUS=../shared/corpus
if [ -f "$CORPUS/truth.json" ]; then
	FILES=("$PWD/$CORPUS/loan_docs/cfpb_H24B_loan_estimate_fixed_rate.pdf"
		"$PWD/$CORPUS/loan_docs/cfpb_H24B_loan_estimate_p1.png"
		"$PWD/$CORPUS/rejected_formats/pil_test-ole-file.doc")
else
	echo "gui-smoke: shared corpus absent; using generated documents"
	convert -size 1700x2200 xc:white -font DejaVu-Sans -pointsize 40 \
		-annotate +100+200 'Loan Estimate' -annotate +100+300 'LOAN ID # 55510001' \
		-annotate +100+400 'Loan Amount    $150,000.00' "$WORK/scan.png"
	convert "$WORK/scan.png" "$WORK/scan.pdf"
	echo "Borrower will send the W-2 on Monday." >"$WORK/note.txt"
	FILES=("$WORK/scan.pdf" "$WORK/scan.png" "$WORK/note.txt")
fi

./bin/loanbatch >"$WORK/app.log" 2>&1 &
APP=$!
WIN=$(timeout 30 xdotool search --sync --name '^Loan Batch$' | head -1)
sleep 1
/usr/bin/python3 ../shared/tools/xdnd_drop.py "$WIN" 600 400 "${FILES[@]}"

# Wait for the job to finish in the database.
status=""
for _ in $(seq 1 120); do
	status=$(./bin/loanbatch history --json 2>/dev/null | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j[0]["status"] if j else "")')
	case "$status" in completed|completed_with_errors|failed|cancelled) break ;; esac
	sleep 1
done
sleep 1
import -window root "$OUT/gui-smoke.png"
job=$(./bin/loanbatch history --json | python3 -c 'import json,sys; j=json.load(sys.stdin)[0]; print(j["job_id"], j["status"], j["total_documents"], j["successful_documents"], j["failed_documents"])')
echo "gui-smoke: job $job; screenshot $OUT/gui-smoke.png"
kill "$APP"; wait "$APP" 2>/dev/null || true; APP=""

fail=0
read -r _ st total ok failed <<<"$job"
[ "$st" = completed_with_errors ] && [ "$total" = 3 ] && [ "$ok" = 2 ] && [ "$failed" = 1 ] || { echo "gui-smoke: FAIL: job $job"; fail=1; }
if grep -E "Error in Fyne call thread|panic:|goroutine [0-9]+ \[" "$WORK/app.log"; then
	echo "gui-smoke: FAIL: the app's log has wrong-thread calls or a panic"; fail=1
fi
[ $fail -eq 0 ] && echo "gui-smoke: 1 passed, 0 failed" || echo "gui-smoke: 0 passed, 1 failed"
exit $fail
