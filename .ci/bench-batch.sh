#!/usr/bin/env bash
# Benchmark: the supervisor's cost on the bureau's batch of many small ledgers.
#
#   .ci/bench-batch.sh            # 60 ledgers of 300 rows
#   .ci/bench-batch.sh 200 500    # 200 ledgers of 500 rows
#
# Runs jixiao over one folder of small ledgers alternately as users run it
# (each ledger in a supervised worker, src/supervisor.rs) and with every
# ledger graded in jixiao's own process (JIXIAO_IN_PROCESS=1, the way it ran
# before the supervisor), 5 pairs; prints the median wall time of each and the
# ratio. The target: within 10 % (ratio ≤ 1.10). Ratios are noisy on shared
# machines: reported, not asserted.
set -euo pipefail
cd "$(dirname "$0")/.."

files=${1:-60}
rows=${2:-300}
pairs=${JIXIAO_BENCH_PAIRS:-5}

source .ci/bench-tools.sh
tools=$(bench_tools_for)
jixiao=target/release/jixiao
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir "$work/ledgers"
"$tools" journal "$rows" "$work/one.xlsx"
for i in $(seq "$files"); do cp "$work/one.xlsx" "$work/ledgers/单位$i.xlsx"; done

measure() {
  rm -f "$work"/ledgers/*_绩效自评*
  local start end
  start=$(date +%s.%N)
  "$@" --budget 5000 "$work/ledgers" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

: > "$work/s.txt"; : > "$work/p.txt"
for _ in $(seq "$pairs"); do
  measure "$jixiao" >> "$work/s.txt"
  JIXIAO_IN_PROCESS=1 measure "$jixiao" >> "$work/p.txt"
done
s=$(median < "$work/s.txt")
p=$(median < "$work/p.txt")
ratio=$(awk -v a="$s" -v b="$p" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
printf '%-22s %12s %14s %7s\n' ledgers "supervised s" "in-process s" ratio
printf '%-22s %12s %14s %7s\n' "$files × $rows rows" "$s" "$p" "$ratio"
