#!/usr/bin/env bash
# Runs the Windows jixiao.exe under wine the way an accountant uses it: a ledger in
# a folder with a Chinese name and a space, jixiao.toml beside it, no flags. Then
# checks the workbook's grades. Needs .ci/build-windows.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
exe="$PWD/target/x86_64-pc-windows-gnu/release/jixiao.exe"
test -f "$exe"
work=$(mktemp -d)
source .ci/wine-prefix.sh "$work/prefix"

folder="$work/财务 台账"
mkdir -p "$folder"
cp samples/ledger-2017.xlsx "$folder/州政务服务管理局 2017年明细账.xlsx"
printf 'budget = 322.95\n' > "$folder/jixiao.toml"
cp "$exe" "$folder/jixiao.exe"
# No flags, stdin not a console: jixiao must not wait for Enter.
timeout 300 "$wine" "$folder/jixiao.exe" "$folder/州政务服务管理局 2017年明细账.xlsx" </dev/null
result="$folder/州政务服务管理局 2017年明细账_绩效自评.xlsx"
test -s "$result"
python3 - "$result" <<'PY'
import re, sys, zipfile
sheet = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode("utf-8")
grades = [v for _, v in sorted((int(r), v) for r, v in re.findall(r'<c r="E(\d+)"[^>]*><f>[^<]*</f><v>([^<]*)</v>', sheet) if 2 <= int(r) <= 13)]
want = ["优秀", "差", "优秀", "优秀", "优秀", "优秀", "优秀", "良好"] + ["未到期"] * 4
if grades != want:
    sys.exit(f"jixiao.exe under wine graded {grades}, expected {want}")
print("wine: jixiao.exe graded the seed's months from jixiao.toml in a Chinese folder")
PY
# Several ledgers dropped at once: one line per file and a final count.
cp samples/monthly-2017.xlsx "$folder/乙局 2017年月报.xlsx"
said=$(timeout 300 "$wine" "$folder/jixiao.exe" "$folder/州政务服务管理局 2017年明细账.xlsx" "$folder/乙局 2017年月报.xlsx" </dev/null 2>&1)
lines=$(printf '%s\n' "$said" | grep -c '^✔ 「' || true)
if [ "$lines" != 2 ] || ! printf '%s\n' "$said" | grep -q '共 2 个文件：完成 2 个，失败 0 个'; then
  printf '%s\n' "$said" >&2
  echo "wine: a drop of two ledgers should show one ✔ line each and the count" >&2
  exit 1
fi
echo "wine: two ledgers dropped at once, one line each and the count"
# The supervisor on Windows: a ledger that needs more time than its cap is
# stopped in its worker with a Chinese message; the other ledger is graded.
python3 - "$folder/丙局 长账.csv" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("日期,摘要,金额\n")
    for i in range(600000):
        out.write(f"2017-{i % 12 + 1:02d}-15,办公费{i},100.00\n")
PY
said=$(timeout 300 "$wine" "$folder/jixiao.exe" --budget 322.95 --time-limit 1 "$folder/丙局 长账.csv" "$folder/乙局 2017年月报.xlsx" </dev/null 2>&1 || true)
if ! printf '%s\n' "$said" | grep -q '用时超过了 1 秒的上限' || ! printf '%s\n' "$said" | grep -q '共 2 个文件：完成 1 个，失败 1 个'; then
  printf '%s\n' "$said" >&2
  echo "wine: a ledger over its time cap should fail alone, in its worker" >&2
  exit 1
fi
if ls -A "$folder" | grep -q '^\.jixiao-'; then
  echo "wine: the stopped worker left a temporary file" >&2
  exit 1
fi
echo "wine: a ledger over its time cap stopped in its worker, the other graded"
rm -rf "$work"
