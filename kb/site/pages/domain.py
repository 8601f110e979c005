"""A domain page: its goals and measures, each under its ID as a permalink anchor."""

from __future__ import annotations

from kb.labels import (
    BASIS_NAMES,
    ROLE_NAMES,
    VERDICT_NAMES,
    goal_text,
    item_body,
    item_label,
    lines_label,
    target_scope,
)
from kb.model import DepartmentRole, Domain, Item, Pair, ParentLink, Project, Related, Target
from kb.site import evidence, layout
from kb.site import markdown as md
from kb.site.context import Context


def target_line(target: Target) -> str:
    parts = [
        md.text(target.indicator + target_scope(target)),
        md.text(goal_text(target)),
        f"（{target.year} 年）",
    ]
    return " ".join(parts)


def target_facts(page: str, item: Item, n: int, target: Target) -> str:
    """The target's line and, under it, its evidence: phrase, baseline, status and how."""
    lines = [f"- 指标：{indicator_line(page, item, n, target)}"]
    lines += [f"    - {fact}" for fact in evidence.facts(page, item.doc, target)]
    return "\n".join(lines)


def indicator_line(page: str, item: Item, n: int, target: Target) -> str:
    """A target's line, its status linking to the indicator's page (numeric targets)."""
    from kb.enrich.reporting import indicator_id

    line = target_line(target)
    if target.value is None:
        return line
    url = layout.rel(page, layout.indicator_page(item.doc, indicator_id(item.id, n)))
    return f"{line} {md.link('监测数据', url)}"


def department_line(page: str, doc: str, role: DepartmentRole) -> str:
    target = layout.rel(page, layout.department_page(doc, role.name))
    evidence = "、".join(role.evidence)
    why = BASIS_NAMES.get(role.basis, role.basis)
    detail = f"（{md.text(why)}：{md.text(evidence)}）" if evidence else ""
    return f"{ROLE_NAMES.get(role.role, role.role)}：{md.link(role.name, target)}{detail}"


def related_line(ctx: Context, page: str, related: Related) -> str:
    other = ctx.kb.find_item(related.doc, related.id)
    if other is None:
        return md.text(related.id)
    url = layout.rel(page, layout.item_url(other.doc, other.id, other.domain))
    label = md.link(f"{other.id} {item_label(other)}", url)
    why = "、".join(related.why)
    return f"{label}（共同主题：{md.text(why)}）" if why else label


def pair_line(ctx: Context, page: str, item: Item, pair: Pair) -> str:
    other = ctx.kb.item(item.doc, pair.id)
    url = layout.rel(page, layout.item_url(other.doc, other.id, other.domain))
    why = "、".join(pair.why)
    label = md.link(f"{other.id} {item_label(other)}", url)
    return f"{label}（共同用语：{md.text(why)}）" if why else label


def parent_facts(ctx: Context, page: str, link: ParentLink) -> list[str]:
    """The item's counterpart in the plan it implements, and each target beside the parent's."""
    other = ctx.kb.find_item(link.doc, link.id) if link.id else None
    if other is None:
        facts = ["上级规划：没有相近的条目"]
    else:
        url = layout.rel(page, layout.item_url(other.doc, other.id, other.domain))
        why = f"；依据：{md.text('、'.join(link.why))}" if link.why else ""
        label = md.link(f"{other.id} {item_label(other)}", url)
        facts = [f"上级规划：{label}（相似度 {link.score:.2f}{why}）"]
    for c in link.targets:
        theirs = f"，上级 {md.text(c.parent)}" if c.parent else ""
        verdict = VERDICT_NAMES.get(c.verdict, c.verdict)
        facts.append(f"对比上级：{md.text(c.indicator)} 本级 {md.text(c.child)}{theirs}：{verdict}")
    return facts


def project_block(page: str, project: Project) -> str:
    source = layout.rel(page, layout.source_url(project.doc, project.span.first))
    where = md.link(lines_label(project.span.first, project.span.last), source)
    return "\n\n".join(
        [
            md.heading(3, f"{project.id} {project.title}", project.id),
            md.paragraphs(project.text),
            f"- 原文：{where}",
        ]
    )


def item_block(ctx: Context, page: str, item: Item) -> str:
    source = layout.rel(page, layout.source_url(item.doc, item.span.first))
    facts = [f"原文：{md.link(lines_label(item.span.first, item.span.last), source)}"]
    facts += [department_line(page, item.doc, r) for r in item.departments]
    pair_label = "实施措施" if item.kind == "goal" else "实施目标"
    facts += [f"{pair_label}：{pair_line(ctx, page, item, p)}" for p in item.pairs]
    facts += [f"相关：{related_line(ctx, page, r)}" for r in item.related]
    if item.parent is not None:
        facts += parent_facts(ctx, page, item.parent)
    label = item_label(item)
    targets = [target_facts(page, item, n, t) for n, t in enumerate(item.targets, 1)]
    body = item_body(item, label)
    return "\n\n".join(
        [
            md.heading(3, f"{item.id} {label}", item.id),
            *([md.paragraphs(body)] if body else []),
            "\n".join([f"- {facts[0]}", *targets, *(f"- {fact}" for fact in facts[1:])]),
        ]
    )


def domain_page(ctx: Context, domain: Domain) -> str:
    doc, page = domain.doc, layout.domain_page(domain.doc, domain.id)
    plan = ctx.plan(doc, domain.plan)
    source = layout.rel(page, layout.source_url(doc, domain.span.first))
    parts = [
        md.heading(1, f"{domain.id} {domain.name}"),
        f"{md.link(plan.title, layout.rel(page, layout.plan_page(doc, plan.id)))} · "
        f"主要目标 {len(domain.goal_ids)} 条，策略措施 {len(domain.measure_ids)} 条 · "
        f"{md.link('原文' + lines_label(domain.span.first, domain.span.last), source)}",
    ]
    if domain.intro:
        parts.append(md.paragraphs(domain.intro))
    for ids, heading, anchor in (
        (domain.goal_ids, "主要目标", "goals"),
        (domain.measure_ids, "策略措施", "measures"),
    ):
        parts.append(md.heading(2, heading, f"{domain.id}-{anchor}"))
        parts += [item_block(ctx, page, ctx.kb.item(doc, i)) for i in ids]
    projects = [p for p in ctx.kb.document(doc).projects if p.parent == domain.id]
    if projects:
        parts.append(md.heading(2, "重点项目", f"{domain.id}-projects"))
        parts += [project_block(page, p) for p in projects]
    return "\n\n".join(parts) + "\n"
