#!/usr/bin/env bash
# The real window under Xvfb, as a loan officer uses it: five drops in a
# row (XDND, as a file manager does) — three files with a rejected one, one
# file, a folder, a one-file failure, then a 5-page scan with another job
# dropped behind it — then kill -9 in the middle of the scan. Checked: no
# panic or wrong-thread call at any point, each job in the database as it
# should be, the scan's job interrupted and the queued job kept, and a new
# window that starts and offers to finish them. Screenshots in testdata/out.
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
APP=""
XVFB=""
cleanup() {
	[ -n "$APP" ] && kill -9 "$APP" 2>/dev/null
	[ -n "$XVFB" ] && kill "$XVFB" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT

# Xvfb picks a free display itself; the screen is a small laptop's.
exec 3>"$WORK/display"
Xvfb -displayfd 3 -screen 0 1024x768x24 >/dev/null 2>&1 &
XVFB=$!
for _ in $(seq 1 50); do [ -s "$WORK/display" ] && break; sleep 0.1; done
export DISPLAY=":$(head -1 "$WORK/display")"
exec 3>&-

fail=0
failed() { echo "gui-smoke: FAIL: $*"; fail=1; }

# The documents: real CFPB forms when the shared corpus is there, else made here.
CORPUS=../shared/corpus
mkdir -p "$WORK/docs/folder"
if [ -f "$CORPUS/truth.json" ]; then
	C="$PWD/$CORPUS"
	LE="$C/loan_docs/cfpb_H24B_loan_estimate_fixed_rate.pdf"
	PAGE="$C/loan_docs/cfpb_H24B_loan_estimate_p1.png"
	NOTDOC="$C/rejected_formats/pil_test-ole-file.doc" # not a document (GIFs are read since issue 15)
	ARM="$C/loan_docs/cfpb_H24C_loan_estimate_interest_only_arm.pdf"
	cp "$LE" "$ARM" "$WORK/docs/folder/"
	convert "$C"/loan_docs/cfpb_H25B_closing_disclosure_p{1,2,3,4,5}.png "$WORK/docs/scan5.tif"
else
	echo "gui-smoke: shared corpus absent; using generated documents"
	for i in 1 2 3 4 5; do
		convert -size 1700x2200 xc:white -font DejaVu-Sans -pointsize 40 \
			-annotate +100+200 "Loan Estimate page $i" -annotate +100+300 'LOAN ID # 55510001' \
			-annotate +100+400 'Loan Amount    $150,000.00' "$WORK/docs/page$i.png"
	done
	LE="$WORK/docs/page1.png"; PAGE="$WORK/docs/page2.png"; ARM="$WORK/docs/page3.png"
	echo "Borrower will send the W-2 on Monday." >"$WORK/docs/note.txt"; NOTDOC="$WORK/docs/note.txt"
	cp "$LE" "$ARM" "$WORK/docs/folder/"
	convert "$WORK"/docs/page{1,2,3,4,5}.png "$WORK/docs/scan5.tif"
fi
printf 'call the borrower back\n' >"$WORK/docs/notes.txt"
printf '%%PDF-1.7\nbroken' >"$WORK/docs/broken.pdf"

jobs_json() { ./bin/loanbatch history --json 2>/dev/null || echo '[]'; }
job_count() { jobs_json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
# newest_job prints "ID STATUS TOTAL SUCCEEDED FAILED" of the newest job.
newest_job() {
	jobs_json | python3 -c 'import json,sys
j=json.load(sys.stdin)
print(" ".join(str(j[0][k]) for k in ("job_id","status","total_documents","successful_documents","failed_documents")) if j else "")'
}
# wait_jobs N waits until N jobs exist and none is queued or processing.
wait_jobs() {
	for _ in $(seq 1 240); do
		if jobs_json | python3 -c 'import json,sys
j=json.load(sys.stdin)
sys.exit(0 if len(j)>='"$1"' and all(x["status"] not in ("queued","processing") for x in j) else 1)'; then return 0; fi
		sleep 0.5
	done
	failed "job $1 did not finish"
}

start_app() {
	./bin/loanbatch >>"$WORK/app.log" 2>&1 &
	APP=$!
	WIN=""
	for _ in $(seq 1 60); do
		WIN=$(xdotool search --pid "$APP" --name '^Loan Batch$' 2>/dev/null | head -1 || true)
		[ -n "$WIN" ] && break
		sleep 0.5
	done
	[ -n "$WIN" ] || { failed "no window for process $APP"; exit 1; }
	sleep 1
}
drop() { /usr/bin/python3 ../shared/tools/xdnd_drop.py "$WIN" 500 400 "$@" >/dev/null; }
check_job() { # check_job WHAT STATUS TOTAL SUCCEEDED FAILED
	read -r id st total ok bad <<<"$(newest_job)"
	[ "$st $total $ok $bad" = "$2 $3 $4 $5" ] || failed "$1: job ${id:0:8} is '$st $total $ok $bad'; want '$2 $3 $4 $5'"
	echo "gui-smoke: $1: ${id:0:8} $st, $ok of $total succeeded"
}

start_app
drop "$LE" "$PAGE" "$NOTDOC"
wait_jobs 1; check_job "three files with a rejected one" completed_with_errors 3 2 1
import -window root "$OUT/gui-1-three-files.png"
drop "$LE"
wait_jobs 2; check_job "one file" completed 1 1 0
drop "$WORK/docs/folder"
wait_jobs 3; check_job "a folder" completed 2 2 0
drop "$WORK/docs/broken.pdf"
wait_jobs 4; check_job "a one-file failure" completed_with_errors 1 0 1
import -window root "$OUT/gui-2-failure.png"

# The scan, and a job dropped behind it; kill -9 while the scan is read.
drop "$WORK/docs/scan5.tif"
sleep 0.3
drop "$LE" "$NOTDOC"
scan=""
for _ in $(seq 1 100); do
	read -r scan st _ <<<"$(jobs_json | python3 -c 'import json,sys
j=[x for x in json.load(sys.stdin) if x["total_documents"]==1 and x["status"] in ("queued","processing")]
j.sort(key=lambda x: x["created_at"])
print(j[0]["job_id"], j[0]["status"]) if j else print("")')"
	[ "${st:-}" = processing ] && break
	sleep 0.1
done
[ "$(job_count)" = 6 ] || failed "the job dropped behind the scan is not in the database before the kill ($(job_count) jobs)"
sleep 1
import -window root "$OUT/gui-3-scanning.png"
kill -9 "$APP"; wait "$APP" 2>/dev/null || true; APP=""
status=$(./bin/loanbatch status "$scan" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
[ "$status" = interrupted ] || failed "the scan's job is $status after kill -9; want interrupted"
echo "gui-smoke: killed mid-scan: job ${scan:0:8} $status; $(job_count) jobs in the database"
[ "$(job_count)" = 6 ] || failed "a job was lost in the kill"

# A new window starts, and offers to finish both.
start_app
sleep 2
import -window root "$OUT/gui-4-restart.png"
kill "$APP"; wait "$APP" 2>/dev/null || true; APP=""

if grep -E "Error in Fyne call thread|panic:|goroutine [0-9]+ \[" "$WORK/app.log"; then
	failed "the app's log has wrong-thread calls or a panic"
fi
echo "gui-smoke: screenshots in $OUT/gui-*.png"
[ $fail -eq 0 ] && echo "gui-smoke: 1 passed, 0 failed" || echo "gui-smoke: 0 passed, 1 failed"
exit $fail
