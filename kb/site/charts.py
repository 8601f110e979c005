"""Small inline SVG charts (no script, no external file): baselines against the target.

The value axis starts near the smallest value (its start is written on the
chart), so that 99.2 %, 100 % and 99 % look different; the target is a dashed
line with its value; every bar carries its value; ``aria-label`` and the
caption say the same in words.
"""

from __future__ import annotations

import html

from kb.labels import goal_text, quantity
from kb.model import Target

Point = tuple[str, float]  # label, value

WIDTH, HEIGHT, BAR, GAP, TOP, BOTTOM, LEFT = 320, 170, 56, 28, 24, 26, 44


def points(target: Target) -> list[Point]:
    values = target.baseline.values if target.baseline else ()
    return [(f"{year} 年", value) for year, value in values]


def threshold(target: Target) -> float | None:
    """The target as a value on the axis (absolute targets only)."""
    if target.value is not None and target.comparator in ("<=", ">=", "~", "="):
        return target.value
    return None


def axis(values: list[float]) -> tuple[float, float]:
    """(low, high): from a little under the smallest value to a little over the largest."""
    low, high = min(values), max(values)
    pad = (high - low) * 0.25 or abs(high) * 0.05 or 1.0
    start = low - pad
    if low >= 0:
        start = max(start, 0.0)
    return start, high + pad * 0.5


def bar_chart(target: Target) -> str:
    """A bar per baseline year and a dashed line for the target; empty when no baseline."""
    if target.baseline is None:
        return ""
    data = points(target)
    goal = threshold(target)
    unit = target.unit
    low, high = axis([v for _, v in data] + ([goal] if goal is not None else []))
    plot = HEIGHT - TOP - BOTTOM

    def y(value: float) -> float:
        return round(TOP + plot * (high - value) / (high - low), 1)

    width = max(LEFT + GAP + len(data) * (BAR + GAP) + 90, WIDTH)
    shapes = [
        f'<line class="kb-axis" x1="{LEFT}" y1="{TOP + plot}" x2="{width - 90}" '
        f'y2="{TOP + plot}"></line>',
        f'<text x="{LEFT - 4}" y="{TOP + plot + 4}" text-anchor="end">'
        f"{html.escape(quantity(round(low, 2), unit))}</text>",
    ]
    for index, (label, value) in enumerate(data):
        x = LEFT + GAP + index * (BAR + GAP)
        top = y(value)
        shapes.append(
            f'<rect class="kb-bar" x="{x}" y="{top}" width="{BAR}" '
            f'height="{round(TOP + plot - top, 1)}"></rect>'
            f'<text x="{x + BAR / 2}" y="{top - 6}" text-anchor="middle">'
            f"{html.escape(quantity(value, unit))}</text>"
            f'<text x="{x + BAR / 2}" y="{HEIGHT - 8}" text-anchor="middle">'
            f"{html.escape(label)}</text>"
        )
    if goal is not None:
        shapes.append(
            f'<line class="kb-target" x1="{LEFT}" y1="{y(goal)}" x2="{width - 90}" '
            f'y2="{y(goal)}"></line><text x="{width - 86}" y="{y(goal) + 4}">'
            f"{html.escape(f'目标 {goal_text(target)}')}</text>"
        )
    summary = "，".join(f"{label} {quantity(value, unit)}" for label, value in data)
    said = f"{target.indicator}：{summary}；{target.year} 年目标 {goal_text(target)}"
    return (
        f'<figure class="kb-chart"><svg role="img" aria-label="{html.escape(said, quote=True)}" '
        f'viewBox="0 0 {width} {HEIGHT}" width="{width}" height="{HEIGHT}">'
        f"{''.join(shapes)}</svg><figcaption>{html.escape(said)}（纵轴从 "
        f"{html.escape(quantity(round(low, 2), unit))} 开始）</figcaption></figure>"
    )
