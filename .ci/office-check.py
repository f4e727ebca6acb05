#!/usr/bin/env python3
"""Checks jixiao's workbooks in a real office suite (LibreOffice, headless).

For every sample: run jixiao (--json), strip every cached formula result from
the output so that LibreOffice must recalculate, open it with a profile set to
always recalculate, export 月度分析 as CSV (values as shown) and check that its
amounts and grades equal jixiao's. Print every workbook to PDF as LibreOffice
lays it out on A4 and check that each chart is whole on one page: its title,
legend and last month label on the same page, in that order. Then render
月度分析 of the first sample to PNG. Usage: office-check.py JIXIAO_BINARY SAMPLES_DIR OUT_DIR
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
