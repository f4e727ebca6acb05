#!/usr/bin/env python3
"""Checks jixiao's workbooks in a real office suite (LibreOffice, headless).

For every sample: run jixiao (--json), strip every cached formula result from
the output so that LibreOffice must recalculate, open it with a profile set to
always recalculate, export 月度分析 as CSV (values as shown) and check that its
amounts and grades equal jixiao's. Print every workbook to PDF as LibreOffice
lays it out on A4 and check that each chart is whole on one page: its title,
legend and last month label on the same page, in that order. Then render
月度分析 of the first sample to PNG. Usage: office-check.py JIXIAO_BINARY SAMPLES_DIR OUT_DIR

Issue 21 adds, for the seed's ledger: as of 15 August 2017 (August in progress)
every text and the months ahead recalculate as jixiao wrote them and follow an
edited amount; a two-year book's 上年同期 and 同比 likewise.

Issue 19 adds, for every sample (points 1, 4 and 7):
- an edited amount (February set to 20.00) and an edited budget, each
  recalculated by LibreOffice: the month's 绩效等级 regrades, its 情况分析 and
  the 综合评价结论 become the notice naming the ledger's figure, the other
  months keep their text; unedited, no text is a notice;
- the printed pages of 月度分析 and 自评指标体系 hold no program words (a flag,
  参数, 四舍五入（远离零）, 原表, jixiao) and no chart data; both sheets have a
  print area;
- each month row of 月度分析 is as tall as its 情况分析 needs in the widest CJK
  font (neither Excel nor LibreOffice fits rows on opening a file), the
  charts read no cell of a printed table, the charts' page carries no
  repeated table header, chart 1's standard lines are empty after the last
  due month, 明细 has a page header and no two columns with the same header.
"""
import csv
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
# Comma, double quote, UTF-8, from line 1, values as shown, first sheet (月度分析).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,1"
# The same, every sheet (one file each, named after the sheet).
CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
# Words of the program, never on the sheets handed in.
PROGRAM_WORDS = ["--", "参数", "远离零", "四舍五入", "原表", "jixiao", "图表数据"]
NOTICE = "已改动"
EDITED_AMOUNT = "20"


def soffice(profile: Path, out: Path, target: str, source: Path) -> None:
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", str(out), str(source)],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300,
    )


def strip_cached_results(source: Path, target: Path) -> int:
    """Copies an xlsx without the <v> of formula cells; returns how many were stripped."""
    stripped = 0
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                text, count = re.subn(r'(<c [^>]*?)( t="str")?(>\s*<f>[^<]*</f>)\s*<v>[^<]*</v>', r"\1\3", text)
                stripped += count
                data = text.encode("utf-8")
            zout.writestr(item, data)
    return stripped


# Each chart of 月度分析: its title, then (below it, on the same printed page)
# its legend entries and the last category label.
CHARTS = {
    "各月支出与绩效标准（万元）": ["支出金额", "优秀线", "及格线", "十二月"],
    "累计执行率与序时进度": ["累计执行率", "序时进度", "十二月"],
}


def check_charts(sample: Path, pdf: Path) -> list:
    """Every chart whole on one printed page: nothing of it carried to the next."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    pages = text.split("\f")
    problems = []
    for title, parts in CHARTS.items():
        found = [(number, page) for number, page in enumerate(pages, 1) if title in page]
        if not found:
            problems.append(f"{sample.name}: chart 「{title}」 is not on any printed page")
        for number, page in found:
            below = page[page.index(title):]
            missing = [part for part in parts if part not in below]
            if missing:
                problems.append(f"{sample.name}: chart 「{title}」 is cut at the end of page {number} "
                                f"({'、'.join(missing)} not on that page)")
    if not problems:
        print(f"{sample.name}: {len(pages) - 1} printed pages, every chart whole on its page")
    return problems


def edit_cell(source: Path, target: Path, sheet: str, cell: str, value: str) -> None:
    """Copies an xlsx with `cell` of `sheet` (xl/worksheets/sheetN.xml) set to the number `value`."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == f"xl/worksheets/{sheet}.xml":
                text = data.decode("utf-8")
                text, count = re.subn(rf'<c r="{cell}"( s="\d+")?(/>|>.*?</c>)',
                                      rf'<c r="{cell}"\1><v>{value}</v></c>', text, count=1)
                if count != 1:
                    raise RuntimeError(f"{cell} not found in {sheet}")
                data = text.encode("utf-8")
            zout.writestr(item, data)


