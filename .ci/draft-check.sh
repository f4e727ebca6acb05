#!/usr/bin/env bash
# Checks a 自评报告 draft (.docx) as LibreOffice Writer lays it out: converts it
# to PDF, checks with pdftotext that every section heading (一、部门基本情况 …
# 七、其他需说明的情况) and each month's grade appear, that the month table's
# header sits on one line and its rows on as few pages as allowed, and that the
# draft closes with its 落款; renders page 1 to PNG.
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

# The month table compact (issue 19, point 7): its header on one line — 支出金额（万元）
# whole on the line with 月份 and 情况分析 — and its rows, 一月 to 合计, on at most
# JIXIAO_DRAFT_TABLE_PAGES pages (default 1: the seed's eight months fit one).
grep -E "^[[:space:]]*月份[[:space:]]" "$work/layout.txt" | grep -F "支出金额（万元）" | grep -qF "情况分析" ||
  fail "the month table's header is not on one line (支出金额（万元） wrapped?)"
table_pages=$(awk -v RS='\f' '
  !start && /(^|\n)[[:space:]]*月份[[:space:]]+支出金额/ { start = NR }
  start && /(^|\n)[[:space:]]*合计[[:space:]]+[-0-9]/ { print NR - start + 1; exit }
' "$work/layout.txt")
[ -n "$table_pages" ] || fail "the month table (月份 … 合计) was not found"
[ "$table_pages" -le "${JIXIAO_DRAFT_TABLE_PAGES:-1}" ] ||
  fail "the month table runs over $table_pages pages (at most ${JIXIAO_DRAFT_TABLE_PAGES:-1})"

# The 落款: the last two lines of text are the unit and the date (or what asks for them).
tail_text=$(grep -v '^[[:space:]]*$' "$work/layout.txt" | grep -vE '^[[:space:]]*—[[:space:]]*[0-9]+[[:space:]]*—[[:space:]]*$' | tail -n 1 | tr -d ' \t\f')
case "$tail_text" in
  *日期】* | *年*月*日*) ;;
  *) fail "the draft does not close with a date (落款): last line 「$tail_text」" ;;
esac

pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}' || true)
pdftoppm -f 1 -l 1 -r "$dpi" -png -singlefile "$pdf" "$work/page1"
mkdir -p "$(dirname "$png")"
cp "$work/page1.png" "$png"
echo "draft-check: $docx: ${pages:-?} pages; 7 section headings and $(echo $grades | wc -w) month grades found; month table on $table_pages page(s), header on one line; 落款 found; page 1 at ${dpi} dpi in $png"
