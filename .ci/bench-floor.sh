#!/usr/bin/env bash
# The floor under jixiao's time on one large ledger, measured on this machine.
#
#   .ci/bench-floor.sh            # 1M rows
#   .ci/bench-floor.sh 100000
#
# jixiao must at least read the input (calamine) and write its annotated copy
# 明细 (rust_xlsxwriter), whose columns B–E — 月份, 计入金额, 分类, 处理 — are
# known only once the last row is read (the account rule, the closing vouchers
# and the graded year are decided on the whole ledger). This script times the
# two halves apart with tests/bench_tools.rs `floor`: calamine reading the input
# and nothing else; rust_xlsxwriter writing jixiao's own 明细 (loaded first, so
# no reading is timed), its rows and its save (deflate) apart. Beside them, the
# bare reference of `.ci/bench.sh` and jixiao end to end. It prints the best of
# 3 runs of each. See docs/performance.md, "The floor".
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-1000000}
runs=${JIXIAO_BENCH_RUNS:-3}
command -v /usr/bin/time >/dev/null || { echo "bench-floor: needs /usr/bin/time (Debian package 'time')" >&2; exit 1; }

source .ci/bench-tools.sh
tools=$(bench_tools_for)
jixiao=target/release/jixiao
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

input="$work/j$rows.xlsx"
"$tools" journal "$rows" "$input"
wall() { /usr/bin/time -f "%e" -o "$work/time" "$@" >/dev/null 2>&1 || true; tail -n 1 "$work/time"; }
best() { sort -n | head -1; }

: > "$work/j"; : > "$work/r"; : > "$work/f"
for _ in $(seq "$runs"); do
  wall "$jixiao" --budget 5000 --overwrite "$input" >> "$work/j"
  wall "$tools" reference "$input" "$work/ref.xlsx" >> "$work/r"
done
annotated="$work/j${rows}_绩效自评.xlsx"
for _ in $(seq "$runs"); do
  "$tools" floor "$input" "$annotated" "$work/scratch.xlsx" >> "$work/f"
done
read_s=$(cut -d' ' -f1 "$work/f" | best)
rows_s=$(cut -d' ' -f2 "$work/f" | best)
save_s=$(cut -d' ' -f3 "$work/f" | best)
j_s=$(best < "$work/j")
r_s=$(best < "$work/r")
awk -v rows="$rows" -v read="$read_s" -v w="$rows_s" -v save="$save_s" -v j="$j_s" -v r="$r_s" 'BEGIN {
  printf "rows                                   %d\n", rows
  printf "read the input (calamine, nothing else) %6.2f s\n", read
  printf "write jixiao 明细: rows                 %6.2f s\n", w
  printf "write jixiao 明细: save (deflate)       %6.2f s\n", save
  printf "one core, one after the other           %6.2f s  (%.2f x reference)\n", read + w + save, (read + w + save) / r
  serial = save; both = read + w
  printf "two cores, read and rows fully overlapped %4.2f s  (%.2f x reference)\n", (read > w ? read : w) + save, ((read > w ? read : w) + save) / r
  printf "bare reference                          %6.2f s\n", r
  printf "jixiao end to end                       %6.2f s  (%.2f x reference)\n", j, j / r
}'
