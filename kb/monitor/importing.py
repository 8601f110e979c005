"""What an import stores: the figures of the forms merged into ``corpus/monitoring.csv``.

``plan_import`` is pure: from the knowledge base (whose targets carry the
figures already stored) and the figures read from the forms, it gives the
new rows of ``monitoring.csv`` and what changed.  A figure equal to the one
stored keeps its first source and form, so importing the same form twice
changes nothing; a different value for a stored year replaces it, and is
listed.  The rows are written in catalogue order, then by year, so that the
file's diffs read like the forms.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.corpus.monitoring import Row, monitoring_csv
from kb.enrich.reporting import indicator_id
from kb.model import KnowledgeBase
from kb.monitor.intake import Figure

Key = tuple[str, str, int, int]  # doc, item, n, year


@dataclass
class ImportPlan:
    rows: list[Row]
    added: list[Figure] = field(default_factory=list)
    changed: list[tuple[Figure, Row]] = field(default_factory=list)  # the new figure, the old row
    unchanged: list[Figure] = field(default_factory=list)

    @property
    def text(self) -> str:
        return monitoring_csv(self.rows)


def stored_rows(kb: KnowledgeBase) -> dict[Key, Row]:
    """The figures the knowledge base holds, as rows of the current layout."""
    qualify = len(kb.documents) > 1
    rows: dict[Key, Row] = {}
    for item in kb.items():
        shown = f"{item.doc}:{item.id}" if qualify else item.id
        for n, target in enumerate(item.targets, 1):
            for o in target.observations:
                rows[(item.doc, item.id, n, o.year)] = Row(
                    o.line, shown, target.indicator, o.year, o.value, o.source, o.form, o.imported
                )
    return rows


def plan_import(
    kb: KnowledgeBase, figures: list[Figure], source: str | None, today: str
) -> ImportPlan:
    """The rows after importing ``figures``; ``source`` (default: each indicator's reporter)."""
    rows = stored_rows(kb)
    plan = ImportPlan([])
    for figure in figures:
        i = figure.indicator
        key = (i.doc, i.item_id, i.n, figure.year)
        old = rows.get(key)
        if old is not None and old.value == figure.value:
            plan.unchanged.append(figure)
            continue
        new = Row(
            0, i.item, i.name, figure.year, figure.value, source or i.reporter, figure.form, today
        )
        rows[key] = new
        if old is None:
            plan.added.append(figure)
        else:
            plan.changed.append((figure, old))
    order = {(item.doc, item.id): position for position, item in enumerate(kb.items())}
    plan.rows = [rows[k] for k in sorted(rows, key=lambda k: (order[(k[0], k[1])], k[2], k[3]))]
    return plan


def summary_lines(plan: ImportPlan) -> list[str]:
    lines = [
        f"新增 {len(plan.added)} 个数值，修改 {len(plan.changed)} 个，"
        f"与已有数据相同 {len(plan.unchanged)} 个"
    ]
    for figure, old in plan.changed:
        i = figure.indicator
        was = f"（原来源：{old.source or '未注明'}" + (f"，{old.form}" if old.form else "") + "）"
        lines.append(
            f"  修改：{indicator_id(i.item, i.n)} {i.name} {figure.year} 年 "
            f"{old.value:g} → {figure.value:g}{was}"
        )
    return lines
