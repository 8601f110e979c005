"""Small inline SVG charts (no script, no external file): baselines against the target."""

from __future__ import annotations

import html

from kb.labels import goal_text, quantity
from kb.model import Target

Point = tuple[str, float, bool]  # label, value, is the target

WIDTH, HEIGHT, BAR, GAP, TOP, BOTTOM = 300, 150, 56, 28, 24, 26


def points(target: Target) -> list[Point]:
    values = target.baseline.values if target.baseline else ()
    found: list[Point] = [(f"{year} 年", value, False) for year, value in values]
    if target.value is not None and target.comparator in ("<=", ">=", "~", "="):
        found.append((f"{target.year} 年目标", target.value, True))
    return found


def bar_chart(target: Target) -> str:
    """A bar per baseline year and an outlined bar for the target; empty when no baseline."""
    if target.baseline is None:
        return ""
    data = points(target)
    unit = target.unit
    top = max(v for _, v, _ in data) or 1.0
    plot = HEIGHT - TOP - BOTTOM
    shapes = []
    for index, (label, value, is_target) in enumerate(data):
        x = GAP + index * (BAR + GAP)
        height = round(plot * value / top, 1)
        y = round(TOP + plot - height, 1)
        style = 'class="kb-bar-target"' if is_target else 'class="kb-bar"'
        shapes.append(
            f'<rect {style} x="{x}" y="{y}" width="{BAR}" height="{height}"></rect>'
            f'<text x="{x + BAR / 2}" y="{y - 6}" text-anchor="middle">'
            f"{html.escape(quantity(value, unit))}</text>"
            f'<text x="{x + BAR / 2}" y="{HEIGHT - 8}" text-anchor="middle">'
            f"{html.escape(label)}</text>"
        )
    summary = "，".join(f"{label} {quantity(value, unit)}" for label, value, _ in data)
    label = html.escape(f"{target.indicator}：{summary}（目标 {goal_text(target)}）", quote=True)
    width = GAP + len(data) * (BAR + GAP)
    return (
        f'<figure class="kb-chart"><svg role="img" aria-label="{label}" '
        f'viewBox="0 0 {max(width, WIDTH)} {HEIGHT}" width="{max(width, WIDTH)}" '
        f'height="{HEIGHT}">{"".join(shapes)}</svg>'
        f"<figcaption>{html.escape(target.indicator)}</figcaption></figure>"
    )
