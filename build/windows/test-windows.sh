#!/usr/bin/env bash
# make test-windows: the Windows build under Wine (Debian's wine64), with a
# stand-in bcryptprimitives.dll (see bcryptprimitives-stub.c). Installs
# the setup.exe made by `make windows` silently into a Wine prefix kept in
# the cache, then checks:
#   - the installer: files, Start-menu shortcut, uninstaller;
#   - `loanbatch.exe process --json` on the CFPB Loan Estimate PDF (text
#     layer, read in the app's process) and on its first page as a PNG (OCR
#     in the worker child: the stdout protocol and the Job object) gives the
#     same fields as the Linux build, loan ID 123456789 from both, with
#     drive-letter paths with backslashes, a folder name with a space and
#     \\?\ long-path form;
#   - the default data folder is %LOCALAPPDATA%\LoanBatch;
#   - status, history, an XLSX export, and an export over an existing file;
#   - the worker dies with the app (kill -9 of the app mid-OCR);
#   - the window starts under Xvfb and is screenshot to
#     testdata/out/windows-window.png;
#   - the uninstaller removes the program and keeps the data.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
here=$root/build/windows
GO=${GO:-go}
CACHE=${LB_CACHE:-$HOME/.cache/loanbatch-windows}
bash "$here/setup-debian.sh" --wine || exit 1
export WINEPREFIX=${LB_WINEPREFIX:-$CACHE/wineprefix} WINEDEBUG=-all WINEARCH=win64
export LANG=C.UTF-8
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
setup=$root/dist/LoanBatch-$version-setup.exe
[ -f "$setup" ] || { echo "test-windows: $setup missing: run make windows first"; exit 1; }
OUT=${OUT:-testdata/out}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d)
XVFB=""
fail=0
failed() { echo "test-windows: FAIL: $*"; fail=1; }
ok() { echo "test-windows: ok: $*"; }
cleanup() {
	wineserver -k 2>/dev/null
	[ -n "$XVFB" ] && kill "$XVFB" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT
t0=$SECONDS

# The Wine prefix, made once (wineboot takes a minute or two the first time).
if [ ! -f "$WINEPREFIX/system.reg" ]; then
	echo "test-windows: creating the Wine prefix $WINEPREFIX"
	wine wineboot -i >/dev/null 2>&1
	wineserver -w
fi
# Go 1.26 programs need ProcessPrng (bcryptprimitives.dll), absent from Wine 8.
x86_64-w64-mingw32-gcc -O2 -shared -o "$WORK/bcryptprimitives.dll" "$here/bcryptprimitives-stub.c" &&
	cp "$WORK/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/" || { failed "stub DLL"; exit 1; }

wuser=$(wine cmd /c 'echo %USERNAME%' 2>/dev/null | tr -d '\r')
local_app="$WINEPREFIX/drive_c/users/$wuser/AppData/Local"
instdir="$local_app/Programs/LoanBatch"
startmenu="$WINEPREFIX/drive_c/users/$wuser/AppData/Roaming/Microsoft/Windows/Start Menu/Programs"
datadir="$local_app/LoanBatch"
rm -rf "$datadir" "$instdir"

# 1. The installer, silently (/S), per user.
wine "$setup" /S >/dev/null 2>&1
wineserver -w
exe="$instdir/loanbatch.exe"
[ -f "$exe" ] && [ -f "$instdir/tessdata/eng.traineddata" ] && [ -f "$instdir/uninstall.exe" ] &&
	ok "installed in %LOCALAPPDATA%\\Programs\\LoanBatch" || failed "installer: files missing in $instdir"
[ -f "$startmenu/Loan Batch.lnk" ] && ok "Start-menu shortcut" || failed "no Start-menu shortcut in $startmenu"
wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\LoanBatch' 2>/dev/null | grep -q DisplayName &&
	ok "uninstaller registered (HKCU)" || failed "uninstall key missing"
[ -f "$exe" ] || exit 1
wexe=$(winepath -w "$exe" 2>/dev/null)

# 2. The documents, at Windows paths: a drive letter with backslashes, a
# folder whose name has a space, the \\?\ form.
C=${LOANBATCH_CORPUS:-$root/../shared/corpus}
PDF=$C/loan_docs/cfpb_H24B_loan_estimate_fixed_rate.pdf
PNG=$C/loan_docs/cfpb_H24B_loan_estimate_p1.png
[ -f "$PDF" ] && [ -f "$PNG" ] || { echo "test-windows: corpus missing at $C"; exit 1; }
mkdir -p "$WORK/Loan files"
cp "$PNG" "$WORK/Loan files/"
wpdf=$(winepath -w "$PDF")
wpng='\\?\'$(winepath -w "$WORK/Loan files/$(basename "$PNG")")
echo "test-windows: paths $wpdf and $wpng"

# The Linux build, for the fields to compare with.
$GO build -o "$WORK/loanbatch-linux" ./cmd/loanbatch || { failed "Linux build"; exit 1; }
"$WORK/loanbatch-linux" process --json --data "$WORK/linux-data" "$PDF" "$PNG" >"$WORK/linux.json" 2>"$WORK/linux.log"

s=$SECONDS
wine "$exe" process --json "$wpdf" "$wpng" >"$WORK/win.json" 2>"$WORK/win.log"
rc=$?
echo "test-windows: process under Wine: exit $rc, $((SECONDS - s)) s"
[ $rc -eq 0 ] || { failed "process exit $rc"; tail -20 "$WORK/win.log"; }
python3 - "$WORK/linux.json" "$WORK/win.json" <<'PY' || fail=1
import json, sys
lin, win = (json.load(open(p)) for p in sys.argv[1:3])
bad = 0
for l, w in zip(lin["results"], win["results"]):
    name = w["file_name"]
    if w["status"] != "success" or w.get("loan_id") != "123456789":
        print(f"test-windows: FAIL: {name}: status {w['status']}, loan ID {w.get('loan_id')!r}: {w.get('error_message')}")
        bad = 1
    else:
        print(f"test-windows: ok: {name}: loan ID 123456789 ({w['text_source']})")
    if l["fields"] != w["fields"]:
        print(f"test-windows: FAIL: {name}: fields differ from the Linux build:\n  linux   {l['fields']}\n  windows {w['fields']}")
        bad = 1
    else:
        print(f"test-windows: ok: {name}: the same {len(w['fields'])} fields as the Linux build")
if len(win["results"]) != 2:
    print("test-windows: FAIL: expected 2 results"); bad = 1
sys.exit(bad)
PY
cp "$WORK/win.json" "$OUT/windows-process.json"
job=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["job_id"])' "$WORK/win.json" 2>/dev/null)

