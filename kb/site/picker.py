"""The 我的单位 picker: every name an office goes by (as ``kb dept`` resolves them) → its page.

A form with a ``<datalist>`` of all names (kb-picker.js goes to the page of
the name typed or chosen), and the same list as plain links inside
``<details>``, so that it works without JavaScript too.  The names are the
gazetteer's (``KnowledgeBase.departments``: canonical, short, aliases and the
customary variants of ``kb.names``); only departments with items get a page.
"""

from __future__ import annotations

from kb.model import Department
from kb.site import layout
from kb.site import markdown as md
from kb.site.context import Context


def _bodies(ctx: Context, doc: str) -> list[tuple[Department | None, str]]:
    """(gazetteer entry or None, department name) for every department with items."""
    known = {d.name: d for d in ctx.kb.departments}
    return [(known.get(name), name) for name, _ in ctx.doc_departments(doc)]


def picker(ctx: Context, page: str, doc: str) -> str:
    """The picker's HTML (our own markup; names go through ``md.attr``/``md.text``)."""
    bodies = _bodies(ctx, doc)
    if not bodies:
        return ""
    options, seen = [], set()
    for body, name in bodies:
        href = layout.html_path(layout.rel(page, layout.department_page(doc, name)))
        names = body.names if body else (name,)
        for alias in dict.fromkeys(names):
            if alias in seen:
                continue  # a name two bodies share (司法机关) picks neither
            seen.add(alias)
            options.append(
                f'<option value="{md.attr(alias)}" data-href="{md.attr(href)}"></option>'
            )
    fallback = layout.html_path(layout.rel(page, layout.departments_page(doc)))
    listing = "\n".join(
        f"- {md.link(name, layout.rel(page, layout.department_page(doc, name)))}"
        + (f"（{md.text('、'.join(_others(body)))}）" if body and _others(body) else "")
        for body, name in bodies
    )
    return "\n\n".join(
        [
            f'<form class="kb-picker" action="{fallback}" data-kb-picker>'
            '<label for="kb-dept">我的单位</label>'
            '<input id="kb-dept" name="dept" list="kb-dept-names" autocomplete="off"'
            ' placeholder="输入单位名称，如：卫健局、妇联、县教育局">'
            f'<datalist id="kb-dept-names">{"".join(options)}</datalist>'
            '<button type="submit">查看本单位的任务</button>'
            '<span class="kb-picker-message" role="status"></span></form>',
            '<details class="kb-picker-list" markdown="1">\n'
            f"<summary>全部 {len(bodies)} 个单位及其常用名称</summary>\n\n{listing}\n\n</details>",
        ]
    )


def _others(body: Department) -> list[str]:
    """The names besides the canonical one, as people write them (short name, aliases)."""
    return [n for n in dict.fromkeys((body.short, *body.aliases)) if n and n != body.name]
