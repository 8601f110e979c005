"""An indicator's figures over the years as an inline SVG (no script): points, target, trend.

Stated values (the plan's baseline) are hollow circles, reported figures
filled ones; the target is a dashed line across the chart, and the trend's
projection (when the status rests on one) a dotted line to the target year.
"""

from __future__ import annotations

import html

from kb.enrich.status import Assessment, points_of
from kb.labels import goal_text, quantity
from kb.model import Target

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 96, 24, 36


def trend_chart(target: Target, found: Assessment, threshold: float | None, unit: str) -> str:
    """The chart, or "" when the target has no value at all."""
    points = points_of(target)
    if not points:
        return ""
    reported = {o.year for o in target.observations}
    first = min(points[0][0], 2020)
    last = max(target.year, points[-1][0])
    values = [v for _, v in points] + ([threshold] if threshold is not None else [])
    if found.projected is not None:
        values.append(found.projected)
    low, high = min(values), max(values)
    pad = (high - low) * 0.15 or abs(high) * 0.1 or 1.0
    low, high = max(low - pad, 0.0) if low >= 0 else low - pad, high + pad

    def x(year: float) -> float:
        return round(LEFT + (year - first) / max(last - first, 1) * (WIDTH - LEFT - RIGHT), 1)

    def y(value: float) -> float:
        return round(TOP + (high - value) / (high - low) * (HEIGHT - TOP - BOTTOM), 1)

    shapes = [
        f'<line class="kb-axis" x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" '
        f'y2="{HEIGHT - BOTTOM}"></line>'
    ]
    for year in range(first, last + 1):
        if year % 2 == 0 or year in (first, last):
            shapes.append(
                f'<text x="{x(year)}" y="{HEIGHT - 12}" text-anchor="middle">{year}</text>'
            )
    if threshold is not None:
        label = html.escape(f"目标 {goal_text(target)}")
        shapes.append(
            f'<line class="kb-target" x1="{LEFT}" y1="{y(threshold)}" x2="{WIDTH - RIGHT}" '
            f'y2="{y(threshold)}"></line><text x="{WIDTH - RIGHT + 4}" y="{y(threshold) + 4}">'
            f"{label}</text>"
        )
    path = " ".join(f"{x(yr)},{y(v)}" for yr, v in points)
    shapes.append(f'<polyline class="kb-series" points="{path}"></polyline>')
    if found.projected is not None and found.latest is not None:
        yr, v = found.latest
        shapes.append(
            f'<line class="kb-projection" x1="{x(yr)}" y1="{y(v)}" x2="{x(target.year)}" '
            f'y2="{y(found.projected)}"></line>'
        )
    for yr, v in points:
        kind = "kb-point" if yr in reported else "kb-point-stated"
        shapes.append(
            f'<circle class="{kind}" cx="{x(yr)}" cy="{y(v)}" r="4"></circle>'
            f'<text x="{x(yr)}" y="{y(v) - 8}" text-anchor="middle">'
            f"{html.escape(quantity(v, unit))}</text>"
        )
    summary = "，".join(f"{yr} 年 {quantity(v, unit)}" for yr, v in points)
    label = html.escape(f"{target.indicator}：{summary}；目标 {goal_text(target)}", quote=True)
    return (
        f'<figure class="kb-chart kb-trend"><svg role="img" aria-label="{label}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}">{"".join(shapes)}</svg>'
        "<figcaption>空心圆为规划原文写明的数值，实心圆为各单位报送的监测数据；"
        "虚线为目标，点线为按趋势推算到目标年份。</figcaption></figure>"
    )
