"""Shared indicators: the targets both plans set for the same indicator, compared.

Some indicators appear with a target in both plans (九年义务教育巩固率,
高中阶段教育毛入学率, 农村自来水普及率, 农村卫生厕所普及率); ``subjects.yaml``
marks them ``indicator: true``.  For each one, ``shared_indicators`` lists the
items of each plan that state it, with the target read from ``Item.targets``
when the targets module found one, or else from the clause of the text that
names the indicator, and says whether the two plans aim at the same value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kb.links import item_subjects
from kb.links_vocab import Subject, Vocabulary
from kb.model import Item, KnowledgeBase

CLAUSE_END = "，。；：！？,;:!?"
VALUE = re.compile(r"(?P<num>[0-9]+(?:\.[0-9]+)?)(?P<unit>%|％|‰)(?P<tail>以上|以下|以内|左右)?")
TAIL_COMPARATOR = {"以上": ">=", "以下": "<=", "以内": "<=", "左右": "~"}
AT_LEAST = re.compile(r"(?:达到|提高到|提升到|保持在|稳定在|不低于)(?:并保持在)?$")
AT_MOST = re.compile(r"(?:降至|降到|下降到|控制在|不高于|不超过)$")
INCREASE = re.compile(r"提高|提升|增加|上升|扩大")
DECREASE = re.compile(r"下降|降低|减少|降至|降到")
COMPARATOR_TEXT = {
    ">=": "≥",
    "<=": "≤",
    "~": "约",
    "=": "",
    "increase": "提高",
    "decrease": "下降",
}


@dataclass(frozen=True)
class IndicatorTarget:
    """What one item says about a shared indicator."""

    id: str
    plan: str
    phrase: str  # the target as written (or the clause naming the indicator)
    comparator: str  # >=, <=, ~, =, increase, decrease; "" when the item sets no target
    value: float | None
    unit: str
    source: str  # "targets" (read by kb.targets) or "text" (read here from the clause)

    @property
    def summary(self) -> str:
        """The target in a few characters, e.g. ``≥99%`` or ``提高``."""
        if not self.comparator:
            return "未设目标"
        value = "" if self.value is None else f"{self.value:g}{self.unit}"
        return f"{COMPARATOR_TEXT.get(self.comparator, self.comparator)}{value}"


@dataclass(frozen=True)
class IndicatorComparison:
    doc: str
    indicator: str
    women: tuple[IndicatorTarget, ...]
    children: tuple[IndicatorTarget, ...]
    verdict: str  # 目标相同 / 目标不同 / 无法比较（…）


def shared_indicators(kb: KnowledgeBase, vocabulary: Vocabulary) -> list[IndicatorComparison]:
    """Every ``indicator`` subject that items of both plans name, with both plans' targets."""
    found = []
    for doc in kb.documents:
        for subject in (s for s in vocabulary.subjects if s.indicator):
            named = [i for i in doc.items if subject.name in item_subjects(i, vocabulary)]
            women = tuple(_target(i, subject) for i in named if i.plan == "W")
            children = tuple(_target(i, subject) for i in named if i.plan == "C")
            if women and children:
                found.append(
                    IndicatorComparison(
                        doc.slug, subject.name, women, children, compare(women, children)
                    )
                )
    return found


def compare(women: Sequence[IndicatorTarget], children: Sequence[IndicatorTarget]) -> str:
    """Compare the first target each plan sets for the indicator."""
    w = next((t for t in women if t.comparator), None)
    c = next((t for t in children if t.comparator), None)
    if w is None or c is None:
        return "无法比较（至少一部规划未设目标）"
    if (w.comparator, w.value, w.unit) == (c.comparator, c.value, c.unit):
        return f"目标相同（{w.summary}）"
    return f"目标不同（妇女规划 {w.summary}，儿童规划 {c.summary}）"


def _target(item: Item, subject: Subject) -> IndicatorTarget:
    for t in item.targets:
        if any(alias in t.indicator or alias in t.phrase for alias in subject.aliases):
            return IndicatorTarget(
                item.id, item.plan, t.phrase, t.comparator, t.value, t.unit, "targets"
            )
    clause = _clause(item.text, subject.aliases)
    comparator, value, unit = _read(clause, subject.aliases)
    return IndicatorTarget(item.id, item.plan, clause, comparator, value, unit, "text")


def _comparator(before: str, tail: str | None) -> str:
    """≥ for 达到99%以上 or 达到100%, ≤ for 降至12以下, = when the text does not say."""
    if tail is not None:
        return TAIL_COMPARATOR[tail]
    if AT_LEAST.search(before):
        return ">="
    if AT_MOST.search(before):
        return "<="
    return "="


def _clause(text: str, aliases: Sequence[str]) -> str:
    """The clause (between punctuation marks) that names the indicator."""
    start = min((p for p in (text.find(a) for a in aliases) if p >= 0), default=0)
    begin = max(text.rfind(ch, 0, start) for ch in CLAUSE_END) + 1
    ends = [p for p in (text.find(ch, start) for ch in CLAUSE_END) if p >= 0]
    return text[begin : min(ends, default=len(text))]


def _read(clause: str, aliases: Sequence[str]) -> tuple[str, float | None, str]:
    """Comparator, value and unit of a target clause such as 巩固率提高到99%以上."""
    if m := VALUE.search(clause):
        unit = "%" if m.group("unit") == "％" else m.group("unit")
        return _comparator(clause[: m.start()], m.group("tail")), float(m.group("num")), unit
    rest = clause
    for alias in aliases:
        rest = rest.replace(alias, "")
    if INCREASE.search(rest):
        return "increase", None, ""
    if DECREASE.search(rest):
        return "decrease", None, ""
    return "", None, ""
