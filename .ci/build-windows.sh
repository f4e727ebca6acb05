#!/usr/bin/env bash
# Builds the release jixiao.exe for Windows (x86_64-pc-windows-gnu) on Linux:
# rustup's target plus Debian's mingw-w64 linker (named in .cargo/config.toml) and windres.
# Output: target/x86_64-pc-windows-gnu/release/jixiao.exe, with an icon and version
# information (.ci/check-exe-resources.sh reads them back). Runs on Windows 10 or later.
set -euo pipefail
cd "$(dirname "$0")/.."
# gcc links the exe; binutils' windres compiles its icon and version information (build.rs).
if ! command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || ! command -v x86_64-w64-mingw32-windres >/dev/null 2>&1; then
  apt-get install -y -qq --no-install-recommends gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 >/dev/null
fi
rustup target add x86_64-pc-windows-gnu >/dev/null
cargo build --release --locked --target x86_64-pc-windows-gnu
ls -l target/x86_64-pc-windows-gnu/release/jixiao.exe
