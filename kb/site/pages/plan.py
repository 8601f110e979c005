"""A plan page: preface, guiding ideas, principles, overall goals, domains,
implementation and monitoring, each part under its section ID as an anchor."""

from __future__ import annotations

from kb.site import layout
from kb.site import markdown as md
from kb.labels import lines_label
from kb.model import Plan, Section
from kb.site.context import Context

MAX_LEVEL = 4


def source_link(page: str, node: Plan | Section) -> str:
    url = layout.rel(page, layout.source_url(node.doc, node.span.first))
    return md.link("原文" + lines_label(node.span.first, node.span.last), url)


def domain_list(ctx: Context, page: str, doc: str, plan: str) -> str:
    rows = []
    for domain in ctx.plan_domains(doc, plan):
        url = layout.rel(page, layout.domain_page(doc, domain.id))
        rows.append(
            f"- {md.link(domain.id + ' ' + domain.name, url)}："
            f"主要目标 {len(domain.goal_ids)} 条，策略措施 {len(domain.measure_ids)} 条"
        )
    return "\n".join(rows)


def section_block(ctx: Context, page: str, section: Section, level: int) -> list[str]:
    doc = section.doc
    parts = [md.heading(level, section.heading, section.id), source_link(page, section)]
    if section.text:
        parts.append(md.paragraphs(section.text))
    if section.kind == "domains":
        parts.append(domain_list(ctx, page, doc, section.plan))
    for child in ctx.children(doc, section.id):
        parts += section_block(ctx, page, child, min(level + 1, MAX_LEVEL))
    return parts


def plan_page(ctx: Context, plan: Plan) -> str:
    doc, page = plan.doc, layout.plan_page(plan.doc, plan.id)
    domains = ctx.plan_domains(doc, plan.id)
    goals = sum(len(d.goal_ids) for d in domains)
    measures = sum(len(d.measure_ids) for d in domains)
    parts = [
        md.heading(1, plan.title),
        f"{len(domains)} 个发展领域，主要目标 {goals} 条，策略措施 {measures} 条 · "
        + source_link(page, plan),
    ]
    for section in ctx.children(doc, plan.id):
        parts += section_block(ctx, page, section, 2)
    return "\n\n".join(parts) + "\n"
