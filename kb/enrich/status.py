"""The status of each target: how far the known values are from it, and where they head.

Each target's points are its baseline (``kb.enrich.baselines``) and the
observations of ``corpus/monitoring.csv`` (``kb.corpus.monitoring``), keyed by
indicator or by target ID (``W1-G2``, or ``C1-G3#2`` for the second target of
an item); an observation wins over a baseline value of the same year.

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

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from kb.model import Baseline, Target

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

Point = tuple[int, float]


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


def monitoring_keys(item_id: str, n: int, count: int, indicator: str) -> list[str]:
    """The keys of ``monitoring.csv`` that the n-th of ``count`` targets of an item answers to.

    First match wins: ``{item_id}#{n}``, ``{item_id}`` (only when the item has
    one target), the indicator as written, its canonical name (``ALIASES``).
    """
    keys = [f"{item_id}#{n}"]
    if count == 1:
        keys.append(item_id)
    return [*keys, indicator, indicator_key(indicator)]


def link_baselines(
    targets: Sequence[Target],
    baselines: Sequence[tuple[str, Baseline]],
    monitoring: Mapping[str, tuple[Point, ...]] | None = None,
    *,
    item_id: str | None = None,
) -> tuple[Target, ...]:
    """Attach the baseline of the same indicator and set every target's status.

    The monitoring series of a target is the first of ``monitoring_keys`` found.
    """
    by_key: dict[str, Baseline] = {}
    for name, stated in baselines:
        by_key.setdefault(indicator_key(name), stated)
    linked = []
    for n, target in enumerate(targets, 1):
        if (baseline := by_key.get(indicator_key(target.indicator))) is not None:
            target = replace(target, baseline=baseline)
        names = [target.indicator, indicator_key(target.indicator)]
        keys = monitoring_keys(item_id, n, len(targets), target.indicator) if item_id else names
        series = next((monitoring[k] for k in keys if monitoring and k in monitoring), ())
        status = compute_status(target, series[-1] if series else None)
        linked.append(replace(target, status=status))
    return tuple(linked)
