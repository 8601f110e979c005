"""A domain page: its goals and measures, each under its ID as a permalink anchor."""

from __future__ import annotations

from kb.site import layout
from kb.site import markdown as md
from kb.site.context import Context, Row
from kb.site.format import BASIS_NAMES, ROLE_NAMES, item_label, lines_label, target_goal


def target_line(target: Row) -> str:
    parts = [md.text(target["indicator"]), md.text(target_goal(target))]
    if target.get("year"):
        parts.append(f"（{target['year']} 年）")
    if target.get("status"):
        parts.append(f"状态：{md.text(target['status'])}")
    return " ".join(parts)


def department_line(ctx: Context, page: str, doc: str, role: Row) -> str:
    target = layout.rel(page, layout.department_page(doc, role["name"]))
    evidence = "、".join(role.get("evidence", []))
    why = str(BASIS_NAMES.get(role.get("basis", ""), role.get("basis", "")))
    detail = f"（{md.text(why)}：{md.text(evidence)}）" if evidence else ""
    return f"{ROLE_NAMES.get(role['role'], role['role'])}：{md.link(role['name'], target)}{detail}"


def related_line(ctx: Context, page: str, related: Row) -> str:
    other = ctx.items.get((related["doc"], related["id"]))
    if other is None:
        return md.text(related["id"])
    url = layout.rel(page, layout.item_url(other["doc"], other["id"], other["domain"]))
    label = md.link(f"{other['id']} {item_label(other)}", url)
    why = "、".join(related.get("why", []))
    return f"{label}（共同主题：{md.text(why)}）" if why else label


def item_block(ctx: Context, page: str, item: Row) -> str:
    doc = item["doc"]
    source = layout.rel(page, layout.source_url(doc, item["lines"][0]))
    facts = [f"原文：{md.link(lines_label(item['lines']), source)}"]
    facts += [f"指标：{target_line(t)}" for t in item.get("targets", [])]
    facts += [department_line(ctx, page, doc, r) for r in item.get("departments", [])]
    facts += [f"相关：{related_line(ctx, page, r)}" for r in item.get("related", [])]
    return "\n\n".join(
        [
            md.heading(3, f"{item['id']} {item_label(item)}", item["id"]),
            md.paragraphs(item["text"]),
            "\n".join(f"- {fact}" for fact in facts),
        ]
    )


def domain_page(ctx: Context, domain: Row) -> str:
    doc, page = domain["doc"], layout.domain_page(domain["doc"], domain["id"])
    plan = next(p for p in ctx.plans(doc) if p["id"] == domain["plan"])
    source = layout.rel(page, layout.source_url(doc, domain["lines"][0]))
    parts = [
        md.heading(1, f"{domain['id']} {domain['name']}"),
        f"{md.link(plan['title'], layout.rel(page, layout.plan_page(doc, plan['id'])))} · "
        f"主要目标 {len(domain['goals'])} 条，策略措施 {len(domain['measures'])} 条 · "
        f"{md.link('原文' + lines_label(domain['lines']), source)}",
    ]
    if domain.get("intro"):
        parts.append(md.paragraphs(domain["intro"]))
    for kind, heading, anchor in (
        ("goals", "主要目标", "goals"),
        ("measures", "策略措施", "measures"),
    ):
        parts.append(md.heading(2, heading, f"{domain['id']}-{anchor}"))
        parts += [item_block(ctx, page, ctx.items[(doc, i)]) for i in domain[kind]]
    return "\n\n".join(parts) + "\n"
