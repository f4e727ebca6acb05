#!/usr/bin/env bash
# Checks the Linux builds the way a 统信 / 麒麟 user gets them (after .ci/build-linux.sh):
# - the aarch64 binary runs the sample under qemu-user and reproduces the seed's grades;
# - the x86_64 .deb installs with dpkg -i, `jixiao` from the PATH grades the sample, and the
#   package is removed again;
# - the desktop entry in the .deb passes desktop-file-validate;
# - started as the launcher starts it (JIXIAO_LAUNCHER=1, a terminal) jixiao asks for Enter;
#   from a shell it never waits.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v qemu-aarch64 >/dev/null 2>&1 || ! command -v desktop-file-validate >/dev/null 2>&1; then
  apt-get install -y -qq --no-install-recommends qemu-user desktop-file-utils >/dev/null
fi
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The seed's grades, January to August, from a --json run in $1 (a folder with the sample).
seed_grades() {
  python3 -c 'import json,sys
months = json.load(sys.stdin)["files"][0]["years"][0]["months"]
grades = [m["grade"] for m in months[:8]]
want = ["优秀", "差", "优秀", "优秀", "优秀", "优秀", "优秀", "良好"]
if grades != want:
    sys.exit(f"graded {grades}, expected {want}")'
}

mkdir -p "$work/arm" "$work/deb"
cp samples/ledger-2017.xlsx "$work/arm/"
qemu-aarch64 target/aarch64-unknown-linux-musl/release/jixiao --budget 322.95 --json "$work/arm/ledger-2017.xlsx" 2>/dev/null | seed_grades
file target/aarch64-unknown-linux-musl/release/jixiao | grep -q "ARM aarch64" || { echo "linux-check: not an aarch64 binary" >&2; exit 1; }
echo "linux: the aarch64 build under qemu-user reproduces the seed's grades"

deb="target/deb/jixiao_${version}_amd64.deb"
dpkg-deb -x "$deb" "$work/unpacked"
desktop-file-validate "$work/unpacked/usr/share/applications/jixiao.desktop"
grep -q '^Exec=env JIXIAO_LAUNCHER=1 jixiao %F$' "$work/unpacked/usr/share/applications/jixiao.desktop"
echo "linux: the desktop entry passes desktop-file-validate and takes files (%F)"

dpkg -i "$deb" >/dev/null
trap 'dpkg -r jixiao >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
test "$(command -v jixiao)" = /usr/bin/jixiao
cp samples/ledger-2017.xlsx "$work/deb/"
jixiao --budget 322.95 --json "$work/deb/ledger-2017.xlsx" 2>/dev/null | seed_grades
test -s "$work/deb/ledger-2017_绩效自评.xlsx"
echo "linux: the .deb installs with dpkg -i and jixiao from the PATH grades the sample"

# From a shell it never waits; from the launcher (a terminal, JIXIAO_LAUNCHER=1) it asks for
# Enter. `script` gives jixiao a terminal as the launcher's terminal window does.
said=$(jixiao --budget 322.95 --overwrite "$work/deb/ledger-2017.xlsx" 2>&1 </dev/null)
if printf '%s' "$said" | grep -q "按回车键"; then
  echo "linux-check: from a shell jixiao must not wait for Enter" >&2
  exit 1
fi
if command -v script >/dev/null 2>&1; then
  said=$(printf '\n' | JIXIAO_LAUNCHER=1 timeout 60 script -qec "jixiao --budget 322.95 --overwrite '$work/deb/ledger-2017.xlsx'" /dev/null 2>&1)
  printf '%s' "$said" | grep -q "按回车键关闭窗口" || { printf '%s\n' "$said" >&2; echo "linux-check: from the launcher jixiao must wait for Enter" >&2; exit 1; }
  echo "linux: from the launcher jixiao waits for Enter; from a shell it never does"
fi
dpkg -r jixiao >/dev/null
echo "linux: checks passed"
