#!/usr/bin/env bash
# Opens every CSV that `creditrisk score` writes for a hostile history in LibreOffice Calc
# (headless) and checks that no cell was evaluated as a formula.
#
# The history (Tests/Fixtures/bad/hostile-ids.csv) has invoice and customer ids such as
# =HYPERLINK("http://x","click"), +cmd|' /C calc'!A0, @SUM(1+1), =1+1, -2+3 and =C000001+1.
# Each output is converted CSV -> xlsx -> CSV by soffice; a formula that had been evaluated
# would come back as its value (2, 1, #NAME?, Err:...), so every text cell must survive the
# round trip unchanged. Needs `apt-get install -y libreoffice-calc`; not part of `make test`.
#
# Usage: swift build && scripts/check-spreadsheet.sh [work-folder]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.build/debug/creditrisk"
work=${1:-$(mktemp -d)}
command -v soffice >/dev/null || { echo "soffice not found: apt-get install -y libreoffice-calc" >&2; exit 2; }
[ -x "$bin" ] || { echo "$bin missing: run swift build" >&2; exit 2; }

history="$root/Tests/Fixtures/bad/hostile-ids.csv"
mkdir -p "$work/out" "$work/xlsx" "$work/back" "$work/profile"
"$bin" train --history "$history" --model "$work/model.json" >/dev/null 2>&1
"$bin" score --history "$history" --model "$work/model.json" --out "$work/out" >/dev/null 2>&1

# Filter options 44,34,76,1: comma-separated, '"' quoting, UTF-8, start at row 1.
lo() { soffice -env:UserInstallation="file://$work/profile" --headless --norestore "$@" >/dev/null 2>&1; }
lo --infilter=CSV:44,34,76,1 --convert-to xlsx --outdir "$work/xlsx" "$work"/out/*.csv
lo --convert-to csv:"Text - txt - csv (StarCalc)":44,34,76,1 --outdir "$work/back" "$work"/xlsx/*.xlsx

# Control: the same round trip on an unneutralised file must evaluate its formula, or the
# check above proves nothing about this LibreOffice's import settings.
mkdir -p "$work/control"
printf 'id,value\n=1+1,=2*3\n' > "$work/control/control.csv"
lo --infilter=CSV:44,34,76,1 --convert-to xlsx --outdir "$work/control" "$work/control/control.csv"
lo --convert-to csv:"Text - txt - csv (StarCalc)":44,34,76,1 --outdir "$work/control/back" \
  "$work/control/control.xlsx"
control=$(tail -n 1 "$work/control/back/control.csv" 2>/dev/null || true)
if [ "$control" = "2,6" ]; then
  echo "control: an unneutralised =1+1,=2*3 is evaluated by this LibreOffice (reads back as $control)"
else
  echo "control: unneutralised formulas read back as '$control' (this import does not evaluate them)"
fi

python3 - "$work" <<'PY'
import csv, glob, os, sys, zipfile, re
work = sys.argv[1]
failures, cells, hostile = 0, 0, 0
for path in sorted(glob.glob(os.path.join(work, "out", "*.csv"))):
    name = os.path.basename(path)
    stem = name[:-4]
    xlsx = os.path.join(work, "xlsx", stem + ".xlsx")
    back = os.path.join(work, "back", name)
    if not os.path.exists(xlsx) or not os.path.exists(back):
        print(f"FAIL {name}: LibreOffice did not convert it"); failures += 1; continue
    # 1. The workbook holds no formula at all.
    with zipfile.ZipFile(xlsx) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        formulas = sum(len(re.findall(rb"<f[ >]", z.read(n))) for n in sheets)
    if formulas:
        print(f"FAIL {name}: {formulas} formula cells in the workbook"); failures += 1
    # 2. Every text cell comes back unchanged (numbers may be re-formatted: compare values).
    orig = list(csv.reader(open(path, newline="", encoding="utf-8")))
    again = list(csv.reader(open(back, newline="", encoding="utf-8")))
    for r, (a, b) in enumerate(zip(orig, again)):
        for c, (x, y) in enumerate(zip(a, b)):
            cells += 1
            if x[:1] == "'":
                hostile += 1
                if name == "invoices.csv" and c == 0:
                    print(f"  {name}: wrote {x!r:42} reads back {y!r}")
            # Not formulas, so not failures: true/false become the booleans TRUE/FALSE, and
            # a CR inside a cell comes back as LF.
            y_text = y.replace("\n", "\r") if "\r" in x else y
            try:
                same = float(x) == float(y)
            except ValueError:
                same = (x == y_text or (x[:1] == "'" and y_text in (x, x[1:]))
                        or (x in ("true", "false") and y == x.upper()))
            if not same or y.startswith(("#NAME", "Err:", "#VALUE")):
                print(f"FAIL {name} row {r + 1} col {c + 1}: wrote {x!r}, spreadsheet shows {y!r}")
                failures += 1
    if len(orig) != len(again):
        print(f"FAIL {name}: {len(orig)} rows written, {len(again)} read back"); failures += 1
print(f"checked {cells} cells in {len(glob.glob(os.path.join(work, 'out', '*.csv')))} files, "
      f"{hostile} neutralised cells; {failures} failures")
sys.exit(1 if failures else 0)
PY
