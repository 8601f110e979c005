"""The targets table: every quantified target with its baseline and status."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.labels import baseline_text, goal_text, status_text
from kb.model import KnowledgeBase, Target
from kb.views.export import target_data
from kb.views.tables import Cell, table_csv, write_xlsx

HEADER = ("编号", "领域", "指标", "基线", "目标", "目标年份", "状态", "原文")
WIDTHS = (8, 14, 30, 28, 16, 10, 10, 60)


@dataclass(frozen=True)
class TargetRow:
    doc: str
    item: str
    domain: str
    target: Target

    def as_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "item": self.item, **target_data(self.target)}


def target_rows(kb: KnowledgeBase, numeric_only: bool = False) -> list[TargetRow]:
    return [
        TargetRow(item.doc, item.id, kb.domain_of(item).name, target)
        for item in kb.items()
        for target in item.targets
        if not (numeric_only and target.value is None)
    ]


def _cells(rows: list[TargetRow]) -> list[list[Cell]]:
    return [
        [
            r.item,
            r.domain,
            r.target.indicator,
            baseline_text(r.target),
            goal_text(r.target),
            r.target.year,
            status_text(r.target),
            r.target.phrase,
        ]
        for r in rows
    ]


def targets_text(rows: list[TargetRow]) -> str:
    lines = [" | ".join(HEADER[:7])]
    lines += [" | ".join(str(c) for c in cells[:7]) for cells in _cells(rows)]
    return "\n".join(lines)


def targets_json(rows: list[TargetRow]) -> list[dict[str, Any]]:
    return [r.as_dict() for r in rows]


def targets_csv(rows: list[TargetRow]) -> str:
    return table_csv(HEADER, _cells(rows))


def write_targets_xlsx(rows: list[TargetRow], path: Path) -> None:
    write_xlsx(path, "量化指标一览", HEADER, _cells(rows), WIDTHS, sheet="量化指标")
