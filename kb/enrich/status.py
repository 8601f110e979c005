"""The status of each target: where its figures stand, where they head, and who reports them.

A target's points are the values its plan states (its baseline, ``kb.enrich.baselines``)
and the figures the departments reported (``corpus/monitoring.csv``); a reported
figure wins over a stated one of the same year.  ``assess`` decides, as of a
year (the latest by default):

* ``achieved`` (已达标, 提前达标 before the target year) -- the latest value meets
  the target;
* ``on_track`` (预期可达标) -- not yet, but the recent trend, carried from the
  latest value to the target year, meets it;
* ``off_track`` (预期难以达标) -- otherwise: the trend falls short, the target
  year has passed unmet, or a single value falls short and no trend can be
  drawn (flagged early rather than left silent);
* ``no_data`` (无数据) -- no value at all (or, for 以2020年为基数下降20%, none for
  the base year).

The trend is the least-squares change per year over the points of the last
``RECENT_YEARS`` years up to the latest; with fewer than two points there, it
is the change from the nearest earlier point (usually the plan's baseline) to
the latest, the way Open SDG measures progress from a base year.  Open SDG
compares the observed growth rate with the rate the target needs; carrying the
trend to the target year and comparing the result with the target is the same
test, with linear instead of compound growth (simpler to check by hand; the
plans' rates move by small amounts).  Projections stay within a unit's range
(a percent between 0 and 100).

A series is ``volatile`` (波动较大) when, among its last ``RECENT_YEARS`` years,
at least three points change direction and one reversal (the smaller of the
two opposite moves) is at least ``VOLATILE_SHARE`` of the target value.

Direction-only targets (逐步提高) get ``on_track``/``off_track`` when two or more
points show the direction of change, and "" otherwise (always "" for ``achieve``).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from kb.corpus import Corpus
from kb.corpus.monitoring import LIMITS
from kb.enrich.reporting import assign_reporters, indicator_id
from kb.labels import goal_text, number, quantity
from kb.model import Baseline, Item, KnowledgeBase, Observation, Target

ACHIEVED, ON_TRACK, OFF_TRACK, NO_DATA = "achieved", "on_track", "off_track", "no_data"
STATUSES = (ACHIEVED, ON_TRACK, OFF_TRACK, NO_DATA)

# Relative tolerance of 保持在45%左右 (``~``): within 5% of the target value.
ABOUT = 0.05
RECENT_YEARS = 5
VOLATILE_SHARE = 0.05

# Indicator names the prefaces spell differently from the goals.
ALIASES: dict[str, str] = {
    "学前三年毛入园率": "学前教育毛入园率",
    "高中阶段毛入学率": "高中阶段教育毛入学率",
}

Point = tuple[int, float]


@dataclass(frozen=True)
class Assessment:
    """What ``assess`` found for one target as of a year."""

    status: str  # one of STATUSES, or "" for a direction-only target without a trend
    method: str  # how, in Chinese
    volatile: bool = False
    latest: Point | None = None
    projected: float | None = None  # the trend's value in the target year


def indicator_key(name: str) -> str:
    name = re.sub(r"\s+", "", name)
    return ALIASES.get(name, name)


def points_of(target: Target, as_of: int | None = None) -> list[Point]:
    """Stated and reported values up to ``as_of``, oldest first; a reported value wins."""
    points = dict(target.baseline.values) if target.baseline else {}
    points.update((o.year, o.value) for o in target.observations)
    return sorted((y, v) for y, v in points.items() if as_of is None or y <= as_of)


def _slope(points: Sequence[Point]) -> float:
    """Least-squares change per year."""
    mean_year = sum(y for y, _ in points) / len(points)
    mean_value = sum(v for _, v in points) / len(points)
    spread = sum((y - mean_year) ** 2 for y, _ in points)
    return sum((y - mean_year) * (v - mean_value) for y, v in points) / spread


def recent(points: Sequence[Point]) -> list[Point]:
    last = points[-1][0]
    return [p for p in points if p[0] > last - RECENT_YEARS]


def trend(points: Sequence[Point]) -> tuple[float, list[Point], bool]:
    """The change per year, the points it rests on, and whether the recent window sufficed."""
    window = recent(points)
    if len(window) >= 2:
        return _slope(window), window, True
    pair = [points[-2], points[-1]]
    return _slope(pair), pair, False


def goal(target: Target, points: Sequence[Point]) -> tuple[str, float] | None:
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


def _reaches(how: str, start: float, end: float, goal: float) -> bool:
    """Whether the path from ``start`` to ``end`` meets the goal (for ``~``: passes through it)."""
    if how == "~":
        low, high = goal - ABOUT * abs(goal), goal + ABOUT * abs(goal)
        return min(start, end) <= high and max(start, end) >= low
    return _meets(how, end, goal)


def volatile(points: Sequence[Point], scale: float) -> bool:
    window = recent(points) if points else []
    if len(window) < 3:
        return False
    moves = [b[1] - a[1] for a, b in itertools.pairwise(window)]
    swings = [min(abs(a), abs(b)) for a, b in itertools.pairwise(moves) if a * b < 0]
    return bool(swings) and max(swings) >= VOLATILE_SHARE * abs(scale)


def _clamp(value: float, unit: str) -> float:
    return min(max(value, 0.0), LIMITS.get(unit, math.inf))


def _change(slope: float, unit: str) -> str:
    amount = number(round(abs(slope), 2))
    sign = "+" if slope > 0 else "−" if slope < 0 else "±"
    return f"{sign}{amount} 个百分点" if unit == "%" else f"{sign}{quantity(float(amount), unit)}"


def _span(points: Sequence[Point], target: Target) -> str:
    stated = dict(target.baseline.values) if target.baseline else {}
    reported = {o.year for o in target.observations}
    first, last = points[0][0], points[-1][0]
    base = "（规划基线）" if first in stated and first not in reported else ""
    return f"{first} 年{base}至 {last} 年 {len(points)} 个数值"


def assess(target: Target, as_of: int | None = None) -> Assessment:
    """The status of ``target`` from its points up to ``as_of`` (all of them by default)."""
    points = points_of(target, as_of)
    if target.value is None:
        return _direction(target, points)
    if target.per_year:  # 每年降低0.5个百分点: a change each year, not over the period
        return Assessment(NO_DATA, "按年变化的目标（每年…）暂不推算达标情况")
    aim = goal(target, points) if points else None
    if aim is None:
        if points:
            return Assessment(NO_DATA, f"缺少 {target.base_year} 年的数值，无法算出目标值")
        return Assessment(NO_DATA, "没有数值：规划未写基线，也没有报送的监测数据")
    how, threshold = aim
    wanted = goal_text(target)
    if target.comparator in ("decrease_by", "increase_by"):
        wanted += (
            f"（即 {'≤' if how == '<=' else '≥'} {quantity(round(threshold, 4), _unit(target))}）"
        )
    year, value = points[-1]
    latest = points[-1]
    shaky = volatile(points, threshold or (sum(abs(v) for _, v in points) / len(points)))
    now = f"{year} 年为 {quantity(value, _unit(target))}"
    if _meets(how, value, threshold):
        return Assessment(ACHIEVED, f"{now}，已达到目标 {wanted}", shaky, latest)
    if year >= target.year:
        method = f"{now}，目标年份已到，未达到目标 {wanted}"
        return Assessment(OFF_TRACK, method, shaky, latest)
    if len(points) < 2:
        method = f"{now}，未达到目标 {wanted}；只有 1 个数值，无法推算趋势，按预期难以达标预警"
        return Assessment(OFF_TRACK, method, shaky, latest)
    slope, used, _ = trend(points)
    projected = _clamp(value + slope * (target.year - year), target.unit)
    on_track = _reaches(how, value, projected, threshold)
    unit = _unit(target)
    method = (
        f"{now}，尚未达到目标 {wanted}；按 {_span(used, target)}的趋势"
        f"（每年 {_change(slope, unit)}）推算，{target.year} 年约为 "
        f"{quantity(round(projected, 2), unit)}，" + ("预期可达标" if on_track else "预期难以达标")
    )
    return Assessment(ON_TRACK if on_track else OFF_TRACK, method, shaky, latest, projected)


def _unit(target: Target) -> str:
    """The unit of the figures: a relative target's % is the change, not the figure."""
    return "" if target.comparator in ("decrease_by", "increase_by") else target.unit


