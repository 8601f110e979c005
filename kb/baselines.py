"""Baselines from the prefaces, monitoring data, and the status of each target.

The children's preface states where the county stood, e.g. 截至2020年，婴儿、
5岁以下儿童死亡率分别从2010年的9.15‰、10.56‰下降到2.84‰、4.73‰.
``find_baselines`` reads such statements (ordered rules, as in ``kb.targets``);
``link_baselines`` attaches each to the targets with the same indicator and
sets their status with ``compute_status``.

An optional ``corpus/monitoring.csv`` (``key,year,value``) adds observed values,
keyed by indicator or by target ID (``W1-G2``, or ``C1-G3#2`` for the second
target of an item); the latest observation wins over the preface.

Status of a numeric target (its unit is assumed for baselines and monitoring):

* 提前达标 — the latest value already meets the target;
* 预期可达标 — not yet, but continuing at the pace of the known points (least
  squares slope, from the latest value) reaches it by the target year;
* 未达标 — otherwise (including a single point that does not meet it);
* 无数据 — no value at all (or, for 以2020年为基数下降20%, none for 2020).

A direction-only target gets 预期可达标/未达标 when two or more points show the
direction of change, and "" otherwise (always "" for ``achieve``).
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from os import PathLike
from pathlib import Path
from typing import TextIO

from kb.errors import KbError
from kb.model import Baseline, Target
from kb.targets_lexicon import (
    BOUNDARY,
    NUM,
    UNIT,
    clean_indicator,
    distribute,
    is_name,
    number,
    split_names,
)

AHEAD = "提前达标"
ON_TRACK = "预期可达标"
BEHIND = "未达标"
NO_DATA = "无数据"

# Relative tolerance of 保持在45%左右 (``~``): within 5% of the target value.
ABOUT = 0.05

# Indicator names the prefaces spell differently from the goals.
ALIASES: dict[str, str] = {
    "学前三年毛入园率": "学前教育毛入园率",
    "高中阶段毛入学率": "高中阶段教育毛入学率",
}

Monitoring = dict[str, tuple[tuple[int, float], ...]]
Point = tuple[int, float]

# --- Reading the prefaces ------------------------------------------------------

_VALUE = rf"{NUM}(?:{UNIT})?"
_CHANGE = r"(?:下降|降低|减少|上升|提高|提升|增长|增加)(?:到|至)"
_TO_YEAR = r"(?:(?P<y1>[0-9]{4})年的?)?"
_RESPECTIVELY = re.compile(
    rf"分别从(?P<y0>[0-9]{{4}})年的?(?P<v0>{_VALUE}(?:[、和]{_VALUE})*)"
    rf"{_CHANGE}{_TO_YEAR}(?P<v1>{_VALUE}(?:[、和]{_VALUE})*)"
)
_SINGLE = re.compile(
    rf"从(?P<y0>[0-9]{{4}})年的?(?P<v0>{_VALUE}){_CHANGE}{_TO_YEAR}(?P<v1>{_VALUE})"
)
_AS_OF = re.compile(r"(?:截至|截止|到)(?P<year>[0-9]{4})年")
_ONE = re.compile(rf"(?P<num>{NUM})(?:{UNIT})?")


def _clause_start(text: str, pos: int) -> int:
    start = pos
    while start > 0 and text[start - 1] not in BOUNDARY:
        start -= 1
    return start


def _as_of(text: str, pos: int) -> int | None:
    years = _AS_OF.findall(text, 0, pos)
    return int(years[-1]) if years else None


def _statements(text: str) -> list[tuple[re.Match[str], list[str]]]:
    """Each change statement with the names it speaks of, in order.

    分别 lists are read first, so that a single statement is not read inside one.
    """
    taken: list[tuple[re.Match[str], list[str]]] = []
    for pattern in (_RESPECTIVELY, _SINGLE):
        for m in pattern.finditer(text):
            if any(t.start() < m.end() and m.start() < t.end() for t, _ in taken):
                continue
            name = clean_indicator(text[_clause_start(text, m.start()) : m.start()])
            names = distribute(split_names(name)) if pattern is _RESPECTIVELY else [name]
            if names and all(is_name(n) for n in names):
                taken.append((m, names))
    return sorted(taken, key=lambda pair: pair[0].start())


def find_baselines(paragraphs: Sequence[tuple[int, str]]) -> list[tuple[str, Baseline]]:
    """Baselines stated in ``(line, text)`` paragraphs, in order of appearance.

    The later year is the one the statement names (到2020年的…) or else the
    paragraph's 截至2020年; a statement with neither, or with a later year
    that is not after the first, is left out.
    """
    found: list[tuple[str, Baseline]] = []
    for line, text in paragraphs:
        for m, names in _statements(text):
            later = int(m["y1"]) if m["y1"] else _as_of(text, m.start())
            before = [number(v["num"]) for v in _ONE.finditer(m["v0"])]
            after = [number(v["num"]) for v in _ONE.finditer(m["v1"])]
            if later is None or later <= int(m["y0"]):
                continue
            if not len(names) == len(before) == len(after):
                continue
            start = _clause_start(text, m.start())
            phrase = text[start : m.end()]
            for name, old, new in zip(names, before, after, strict=True):
                values = ((int(m["y0"]), old), (later, new))
                found.append((name, Baseline(values=values, line=line, phrase=phrase)))
    return found


# --- Status ------------------------------------------------------------------------


def indicator_key(name: str) -> str:
    name = re.sub(r"\s+", "", name)
    return ALIASES.get(name, name)


def _points(target: Target, latest: Point | None) -> list[Point]:
    points = dict(target.baseline.values) if target.baseline else {}
    if latest is not None:
        points[latest[0]] = latest[1]
    return sorted(points.items())


def _slope(points: Sequence[Point]) -> float:
    """Least-squares change per year."""
    mean_year = sum(y for y, _ in points) / len(points)
    mean_value = sum(v for _, v in points) / len(points)
    spread = sum((y - mean_year) ** 2 for y, _ in points)
    return sum((y - mean_year) * (v - mean_value) for y, v in points) / spread


def _goal(target: Target, points: Sequence[Point]) -> tuple[str, float] | None:
    """The comparator and threshold to test values against."""
    assert target.value is not None
    if target.comparator not in ("decrease_by", "increase_by"):
        return target.comparator, target.value
    base = dict(points).get(target.base_year or 0)
    if base is None:
        return None
    change = base * target.value / 100 if target.unit == "%" else target.value
    if target.comparator == "decrease_by":
        return "<=", base - change
    return ">=", base + change


def _meets(how: str, value: float, goal: float) -> bool:
    if how == "<=":
        return value <= goal
    if how == ">=":
        return value >= goal
    if how == "~":
        return abs(value - goal) <= ABOUT * abs(goal)
    return math.isclose(value, goal)


def _direction_status(target: Target, points: Sequence[Point]) -> str:
    if target.comparator not in ("increase", "decrease") or len(points) < 2:
        return ""
    slope = _slope(points)
    rising = target.comparator == "increase"
    return ON_TRACK if (slope > 0 if rising else slope < 0) else BEHIND


def compute_status(target: Target, latest: tuple[int, float] | None) -> str:
    """提前达标 / 预期可达标 / 未达标 / 无数据 ("" for direction-only without a trend).

    ``latest`` (from monitoring) is added to the target's baseline points and
    wins over a baseline value of the same year.
    """
    points = _points(target, latest)
    if target.value is None:
        return _direction_status(target, points)
    goal = _goal(target, points) if points else None
    if goal is None:
        return NO_DATA
    how, threshold = goal
    last_year, last_value = points[-1]
    if _meets(how, last_value, threshold):
        return AHEAD
    if len(points) >= 2:
        projected = last_value + _slope(points) * (target.year - last_year)
        if _meets(how, projected, threshold):
            return ON_TRACK
    return BEHIND


def _series(
    monitoring: Mapping[str, tuple[Point, ...]], target: Target, keys: Sequence[str]
) -> tuple[Point, ...]:
    for key in (*keys, target.indicator, indicator_key(target.indicator)):
        if key in monitoring:
            return monitoring[key]
    return ()


def link_baselines(
    targets: Sequence[Target],
    baselines: Sequence[tuple[str, Baseline]],
    monitoring: Mapping[str, tuple[Point, ...]] | None = None,
    *,
    item_id: str | None = None,
) -> tuple[Target, ...]:
    """Attach the baseline of the same indicator and set every target's status.

    Monitoring keys tried, first match wins: ``{item_id}#{n}`` (n-th target of
    the item, from 1), ``{item_id}`` (only when the item has one target), the
    indicator as written, the indicator's canonical name (``ALIASES``).
    """
    by_key: dict[str, Baseline] = {}
    for name, stated in baselines:
        by_key.setdefault(indicator_key(name), stated)
    linked = []
    for n, target in enumerate(targets, 1):
        if (baseline := by_key.get(indicator_key(target.indicator))) is not None:
            target = replace(target, baseline=baseline)
        keys = [f"{item_id}#{n}"] if item_id else []
        if item_id and len(targets) == 1:
            keys.append(item_id)
        series = _series(monitoring or {}, target, keys)
        status = compute_status(target, series[-1] if series else None)
        linked.append(replace(target, status=status))
    return tuple(linked)


# --- Monitoring data ------------------------------------------------------------------

HEADER = ["key", "year", "value"]


class MonitoringError(KbError, ValueError):
    """A malformed ``monitoring.csv``: names the file and the line."""

    def __init__(self, file: str, line: int, message: str) -> None:
        self.file = file
        self.line = line
        self.message = message
        super().__init__(f"{file} 第 {line} 行：{message}")


def _row(file: str, line: int, row: list[str]) -> tuple[str, int, float]:
    if len(row) != 3:
        raise MonitoringError(file, line, f"应有 3 列（key,year,value），实际为 {len(row)} 列")
    key, year_text, value_text = (cell.strip() for cell in row)
    if not key:
        raise MonitoringError(file, line, "key 为空：应为指标名称或条目编号（如 W1-G2）")
    if not re.fullmatch(r"[0-9]{4}", year_text):
        raise MonitoringError(file, line, f"year 应为四位年份（如 2023），实际为“{year_text}”")
    try:
        value = float(value_text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise MonitoringError(file, line, f"value 应为数字（如 96.5），实际为“{value_text}”")
    return key, int(year_text), value


def _rows(file: str, handle: TextIO) -> Iterator[tuple[int, list[str]]]:
    """Non-blank CSV rows with their line numbers, after checking the header."""
    reader = csv.reader(handle)
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
                got = ",".join(row)
                message = f"表头应为 key,year,value，实际为“{got}”"
                raise MonitoringError(file, reader.line_num, message)
    except csv.Error as exc:
        raise MonitoringError(file, reader.line_num, f"CSV 格式错误：{exc}") from exc


def load_monitoring(path: str | PathLike[str]) -> Monitoring:
    """Read ``key,year,value`` rows; a missing file means no monitoring data."""
    path = Path(path)
    if not path.exists():
        return {}
    file = str(path)
    series: dict[str, dict[int, float]] = {}
    seen: dict[tuple[str, int], int] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for line, row in _rows(file, handle):
            key, year, value = _row(file, line, row)
            if (key, year) in seen:
                first = seen[(key, year)]
                raise MonitoringError(file, line, f"“{key}”的 {year} 年数据与第 {first} 行重复")
            seen[(key, year)] = line
            series.setdefault(key, {})[year] = value
    return {key: tuple(sorted(values.items())) for key, values in sorted(series.items())}
