#!/usr/bin/env bash
# Builds jixiao for Linux desktops (统信 UOS, 银河麒麟 on 海光 / 兆芯 x86_64 and 鲲鹏 / 飞腾
# aarch64) as static musl binaries — no glibc needed, so they run on the oldest supported
# releases (glibc 2.28) — and packs a .deb for each with .ci/package-deb.sh.
# Output: target/{x86_64,aarch64}-unknown-linux-musl/release/jixiao and
# target/deb/jixiao_<version>_{amd64,arm64}.deb.
#
# loongarch64 (龙芯) is not built: rustup's mirror here has no rust-std for
# loongarch64-unknown-linux-{musl,gnu} (404), and Debian 12 has no loongarch64 cross gcc.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
  apt-get install -y -qq --no-install-recommends gcc-aarch64-linux-gnu dpkg-dev >/dev/null
fi
rustup target add x86_64-unknown-linux-musl aarch64-unknown-linux-musl >/dev/null
for target in x86_64-unknown-linux-musl aarch64-unknown-linux-musl; do
  cargo build --release --locked --target "$target"
done
bash .ci/package-deb.sh x86_64-unknown-linux-musl amd64
bash .ci/package-deb.sh aarch64-unknown-linux-musl arm64