def _direction(target: Target, points: Sequence[Point]) -> Assessment:
    latest = points[-1] if points else None
    if target.comparator not in ("increase", "decrease") or len(points) < 2:
        return Assessment("", "定性目标：数值不足以判断变化方向" if points else "", latest=latest)
    slope, used, _ = trend(points)
    rising = target.comparator == "increase"
    good = slope > 0 if rising else slope < 0
    method = f"按 {_span(used, target)}的趋势（每年 {_change(slope, target.unit)}），" + (
        "方向符合目标" if good else "方向与目标相反"
    )
    scale = sum(abs(v) for _, v in points) / len(points)
    return Assessment(ON_TRACK if good else OFF_TRACK, method, volatile(points, scale), latest)


def compute_status(target: Target, latest: Point | None = None) -> str:
    """The status code of ``target`` with one more reported point (kept for simple callers)."""
    if latest is not None:
        observed = (*target.observations, Observation(latest[0], latest[1]))
        target = replace(target, observations=tuple(sorted(observed, key=lambda o: o.year)))
    return assess(target).status


def with_status(target: Target) -> Target:
    found = assess(target)
    return replace(target, status=found.status, status_method=found.method, volatile=found.volatile)


def monitoring_keys(item_id: str, n: int, count: int, indicator: str) -> list[str]:
    """The keys of a legacy ``key,year,value`` file that the n-th of ``count`` targets answers to.

    First match wins: ``{item_id}#{n}``, ``{item_id}`` (only when the item has
    one target), the indicator as written, its canonical name (``ALIASES``).
    """
    keys = [indicator_id(item_id, n)]
    if count == 1:
        keys.append(item_id)
    return [*keys, indicator, indicator_key(indicator)]


