#!/usr/bin/env bash
# Opens the workbook of `creditrisk score --xlsx` in LibreOffice Calc (headless) and checks
# every sheet against the CSV file of the same run: text cells (ids with leading zeros,
# formula-like ids) identical, dates the same ISO dates, numbers the same values; and in the
# workbook itself, ids stored as text, dates as date serials, no formula anywhere.
#
# Runs on the IBM sample at 2013-09-30 (invoice numbers such as 0000611365) and on the
# hostile-ids fixture (ids such as =1+1, @SUM(1+1), -2+3). Needs `apt-get install -y
# libreoffice-calc-nogui` (or libreoffice-calc); not part of `make test`.
#
# Usage: swift build && scripts/check-workbook.sh [work-folder]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.build/debug/creditrisk"
work=${1:-$(mktemp -d)}
command -v soffice >/dev/null || { echo "soffice not found: apt-get install -y libreoffice-calc-nogui" >&2; exit 2; }
[ -x "$bin" ] || { echo "$bin missing: run swift build" >&2; exit 2; }

run() { # name history [score options...]
  local name=$1 history=$2; shift 2
  mkdir -p "$work/$name"
  "$bin" train --history "$history" "$@" --model "$work/$name/model.json" >/dev/null 2>&1
  "$bin" score --history "$history" "$@" --model "$work/$name/model.json" \
    --out "$work/$name/out" --xlsx "$work/$name/book.xlsx" >/dev/null 2>&1
  # Every sheet to CSV, values as stored (not as shown), one file per sheet.
  soffice -env:UserInstallation="file://$work/profile" --headless --norestore \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    --outdir "$work/$name/back" "$work/$name/book.xlsx" >/dev/null 2>&1
}
run ibm "$root/datasets/ibm-accounts-receivable.csv" --as-of 2013-09-30
run hostile "$root/Tests/Fixtures/bad/hostile-ids.csv"

python3 - "$work" <<'PY'
import csv, glob, os, re, sys, zipfile
work = sys.argv[1]
dates = {"due_date", "expected_payment_date", "payment_date_p10", "payment_date_p90",
         "action_date", "week_start", "as_of", "previous_as_of"}
def original(cell):  # the CSV's neutralising quote taken off
    return cell[1:] if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@\t\r" else cell
def number(text):
    try: return float(text)
    except ValueError: return None
failures = checked = 0
for name in ("ibm", "hostile"):
    folder = os.path.join(work, name)
    book = os.path.join(folder, "book.xlsx")
    with zipfile.ZipFile(book) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        xml = b"".join(z.read(n) for n in sheets)
    if re.search(rb"<f[ >]", xml):
        print(f"FAIL {name}: a formula in the workbook"); failures += 1
    for path in sorted(glob.glob(os.path.join(folder, "out", "*.csv"))):
        stem = os.path.basename(path)[:-4]
        back = os.path.join(folder, "back", f"book-{stem}.csv")
        if not os.path.exists(back):
            print(f"FAIL {name}/{stem}: LibreOffice wrote no sheet"); failures += 1; continue
        want = list(csv.reader(open(path, encoding="utf-8", newline="")))
        got = list(csv.reader(open(back, encoding="utf-8", newline="")))
        if len(want) != len(got) or want[0] != got[0]:
            print(f"FAIL {name}/{stem}: {len(got)} rows / header {got[:1]} vs {len(want)}"); failures += 1; continue
        header = want[0]
        for r, (w, g) in enumerate(zip(want[1:], got[1:]), start=2):
            for c, column in enumerate(header):
                a, b = original(w[c]), g[c] if c < len(g) else ""
                checked += 1
                x, y = number(a), number(b)
                # A line break inside a cell comes back from LibreOffice as LF.
                same = a.replace("\r", "\n") == b if (column in dates or x is None) else (y is not None and abs(x - y) <= 1e-9 * max(1, abs(x)))
                if not same:
                    failures += 1
                    if failures < 20: print(f"FAIL {name}/{stem} row {r} {column}: {a!r} came back as {b!r}")
    ids = re.findall(rb'<is><t xml:space="preserve">(0\d+)</t></is>', xml)
    if name == "ibm":
        print(f"ibm: {len(ids)} text cells with leading zeros kept as text (e.g. {ids[:1]})")
        if not ids: print("FAIL ibm: no id with a leading zero stored as text"); failures += 1
print(f"{checked} cells compared, {failures} failures")
sys.exit(1 if failures else 0)
PY
