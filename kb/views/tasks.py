"""The 任务分工表: who leads and who supports each goal and measure.

The layout Chinese government offices use when they hand a plan on:
领域 | 主要目标/策略措施（编号） | 牵头单位 | 配合单位, for all departments or one.
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
)
WIDTHS = (6, 12, 14, 8, 8, 60, 18, 30, 40)


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


def task_rows(kb: KnowledgeBase, department: str | None = None) -> list[TaskRow]:
    """One row per item (of ``department``, when given), in document order."""
    rows = []
    for item in kb.items():
        if department is not None and all(d.name != department for d in item.departments):
            continue
        basis = "；".join(
            f"{d.name}：{BASIS_NAMES[d.basis]}（{'、'.join(d.evidence)}）" for d in item.departments
        )
        rows.append(
            TaskRow(
                plan=PLAN_NAMES[item.plan],
                domain=kb.domain_of(item).name,
                id=item.id,
                kind=KIND_NAMES[item.kind],
                text=item.text,
                lead=tuple(d.name for d in item.departments if d.role == "lead"),
                partners=tuple(d.name for d in item.departments if d.role == "partner"),
                basis=basis,
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
        ]
        for n, r in enumerate(rows, start=1)
    ]


def tasks_csv(rows: list[TaskRow]) -> str:
    return table_csv(HEADER, _cells(rows))


def write_tasks_xlsx(rows: list[TaskRow], path: Path, title: str) -> None:
    write_xlsx(path, title, HEADER, _cells(rows), WIDTHS, sheet="任务分工")
