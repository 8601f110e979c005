"""Time of `kb monitor import` on a form with every indicator filled for ten years (2021–2030).

    .venv/bin/python evaluation/bench_monitor_import.py [--runs 5]

The form is the real template (`kb monitor template`, all indicators) with
INVENTED values typed in (each within its unit's range); every run imports it
into a fresh copy of the corpus, as a whole `kb monitor import` process (its
start-up, reading the corpus, checking and merging, writing monitoring.csv).
The second import of the same form (nothing to change) is timed too.  A
benchmark, not a test.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
KB = [sys.executable, "-m", "kb"]
YEARS = range(2021, 2031)


def timed(argv: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def filled_form(folder: Path) -> tuple[Path, int]:
    template = folder / "template.xlsx"
    subprocess.run(
        [*KB, "monitor", "template", "-o", str(template), "--out", str(folder / "build")],
        cwd=folder,
        check=True,
        stderr=subprocess.DEVNULL,
    )
    workbook = openpyxl.load_workbook(template)
    sheet = workbook.active
    rng = random.Random(14)
    cells = 0
    for row in sheet.iter_rows(min_row=2):
        unit = row[2].value
        top = 100.0 if unit == "%" else 20.0
        for year in YEARS:
            row[5 + year - 2020].value = round(rng.uniform(0, top), 1)  # invented
            cells += 1
    path = folder / "监测数据-全部单位.xlsx"
    workbook.save(path)
    return path, cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copytree(ROOT / "corpus", folder / "corpus")
        subprocess.run(
            [*KB, "build", "--out", "build", "--site", "site"],
            cwd=folder,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        form, cells = filled_form(folder)
        first, again = [], []
        for _ in range(args.runs):
            shutil.rmtree(folder / "corpus")
            shutil.copytree(ROOT / "corpus", folder / "corpus")
            first.append(timed([*KB, "monitor", "import", str(form)], folder))
            again.append(timed([*KB, "monitor", "import", str(form)], folder))
        rows = (folder / "corpus" / "monitoring.csv").read_text(encoding="utf-8").count("\n") - 1
    print(f"表格：{cells} 个数值（全部指标 × {len(YEARS)} 年）；写入 monitoring.csv {rows} 行")
    print(f"kb monitor import（首次导入），{args.runs} 次中位数：{statistics.median(first):.2f} 秒")
    print(
        f"kb monitor import（再次导入同一表格），{args.runs} 次中位数："
        f"{statistics.median(again):.2f} 秒"
    )


if __name__ == "__main__":
    main()
