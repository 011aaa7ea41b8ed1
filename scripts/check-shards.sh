#!/usr/bin/env bash
# Checks that `score --shard i/n` on each of n shards, then `merge`, gives the files of one
# `score` run over the whole book, byte for byte, on a simulated book (1M invoices, 20,000
# customers by default): the eight score files are compared with cmp, invoices.csv's rows
# counted. Prints the wall time of each step (the machine's load included).
#   scripts/check-shards.sh [--invoices 1000000] [--customers 20000] [--shards 4] [--debug]
# Release build by default; not part of `make test` (make test checks 1, 3 and 7 shards on
# the bundled sample and a small simulated book).
set -euo pipefail
cd "$(dirname "$0")/.."
invoices=1000000
customers=20000
shards=4
config=release
while [ $# -gt 0 ]; do
  case "$1" in
    --invoices) invoices=$2; shift 2 ;;
    --customers) customers=$2; shift 2 ;;
    --shards) shards=$2; shift 2 ;;
    --debug) config=debug; shift ;;
    *) echo "usage: scripts/check-shards.sh [--invoices N] [--customers N] [--shards N] [--debug]" >&2
       exit 2 ;;
  esac
done
swift build -c "$config" --product creditrisk >/dev/null
bin=.build/$config/creditrisk
work=$(mktemp -d "${TMPDIR:-/tmp}/check-shards.XXXXXX")
trap 'rm -rf "$work"' EXIT

# timed LABEL COMMAND...: runs COMMAND (output to $work/log), prints LABEL and its wall time.
timed() {
  local label=$1
  shift
  local start end
  start=$(date +%s.%N)
  "$@" >"$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v l="$label" -v s="$start" -v e="$end" 'BEGIN { printf "%-28s %6.1f s\n", l, e - s }'
}

book=$work/book
timed "simulate $invoices" "$bin" simulate --customers "$customers" --invoices "$invoices" \
  --seed 1 --out "$book"
input=(--history "$book/history.csv" --customers "$book/customers.csv" --fx "$book/fx-rates.csv")
timed "train" "$bin" train "${input[@]}" --model "$work/model.json"
scoring=("${input[@]}" --promises "$book/promises.csv" --disputes "$book/disputes.csv"
  --model "$work/model.json")
timed "score (one run)" "$bin" score "${scoring[@]}" --out "$work/one"
folders=()
for i in $(seq 1 "$shards"); do
  timed "score --shard $i/$shards" "$bin" score "${scoring[@]}" --shard "$i/$shards" \
    --out "$work/shard-$i"
  folders+=("$work/shard-$i")
done
timed "merge $shards shards" "$bin" merge --out "$work/merged" "${folders[@]}"

status=0
for file in "$work"/one/*.csv; do
  name=$(basename "$file")
  rows=$(($(wc -l <"$file") - 1))
  if cmp -s "$file" "$work/merged/$name"; then
    printf '%-20s %9d rows  identical\n' "$name" "$rows"
  else
    printf '%-20s %9d rows  DIFFERENT\n' "$name" "$rows"
    status=1
  fi
done
shard_rows=0
for i in $(seq 1 "$shards"); do
  shard_rows=$((shard_rows + $(wc -l <"$work/shard-$i/invoices.csv") - 1))
done
echo "invoices.csv: $shard_rows rows over $shards shards, $(($(wc -l <"$work/one/invoices.csv") - 1)) in one run"
exit $status