# 3. The default data folder, status, history, exports.
[ -f "$datadir/loanbatch.db" ] || ls "$datadir"/*.db >/dev/null 2>&1 &&
	ok "data folder %LOCALAPPDATA%\\LoanBatch" || failed "no database in $datadir ($(ls "$local_app"))"
wine "$exe" status "$job" >"$WORK/status.json" 2>>"$WORK/win.log" &&
	grep -q '"status": "completed"' "$WORK/status.json" && ok "status" || failed "status: $(head -c 300 "$WORK/status.json")"
wine "$exe" history >"$WORK/history.txt" 2>>"$WORK/win.log" && grep -q 123456789 "$WORK/history.txt" &&
	ok "history: $(head -1 "$WORK/history.txt" | tr -d '\r')" || failed "history: $(head -c 300 "$WORK/history.txt")"
xlsx="$WORK/Exports folder/loans.xlsx"
mkdir -p "$(dirname "$xlsx")"
wxlsx=$(winepath -w "$xlsx")
for i in 1 2; do # the second one replaces the first (a rename over an existing file)
	wine "$exe" export "$job" "$wxlsx" >>"$WORK/export.txt" 2>>"$WORK/win.log" || failed "export $i"
done
if unzip -p "$xlsx" xl/sharedStrings.xml 2>/dev/null | grep -q 123456789; then
	ok "XLSX export (written twice to the same path)"
	cp "$xlsx" "$OUT/windows-export.xlsx"
else
	failed "XLSX export"
fi

# 4. The worker dies with the app: kill -9 the app (its Wine process) in the
# middle of OCR, then no worker may be left.
cp "$PNG" "$WORK/a.png" && cp "$PNG" "$WORK/b.png"
wine "$exe" process "$(winepath -w "$WORK/a.png")" "$(winepath -w "$WORK/b.png")" >/dev/null 2>&1 &
for _ in $(seq 1 120); do
	pgrep -f 'loanbatch.exe worker' >/dev/null && break
	sleep 0.5
done
if pgrep -f 'loanbatch.exe worker' >/dev/null; then
	sleep 1
	app=$(pgrep -f 'loanbatch.exe" process|loanbatch.exe process' | head -1)
	kill -9 $app 2>/dev/null
	wait 2>/dev/null
	# At once, not after the page in hand (which closing its stdin would
	# also end, several seconds later): 2 s at most.
	for _ in $(seq 1 10); do pgrep -f 'loanbatch.exe worker' >/dev/null || break; sleep 0.2; done
	pgrep -f 'loanbatch.exe worker' >/dev/null && failed "worker outlived the app by 2 s (Job object)" || ok "worker died with the app (Job object)"
else
	failed "no worker process seen"
fi
wineserver -k 2>/dev/null
wineserver -w 2>/dev/null

# 5. The window under Xvfb.
exec 3>"$WORK/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 >/dev/null 2>&1 &
XVFB=$!
for _ in $(seq 1 50); do [ -s "$WORK/display" ] && break; sleep 0.1; done
export DISPLAY=":$(head -1 "$WORK/display")"
exec 3>&-
wine "$exe" >"$WORK/gui.log" 2>&1 &
win=""
for _ in $(seq 1 120); do
	win=$(xdotool search --name '^Loan Batch' 2>/dev/null | head -1)
	[ -n "$win" ] && break
	sleep 0.5
done
if [ -n "$win" ]; then
	sleep 8 # the first frame, the last job loaded
	import -window root "$OUT/windows-window.png" && ok "window shown: $OUT/windows-window.png"
else
	import -window root "$OUT/windows-window.png"
	failed "no window named Loan Batch (screenshot anyway: $OUT/windows-window.png)"
	tail -20 "$WORK/gui.log"
fi
wineserver -k 2>/dev/null
wineserver -w 2>/dev/null

# 6. The uninstaller: program gone, data kept.
wine "$instdir/uninstall.exe" /S >/dev/null 2>&1
wineserver -w
sleep 2
[ ! -f "$exe" ] && [ ! -f "$startmenu/Loan Batch.lnk" ] && ok "uninstalled" || failed "uninstall left files"
[ -d "$datadir" ] && ok "data folder kept" || failed "data folder removed"

echo "test-windows: $((SECONDS - t0)) s"
[ $fail -eq 0 ] && echo "test-windows: PASS" || echo "test-windows: FAIL"
exit $fail
