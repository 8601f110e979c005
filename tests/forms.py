"""Fixture monitoring forms, written with openpyxl as a department's spreadsheet program would.

Every value here is INVENTED for the tests (they are not Gaotai's figures);
nothing in tests/ is published.  ``HEADER`` is the form's header as
``kb monitor template`` writes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl

HEADER = ["编号", "指标", "单位", "目标", "责任单位", *(str(y) for y in range(2020, 2031))]
YEAR_COLUMN = {year: 6 + (year - 2020) for year in range(2020, 2031)}  # 1-based: F = 2020


def row(item: str, name: str, unit: str, values: dict[int, Any]) -> list[Any]:
    """One row of a form: its fixed columns, then the year cells (None when blank)."""
    return [item, name, unit, "", "", *(values.get(y) for y in range(2020, 2031))]


def write_form(
    path: Path,
    rows: Sequence[Sequence[Any]],
    header: Sequence[Any] = HEADER,
    sheet: str = "监测数据",
) -> Path:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    worksheet.append(list(header))
    for cells in rows:
        worksheet.append(list(cells))
    workbook.save(path)
    return path


def fill_template(
    template: Path, path: Path, values: dict[tuple[str, str], dict[int, Any]]
) -> Path:
    """The template with ``values`` typed in: (编号, 指标) → {year: value}."""
    workbook = openpyxl.load_workbook(template)
    worksheet = workbook.active
    for cells in worksheet.iter_rows(min_row=2):
        wanted = values.get((str(cells[0].value), str(cells[1].value)))
        for year, value in (wanted or {}).items():
            cells[YEAR_COLUMN[year] - 1].value = value
    workbook.save(path)
    return path


# The round trip, run once per session (tests/conftest.py ``monitored``): the real template,
# filled with INVENTED values, imported into a copy of the corpus, built with its site.
ROUND_TRIP_VALUES: dict[tuple[str, str], dict[int, Any]] = {
    ("W1-G2", "孕产妇死亡率"): {2021: 14.0, 2022: 13.1, 2023: 12.9, 2024: 13.5},
    ("W1-G3", "妇女宫颈癌人群筛查率"): {2023: 60},
    ("C3-G4", "高中阶段教育毛入学率"): {2021: 96.3, 2022: 91.0, 2023: 96.6, 2024: 96.8},
}
FORM_NAME = "测试用虚构数据-监测数据.xlsx"


@dataclass(frozen=True)
class Monitored:
    """The monitoring round trip, done once: what each step printed, and where it wrote."""

    corpus: Path
    build: Path
    site: Path
    imported: tuple[int, str]  # exit code and stdout of the first import
    again: tuple[int, str]  # ... of importing the same form again
