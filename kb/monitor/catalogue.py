"""The indicator catalogue: every numeric target as an indicator with a stable ID.

The ID is the item's and the target's place in it (``C1-G3#2``: item C1-G3,
its second target), prefixed with the document (``文件:C1-G3#2``) when the
corpus holds several.  Forms and ``monitoring.csv`` name an indicator by its
item and its name (编号 and 指标), which stay right when targets are added to
an item; the ID is for pages and lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kb.enrich.reporting import indicator_id
from kb.enrich.status import Assessment, assess
from kb.labels import baseline_text, goal_text, status_label
from kb.model import Item, KnowledgeBase, Target

DIRECTIONS = {
    "<=": "decrease",
    ">=": "increase",
    "~": "about",
    "=": "equal",
    "decrease_by": "decrease",
    "increase_by": "increase",
}
DIRECTION_NAMES = {"decrease": "越低越好", "increase": "越高越好", "about": "保持在目标附近"}
FIRST_YEAR, LAST_YEAR = 2020, 2030  # the years a form collects


@dataclass(frozen=True)
class Indicator:
    id: str  # C1-G3#2, or slug:C1-G3#2 when the corpus has several documents
    doc: str
    item: str  # the item's ID as a form's 编号 column shows it (slug:ID with several documents)
    item_id: str  # the item's own ID, e.g. C1-G3
    n: int  # the target's place among the item's targets, 1-based
    plan: str
    domain: str  # domain ID
    domain_name: str
    target: Target

    @property
    def name(self) -> str:
        return self.target.indicator

    @property
    def unit(self) -> str:
        """The unit of the figures (a relative target's % is its change, not the figure)."""
        relative = self.target.comparator in ("decrease_by", "increase_by")
        return "" if relative else self.target.unit

    @property
    def direction(self) -> str:
        return DIRECTIONS.get(self.target.comparator, "")

    @property
    def reporter(self) -> str:
        return self.target.reporter

    def assessment(self, as_of: int | None = None) -> Assessment:
        return assess(self.target, as_of)

    def status_name(self, as_of: int | None = None) -> str:
        found = self.assessment(as_of)
        latest = found.latest[0] if found.latest else None
        return status_label(found.status, latest, self.target.year)

    def goal(self) -> str:
        return f"{goal_text(self.target)}（{self.target.year}年）"

    def as_dict(self) -> dict[str, Any]:
        t = self.target
        return {
            "id": self.id,
            "doc": self.doc,
            "item": self.item_id,
            "indicator": t.indicator,
            "unit": self.unit,
            "comparator": t.comparator,
            "value": t.value,
            "year": t.year,
            "base_year": t.base_year,
            "baseline": [{"year": y, "value": v} for y, v in t.baseline.values]
            if t.baseline
            else [],
            "direction": self.direction,
            "reporter": t.reporter,
            "reporter_basis": t.reporter_basis,
            "domain": self.domain,
            "domain_name": self.domain_name,
            "observations": [
                {"year": o.year, "value": o.value, "source": o.source, "form": o.form}
                for o in t.observations
            ],
            "status": t.status,
            "status_name": self.status_name(),
            "status_method": t.status_method,
            "volatile": t.volatile,
        }


def _indicators(kb: KnowledgeBase, item: Item, qualify: bool) -> list[Indicator]:
    domain = kb.domain_of(item)
    shown = f"{item.doc}:{item.id}" if qualify else item.id
    return [
        Indicator(
            id=(f"{item.doc}:" if qualify else "") + indicator_id(item.id, n),
            doc=item.doc,
            item=shown,
            item_id=item.id,
            n=n,
            plan=item.plan,
            domain=domain.id,
            domain_name=domain.name,
            target=target,
        )
        for n, target in enumerate(item.targets, 1)
        if target.value is not None
    ]


def catalogue(kb: KnowledgeBase) -> list[Indicator]:
    """Every numeric target of the knowledge base, in document order."""
    qualify = len(kb.documents) > 1
    return [i for item in kb.items() for i in _indicators(kb, item, qualify)]


def of_department(indicators: list[Indicator], department: str) -> list[Indicator]:
    return [i for i in indicators if i.reporter == department]


def counts_by_department(indicators: list[Indicator]) -> list[tuple[str, int]]:
    """(reporting department, number of indicators), most first; "" for none."""
    counts: dict[str, int] = {}
    for i in indicators:
        counts[i.reporter] = counts.get(i.reporter, 0) + 1
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))


def list_text(indicators: list[Indicator]) -> str:
    lines = ["编号 | 领域 | 指标 | 单位 | 目标 | 基线 | 方向 | 报送单位 | 状态"]
    for i in indicators:
        lines.append(
            " | ".join(
                [
                    i.id,
                    i.domain_name,
                    i.name,
                    i.unit or "—",
                    i.goal(),
                    baseline_text(i.target) or "—",
                    DIRECTION_NAMES.get(i.direction, ""),
                    i.reporter or "（未确定）",
                    i.status_name(),
                ]
            )
        )
    lines.append("")
    summary = "、".join(
        f"{name or '未确定'} {n} 项" for name, n in counts_by_department(indicators)
    )
    lines.append(f"共 {len(indicators)} 项指标；按报送单位：{summary}")
    return "\n".join(lines)
