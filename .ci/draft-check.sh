#!/usr/bin/env bash
# Checks a 自评报告 draft (.docx) as LibreOffice Writer lays it out: converts it
# to PDF, checks with pdftotext that every section heading (一、部门基本情况 …
# 七、其他需说明的情况) and each month's grade appear, and renders page 1 to PNG.
#
# Usage: .ci/draft-check.sh DRAFT.docx PAGE1.png
#
# The grades checked default to the seed's 2017 (samples/ledger-2017.xlsx at
# 322.95 万元); set JIXIAO_DRAFT_GRADES="一月=优秀 二月=差 …" for another ledger,
# or to "" to check the headings only. JIXIAO_DRAFT_DPI sets the PNG's
# resolution (default 80). Installs libreoffice-writer-nogui when Writer is
# missing (libreoffice-calc-nogui alone cannot open a .docx). Exits non-zero,
# saying why, when anything is missing.
set -euo pipefail

fail() {
  echo "draft-check: $*" >&2
  exit 1
}

[ $# -eq 2 ] || fail "usage: $0 DRAFT.docx PAGE1.png"
docx=$1
png=$2
[ -f "$docx" ] || fail "no such file: $docx"
command -v soffice >/dev/null || fail "soffice not found: install libreoffice-writer-nogui"
command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null ||
  fail "pdftotext / pdftoppm not found: install poppler-utils"

grades=${JIXIAO_DRAFT_GRADES-一月=优秀 二月=差 三月=优秀 四月=优秀 五月=优秀 六月=优秀 七月=优秀 八月=良好}
dpi=${JIXIAO_DRAFT_DPI:-80}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A throwaway profile, so that no user's settings (or a running office) interfere.
profile="$work/profile"
mkdir -p "$profile" "$work/out"

# Writer is a separate package; without it soffice cannot load a .docx at all.
has_writer() {
  if command -v dpkg >/dev/null; then
    dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 || dpkg -s libreoffice-writer >/dev/null 2>&1
  else
    true # not Debian: find out by converting
  fi
}
if ! has_writer; then
  echo "draft-check: LibreOffice Writer is missing; installing libreoffice-writer-nogui"
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    fail "LibreOffice Writer is missing: install libreoffice-writer-nogui (as root)"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui >/dev/null ||
    fail "could not install libreoffice-writer-nogui (run apt-get update first?)"
fi

# Copy under a plain ASCII name: the draft's real name is Chinese, and the PDF
# is then found without guessing how soffice spells it.
cp "$docx" "$work/draft.docx"
if ! timeout 300 soffice "-env:UserInstallation=file://$profile" --headless --norestore \
  --convert-to pdf --outdir "$work/out" "$work/draft.docx" >"$work/soffice.log" 2>&1 ||
  [ ! -s "$work/out/draft.pdf" ]; then
  cat "$work/soffice.log" >&2
  fail "LibreOffice could not convert $docx to PDF (is libreoffice-writer-nogui installed?)"
fi
pdf="$work/out/draft.pdf"

pdftotext -layout "$pdf" "$work/layout.txt"
# Headings are matched with all white space removed: justified lines may be
# spread out with spaces between characters.
tr -d ' \t\r\n\f' <"$work/layout.txt" >"$work/flat.txt"
missing=()
for heading in 一、部门基本情况 二、绩效自评工作情况 三、评价情况分析及综合评价结论 \
  四、存在的问题和整改情况 五、绩效自评结果应用 六、主要经验及做法 七、其他需说明的情况 \
  部门整体支出绩效自评报告 自评指标体系 综合评价结论; do
  grep -qF -- "$heading" "$work/flat.txt" || missing+=("$heading")
done
[ ${#missing[@]} -eq 0 ] || fail "not in the PDF's text: ${missing[*]}"

# Each month's row of the monthly table: the month's name and its grade on one
# line (the cells are vertically centred, so they share a line of the layout).
wrong=()
for pair in $grades; do
  month=${pair%%=*}
  grade=${pair#*=}
  grep -E "^[[:space:]]*${month}[[:space:]]" "$work/layout.txt" | grep -qE "[[:space:]]${grade}([[:space:]]|$)" ||
    wrong+=("$month $grade")
done
[ ${#wrong[@]} -eq 0 ] || fail "grades not found in the monthly table: ${wrong[*]}"

pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}' || true)
pdftoppm -f 1 -l 1 -r "$dpi" -png -singlefile "$pdf" "$work/page1"
mkdir -p "$(dirname "$png")"
cp "$work/page1.png" "$png"
echo "draft-check: $docx: ${pages:-?} pages; 7 section headings and $(echo $grades | wc -w) month grades found; page 1 at ${dpi} dpi in $png"
