"""Plain-text views for the terminal (Chinese), one function per view."""

from __future__ import annotations

from collections.abc import Iterable

from kb.errors import Problem, Report
from kb.labels import (
    BASIS_EXPLAINED,
    BASIS_NAMES,
    KIND_NAMES,
    PLAN_NAMES,
    ROLE_NAMES,
    VERDICT_NAMES,
    baseline_text,
    goal_text,
    lines_label,
    shorten,
    status_text,
    target_scope,
)
from kb.model import (
    Document,
    Domain,
    Item,
    KnowledgeBase,
    ParentLink,
    Plan,
    Project,
    Section,
    Target,
)
from kb.views.lookup import DomainCount, Node
from kb.views.responsibility import Assignment, DepartmentCount


def problems_text(problems: Iterable[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


def check_summary(documents: int, items: int, report: Report, strict: bool) -> str:
    """The last line of ``kb check``, and why it failed under ``--strict``."""
    line = (
        f"检查了 {documents} 份可解析的文件，{items} 条主要目标和策略措施；"
        f"错误 {report.errors} 个，警告 {report.warnings} 个"
    )
    if strict and report.warnings and not report.errors:
        line += "\n（--strict：警告也视为失败）"
    return line


def show_text(kb: KnowledgeBase, document: Document, node: Node) -> str:
    where = lines_label(node.span.first, node.span.last)
    lines = [f"{node.id}  （{document.file} {where}）"]
    if isinstance(node, Item):
        lines += item_lines(kb, node)
    elif isinstance(node, Domain):
        lines.append(f"领域：{node.name}（{PLAN_NAMES[node.plan]}）")
        for ident in (*node.goal_ids, *node.measure_ids):
            item = kb.item(node.doc, ident)
            lines.append(f"  {item.id}  {item.title or item.text}")
        for project in document.projects:
            if project.parent == node.id:
                lines.append(f"  {project.id}  重点项目：{project.title}")
    elif isinstance(node, Project):
        lines.append(f"重点项目第 {node.number} 项（{PLAN_NAMES[node.plan]} · {node.parent}）")
        lines.append(f"原文：{node.text}")
    elif isinstance(node, Section):
        lines.append(f"{node.heading}（{PLAN_NAMES[node.plan]}）")
        if node.text:
            lines.append(node.text)
    elif isinstance(node, Plan):
        lines.append(node.title)
        if document.level or document.place:
            lines.append(
                f"级别：{document.level or '未能判断'} · 地方：{document.place or '未写明'}"
            )
        for cited in document.implements:
            if cited.plan == node.id:
                level = f"（{cited.level}级）" if cited.level else ""
                lines.append(f"  实施：{cited.title}{level}  ← 第 {cited.line} 行“{cited.phrase}”")
        for domain in document.domains:
            if domain.plan == node.id:
                lines.append(f"  {domain.id}  {domain.name}")
    return "\n".join(lines)


def target_line(t: Target) -> str:
    base = f"；基线 {baseline_text(t)}" if t.baseline is not None else ""
    status = f"；{status_text(t)}" if t.status else ""
    if t.observations:
        last = t.observations[-1]
        status += f"（最新 {last.year} 年 {last.value:g}）"
    scope = target_scope(t)
    return f"  - {t.indicator}{scope} {goal_text(t)}（{t.year}年）{base}{status}  ← “{t.phrase}”"


def parent_lines(kb: KnowledgeBase, link: ParentLink) -> list[str]:
    """The item's counterpart in the plan it implements, and its targets beside the parent's."""
    parent = kb.document(link.doc) if any(d.slug == link.doc for d in kb.documents) else None
    title = parent.plans[0].title if parent is not None and parent.plans else link.doc
    lines = ["上级规划中的对应条目："]
    other = kb.find_item(link.doc, link.id) if link.id else None
    if other is not None:
        summary = shorten(other.title or other.text, 30)
        why = f"；依据：{'、'.join(link.why)}" if link.why else ""
        lines.append(f"  - {other.id} {summary}（{title}；相似度 {link.score:.2f}{why}）")
    else:
        lines.append(f"  - 没有相近的条目（{title}）")
    for c in link.targets:
        theirs = f"，上级 {c.parent}" if c.parent else ""
        lines.append(f"  - {c.indicator}：本级 {c.child}{theirs} → {VERDICT_NAMES[c.verdict]}")
    return lines


def item_lines(kb: KnowledgeBase, item: Item) -> list[str]:
    domain = kb.domain_of(item)
    lines = [
        f"{PLAN_NAMES[item.plan]} · {domain.name} · {KIND_NAMES[item.kind]}第 {item.number} 条"
    ]
    if item.title:
        lines.append(f"标题：{item.title}")
    lines.append(f"原文：{item.text}")
    if item.parts:
        lines.append("分项：")
        lines += [f"  {p.marker} {p.text}（第 {p.line} 行）" for p in item.parts]
    if item.targets:
        lines.append("量化指标：")
        lines += [target_line(t) for t in item.targets]
    if item.departments:
        lines.append("责任单位：")
        for d in item.departments:
            how = f"{ROLE_NAMES[d.role]}，{BASIS_NAMES[d.basis]}：{'、'.join(d.evidence)}"
            lines.append(f"  - {d.name}（{how}）")
    if item.pairs:
        heading = "实施本目标的策略措施：" if item.kind == "goal" else "本措施实施的主要目标："
        lines.append(heading)
        for p in item.pairs:
            paired = kb.item(item.doc, p.id)
            summary = shorten(paired.title or paired.text, 30)
            lines.append(f"  - {p.id} {summary}（共同用语：{'、'.join(p.why)}）")
    if item.parent is not None:
        lines += parent_lines(kb, item.parent)
    if item.related:
        lines.append("另一规划中的相关条目：")
        for r in item.related:
            other = kb.find_item(r.doc, r.id)
            summary = shorten(other.title or other.text, 30) if other else ""
            lines.append(
                f"  - {r.id} {summary}（相关度 {r.score:.2f}；共同主题：{'、'.join(r.why)}）"
            )
    return lines


def stats_text(counts: list[DomainCount]) -> str:
    lines = []
    docs = list(dict.fromkeys(c.doc for c in counts))
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
    """A department's items by plan and domain, lead first, each with its basis.

    The head says how many of them a person confirmed; the unconfirmed ones are
    listed at the end, so that the office can follow up.
    """
    lead = sum(a.role.role == "lead" for a in assignments)
    partner = len(assignments) - lead
    waiting = [a.item.id for a in assignments if not a.confirmed]
    lines = [
        f"{name}（{short}）：共 {len(assignments)} 条，牵头 {lead} 条，配合 {partner} 条",
        f"确认情况：已确认 {len(assignments) - len(waiting)} 条，待确认 {len(waiting)} 条",
        f"依据：{BASIS_EXPLAINED}",
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
    if waiting:
        lines += [
            "",
            f"待确认的条目（{len(waiting)} 条；任务分工表收回后用 kb assign import 导入）：",
            *wrapped(waiting),
        ]
    return "\n".join(lines)


def wrapped(ids: list[str], per_line: int = 10) -> list[str]:
    return ["  " + "、".join(ids[i : i + per_line]) for i in range(0, len(ids), per_line)]


def department_list_text(rows: list[DepartmentCount]) -> str:
    lines = ["单位 | 简称 | 合计 | 牵头 | 配合 | 已确认"]
    for r in rows:
        total = r.lead + r.partner
        lines.append(
            f"{r.department.name} | {r.department.short} | {total} | {r.lead} | {r.partner}"
            f" | {r.confirmed}"
        )
    return "\n".join(lines)


def stale_notice(changed: list[str]) -> str:
    """Said on stderr when the corpus changed since the release was built."""
    names = "、".join(changed[:5]) + (" 等" if len(changed) > 5 else "")
    return f"注意：语料在上次构建后有改动（{names}）；以下结果来自上次构建，运行 kb build 更新。"
