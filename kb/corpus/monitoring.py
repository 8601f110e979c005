"""Reported values of the indicators: ``corpus/monitoring.csv``, checked.

One row per indicator, year and value, with who reported it and the form it
was imported from (``kb monitor import`` writes this file; people may edit it
too, it is plain CSV)::

    item,indicator,year,value,source,form,imported
    W1-G2,孕产妇死亡率,2023,9.8,县卫生健康局,监测数据-县卫生健康局.xlsx,2025-03-02

``item`` is the item ID (``文件:编号`` when the corpus has several documents)
and ``indicator`` the indicator's name as ``kb monitor list`` shows it.

The legacy layout ``key,year,value`` (``key`` an indicator name, an item ID
or ``C1-G3#2``) is still read; ``kb monitor import`` rewrites it in the
layout above.  Every bad row is a problem with its line; whether a row names
a real indicator, and whether its value fits the unit, is checked once the
targets are known (``kb.enrich.review``).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from kb.errors import Problem

HEADER = ["item", "indicator", "year", "value", "source", "form", "imported"]
LEGACY_HEADER = ["key", "year", "value"]
CODE = "bad-monitoring"
FIRST_YEAR, LAST_YEAR = 2000, 2035
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# The largest value a unit allows (a percent is at most 100).
LIMITS: dict[str, float] = {"%": 100.0, "‰": 1000.0, "1/10万": 100000.0}

Point = tuple[int, float]


@dataclass(frozen=True)
class Row:
    """One reported value; in a legacy file ``item`` holds the key and ``indicator`` is empty."""

    line: int
    item: str
    indicator: str
    year: int
    value: float
    source: str = ""
    form: str = ""
    imported: str = ""


@dataclass(frozen=True)
class Monitoring:
    """Every row of ``monitoring.csv``, in file order."""

    file: str = ""
    rows: tuple[Row, ...] = ()
    legacy: bool = False  # the file has the old key,year,value layout

    def as_dict(self) -> dict[str, tuple[Point, ...]]:
        """Legacy view: each key's (year, value) points, oldest first."""
        series: dict[str, dict[int, float]] = {}
        for row in self.rows:
            key = row.item if self.legacy else f"{row.item}:{row.indicator}"
            series.setdefault(key, {})[row.year] = row.value
        return {k: tuple(sorted(v.items())) for k, v in sorted(series.items())}


def number_text(value: float) -> str:
    """A value as the file stores it: 98.5, 100 (not 100.0), never in exponent form."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = f"{value:.15f}".rstrip("0").rstrip(".")
    return text[:-2] if text.endswith(".0") else text


def value_problem(value: float, unit: str) -> str | None:
    """Why ``value`` cannot be a figure in ``unit`` (negative, a percent above 100 …), or None."""
    if value < 0:
        return f"不能为负数（实际为 {number_text(value)}）：比率、人数、时长都不小于 0"
    limit = LIMITS.get(unit)
    if limit is not None and value > limit:
        return f"单位是 {unit}，数值应在 0–{number_text(limit)} 之间，实际为 {number_text(value)}"
    return None


def monitoring_csv(rows: Sequence[Row]) -> str:
    """The file's text in the current layout, rows as given."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for r in rows:
        writer.writerow(
            [r.item, r.indicator, r.year, number_text(r.value), r.source, r.form, r.imported]
        )
    return out.getvalue()


def read_monitoring(text: str, file: str) -> tuple[Monitoring, list[Problem]]:
    """The rows of ``monitoring.csv`` (either layout), and every problem of its rows."""
    problems: list[Problem] = []
    rows: list[Row] = []
    seen: dict[tuple[str, str, int], int] = {}
    header, found = _rows(text, file, problems)
    legacy = header == LEGACY_HEADER
    for line, cells in found:
        row = _row(file, line, cells, legacy, problems)
        if row is None:
            continue
        key = (row.item, row.indicator, row.year)
        if key in seen:
            what = f"“{row.item}”" if legacy else f"{row.item}“{row.indicator}”"
            message = f"{what}的 {row.year} 年数据与第 {seen[key]} 行重复"
            problems.append(Problem(file, line, "error", CODE, message))
            continue
        seen[key] = line
        rows.append(row)
    return Monitoring(file, tuple(rows), legacy), problems


def _rows(
    text: str, file: str, problems: list[Problem]
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the non-blank CSV rows after it, with their line numbers."""
    reader = csv.reader(io.StringIO(text), strict=True)
    header: list[str] = []
    found: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if header:
                found.append((reader.line_num, row))
                continue
            cells = [cell.strip().lstrip("\ufeff") for cell in row]
            if cells not in (HEADER, LEGACY_HEADER):
                message = (
                    f"第一行应为表头 {','.join(HEADER)}"
                    f"（旧格式 {','.join(LEGACY_HEADER)} 也可读），实际为“{','.join(row)}”"
                )
                problems.append(Problem(file, reader.line_num, "error", CODE, message))
                return [], []
            header = cells
    except csv.Error:
        message = "CSV 格式错误：引号不配对，或引号用在了单元格中间"
        problems.append(Problem(file, reader.line_num, "error", CODE, message))
    return header, found


def _row(
    file: str, line: int, cells: list[str], legacy: bool, problems: list[Problem]
) -> Row | None:
    def bad(message: str) -> None:
        problems.append(Problem(file, line, "error", CODE, message))

    header = LEGACY_HEADER if legacy else HEADER
    if len(cells) != len(header):
        bad(f"应有 {len(header)} 列（{','.join(header)}），实际为 {len(cells)} 列")
        return None
    values = dict(zip(header, (cell.strip() for cell in cells), strict=True))
    item = values.get("key", values.get("item", ""))
    if not item:
        what = "key" if legacy else "item"
        bad(f"{what} 为空：应为条目编号（如 W1-G2）" + ("或指标名称" if legacy else ""))
        return None
    indicator = values.get("indicator", "")
    if not legacy and not indicator:
        bad("indicator 为空：应为指标名称（如 孕产妇死亡率；用 kb monitor list 查看）")
        return None
    year_text, value_text = values["year"], values["value"]
    if not re.fullmatch(r"[0-9]{4}", year_text):
        bad(f"year 应为四位年份（如 2023），实际为“{year_text}”")
        return None
    year = int(year_text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        bad(f"year 应在 {FIRST_YEAR}–{LAST_YEAR} 年之间，实际为 {year}")
        return None
    try:
        value = float(value_text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        bad(f"value 应为数字（如 96.5，不带单位），实际为“{value_text}”")
        return None
    imported = values.get("imported", "")
    if imported and not DATE.fullmatch(imported):
        bad(f"imported 应为导入日期（如 2025-03-02），实际为“{imported}”")
        return None
    source, form = values.get("source", ""), values.get("form", "")
    return Row(line, item, indicator, year, value, source, form, imported)
