#!/usr/bin/env bash
# Precision and recall of the distress flags (customers.csv `distress`) against the
# simulation's truth (truth_customers.csv `distressed`): simulates books with
# --distressed-share 0.1 at three seeds, runs the real `train` and `score`, and compares, among
# the customers scored with enough invoices to compare (a `distress` value).
#   scripts/check-distress.sh [--out notebooks-exported/distress.md]
# Uses the debug build (swift build --product creditrisk); writes its books under out/distress.
set -euo pipefail
cd "$(dirname "$0")/.."
out=notebooks-exported/distress.md
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
swift build --product creditrisk >/dev/null
bin=.build/debug/creditrisk
work=out/distress
rm -rf "$work"
mkdir -p "$work"
for seed in 11 12 13; do
  d=$work/seed-$seed
  $bin simulate --customers 400 --invoices 24000 --seed "$seed" --distressed-share 0.1 \
    --out "$d/sim" >/dev/null
  inputs=(--history "$d/sim/history.csv" --customers "$d/sim/customers.csv" \
    --fx "$d/sim/fx-rates.csv")
  $bin train "${inputs[@]}" --model "$d/model.json" >/dev/null 2>&1
  $bin score "${inputs[@]}" --model "$d/model.json" --out "$d/score" >/dev/null 2>&1
done
python3 - "$work" "$out" <<'PY'
import csv, sys, pathlib
work, out = pathlib.Path(sys.argv[1]), sys.argv[2]
rows = ["| seed | customers compared | truly distressed | flagged | true flags | precision | recall |",
        "| --- | --- | --- | --- | --- | --- | --- |"]
total = [0, 0, 0, 0]
for d in sorted(work.glob("seed-*")):
    truth = {r["customer_id"]: r["distressed"] == "true"
             for r in csv.DictReader(open(d / "sim" / "truth_customers.csv"))}
    scored = [r for r in csv.DictReader(open(d / "score" / "customers.csv")) if r["distress"]]
    n = len(scored)
    actual = sum(truth[r["customer_id"]] for r in scored)
    flagged = [r for r in scored if r["distress"] == "true"]
    tp = sum(truth[r["customer_id"]] for r in flagged)
    for i, v in enumerate([n, actual, len(flagged), tp]):
        total[i] += v
    rows.append(f"| {d.name[5:]} | {n} | {actual} | {len(flagged)} | {tp} | "
                f"{tp / max(len(flagged), 1):.2f} | {tp / max(actual, 1):.2f} |")
n, actual, flagged, tp = total
rows.append(f"| all | {n} | {actual} | {flagged} | {tp} | {tp / max(flagged, 1):.2f} | "
            f"{tp / max(actual, 1):.2f} |")
text = ("# Distress flags against the simulation's truth\n\n"
        "`scripts/check-distress.sh`: books of 400 customers and 24,000 invoices, 10% of the "
        "customers distressed (their days to pay grow from a change date 60 to 300 days before "
        "the as-of date), scored with `creditrisk score`; customers.csv's `distress` against "
        "truth_customers.csv's `distressed`, among the customers with enough invoices to "
        "compare (5 paid before the last 180 days, 3 in them).\n\n" + "\n".join(rows) + "\n")
open(out, "w").write(text)
print(text)
PY