def recalculated_sheets(profile: Path, out: Path, workbook: Path, tag: str) -> dict:
    """Every sheet of `workbook` as LibreOffice recalculates it: {name: rows}."""
    stripped = out / f"{workbook.stem}_{tag}.xlsx"
    strip_cached_results(workbook, stripped)
    soffice(profile, out, CSV_ALL_SHEETS, stripped)
    sheets = {}
    for csv_file in out.glob(f"{stripped.stem}-*.csv"):
        name = csv_file.stem[len(stripped.stem) + 1:]
        sheets[name] = list(csv.reader(open(csv_file, encoding="utf-8")))
    return sheets


def cached_texts(workbook: Path, sheet_file: str) -> dict:
    """The text results jixiao stored with the formulas of a sheet: {(row, column): text}."""
    import html
    with zipfile.ZipFile(workbook) as z:
        xml = z.read(f"xl/worksheets/{sheet_file}.xml").decode("utf-8")
    texts = {}
    for ref, value in re.findall(r'<c r="([A-Z]+\d+)"[^>]*t="str"[^>]*><f>[^<]*</f><v>([^<]*)</v>', xml):
        letters, digits = re.match(r"([A-Z]+)(\d+)", ref).groups()
        column = 0
        for letter in letters:
            column = column * 26 + ord(letter) - 64
        texts[(int(digits) - 1, column - 1)] = html.unescape(value)
    return texts


def same_texts(sample: str, sheet: str, cached: dict, rows: list) -> list:
    """Every text formula shows, recalculated by LibreOffice, what jixiao stored."""
    problems = []
    for (row, column), text in sorted(cached.items()):
        got = rows[row][column] if row < len(rows) and column < len(rows[row]) else ""
        if got != text and not (text == " " and got == " "):
            problems.append(f"{sample}: {sheet} row {row + 1} column {column + 1}: LibreOffice {got[:50]!r}, "
                            f"jixiao {text[:50]!r}")
    return problems


def check_breakdown(binary: str, sample: Path, out: Path, profile: Path) -> list:
    """分项执行 (the seed's own items): LibreOffice's 说明 and note are jixiao's."""
    folder = out / "breakdown"
    folder.mkdir(exist_ok=True)
    ledger = folder / sample.name
    ledger.write_bytes(sample.read_bytes())
    (folder / "jixiao.toml").write_text(
        'budget = 322.95\n[breakdown]\n"工资福利支出" = 205.28\n"社会保障缴费" = 53.60\n"包干经费" = 14.70\n'
        '"工会经费" = 3.60\n"办公取暖" = 3.24\n"体检费" = 0.90\n"住房公积金" = 21.57\n"福利费" = 0.05\n',
        encoding="utf-8")
    subprocess.run([binary, "--overwrite", "--no-docx", str(ledger)], check=True, capture_output=True)
    workbook = folder / f"{sample.stem}_绩效自评.xlsx"
    sheets = recalculated_sheets(profile, folder, workbook, "recalc")
    problems = same_texts(sample.name, "分项执行", cached_texts(workbook, "sheet3"), sheets["分项执行"])
    words = [row[-1] for row in sheets["分项执行"] if row and row[0] == "办公取暖"]
    if not words or not words[0].startswith("已超出全年预算14.33万元"):
        problems.append(f"{sample.name}: 分项执行's 办公取暖 (542 %) says {words!r}")
    monthly_total = sheets["月度分析"][14][1]
    total = [row[2] for row in sheets["分项执行"] if row and row[0] == "合计"]
    if total != [monthly_total]:
        problems.append(f"{sample.name}: 分项执行's 合计 {total} beside 月度分析's {monthly_total}")
    if not problems:
        print(f"{sample.name}: 分项执行 recalculated by LibreOffice: 合计 {monthly_total} as 月度分析's, "
              f"the 542 % line has its sentence, every text as jixiao wrote it")
    return problems


