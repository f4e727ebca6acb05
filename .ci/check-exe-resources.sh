#!/usr/bin/env bash
# Reads the resource section of the Windows jixiao.exe back (build.rs puts it there) and
# fails unless it holds an icon group with 16, 32 and 48 px images and version information
# in the 080404b0 (zh-CN, Unicode) block: FileDescription 部门整体支出绩效自评, ProductName
# jixiao 绩效自评, and FileVersion/ProductVersion equal to Cargo.toml's version (0.1.0 -> 0.1.0.0).
#
#   .ci/check-exe-resources.sh                  # target/x86_64-pc-windows-gnu/release/jixiao.exe
#   .ci/check-exe-resources.sh path/to/some.exe
#
# Parses the PE file with Debian's python3-pefile, installed when missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
exe=${1:-$root/target/x86_64-pc-windows-gnu/release/jixiao.exe}
if [ ! -f "$exe" ]; then
  echo "check-exe-resources: $exe does not exist; run .ci/build-windows.sh first" >&2
  exit 1
fi

# Debian's interpreter by its path: pefile comes from apt, which a pyenv python3 does not see.
python=/usr/bin/python3
if ! "$python" -c 'import pefile' >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 python3-pefile >/dev/null
fi

PYTHONIOENCODING=utf-8 "$python" - "$exe" "$root/Cargo.toml" <<'PY'
import re, struct, sys, tomllib
import pefile

exe, cargo_toml = sys.argv[1], sys.argv[2]
with open(cargo_toml, "rb") as f:
    cargo_version = tomllib.load(f)["package"]["version"]
m = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?", cargo_version)
if not m:
    sys.exit(f"check-exe-resources: cannot read Cargo.toml's version {cargo_version!r}")
major, minor, patch, pre = int(m[1]), int(m[2]), int(m[3]), m[4]
want = {
    "FileDescription": "部门整体支出绩效自评",
    "ProductName": "jixiao 绩效自评",
    "FileVersion": f"{major}.{minor}.{patch}.0",
    "ProductVersion": f"{major}.{minor}.{patch}.0" + (f"-{pre}" if pre else ""),
}
RT_ICON, RT_GROUP_ICON, RT_VERSION = 3, 14, 16
problems = []

pe = pefile.PE(exe, fast_load=True)
pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_RESOURCE"]])
resources = {}  # type id -> {name id: [raw bytes of each language]}
directory = getattr(pe, "DIRECTORY_ENTRY_RESOURCE", None)  # pefile parses VS_VERSIONINFO with it
for rtype in directory.entries if directory else []:
    for name in rtype.directory.entries:
        for lang in name.directory.entries:
            raw = pe.get_data(lang.data.struct.OffsetToData, lang.data.struct.Size)
            resources.setdefault(rtype.id, {}).setdefault(name.id, []).append(raw)
if not resources:
    sys.exit(f"check-exe-resources: FAIL: {exe} has no resources at all (no .rsrc section?)")

# The icon group: a GRPICONDIR whose entries name RT_ICON images that exist.
sizes = []
groups = resources.get(RT_GROUP_ICON, {})
if not groups:
    problems.append("no icon group (RT_GROUP_ICON): Explorer would show the default exe icon")
for gid, raws in groups.items():
    raw = raws[0]
    _, kind, count = struct.unpack_from("<HHH", raw, 0)
    for i in range(count):
        w, h, _, _, _, bits, _, icon_id = struct.unpack_from("<BBBBHHIH", raw, 6 + 14 * i)
        if icon_id not in resources.get(RT_ICON, {}):
            problems.append(f"icon group {gid} names icon {icon_id}, which is missing")
        sizes.append(w or 256)
missing = sorted({16, 32, 48} - set(sizes))
if groups and missing:
    problems.append(f"the icon group lacks sizes {missing} px (has {sorted(set(sizes))})")

# The version information.
strings, translations, fixed = {}, [], None
if RT_VERSION not in resources:
    problems.append("no version information (RT_VERSION): file properties would show no 文件说明")
else:
    for info in getattr(pe, "FileInfo", []):
        for entry in info:
            for table in getattr(entry, "StringTable", []):
                strings[table.LangID.decode()] = {k.decode(): v.decode("utf-8") for k, v in table.entries.items()}
            for var in getattr(entry, "Var", []):
                translations.extend(var.entry.values())
    if getattr(pe, "VS_FIXEDFILEINFO", None):
        fixed = pe.VS_FIXEDFILEINFO[0]
    raw_version = resources[RT_VERSION][min(resources[RT_VERSION])][0]
    block = strings.get("080404b0")
    if block is None:
        problems.append(f"no 080404b0 (Chinese Simplified, Unicode) string block; blocks: {sorted(strings)}")
    else:
        for key, value in want.items():
            if block.get(key) != value:
                problems.append(f"{key} is {block.get(key)!r}, expected {value!r}")
        # Independent of pefile's decoding: the UTF-16 text Windows reads is in the resource.
        if want["FileDescription"].encode("utf-16-le") not in raw_version:
            problems.append("the UTF-16 bytes of FileDescription are not in the version resource")
    if not any("0x0804" in t for t in translations):
        problems.append(f"VarFileInfo Translation lacks 0x0804 (zh-CN): {translations}")
    want_ms, want_ls = (major << 16) | minor, patch << 16
    if fixed is None:
        problems.append("no VS_FIXEDFILEINFO")
    elif (fixed.FileVersionMS, fixed.FileVersionLS, fixed.ProductVersionMS, fixed.ProductVersionLS) != (
        want_ms, want_ls, want_ms, want_ls):
        got = f"{fixed.FileVersionMS >> 16}.{fixed.FileVersionMS & 0xffff}.{fixed.FileVersionLS >> 16}.{fixed.FileVersionLS & 0xffff}"
        problems.append(f"VS_FIXEDFILEINFO FILEVERSION is {got}, expected {want['FileVersion']}")

if problems:
    print(f"check-exe-resources: FAIL: {exe}", file=sys.stderr)
    for p in problems:
        print(f"  - {p}", file=sys.stderr)
    sys.exit(1)
block = strings["080404b0"]
print(f"check-exe-resources: ok: {exe}")
print(f"  icon group: {len(sizes)} images, {', '.join(str(s) for s in sizes)} px")
for key in ("FileDescription", "ProductName", "FileVersion", "ProductVersion", "OriginalFilename", "LegalCopyright"):
    print(f"  {key}: {block.get(key)}")
print(f"  Cargo.toml version: {cargo_version}")
PY
