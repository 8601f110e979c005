"""Plain-text wording of facts for the site (Chinese): targets, labels, roles."""

from __future__ import annotations

from typing import Any

Row = dict[str, Any]

ROLE_NAMES = {"lead": "牵头", "partner": "配合"}
BASIS_NAMES = {"named": "原文点名", "subject": "据内容推断"}
KIND_NAMES = {"goal": "主要目标", "measure": "策略措施"}
COMPARATORS = {"<=": "≤", ">=": "≥", "~": "约", "=": "="}
DIRECTIONS = {"decrease": "下降", "increase": "提高", "achieve": "实现"}
LABEL_LENGTH = 28


def number(value: float) -> str:
    """12.0 → 12, 0.5 → 0.5."""
    return f"{value:g}" if abs(value) < 1e15 else str(value)


def quantity(value: float, unit: str) -> str:
    """12 and ``1/10万`` → ``12/10万``; 70 and ``%`` → ``70%``."""
    return f"{number(value)}{unit[1:]}" if unit.startswith("1/") else f"{number(value)}{unit}"


def target_goal(target: Row) -> str:
    """The 2030 target as a short phrase: ``≤ 12/10万``, ``下降 10%``, ``提高``."""
    comparator, value, unit = target["comparator"], target.get("value"), target.get("unit", "")
    if value is None:
        return str(DIRECTIONS.get(comparator, comparator))
    if comparator in ("decrease_by", "increase_by"):
        verb = "下降" if comparator == "decrease_by" else "提高"
        base = target.get("base_year")
        since = f"（比 {base} 年）" if base else ""
        return f"{verb} {quantity(value, unit)}{since}"
    return f"{COMPARATORS.get(comparator, comparator)} {quantity(value, unit)}"


def baseline(target: Row, year: int) -> str:
    """The stated value for ``year``, or an empty string."""
    base = target.get("baseline") or {}
    for point in base.get("values", []):
        if point["year"] == year:
            return quantity(point["value"], str(target.get("unit", "")))
    return ""


def item_label(item: Row) -> str:
    """A measure's title, or a goal's first clause, short enough for a heading."""
    label = str(item.get("title") or item["text"])
    for stop in "。；":
        label = label.split(stop)[0]
    label = label.strip()
    return label if len(label) <= LABEL_LENGTH else label[: LABEL_LENGTH - 1] + "…"


def lines_label(lines: list[int]) -> str:
    first, last = lines
    return f"第 {first} 行" if first == last else f"第 {first}–{last} 行"