def check_edits(sample: Path, workbook: Path, result: dict, out: Path, profile: Path) -> list:
    """Point 1: after an edit, no text contradicts the cells beside it."""
    problems = []
    months = result["years"][-1]["months"]
    due = [m for m in months if m["grade"]]
    plain = recalculated_sheets(profile, out, workbook, "plain")["月度分析"]
    header = plain[0]
    note, grade, amount = header.index("情况分析"), header.index("绩效等级"), header.index("支出金额（万元）")
    problems += same_texts(sample.name, "月度分析", cached_texts(workbook, "sheet1"), plain)
    noticed = [row[0] for row in plain[1:13] if NOTICE in row[note]]
    if noticed or NOTICE in plain[17][0]:
        problems.append(f"{sample.name}: unedited, LibreOffice shows a notice ({'、'.join(noticed) or '综合评价结论'})")
    # February, or the first due month when February is not due.
    month = next((m for m in due if m["month"] == 2), due[0])
    row = month["month"]
    edited = out / f"{workbook.stem}_edited-amount.xlsx"
    edit_cell(workbook, edited, "sheet1", f"B{row + 1}", EDITED_AMOUNT)
    sheet = recalculated_sheets(profile, out, edited, "recalc")["月度分析"]
    ledger = f"{float(month['amount_wan']):.2f}"
    want = f"支出金额已改动（台账合计{ledger}万元），请重新生成本月情况分析"
    if sheet[row][note] != want:
        problems.append(f"{sample.name}: month {row} set to {EDITED_AMOUNT}: 情况分析 {sheet[row][note]!r}, want {want!r}")
    if sheet[row][grade] != "中等":
        problems.append(f"{sample.name}: month {row} set to {EDITED_AMOUNT}: graded {sheet[row][grade]!r}, want 中等")
    conclusion = sheet[17][0]
    if not conclusion.startswith("支出金额已改动（台账") or f"本表合计" not in conclusion:
        problems.append(f"{sample.name}: month {row} edited: 综合评价结论 reads {conclusion[:60]!r}")
    for other in range(1, 13):
        if other != row and sheet[other][note] != plain[other][note]:
            problems.append(f"{sample.name}: month {row} edited, month {other}'s 情况分析 changed too")
    budget = out / f"{workbook.stem}_edited-budget.xlsx"
    edit_cell(workbook, budget, "sheet2", "B1", "500")
    sheet = recalculated_sheets(profile, out, budget, "recalc")["月度分析"]
    for m in due:
        if not sheet[m["month"]][note].startswith("预算收入或评定标准已改动"):
            problems.append(f"{sample.name}: budget edited: month {m['month']}'s 情况分析 reads {sheet[m['month']][note][:40]!r}")
    if not sheet[17][0].startswith("预算收入或评定标准已改动"):
        problems.append(f"{sample.name}: budget edited: 综合评价结论 reads {sheet[17][0][:40]!r}")
    # Point 7: chart 1's standard lines (hidden columns N–Q) stop with the due months.
    for m in months:
        lines = plain[m["month"]][13:17]
        if m["grade"] and not all(lines):
            problems.append(f"{sample.name}: month {m['month']} is due but chart 1's lines are empty: {lines}")
        if not m["grade"] and any(lines):
            problems.append(f"{sample.name}: month {m['month']} is not due but chart 1's lines go on: {lines}")
    if not problems:
        print(f"{sample.name}: month {row} and the budget edited in LibreOffice: regraded, "
              f"情况分析 and 综合评价结论 became the notice; chart 1's lines stop at month {due[-1]['month']}")
    return problems


