"""The 任务分工表: who leads and who supports each goal and measure.

The layout Chinese government offices use when they hand a plan on:
领域 | 主要目标/策略措施（编号） | 牵头单位 | 配合单位, for all departments or one.
It is also the form the 妇儿工委办 circulates: the departments correct the
牵头单位 and 配合单位 columns and return it, and ``kb assign import`` reads
it back (``kb.assign``) by the same ``HEADER``.  The last column says whether a
person confirmed the row already, and who and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kb.labels import BASIS_NAMES, KIND_NAMES, PLAN_NAMES
from kb.model import KnowledgeBase
from kb.views.tables import Cell, table_csv, write_xlsx

HEADER = (
    "序号",
    "规划",
    "领域",
    "编号",
    "类别",
    "主要目标/策略措施",
    "牵头单位",
    "配合单位",
    "依据",
    "确认情况",
)
WIDTHS = (6, 12, 14, 8, 8, 60, 18, 30, 40, 16)
ID_COLUMN, LEAD_COLUMN, PARTNER_COLUMN = "编号", "牵头单位", "配合单位"
WAITING = "待确认"


@dataclass(frozen=True)
class TaskRow:
    plan: str
    domain: str
    id: str
    kind: str
    text: str
    lead: tuple[str, ...]
    partners: tuple[str, ...]
    basis: str
    confirmed: str = WAITING  # 待确认, or 已确认（who date）


def task_rows(kb: KnowledgeBase, department: str | None = None) -> list[TaskRow]:
    """One row per item (of ``department``, when given), in document order."""
    rows = []
    several = len(kb.documents) > 1
    for item in kb.items():
        if department is not None and all(d.name != department for d in item.departments):
            continue
        basis = "；".join(
            f"{d.name}：{BASIS_NAMES[d.basis]}（{'、'.join(d.evidence)}）" for d in item.departments
        )
        sure = next((d for d in item.departments if d.basis == "confirmed"), None)
        confirmed = f"已确认（{sure.confirmed_by} {sure.confirmed_on}）" if sure else WAITING
        rows.append(
            TaskRow(
                plan=PLAN_NAMES[item.plan],
                domain=kb.domain_of(item).name,
                id=f"{item.doc}:{item.id}" if several else item.id,
                kind=KIND_NAMES[item.kind],
                text=item.text,
                lead=tuple(d.name for d in item.departments if d.role == "lead"),
                partners=tuple(d.name for d in item.departments if d.role == "partner"),
                basis=basis,
                confirmed=confirmed,
            )
        )
    return rows


def _cells(rows: list[TaskRow]) -> list[list[Cell]]:
    return [
        [
            n,
            r.plan,
            r.domain,
            r.id,
            r.kind,
            r.text,
            "、".join(r.lead),
            "、".join(r.partners),
            r.basis,
            r.confirmed,
        ]
        for n, r in enumerate(rows, start=1)
    ]


def tasks_csv(rows: list[TaskRow]) -> str:
    return table_csv(HEADER, _cells(rows))


def write_tasks_xlsx(rows: list[TaskRow], path: Path, title: str) -> None:
    write_xlsx(path, title, HEADER, _cells(rows), WIDTHS, sheet="任务分工")
