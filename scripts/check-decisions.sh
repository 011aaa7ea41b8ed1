#!/usr/bin/env bash
# Checks the decisions of `creditrisk score` against the data on three books: the bundled
# sample, the IBM sample at 2013-09-30 and a simulated book of 1M invoices (20,000 customers).
# For each it runs the real `train` and `score`, then
#   - `creditrisk-bench decisions` (DecisionCheck: every customer's record recomputed from the
#     history; reasons, holds, limits below exposure, 90+ days past due left to disputes), and
#   - a check of the CSV files alone (credit_limits.csv, customers.csv, invoices.csv,
#     worklist.csv), independent of the Swift code.
# Prints the counts; exits 1 if any count that should be 0 is not.
#   scripts/check-decisions.sh [--invoices 1000000] [--debug]
# Release build by default (the 1M book takes a few minutes in a debug build); not part of
# `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
invoices=1000000
config=release
while [ $# -gt 0 ]; do
  case "$1" in
    --invoices) invoices=$2; shift 2 ;;
    --debug) config=debug; shift ;;
    *) echo "usage: scripts/check-decisions.sh [--invoices N] [--debug]" >&2; exit 2 ;;
  esac
done
swift build -c "$config" --product creditrisk >/dev/null
swift build -c "$config" --product creditrisk-bench >/dev/null
bin=.build/$config
work=$(mktemp -d "${TMPDIR:-/tmp}/check-decisions.XXXXXX")
trap 'rm -rf "$work"' EXIT
status=0

# check NAME HISTORY [options for train, score and the check...]
check() {
  local name=$1 history=$2
  shift 2
  local out=$work/$name
  mkdir -p "$out"
  "$bin/creditrisk" train --history "$history" "$@" --model "$out/model.json" >/dev/null \
    2>"$out/log" || { cat "$out/log" >&2; exit 1; }
  "$bin/creditrisk" score --model "$out/model.json" --history "$history" "$@" --out "$out/scored" \
    >/dev/null 2>"$out/log" || { cat "$out/log" >&2; exit 1; }
  echo "== $name"
  "$bin/creditrisk-bench" decisions --history "$history" "$@" --model "$out/model.json" ||
    status=1
  python3 - "$out/scored" <<'PY' || status=1
import csv, sys
folder = sys.argv[1]
def rows(name):
    with open(f"{folder}/{name}", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
limits, customers = rows("credit_limits.csv"), rows("customers.csv")
invoices, worklist = rows("invoices.csv"), rows("worklist.csv")
raised = [r for r in limits if r["hold"] == "true" and r["current_limit"]
          and float(r["recommended_limit"]) > float(r["current_limit"])]
unhandled = [r for r in limits if float(r["recommended_limit"]) < float(r["open_balance"])
             and r["hold"] == "false" and r["action"] != "reduce exposure"]
contradicting = []
for r in customers:
    for k in (1, 2, 3):
        text = r[f"reason_{k}"]
        if text.startswith("High open balance") and float(r["open_balance"]) <= 0:
            contradicting.append((r["customer_id"], text))
        if text.startswith("Overdue") and float(r["overdue_balance"]) <= 0:
            contradicting.append((r["customer_id"], text))
laddered = {w["invoice_id"] for w in worklist if w["action"] != "dispute resolution"}
disputed = {w["invoice_id"] for w in worklist if w["disputed"] == "true"}
left = {i["customer_id"] for i in invoices if int(i["days_past_due"]) >= 90
        and i["invoice_id"] not in disputed and i["invoice_id"] not in laddered}
print(f"  CSV files: holds with a higher limit {len(raised)}, limits below exposure without "
      f"hold or reduce action {len(unhandled)}, open/overdue reasons on 0 {len(contradicting)}, "
      f"customers with 90+ days past due left to disputes {len(left)}")
sys.exit(1 if raised or unhandled or contradicting or left else 0)
PY
}

check sample datasets/history.csv --customers datasets/customers.csv --fx datasets/fx-rates.csv
check ibm datasets/ibm-accounts-receivable.csv --as-of 2013-09-30
"$bin/creditrisk" simulate --customers $((invoices / 50)) --invoices "$invoices" --seed 1 \
  --out "$work/simulated" >/dev/null
check simulated "$work/simulated/history.csv" --customers "$work/simulated/customers.csv" \
  --fx "$work/simulated/fx-rates.csv"
if [ $status -ne 0 ]; then echo "some decisions contradict the data" >&2; fi
exit $status
