#!/usr/bin/env bash
# Benchmark: jixiao against a bare reference, on generated 序时账 ledgers.
#
#   .ci/bench.sh                 # 10k, 100k and 1M rows
#   .ci/bench.sh 100000          # one size
#   JIXIAO_BENCH_MAX_RSS_MB=64 .ci/bench.sh 100000   # fail when jixiao's peak RSS is above 64 MiB
#
# For each size it generates the same journal as xlsx, as csv, and as xlsx whose
# amounts are all unreadable ("待定"), with tests/bench_tools.rs. The reference is
# the least any tool that reads a ledger and writes an annotated copy must do:
# calamine's cell reader (or the csv reader) streaming the sheet, rust_xlsxwriter
# in constant-memory mode writing the same cells, zip level 3. jixiao and the
# reference run alternately, 3 pairs; the table shows median wall time, the ratio
# jixiao / reference, and peak RSS. Ratios are noisy on shared machines: they are
# reported, never asserted; only the memory limit, when set, fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
pairs=${JIXIAO_BENCH_PAIRS:-3}
limit_mb=${JIXIAO_BENCH_MAX_RSS_MB:-}

command -v /usr/bin/time >/dev/null || { echo "bench: needs /usr/bin/time (Debian package 'time')" >&2; exit 1; }

source .ci/bench-tools.sh
tools=$(bench_tools_for)
jixiao=target/release/jixiao
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Runs a command, prints "seconds kilobytes" (the exit status is not judged:
# a ledger of unreadable amounts ends in a message, as it should).
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$work/time"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

failed=0
printf '%-10s %-11s %10s %10s %7s %12s %12s\n' rows input "jixiao s" "ref s" ratio "jixiao MiB" "ref MiB"
for rows in "${sizes[@]}"; do
  for kind in xlsx csv unreadable; do
    case $kind in
      xlsx) input="$work/j$rows.xlsx"; "$tools" journal "$rows" "$input" ;;
      csv) input="$work/j$rows.csv"; "$tools" journal "$rows" "$input" ;;
      unreadable) input="$work/u$rows.xlsx"; "$tools" journal "$rows" "$input" unreadable ;;
    esac
    : > "$work/j.txt"; : > "$work/r.txt"
    for _ in $(seq "$pairs"); do
      rm -f "$work"/*_绩效自评*.xlsx "$work/ref.xlsx"
      measure "$jixiao" --budget 5000 --overwrite "$input" >> "$work/j.txt"
      measure "$tools" reference "$input" "$work/ref.xlsx" >> "$work/r.txt"
    done
    j_s=$(cut -d' ' -f1 "$work/j.txt" | median)
    r_s=$(cut -d' ' -f1 "$work/r.txt" | median)
    j_kb=$(cut -d' ' -f2 "$work/j.txt" | sort -n | tail -1)
    r_kb=$(cut -d' ' -f2 "$work/r.txt" | sort -n | tail -1)
    ratio=$(awk -v a="$j_s" -v b="$r_s" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
    j_mb=$(( j_kb / 1024 )); r_mb=$(( r_kb / 1024 ))
    printf '%-10s %-11s %10s %10s %7s %12s %12s\n' "$rows" "$kind" "$j_s" "$r_s" "$ratio" "$j_mb" "$r_mb"
    rm -f "$input"
    if [ -n "$limit_mb" ] && [ "$j_mb" -gt "$limit_mb" ]; then
      echo "bench: jixiao's peak RSS $j_mb MiB on $rows rows ($kind) is above the limit of $limit_mb MiB" >&2
      failed=1
    fi
  done
done
exit $failed
