"""The targets table: every quantified target with its baseline and status."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.export import target_data
from kb.model import KnowledgeBase, Target
from kb.report import COMPARATOR_NAMES, format_value
from kb.tables import Cell, table_csv, write_xlsx

HEADER = ("编号", "领域", "指标", "基线", "目标", "目标年份", "状态", "原文")
WIDTHS = (8, 14, 30, 28, 16, 10, 10, 60)


@dataclass(frozen=True)
class TargetRow:
    doc: str
    item: str
    domain: str
    target: Target


def target_rows(kb: KnowledgeBase, numeric_only: bool = False) -> list[TargetRow]:
    names = {(d.doc, d.id): d.name for d in kb.domains()}
    return [
        TargetRow(item.doc, item.id, names[(item.doc, item.domain)], target)
        for item in kb.items()
        for target in item.targets
        if not (numeric_only and target.value is None)
    ]


def baseline_text(target: Target) -> str:
    if target.baseline is None:
        return ""
    return "、".join(f"{y}年 {format_value(v, target.unit)}" for y, v in target.baseline.values)


def goal_text(target: Target) -> str:
    comparator = COMPARATOR_NAMES.get(target.comparator, target.comparator)
    if target.value is None:
        return comparator
    return f"{comparator} {format_value(target.value, target.unit)}"


def _cells(rows: list[TargetRow]) -> list[list[Cell]]:
    return [
        [
            r.item,
            r.domain,
            r.target.indicator,
            baseline_text(r.target),
            goal_text(r.target),
            r.target.year,
            r.target.status,
            r.target.phrase,
        ]
        for r in rows
    ]


def targets_text(rows: list[TargetRow]) -> str:
    lines = [" | ".join(HEADER[:7])]
    lines += [" | ".join(str(c) for c in cells[:7]) for cells in _cells(rows)]
    return "\n".join(lines)


def targets_json(rows: list[TargetRow]) -> list[dict[str, Any]]:
    return [{"doc": r.doc, "item": r.item, **target_data(r.target)} for r in rows]


def targets_csv(rows: list[TargetRow]) -> str:
    return table_csv(HEADER, _cells(rows))


def write_targets_xlsx(rows: list[TargetRow], path: Path) -> None:
    write_xlsx(path, "量化指标一览", HEADER, _cells(rows), WIDTHS, sheet="量化指标")
