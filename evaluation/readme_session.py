"""Replay the README's sample session in a scratch copy of the project and print it.

    .venv/bin/python evaluation/readme_session.py > /tmp/session.txt

Every command of the README's ``console`` block runs for real, in order, in a
temporary folder holding a copy of ``corpus/``; the steps a person does by hand
between commands (editing the returned 任务分工表, filling in a monitoring form,
breaking files on purpose) are done here with openpyxl and plain file writes.
The monitoring figures typed in are INVENTED (as the README says): they only show
what an import and a warning look like.  The README shows this output with long
listings cut where it marks them with "…".
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
KB = str(Path(sys.executable).with_name("kb"))
CORPUS_FILE = "gaotai-2022-women-children-development-plans.txt"


def run(folder: Path, line: str) -> None:
    """Print ``$ line`` and what the command prints, as a terminal would show it."""
    print(f"$ {line}")
    command = line.split("#", 1)[0].strip()
    shell = command.replace("kb ", f"{KB} ")
    result = subprocess.run(shell, shell=True, cwd=folder, capture_output=True, text=True)
    text = (result.stdout + result.stderr).rstrip()
    if text:
        print(text)
    print()


def edit_returned_form(folder: Path) -> None:
    """What a department does: W1-G2 gets 县妇联 and 医保 as partners."""
    book = openpyxl.load_workbook(folder / "任务分工表.xlsx")
    sheet = book.active
    header = next(r for r in sheet.iter_rows(min_row=1, max_row=3) if r[3].value == "编号")
    column = {cell.value: cell.column for cell in header}
    for row in sheet.iter_rows(min_row=header[0].row + 1):
        if row[column["编号"] - 1].value == "W1-G2":
            row[column["配合单位"] - 1].value = "县妇联、医保"
    book.save(folder / "收回的任务分工表.xlsx")


def break_returned_form(folder: Path) -> None:
    """A returned form with a wrong 编号 and two unknown department names."""
    book = openpyxl.load_workbook(folder / "任务分工表.xlsx")
    sheet = book.active
    sheet["D5"] = "W9-G1"
    sheet["G6"] = "县卫建局"
    sheet["H7"] = "县林草局"
    book.save(folder / "编号和单位写错.xlsx")


# INVENTED figures for the demonstration (not Gaotai's): two indicators, four years each.
FIGURES = {
    "W1-G2": {2021: 14, 2022: 13.1, 2023: 12.9, 2024: 13.5},
    "W1-G3": {2021: 52, 2022: 58, 2023: 63, 2024: 69},
}


def fill_monitoring_form(folder: Path, name: str) -> None:
    book = openpyxl.load_workbook(folder / name)
    sheet = book.active
    years = {cell.value: cell.column for cell in sheet[1]}
    for row in sheet.iter_rows(min_row=2):
        for year, value in FIGURES.get(str(row[0].value), {}).items():
            sheet.cell(row=row[0].row, column=years[str(year)], value=value)
    book.save(folder / name)


def break_corpus(folder: Path) -> None:
    """The three kinds of fault the last command shows: a typo, a bad value, a GBK file."""
    bad = folder / "有问题的目录"
    shutil.copytree(folder / "corpus", bad)
    plan = bad / CORPUS_FILE
    lines = plan.read_text(encoding="utf-8").split("\n")
    lines[572] = lines[572].replace("2.", "2，", 1)
    plan.write_text("\n".join(lines), encoding="utf-8")
    (bad / "monitoring.csv").write_text(
        "item,indicator,year,value,source,form,imported\nC3-G4,高中阶段教育毛入学率,2023,11.5%,,,\n",
        encoding="utf-8",
    )
    subjects = bad / "subjects.yaml"
    subjects.write_bytes(subjects.read_text(encoding="utf-8").encode("gb18030"))
    (bad / "assignments.yaml").unlink(missing_ok=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        shutil.copytree(ROOT / "corpus", folder / "corpus")
        (folder / "corpus" / "assignments.yaml").unlink(missing_ok=True)
        (folder / "corpus" / "monitoring.csv").unlink(missing_ok=True)
        for line in [
            "kb check",
            "kb build",
            "kb show W1-G2",
            "kb search 家暴 --limit 2",
            "kb dept 法院",
            "kb dept 法院 -o 任务分工表-法院.xlsx        # 格式按扩展名；目录不存在时自动创建",
            "kb dept --format xlsx -o 任务分工表.xlsx      "
            "# 发给各单位的表；在 Excel/WPS 中改“牵头单位”“配合单位”两列",
        ]:
            run(folder, line)
        edit_returned_form(folder)
        break_returned_form(folder)
        run(folder, "kb assign import 收回的任务分工表.xlsx --by 县妇儿工委办 --date 2026-12-15")
        run(folder, "kb build > /dev/null; kb show W1-G2        # 县妇联、医保 是收回的表里填的")
        run(folder, "kb assign import 编号和单位写错.xlsx        # 有问题的表整张不收，什么都不写")
        run(folder, "kb targets --numeric")
        run(folder, "kb monitor list --dept 民政局")
        form = "监测数据-县卫生健康局.xlsx"
        run(folder, f"kb monitor template --dept 卫健局 -o {form}")
        fill_monitoring_form(folder, form)
        run(
            folder, f"kb monitor import {form}       # 各单位填好交回后（以下数值为测试用虚构数据）"
        )
        subprocess.run([KB, "build"], cwd=folder, capture_output=True, check=True)
        run(folder, "kb monitor warnings")
        run(folder, "kb monitor report --year 2025 -o 中期评估.docx")
        run(folder, "kb links --subject 母婴传播")
        break_corpus(folder)
        run(folder, "kb check --corpus 有问题的目录      # 每个问题都指出文件、行号和应有的写法")


if __name__ == "__main__":
    main()
