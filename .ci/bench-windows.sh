#!/usr/bin/env bash
# Windows parity: the benchmark's 序时账 journal run by the cross-built jixiao.exe
# under wine, against the cross-built reference under wine and jixiao on Linux.
#
#   .ci/bench-windows.sh            # 100k rows
#   .ci/bench-windows.sh 10000      # another size
#
# Reported, never asserted: wine is not Windows, and a shared machine is noisy.
# The columns to read are the ratio jixiao.exe / reference.exe (the same work as
# .ci/bench.sh's ratio, on the platform the accountants use) and wine / Linux
# for jixiao itself (what running under wine costs); a jump in either after a
# change is a regression on Windows worth a look. Needs .ci/build-windows.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-100000}
pairs=${JIXIAO_BENCH_PAIRS:-3}
command -v /usr/bin/time >/dev/null || { echo "bench-windows: needs /usr/bin/time (Debian package 'time')" >&2; exit 1; }
exe="$PWD/target/x86_64-pc-windows-gnu/release/jixiao.exe"
test -f "$exe" || { echo "bench-windows: run .ci/build-windows.sh first" >&2; exit 1; }

source .ci/bench-tools.sh
tools=$(bench_tools_for)
tools_exe=$(bench_tools_for --target x86_64-pc-windows-gnu)
jixiao=target/release/jixiao

work=$(mktemp -d)
source .ci/wine-prefix.sh "$work/prefix"
# wineserver outlives the runs for a moment: stop it before removing its prefix.
# (No failure here may change the script's result: errexit applies inside traps.)
trap '{ wineserver -k || /usr/lib/wine/wineserver64 -k || true; } >/dev/null 2>&1; sleep 1; rm -rf "$work" 2>/dev/null || true' EXIT
cp "$exe" "$work/jixiao.exe"
cp "$tools_exe" "$work/reference.exe"
input="$work/j$rows.xlsx"
"$tools" journal "$rows" "$input"

# Runs a command, appends "seconds kilobytes" to $1.
measure() {
  local out=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 </dev/null || true
  tail -n 1 "$work/time" >> "$out"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

: > "$work/w.txt"; : > "$work/r.txt"; : > "$work/n.txt"
# A first run warms wine up (wineserver, the prefix); it is not counted.
"$wine" "$work/reference.exe" reference "$input" "$work/ref.xlsx" >/dev/null 2>&1 </dev/null || true
for _ in $(seq "$pairs"); do
  rm -f "$work"/*_绩效自评*.xlsx "$work/ref.xlsx"
  measure "$work/w.txt" "$wine" "$work/jixiao.exe" --budget 5000 --overwrite "$input"
  measure "$work/r.txt" "$wine" "$work/reference.exe" reference "$input" "$work/ref.xlsx"
  measure "$work/n.txt" "$jixiao" --budget 5000 --overwrite "$input"
done
test -s "$work/j${rows}_绩效自评.xlsx" || { echo "bench-windows: jixiao.exe wrote no workbook" >&2; exit 1; }
w_s=$(cut -d' ' -f1 "$work/w.txt" | median)
r_s=$(cut -d' ' -f1 "$work/r.txt" | median)
n_s=$(cut -d' ' -f1 "$work/n.txt" | median)
w_mb=$(( $(cut -d' ' -f2 "$work/w.txt" | sort -n | tail -1) / 1024 ))
ratio=$(awk -v a="$w_s" -v b="$r_s" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
parity=$(awk -v a="$w_s" -v b="$n_s" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
printf '%-10s %12s %14s %7s %10s %12s %14s\n' rows "jixiao.exe s" "reference.exe s" ratio "Linux s" "wine/Linux" "jixiao.exe MiB"
printf '%-10s %12s %14s %7s %10s %12s %14s\n' "$rows" "$w_s" "$r_s" "$ratio" "$n_s" "$parity" "$w_mb"
