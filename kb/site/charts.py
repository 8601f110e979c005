"""Small inline SVG charts (no script, no external file): baselines against the target."""

from __future__ import annotations

import html

from kb.site.format import quantity, target_goal

Point = tuple[str, float, bool]  # label, value, is the target

WIDTH, HEIGHT, BAR, GAP, TOP, BOTTOM = 300, 150, 56, 28, 24, 26


def points(target: dict[str, object]) -> list[Point]:
    base = target.get("baseline") or {}
    assert isinstance(base, dict)
    found: list[Point] = [(f"{p['year']} 年", float(p["value"]), False) for p in base["values"]]
    value = target.get("value")
    if isinstance(value, int | float) and target.get("comparator") in ("<=", ">=", "~", "="):
        found.append((f"{target.get('year', 2030)} 年目标", float(value), True))
    return found


def bar_chart(target: dict[str, object]) -> str:
    """A bar per baseline year and an outlined bar for the target; empty when no baseline."""
    if not target.get("baseline"):
        return ""
    data = points(target)
    unit = str(target.get("unit", ""))
    indicator = str(target["indicator"])
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
    goal = target_goal(target)
    label = html.escape(f"{indicator}：{summary}（目标 {goal}）", quote=True)
    width = GAP + len(data) * (BAR + GAP)
    return (
        f'<figure class="kb-chart"><svg role="img" aria-label="{label}" '
        f'viewBox="0 0 {max(width, WIDTH)} {HEIGHT}" width="{max(width, WIDTH)}" '
        f'height="{HEIGHT}">{"".join(shapes)}</svg>'
        f"<figcaption>{html.escape(indicator)}</figcaption></figure>"
    )
