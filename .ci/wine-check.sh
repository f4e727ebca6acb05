#!/usr/bin/env bash
# Runs the Windows jixiao.exe under wine the way an accountant uses it: a ledger in
# a folder with a Chinese name and a space, jixiao.toml beside it, no flags. Then
# checks the workbook's grades. Needs .ci/build-windows.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
exe="$PWD/target/x86_64-pc-windows-gnu/release/jixiao.exe"
test -f "$exe"
if ! command -v wine64 >/dev/null 2>&1 && [ ! -x /usr/lib/wine/wine64 ]; then
  apt-get install -y -qq --no-install-recommends wine wine64 >/dev/null
fi
wine=/usr/lib/wine/wine64
[ -x "$wine" ] || wine=$(command -v wine64)

work=$(mktemp -d)
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree=;mshtml="
unset DISPLAY
"$wine" wineboot -i >/dev/null 2>&1 || true

# Debian 12's wine 8.0 lacks bcryptprimitives.dll!ProcessPrng, which every Rust
# exe since 1.78 imports; this test-only stand-in forwards to BCryptGenRandom.
cat > "$work/bp.c" <<'C'
#include <windows.h>
#include <bcrypt.h>
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE d, SIZE_T n) {
    while (n) { ULONG c = n > 0x40000000 ? 0x40000000 : (ULONG)n;
        if (BCryptGenRandom(NULL, d, c, BCRYPT_USE_SYSTEM_PREFERRED_RNG)) return FALSE;
        d += c; n -= c; }
    return TRUE; }
C
x86_64-w64-mingw32-gcc -O2 -shared -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" "$work/bp.c" -lbcrypt

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
rm -rf "$work"
