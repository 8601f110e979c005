"""Cross-links: counterpart domains of the two plans, and the subjects both share."""

from __future__ import annotations

from collections import defaultdict

from kb.labels import item_label
from kb.model import Item
from kb.site import layout
from kb.site import markdown as md
from kb.site.context import Context


def item_link(page: str, item: Item) -> str:
    url = layout.rel(page, layout.item_url(item.doc, item.id, item.domain))
    return md.link(item.id, url)


def domain_link(ctx: Context, page: str, doc: str, domain_id: str) -> str:
    domain = ctx.kb.domain(doc, domain_id)
    url = layout.rel(page, layout.domain_page(doc, domain_id))
    return md.link(f"{domain_id} {domain.name}", url)


def shared_subjects(ctx: Context, doc: str) -> dict[str, list[tuple[Item, Item]]]:
    """Subject term → pairs (women's item, children's item) that share it."""
    pairs: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for item in ctx.doc_items(doc):
        for related in item.related:
            other = ctx.kb.find_item(related.doc, related.id)
            if other is None or other.plan == item.plan:
                continue
            women, children = (item, other) if item.plan == "W" else (other, item)
            for term in related.why:
                pairs[term].add((women.id, children.id))
    return {
        term: [(ctx.kb.item(doc, w), ctx.kb.item(doc, c)) for w, c in sorted(found)]
        for term, found in sorted(pairs.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    }


def links_page(ctx: Context, doc: str) -> str:
    page = layout.links_page(doc)
    parts = [
        md.heading(1, "两规划关联"),
        "妇女发展规划与儿童发展规划在许多领域相互呼应。下面列出相互对应的领域，"
        "以及两部规划共同涉及的主题和相应条目。",
    ]
    links = [link for link in ctx.kb.domain_links if link.doc == doc]
    parts.append(md.heading(2, "对应领域", "domains"))
    if links:
        rows = [
            [
                domain_link(ctx, page, doc, link.women),
                domain_link(ctx, page, doc, link.children),
                md.text("、".join(link.why)),
            ]
            for link in links
        ]
        parts.append(md.table(["妇女发展规划", "儿童发展规划", "共同主题"], rows))
    else:
        parts.append("尚无对应领域的数据。")
    subjects = shared_subjects(ctx, doc)
    parts.append(md.heading(2, "共同主题", "subjects"))
    if not subjects:
        parts.append("尚无跨规划关联条目的数据。")
    for term, pairs in subjects.items():
        parts.append(md.heading(3, f"{term}（{len(pairs)} 对）"))
        parts.append(
            "\n".join(
                f"- {item_link(page, w)} {md.text(item_label(w))} ↔ "
                f"{item_link(page, c)} {md.text(item_label(c))}"
                for w, c in pairs
            )
        )
    return "\n\n".join(parts) + "\n"