def check_print(sample: Path, workbook: Path, pdf: Path) -> list:
    """Points 4 and 7 on the printed pages and in the package."""
    problems = []
    with zipfile.ZipFile(workbook) as z:
        names = z.read("xl/workbook.xml").decode("utf-8")
        monthly = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
        detail_index = re.findall(r'<sheet name="([^"]+)"', names).index("明细") + 1
        detail = z.read(f"xl/worksheets/sheet{detail_index}.xml").decode("utf-8")
        refs = [ref for name in z.namelist() if name.startswith("xl/charts/chart")
                for ref in re.findall(r"<c:f>([^<]*)</c:f>", z.read(name).decode("utf-8"))]
    # Chart data: the table's own amounts and months (A, B), else hidden columns past K.
    for ref in refs:
        sheet, _, cells = ref.rpartition("!")
        columns = re.findall(r"\$([A-Z]+)\$", cells)
        if "月度分析" not in sheet or any(c not in ("A", "B") and len(c) == 1 and c <= "K" for c in columns):
            problems.append(f"{sample.name}: a chart reads {ref}, inside a printed table")
    for sheet_id, sheet in ((0, "月度分析"), (1, "自评指标体系")):
        if not re.search(rf'<definedName name="_xlnm.Print_Area" localSheetId="{sheet_id}">', names):
            problems.append(f"{sample.name}: {sheet} has no print area")
    # Neither Excel nor LibreOffice fits rows on opening: each month's row is as
    # tall as its 情况分析 needs in the widest CJK font (2.1 columns a character).
    for row in range(2, 14):
        found = re.search(rf'(<row r="{row}"[^>]*>).*?<c r="G{row}"[^>]*><f>.*?</f><v>([^<]*)</v>', monthly)
        if not found:
            problems.append(f"{sample.name}: 月度分析 row {row} has no 情况分析")
            continue
        ht = re.search(r' ht="([\d.]+)"', found.group(1))
        height, note = float(ht.group(1)) if ht else 15.0, found.group(2)
        used = sum(1.1 if ord(c) < 128 else 2.1 for c in note)
        lines = max(1, -(-used // 58))
        if height < 15 * lines:
            problems.append(f"{sample.name}: 月度分析 row {row} is {height} points for {int(lines)} lines")
    if "<oddHeader>" not in detail:
        problems.append(f"{sample.name}: 明细 has no page header")
    first_row = re.search(r'<row r="1".*?</row>', detail).group(0)
    headers = re.findall(r"<t>([^<]*)</t>", first_row)
    doubled = sorted({h for h in headers if headers.count(h) > 1})
    if doubled:
        problems.append(f"{sample.name}: 明细 has columns with the same header: {'、'.join(doubled)}")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    pages = text.split("\f")
    # 月度分析's table and 自评指标体系 both show 月均预算（万元）; the charts their titles.
    handed_in = [p for p in pages if "月均预算（万元）" in p or any(title in p for title in CHARTS)]
    if len(handed_in) < 3:
        problems.append(f"{sample.name}: only {len(handed_in)} pages of 月度分析 and 自评指标体系 found")
    for page in handed_in:
        words = [w for w in PROGRAM_WORDS if w in page]
        if words:
            problems.append(f"{sample.name}: program words on a page handed in: {'、'.join(words)}")
    for page in pages:
        # (pdftotext also lists, on the table's page, the text of the charts clipped there)
        if any(title in page for title in CHARTS) and "情况分析" in page and "综合评价结论" not in page:
            problems.append(f"{sample.name}: a chart page carries the table's header over nothing")
    if not problems:
        print(f"{sample.name}: no program words or chart data on {len(handed_in)} pages handed in; "
              f"rows as tall as their text; charts read hidden columns; 明细 headed, {len(headers)} distinct column headers")
    return problems


def check_sample(binary: str, sample: Path, out: Path, profile: Path) -> list:
    run = subprocess.run([binary, "--budget", "322.95", "--json", "--overwrite", "--out-dir", str(out), str(sample)],
                         check=True, capture_output=True, text=True)
    result = json.loads(run.stdout)["files"][0]
    workbook = Path(result["output"])
    recalc = out / (sample.stem + "_recalc.xlsx")
    stripped = strip_cached_results(workbook, recalc)
    if stripped < 100:
        return [f"{sample.name}: only {stripped} formulas found to strip"]
    soffice(profile, out, CSV_FILTER, recalc)
    rows = list(csv.reader(open(out / (recalc.stem + "-月度分析.csv"), encoding="utf-8")))
    header = rows[0]
    amount, grade = header.index("支出金额（万元）"), header.index("绩效等级")
    problems = []
    for month, row in zip(result["years"][-1]["months"], rows[1:13]):
        want_grade = month["grade"] or "未到期"
        want_amount = month["amount_wan"] if month["grade"] else ""
        got_amount = row[amount].replace(",", "")
        if (got_amount, row[grade]) != (want_amount, want_grade):
            problems.append(f"{sample.name} month {month['month']}: LibreOffice {got_amount!r} {row[grade]!r}, "
                            f"jixiao {want_amount!r} {want_grade!r}")
    print(f"{sample.name}: {stripped} formulas recalculated by LibreOffice, 12 months agree" if not problems
          else f"{sample.name}: {len(problems)} months differ")
    soffice(profile, out, "pdf", workbook)
    problems += check_charts(sample, out / (workbook.stem + ".pdf"))
    problems += check_print(sample, workbook, out / (workbook.stem + ".pdf"))
    problems += check_edits(sample, workbook, result, out, profile)
    return problems


def check_as_of(binary: str, sample: Path, out: Path, profile: Path) -> list:
    """Issue 21: as of 15 August 2017 August is in progress; with 2016 in the book,
    上年同期 and 同比 stand beside 2017. LibreOffice recalculates every text and
    figure as jixiao stored it (the months ahead, the month in progress, the
    comparison), and the months ahead follow an edited amount."""
    problems = []
    folder = out / "as-of"
    folder.mkdir(exist_ok=True)
    run = subprocess.run([binary, "--budget", "322.95", "--as-of", "2017-08-28", "--json", "--overwrite",
                          "--no-docx", "--out-dir", str(folder), str(sample)],
                         check=True, capture_output=True, text=True)
    result = json.loads(run.stdout)["files"][0]
    workbook = Path(result["output"])
    sheets = recalculated_sheets(profile, folder, workbook, "recalc")
    monthly = sheets["月度分析"]
    problems += same_texts(sample.name, "月度分析 (as of 2017-08-28)", cached_texts(workbook, "sheet1"), monthly)
    problems += same_texts(sample.name, "自评指标体系 (as of 2017-08-28)", cached_texts(workbook, "sheet2"),
                           sheets["自评指标体系"])
    header = monthly[0]
    if monthly[8][header.index("绩效等级")] != "进行中":
        problems.append(f"{sample.name}: as of 2017-08-28 August is {monthly[8][header.index('绩效等级')]!r}")
    needed = [row[2] for row in monthly if row and row[0] in ("八月", "九月", "十二月") and len(row) > 2]
    if needed[-3:] != ["9.90", "9.90", "9.90"]:
        problems.append(f"{sample.name}: as of 2017-08-28 the months ahead need {needed!r}, want 9.90 each")
    # An edited amount: the months ahead follow (July set to 20.00: (322.95 − 251.74) ÷ 5 = 14.24).
    edited = folder / f"{workbook.stem}_edited-july.xlsx"
    edit_cell(workbook, edited, "sheet1", "B8", EDITED_AMOUNT)
    after = recalculated_sheets(profile, folder, edited, "recalc")["月度分析"]
    needed = [row[2] for row in after if row and row[0] == "十二月" and len(row) > 2]
    sentence = [row[0] for row in after if row and row[0].startswith("全年预算收入")]
    if needed[-1:] != ["14.24"] or not sentence or "平均每月还需支出14.24万元" not in sentence[0]:
        problems.append(f"{sample.name}: July edited, the months ahead read {needed!r} {sentence!r}")
    try:
        import openpyxl
    except ImportError:
        return problems + ["openpyxl is missing: the previous-year check cannot be made"]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "明细账"
    sheet.append(["日期", "摘要", "金额（元）"])
    import datetime
    for month in range(1, 13):
        sheet.append([datetime.date(2016, month, 10), "办公费", 300000 if month == 3 else 200000])
    for month in range(1, 9):
        sheet.append([datetime.date(2017, month, 10), "办公费", 270000])
    two_years = folder / "两年.xlsx"
    book.save(two_years)
    run = subprocess.run([binary, "--budget", "2016=240", "--budget", "2017=322.95", "--json", "--overwrite",
                          "--no-docx", str(two_years)], check=True, capture_output=True, text=True)
    workbook = Path(json.loads(run.stdout)["files"][0]["output"])
    sheets = recalculated_sheets(profile, folder, workbook, "recalc")
    monthly = sheets["月度分析"]
    problems += same_texts(two_years.name, "月度分析 (上年同期)", cached_texts(workbook, "sheet1"), monthly)
    header = monthly[0]
    if "同比" not in header or monthly[1][header.index("同比")] not in ("35.0%",):
        problems.append(f"{two_years.name}: 同比 of January reads {monthly[1]!r}")
    if not problems:
        print(f"{sample.name}: as of 2017-08-28, August in progress and the months ahead recalculated by LibreOffice "
              f"as jixiao wrote them, and they follow an edited July; 上年同期 and 同比 of a two-year book likewise")
    return problems


def main() -> int:
    binary, samples, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    out.mkdir(parents=True, exist_ok=True)
    profile = out / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, encoding="utf-8")
    problems = []
    files = sorted(p for p in samples.iterdir() if p.suffix in (".xlsx", ".xls"))
    for sample in files:
        problems += check_sample(binary, sample, out, profile)
        if sample.name == "ledger-2017.xlsx":
            problems += check_breakdown(binary, sample, out, profile)
            problems += check_as_of(binary, sample, out, profile)
    # calc's PNG export is missing from libreoffice-calc-nogui: print to PDF, then
    # take page 1 (月度分析 is the first sheet) with poppler's pdftoppm.
    first = out / "ledger-2017_绩效自评.xlsx"
    soffice(profile, out, "pdf", first)
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(out / "ledger-2017_绩效自评.pdf"), str(out / "ledger-2017_绩效自评")], check=True)
    png = out / "ledger-2017_绩效自评.png"
    if not png.is_file() or png.stat().st_size < 10_000:
        problems.append("月度分析 was not rendered to PNG")
    else:
        print(f"rendered 月度分析 to {png} ({png.stat().st_size} bytes)")
    for problem in problems:
        print("DIFFERENT:", problem)
    print(f"office: {len(files) - len({p.split(':')[0] for p in problems})} passed, "
          f"{len({p.split(':')[0] for p in problems})} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
