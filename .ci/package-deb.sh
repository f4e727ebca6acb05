#!/usr/bin/env bash
# Packs a built static jixiao into a .deb for 统信 UOS / 银河麒麟 (and any Debian-like desktop):
#
#   .ci/package-deb.sh x86_64-unknown-linux-musl amd64
#   .ci/package-deb.sh aarch64-unknown-linux-musl arm64
#
# Installs /usr/bin/jixiao, an icon, and a desktop entry that takes files (%F) of the
# spreadsheet types jixiao reads, so that a ledger can be dropped on the launcher or opened
# with 打开方式 → jixiao. The entry runs jixiao in a terminal window (Terminal=true) with
# JIXIAO_LAUNCHER=1, which makes jixiao wait for Enter before the window closes; from a
# shell it never waits. Built with dpkg-deb (Debian's own packager, always present where
# .deb packages are made); no dependencies: the binary is static. Output:
# target/deb/jixiao_<version>_<arch>.deb
set -euo pipefail
cd "$(dirname "$0")/.."

target=$1
arch=$2
binary="target/$target/release/jixiao"
test -x "$binary" || { echo "package-deb: build $binary first (.ci/build-linux.sh)" >&2; exit 1; }
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/jixiao_${version}_${arch}"
install -Dm755 "$binary" "$root/usr/bin/jixiao"

# The same icon as jixiao.exe's (build.rs): a dark-red rounded square, three rising white bars.
install -d "$root/usr/share/icons/hicolor/scalable/apps"
cat > "$root/usr/share/icons/hicolor/scalable/apps/jixiao.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
  <rect x="2" y="2" width="60" height="60" rx="12" fill="#8B1A1A"/>
  <rect x="13" y="34" width="9" height="16" fill="#FFFFFF"/>
  <rect x="27.5" y="25" width="9" height="25" fill="#FFFFFF"/>
  <rect x="42" y="15" width="9" height="35" fill="#FFFFFF"/>
  <rect x="10" y="51" width="44" height="3" fill="#FFFFFF"/>
</svg>
SVG

install -d "$root/usr/share/applications"
cat > "$root/usr/share/applications/jixiao.desktop" <<'DESKTOP'
[Desktop Entry]
Type=Application
Version=1.0
Name=jixiao
Name[zh_CN]=部门整体支出绩效自评
GenericName=Performance self-assessment
GenericName[zh_CN]=绩效自评
Comment=Grades a department's monthly spending from its ledger and writes the self-assessment workbook
Comment[zh_CN]=把台账拖到这里：按月评定支出绩效，在台账旁生成自评工作簿和自评报告草稿
Exec=env JIXIAO_LAUNCHER=1 jixiao %F
Icon=jixiao
Terminal=true
Categories=Office;Finance;
MimeType=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;application/vnd.ms-excel;application/vnd.ms-excel.sheet.macroEnabled.12;application/vnd.ms-excel.sheet.binary.macroEnabled.12;application/vnd.oasis.opendocument.spreadsheet;application/wps-office.et;application/wps-office.xlsx;application/wps-office.xls;text/csv;
Keywords=绩效;自评;台账;预算;budget;ledger;
DESKTOP

install -d "$root/usr/share/doc/jixiao"
cat > "$root/usr/share/doc/jixiao/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: jixiao
License: MIT OR Apache-2.0
COPYRIGHT

install -d "$root/DEBIAN"
size=$(du -sk "$root/usr" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: jixiao
Version: $version
Architecture: $arch
Maintainer: jixiao <jixiao@localhost>
Installed-Size: $size
Section: utils
Priority: optional
Description: 部门整体支出绩效自评 (department spending performance self-assessment)
 Reads a department's ledger (xlsx, xls, et, ods, csv and the exports of
 财务软件), grades each month's spending against the budget and writes the
 self-assessment workbook and a draft of the 自评报告 beside it.
 Static binary: runs on 统信 UOS and 银河麒麟 (glibc 2.28 or any other libc).
CONTROL

mkdir -p target/deb
dpkg-deb --root-owner-group --build "$root" "target/deb/jixiao_${version}_${arch}.deb" >/dev/null
ls -l "target/deb/jixiao_${version}_${arch}.deb"
