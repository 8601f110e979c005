"""How the knowledge base reads in Chinese: every label and value format, once.

The terminal views, the tables and the site all word the model through this
module, so that a target, a role or a plan reads the same everywhere.
"""

from __future__ import annotations

from kb.model import Item, Target

PLAN_NAMES: dict[str, str] = {"W": "妇女发展规划", "C": "儿童发展规划"}
KIND_NAMES: dict[str, str] = {"goal": "主要目标", "measure": "策略措施"}
ROLE_NAMES: dict[str, str] = {"lead": "牵头", "partner": "配合"}
BASIS_NAMES: dict[str, str] = {
    "named": "原文点名",
    "subject": "据内容推断",
    "remit": "按职责",
    "paired": "实施本目标的策略措施",
    "confirmed": "人工确认",
}
BASIS_EXPLAINED = (
    "原文点名 = 条文写明了本单位；据内容推断 = 按名录中本单位的职责主题词判断；"
    "按职责 = 名录中本单位的职责规则；实施本目标的策略措施 = 落实本目标的措施由本单位承担；"
    "人工确认 = 经任务分工表确认"
)

COMPARATOR_SYMBOLS: dict[str, str] = {"<=": "≤", ">=": "≥", "~": "约", "=": "="}
CHANGE_NAMES: dict[str, str] = {"decrease_by": "下降", "increase_by": "提高"}
DIRECTION_NAMES: dict[str, str] = {"decrease": "下降", "increase": "提高", "achieve": "实现"}

LABEL_LENGTH = 28


def number(value: float) -> str:
    """12.0 → 12, 0.5 → 0.5."""
    return f"{value:g}" if abs(value) < 1e15 else str(value)


def quantity(value: float, unit: str) -> str:
    """12 with unit 1/10万 reads 12/10万; 45 with % reads 45%."""
    return f"{number(value)}{unit[1:]}" if unit.startswith("1/") else f"{number(value)}{unit}"


def goal_text(target: Target) -> str:
    """What a target aims at: ``≤ 12/10万``, ``比 2020 年下降 20%``, ``提高（定性）``."""
    if target.value is None:
        return f"{DIRECTION_NAMES.get(target.comparator, target.comparator)}（定性）"
    amount = quantity(target.value, target.unit)
    if target.comparator in CHANGE_NAMES:
        since = f"比 {target.base_year} 年" if target.base_year else ""
        return f"{since}{CHANGE_NAMES[target.comparator]} {amount}"
    return f"{COMPARATOR_SYMBOLS.get(target.comparator, target.comparator)} {amount}"


def baseline_text(target: Target) -> str:
    """The values the plan states for earlier years: ``2010年 9.15‰、2020年 2.84‰``."""
    if target.baseline is None:
        return ""
    return "、".join(f"{y}年 {quantity(v, target.unit)}" for y, v in target.baseline.values)


def baseline_value(target: Target, year: int) -> str:
    """The stated value for ``year``, or an empty string."""
    values = dict(target.baseline.values) if target.baseline else {}
    return quantity(values[year], target.unit) if year in values else ""


def shorten(text: str, size: int) -> str:
    return text if len(text) <= size else text[:size] + "…"


def item_label(item: Item, size: int = LABEL_LENGTH) -> str:
    """A measure's title, or a goal's first clause, short enough for a heading."""
    label = item.title or item.text
    for stop in "。；":
        label = label.split(stop)[0]
    label = label.strip()
    return label if len(label) <= size else label[: size - 1] + "…"


def lines_label(first: int, last: int) -> str:
    return f"第 {first} 行" if first == last else f"第 {first}–{last} 行"


def where_label(item: Item, domain_name: str) -> str:
    """``妇女发展规划 · 妇女与健康 · 主要目标``."""
    return f"{PLAN_NAMES[item.plan]} · {domain_name} · {KIND_NAMES[item.kind]}"
