"""Cross-links, as ``kb links`` shows them: domain pairs with their strength, kind and counts,
the subjects both plans share (each once, under the pair it joins), and the shared
indicators with both plans' targets compared.  Anchors read ``links.html#W1-C1``.
"""

from __future__ import annotations

from typing import Any

from kb.site import layout
from kb.site import markdown as md
from kb.site.context import Context
from kb.views.links import KIND_NAMES, links_data

OTHER = "other"
STRENGTH_NOTE = (
    "强度：妇女规划一个领域的每个条目，在儿童规划对应领域中找最相关的条目，相关度取平均"
    "（0 到 1，越大越相关）。“对应”表示两个领域互为最相关的领域，“部分”表示只有部分条目相关。"
)


def pair_anchor(women: str, children: str) -> str:
    return f"{women}-{children}"


def item_links(ctx: Context, page: str, doc: str, ids: list[str]) -> str:
    found = []
    for ident in ids:
        item = ctx.kb.item(doc, ident)
        url = layout.rel(page, layout.item_url(doc, ident, item.domain))
        found.append(md.link(ident, url))
    return "、".join(found)


def domain_link(page: str, doc: str, ident: str, name: str) -> str:
    return md.link(f"{ident} {name}", layout.rel(page, layout.domain_page(doc, ident)))


def pairs_table(page: str, doc: str, data: dict[str, Any], grouped: set[str]) -> str:
    rows = []
    for d in data["domain_links"]:
        anchor = pair_anchor(d["women"], d["children"])
        detail = md.link("共同主题", f"#{anchor}") if anchor in grouped else ""
        rows.append(
            [
                domain_link(page, doc, d["women"], d["women_name"]),
                domain_link(page, doc, d["children"], d["children_name"]),
                KIND_NAMES[d["kind"]],
                f"{d['strength']:.3f}",
                f"{d['links']} 对",
                md.text("、".join(d["why"])) + (f" · {detail}" if detail else ""),
            ]
        )
    header = ["妇女规划", "儿童规划", "关系", "强度", "关联条目", "共同用语"]
    return md.table(header, rows, "kb-links", ("关系", "强度", "关联条目"))


def subject_line(ctx: Context, page: str, doc: str, s: dict[str, Any]) -> str:
    mark = "（共同指标）" if s["indicator"] else ""
    women = item_links(ctx, page, doc, s["women"])
    children = item_links(ctx, page, doc, s["children"])
    return f"- **{md.text(s['name'])}**{mark}（{s['links']} 对）：{women} ↔ {children}"


def subject_groups(data: dict[str, Any]) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    """Anchor (``W1-C1`` or ``other``) → the subjects joining that pair; anchor → its title."""
    names = {}
    for d in data["domain_links"]:
        names[d["women"]], names[d["children"]] = d["women_name"], d["children_name"]
    groups: dict[str, list[dict[str, Any]]] = {}
    titles: dict[str, str] = {}
    for s in data["subjects"]:
        women, children = s["domains"]
        key = pair_anchor(women, children) if women in names and children in names else OTHER
        groups.setdefault(key, []).append(s)
        if key != OTHER:
            titles[key] = f"{women} {names[women]} ↔ {children} {names[children]}"
    return groups, titles


def subjects_sections(ctx: Context, page: str, doc: str, data: dict[str, Any]) -> list[str]:
    """Each pair of domains once, with the subjects that join it, each subject once."""
    groups, titles = subject_groups(data)
    parts = []
    for key in sorted(groups, key=lambda k: (k == OTHER, k)):
        parts.append(md.heading(3, titles.get(key, "其他领域之间"), key))
        parts.append("\n".join(subject_line(ctx, page, doc, s) for s in groups[key]))
    return parts


def indicators_table(ctx: Context, page: str, doc: str, data: dict[str, Any]) -> str:
    rows = []
    for c in data["indicators"]:
        sides = []
        for key in ("women", "children"):
            sides.append(
                "；".join(
                    f"{item_links(ctx, page, doc, [t['id']])} {md.text(t['summary'])}"
                    for t in c[key]
                )
            )
        rows.append([md.text(c["indicator"]), *sides, md.text(c["verdict"])])
    return md.table(["指标", "妇女规划", "儿童规划", "比较"], rows, "kb-shared")


def links_page(ctx: Context, doc: str) -> str:
    page = layout.links_page(doc)
    data = links_data(ctx.alone(doc))
    s = data["summary"]
    parts = [
        md.heading(1, "两规划关联"),
        f"共 {s['linked_items']} 条主要目标和策略措施（全部 {s['items']} 条）有跨规划关联："
        f"妇女规划 {s['linked_women']} 条，儿童规划 {s['linked_children']} 条；"
        f"关联 {s['pairs']} 对（与 kb links 相同）。",
        md.heading(2, "对应领域", "domains"),
    ]
    subjects = subjects_sections(ctx, page, doc, data)
    grouped = set(subject_groups(data)[0])
    if data["domain_links"]:
        parts += [STRENGTH_NOTE, pairs_table(page, doc, data, grouped)]
    else:
        parts.append("尚无对应领域的数据。")
    parts.append(md.heading(2, "共同主题", "subjects"))
    if subjects:
        parts.append(
            "↔ 左边是妇女发展规划的条目，右边是儿童发展规划的条目；括号里是关联的条目对数。"
        )
        parts += subjects
    else:
        parts.append("尚无跨规划关联条目的数据。")
    if data["indicators"]:
        parts.append(md.heading(2, "共同指标", "indicators"))
        parts.append("两部规划都设了目标的指标，目标并列比较。")
        parts.append(indicators_table(ctx, page, doc, data))
    return "\n\n".join(parts) + "\n"
