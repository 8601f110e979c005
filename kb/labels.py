"""How the knowledge base reads in Chinese: every label and value format, once.

The terminal views, the tables and the site all word the model through this
module, so that a target, a role or a plan reads the same everywhere.
"""

from __future__ import annotations

import re

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

# Status codes of kb.enrich.status, in the order the views list them.
STATUS_NAMES: dict[str, str] = {
    "achieved": "已达标",
    "on_track": "预期可达标",
    "off_track": "预期难以达标",
    "no_data": "无数据",
}
AHEAD_NAME = "提前达标"  # achieved before the target year
VOLATILE_NAME = "波动较大"
NO_FIGURES = "暂无监测数据"
# How an item's target compares with its parent plan's (kb.enrich.parents).
VERDICT_NAMES: dict[str, str] = {
    "stricter": "比上级更严",
    "same": "与上级相同",
    "looser": "比上级更宽",
    "different": "与上级写法不同",
    "only-here": "上级未设此指标",
}
SCOPE_NAMES: dict[str, str] = {"城市": "城市", "城镇": "城镇", "农村": "农村", "乡村": "乡村"}

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
        each = "每年" if target.per_year else ""
        return f"{since}{each}{CHANGE_NAMES[target.comparator]} {amount}"
    return f"{COMPARATOR_SYMBOLS.get(target.comparator, target.comparator)} {amount}"


def target_scope(target: Target) -> str:
    """（农村） for one side of a city/rural split, 每年 for a change per year; or ""."""
    notes = [target.scope] if target.scope else []
    if target.per_year:
        notes.append("每年")
    return f"（{'，'.join(notes)}）" if notes else ""


def baseline_text(target: Target) -> str:
    """The values the plan states for earlier years: ``2010年 9.15‰、2020年 2.84‰``."""
    if target.baseline is None:
        return ""
    return "、".join(f"{y}年 {quantity(v, target.unit)}" for y, v in target.baseline.values)


def baseline_value(target: Target, year: int) -> str:
    """The stated value for ``year``, or an empty string."""
    values = dict(target.baseline.values) if target.baseline else {}
    return quantity(values[year], target.unit) if year in values else ""


_NUMBERISH = re.compile(r"[0-9０-９.．%％‰‱/万亿千百十个]+$")
_TRAILING = "，、：；,;: "


def clip(text: str, size: int) -> str:
    """``text`` cut to ``size`` characters with …, never inside a number (降至3.0‰…, not 5.…)."""
    if len(text) <= size:
        return text
    head = text[: size - 1]
    if head[-1:].isdigit() or head[-1:] in ".．" or text[size - 1 : size].isdigit():
        head = _NUMBERISH.sub("", head) if _NUMBERISH.search(head) else head
        head = re.sub(r"[0-9０-９.．]+$", "", head)
    head = head.rstrip(_TRAILING)
    return (head or text[: size - 1]) + "…"


def shorten(text: str, size: int) -> str:
    return clip(text, size + 1)


def item_label(item: Item, size: int = LABEL_LENGTH) -> str:
    """A measure's title, or a goal's first clause, short enough for a heading."""
    label = item.title or item.text
    for stop in "。；":
        label = label.split(stop)[0]
    return clip(label.strip(), size)


def item_body(item: Item, label: str) -> str:
    """The item's text without what its heading already says: a sentence is never shown twice.

    When the heading holds the whole first sentence, the body starts after it;
    when the heading is clipped (…), the body keeps the whole text.
    """
    text = item.text.strip()
    if label.endswith("…") or not text.startswith(label):
        return text
    return text[len(label) :].lstrip("。；，、 ").strip()


def lines_label(first: int, last: int) -> str:
    return f"第 {first} 行" if first == last else f"第 {first}–{last} 行"


def where_label(item: Item, domain_name: str) -> str:
    """``妇女发展规划 · 妇女与健康 · 主要目标``."""
    return f"{PLAN_NAMES[item.plan]} · {domain_name} · {KIND_NAMES[item.kind]}"


def status_label(status: str, latest_year: int | None, target_year: int) -> str:
    """已达标, or 提前达标 when the latest value met the target before its year."""
    if status == "achieved" and latest_year is not None and latest_year < target_year:
        return AHEAD_NAME
    return STATUS_NAMES.get(status, status)


def latest_year(target: Target) -> int | None:
    """The latest year with a value: a reported figure or a baseline."""
    years = [o.year for o in target.observations]
    years += [y for y, _ in target.baseline.values] if target.baseline else []
    return max(years) if years else None


def status_name(target: Target) -> str:
    """The Chinese name of a target's status (提前达标 when achieved early)."""
    return status_label(target.status, latest_year(target), target.year)


def status_text(target: Target) -> str:
    """Status with the volatility flag: ``预期难以达标（波动较大）``."""
    name = status_name(target)
    return f"{name}（{VOLATILE_NAME}）" if target.volatile and name else name
