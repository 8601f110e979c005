"""Plain-text views for the terminal (Chinese), one function per view."""

from __future__ import annotations

from collections.abc import Iterable

from kb.errors import Problem
from kb.lookup import DomainCount, Node
from kb.model import (
    BASIS_NAMES,
    KIND_NAMES,
    PLAN_NAMES,
    ROLE_NAMES,
    Document,
    Domain,
    Item,
    Plan,
    Section,
)
from kb.responsibility import Assignment, DepartmentCount

COMPARATOR_NAMES = {
    "<=": "≤",
    ">=": "≥",
    "~": "约",
    "=": "=",
    "decrease_by": "下降",
    "increase_by": "提高",
    "decrease": "下降（定性）",
    "increase": "提高（定性）",
    "achieve": "实现（定性）",
}


def shorten(text: str, size: int) -> str:
    return text if len(text) <= size else text[:size] + "…"


def format_value(value: float, unit: str) -> str:
    """12 with unit 1/10万 reads 12/10万; 45 with % reads 45%."""
    if unit.startswith("1/"):
        return f"{value:g}{unit[1:]}"
    return f"{value:g}{unit}"


def problems_text(problems: Iterable[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


def show_text(document: Document, node: Node) -> str:
    lines = [f"{node.id}  （{document.file} 第 {node.span.first}–{node.span.last} 行）"]
    if isinstance(node, Item):
        lines += item_lines(document, node)
    elif isinstance(node, Domain):
        lines.append(f"领域：{node.name}（{PLAN_NAMES[node.plan]}）")
        items = {i.id: i for i in document.items}
        for ident in (*node.goal_ids, *node.measure_ids):
            item = items[ident]
            lines.append(f"  {item.id}  {item.title or item.text}")
    elif isinstance(node, Section):
        lines.append(f"{node.heading}（{PLAN_NAMES[node.plan]}）")
        if node.text:
            lines.append(node.text)
    elif isinstance(node, Plan):
        lines.append(node.title)
        for domain in document.domains:
            if domain.plan == node.id:
                lines.append(f"  {domain.id}  {domain.name}")
    return "\n".join(lines)


def item_lines(document: Document, item: Item) -> list[str]:
    domain = next(d for d in document.domains if d.id == item.domain)
    lines = [
        f"{PLAN_NAMES[item.plan]} · {domain.name} · {KIND_NAMES[item.kind]}第 {item.number} 条"
    ]
    if item.title:
        lines.append(f"标题：{item.title}")
    lines.append(f"原文：{item.text}")
    if item.targets:
        lines.append("量化指标：")
        for t in item.targets:
            value = "" if t.value is None else format_value(t.value, t.unit)
            base = ""
            if t.baseline is not None:
                points = (f"{y}年 {format_value(v, t.unit)}" for y, v in t.baseline.values)
                base = "；基线 " + "、".join(points)
            status = f"；{t.status}" if t.status else ""
            lines.append(
                f"  - {t.indicator} {COMPARATOR_NAMES.get(t.comparator, t.comparator)} "
                f"{value}（{t.year}年）{base}{status}  ← “{t.phrase}”"
            )
    if item.departments:
        lines.append("责任单位：")
        for d in item.departments:
            how = f"{ROLE_NAMES[d.role]}，{BASIS_NAMES[d.basis]}：{'、'.join(d.evidence)}"
            lines.append(f"  - {d.name}（{how}）")
    if item.related:
        items = {i.id: i for i in document.items}
        lines.append("另一规划中的相关条目：")
        for r in item.related:
            other = items.get(r.id)
            summary = shorten(other.title or other.text, 30) if other else ""
            lines.append(
                f"  - {r.id} {summary}（相关度 {r.score:.2f}；共同主题：{'、'.join(r.why)}）"
            )
    return lines


def stats_text(counts: list[DomainCount]) -> str:
    lines = []
    docs = sorted({c.doc for c in counts}, key=[c.doc for c in counts].index)
    for doc in docs:
        rows = [c for c in counts if c.doc == doc]
        lines.append(
            f"文件 {doc}：{len(rows)} 个领域，{sum(r.goals + r.measures for r in rows)} 条"
        )
        for plan in ("W", "C"):
            plan_rows = [r for r in rows if r.plan == plan]
            if not plan_rows:
                continue
            goals = sum(r.goals for r in plan_rows)
            measures = sum(r.measures for r in plan_rows)
            sizes = f"主要目标 {goals} 条，策略措施 {measures} 条"
            lines.append(f"  {PLAN_NAMES[plan]}：{len(plan_rows)} 个领域，{sizes}")
            for r in plan_rows:
                lines.append(
                    f"    {r.domain:<4}{r.name}：主要目标 {r.goals}，策略措施 {r.measures}"
                )
    return "\n".join(lines)


def department_text(name: str, short: str, assignments: list[Assignment]) -> str:
    lead = sum(a.role.role == "lead" for a in assignments)
    partner = len(assignments) - lead
    lines = [
        f"{name}（{short}）：共 {len(assignments)} 条，牵头 {lead} 条，配合 {partner} 条",
        "依据：原文点名 = 条文写明了本单位；据内容推断 = 按名录中本单位的职责主题词判断",
    ]
    plan = domain = None
    for a in assignments:
        if a.item.plan != plan:
            plan, domain = a.item.plan, None
            lines += ["", PLAN_NAMES[plan]]
        if a.item.domain != domain:
            domain = a.item.domain
            lines.append(f"  {a.domain_name}（{domain}）")
        summary = shorten(a.item.title or a.item.text, 60)
        lines.append(f"    [{ROLE_NAMES[a.role.role]}] {a.item.id}  {summary}")
        how = f"{BASIS_NAMES[a.role.basis]}：{'、'.join(a.role.evidence)}"
        lines.append(f"           依据（{how}）")
    return "\n".join(lines)


def department_list_text(rows: list[DepartmentCount]) -> str:
    lines = ["单位 | 简称 | 合计 | 牵头 | 配合"]
    for r in rows:
        total = r.lead + r.partner
        lines.append(
            f"{r.department.name} | {r.department.short} | {total} | {r.lead} | {r.partner}"
        )
    return "\n".join(lines)
