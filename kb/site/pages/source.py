"""The original text, one anchor per line (``#L50``), each line linked to its item."""

from __future__ import annotations

import html

from kb.model import Document, Item
from kb.site import layout
from kb.site import markdown as md
from kb.site.context import Context


def owners(ctx: Context, doc: str) -> dict[int, Item]:
    """Which item each line belongs to (items only; sections are on the plan pages)."""
    found: dict[int, Item] = {}
    for item in ctx.doc_items(doc):
        for line in range(item.span.first, item.span.last + 1):
            found[line] = item
    return found


def source_page(ctx: Context, document: Document, lines: list[str]) -> str:
    """Raw HTML inside the Markdown page: every corpus character is HTML-escaped."""
    doc, page = document.slug, layout.source_page(document.slug)
    by_line = owners(ctx, doc)
    rows = []
    for number, line in enumerate(lines, start=1):
        anchor = layout.line_anchor(number)
        item = by_line.get(number)
        owner = ""
        if item is not None:
            url = layout.html_path(layout.rel(page, layout.domain_page(doc, item.domain)))
            owner = f'<a class="kb-owner" href="{url}#{item.id}">{item.id}</a>'
        rows.append(
            f'<div class="kb-line" id="{anchor}"><a class="kb-lineno" href="#{anchor}">'
            f"{number}</a><span>{html.escape(line.strip())}</span>{owner}</div>"
        )
    intro = (
        f"# 原文\n\n《{md.text(document.title)}》全文，共 {len(lines)} 行。"
        "每行左侧是行号（可作为链接引用，如 `#L50`），右侧是该行所属的条目。\n\n"
    )
    return intro + '<div class="kb-source">\n' + "\n".join(rows) + "\n</div>\n"