def link_baselines(
    targets: Sequence[Target], baselines: Sequence[tuple[str, Baseline]]
) -> tuple[Target, ...]:
    """Attach the baseline of the same indicator to each target, and its status so far."""
    by_key: dict[str, Baseline] = {}
    for name, stated in baselines:
        by_key.setdefault(indicator_key(name), stated)
    linked = []
    for target in targets:
        if (baseline := by_key.get(indicator_key(target.indicator))) is not None:
            target = replace(target, baseline=baseline)
        linked.append(with_status(target))
    return tuple(linked)


# --------------------------------------------------------------------------- the enricher


def observations_by_target(
    kb: KnowledgeBase, corpus: Corpus
) -> dict[tuple[str, str, int], tuple[Observation, ...]]:
    """(doc, item, n) → the reported figures of that target, oldest first."""
    monitoring = corpus.monitoring
    found: dict[tuple[str, str, int], dict[int, Observation]] = {}
    if monitoring.legacy:
        series: dict[str, list[Observation]] = {}
        for row in monitoring.rows:
            series.setdefault(row.item, []).append(Observation(row.year, row.value, line=row.line))
        for item in kb.items():
            for n, t in enumerate(item.targets, 1):
                keys = monitoring_keys(item.id, n, len(item.targets), t.indicator)
                chosen = next((series[k] for k in keys if k in series), [])
                found[(item.doc, item.id, n)] = {o.year: o for o in chosen}
    else:
        index = target_index(kb)
        for row in monitoring.rows:
            key = resolve(index, row.item, row.indicator, len(kb.documents))
            if key is not None:
                observed = Observation(
                    row.year, row.value, row.source, row.form, row.imported, row.line
                )
                found.setdefault(key, {})[row.year] = observed
    return {k: tuple(v[y] for y in sorted(v)) for k, v in found.items() if v}


def target_index(kb: KnowledgeBase) -> dict[tuple[str, str, str], int]:
    """(doc, item, indicator key) → n, for every target."""
    index: dict[tuple[str, str, str], int] = {}
    for item in kb.items():
        for n, t in enumerate(item.targets, 1):
            index.setdefault((item.doc, item.id, indicator_key(t.indicator)), n)
    return index


def resolve(
    index: dict[tuple[str, str, str], int], item: str, indicator: str, documents: int
) -> tuple[str, str, int] | None:
    """The (doc, item, n) a row names; ``item`` may be ``文件:编号``; None when unknown or
    ambiguous (the same ID in several documents)."""
    doc, _, ident = item.rpartition(":")
    name = indicator_key(indicator)
    matches = [
        (d, i, n)
        for (d, i, key), n in index.items()
        if i == ident and key == name and (d == doc or not doc)
    ]
    return matches[0] if len(matches) == 1 else None


def add_status(kb: KnowledgeBase, corpus: Corpus) -> KnowledgeBase:
    """Every target's reported figures, status, volatility and reporting department."""
    observed = observations_by_target(kb, corpus)
    reporters = assign_reporters(kb, corpus)

    def update(item: Item) -> Item:
        targets = []
        for n, target in enumerate(item.targets, 1):
            key = (item.doc, item.id, n)
            reporter, basis = reporters.get(key, ("", ""))
            target = replace(
                target,
                observations=observed.get(key, ()),
                reporter=reporter,
                reporter_basis=basis,
            )
            targets.append(with_status(target))
        return replace(item, targets=tuple(targets))

    documents = tuple(
        replace(document, items=tuple(update(i) for i in document.items))
        for document in kb.documents
    )
    return replace(kb, documents=documents)
