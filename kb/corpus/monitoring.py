"""Observed values of the indicators: ``corpus/monitoring.csv`` (``key,year,value``), checked.

Each row gives one indicator's value for one year.  ``key`` is an indicator
name (孕产妇死亡率) or a target's ID: the item (``W1-G2``) when it has one
target, or ``C1-G3#2`` for the second target of an item.  Every bad row is a
problem with its line; whether a key names a real indicator is checked once
the targets are known (``kb.enrich.review``).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from kb.errors import Problem

HEADER = ["key", "year", "value"]
CODE = "bad-monitoring"
FIRST_YEAR, LAST_YEAR = 2000, 2035

Point = tuple[int, float]


@dataclass(frozen=True)
class Monitoring:
    """Each key's observations, oldest first, and the line each key first appears on."""

    file: str = ""
    series: tuple[tuple[str, tuple[Point, ...]], ...] = ()
    lines: tuple[tuple[str, int], ...] = ()

    def as_dict(self) -> dict[str, tuple[Point, ...]]:
        return dict(self.series)


def read_monitoring(text: str, file: str) -> tuple[Monitoring, list[Problem]]:
    """The observations of a ``key,year,value`` file, and every problem of its rows."""
    problems: list[Problem] = []
    series: dict[str, dict[int, float]] = {}
    first_line: dict[str, int] = {}
    seen: dict[tuple[str, int], int] = {}
    for line, row in _rows(text, file, problems):
        parsed = _row(file, line, row, problems)
        if parsed is None:
            continue
        key, year, value = parsed
        if (key, year) in seen:
            message = f"“{key}”的 {year} 年数据与第 {seen[(key, year)]} 行重复"
            problems.append(Problem(file, line, "error", CODE, message))
            continue
        seen[(key, year)] = line
        first_line.setdefault(key, line)
        series.setdefault(key, {})[year] = value
    monitoring = Monitoring(
        file,
        tuple((key, tuple(sorted(values.items()))) for key, values in sorted(series.items())),
        tuple(sorted(first_line.items())),
    )
    return monitoring, problems


def _rows(text: str, file: str, problems: list[Problem]) -> Iterator[tuple[int, list[str]]]:
    """Non-blank CSV rows after the header, with their line numbers."""
    reader = csv.reader(io.StringIO(text), strict=True)
    header_seen = False
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if header_seen:
                yield reader.line_num, row
            elif [cell.strip() for cell in row] == HEADER:
                header_seen = True
            else:
                message = f"第一行应为表头 key,year,value，实际为“{','.join(row)}”"
                problems.append(Problem(file, reader.line_num, "error", CODE, message))
                return
    except csv.Error:
        message = "CSV 格式错误：引号不配对，或引号用在了单元格中间"
        problems.append(Problem(file, reader.line_num, "error", CODE, message))


def _row(
    file: str, line: int, row: list[str], problems: list[Problem]
) -> tuple[str, int, float] | None:
    def bad(message: str) -> None:
        problems.append(Problem(file, line, "error", CODE, message))

    if len(row) != 3:
        bad(f"应有 3 列（key,year,value），实际为 {len(row)} 列")
        return None
    key, year_text, value_text = (cell.strip() for cell in row)
    if not key:
        bad("key 为空：应为指标名称或条目编号（如 W1-G2）")
        return None
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
    return key, year, value
