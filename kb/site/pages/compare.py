"""Cross-county pages: each indicator's targets compared across the corpus's documents.

Only for a corpus of more than one document: an index of the indicators that
at least two documents set, and one page per indicator with every document's
target (level, place, value, year), how it compares with the plans above it in
the corpus, and the sentence and source line it was read from
(``kb.views.compare``, as ``kb compare`` prints it).
"""

from __future__ import annotations

from kb.labels import goal_text
from kb.site import layout
from kb.site import markdown as md
from kb.views.compare import Comparison, summary_text


def compare_index(comparisons: list[Comparison], documents: int) -> str:
    page = layout.COMPARE
    parts = [
        md.heading(1, "各地指标比较"),
        f"本知识库有 {documents} 份文件；以下 {len(comparisons)} 项指标有两份以上的文件设定了"
        "有数值的目标。点指标名称查看各文件的目标，以及与其上级规划（所引用的市、省规划和国家纲要，"
        "在本知识库中时）的比较。命令行：kb compare 指标名称。",
    ]
    rows = [
        [
            md.link(c.indicator, layout.rel(page, layout.compare_page(c.indicator))),
            str(c.documents),
            str(len(c.settings)),
        ]
        for c in comparisons
    ]
    if rows:
        parts.append(md.table(["指标", "设定目标的文件数", "目标数"], rows))
    return "\n\n".join(parts) + "\n"


def compare_page(comparison: Comparison) -> str:
    page = layout.compare_page(comparison.indicator)
    rows = []
    for s in comparison.settings:
        doc, item = s.document.slug, s.item
        name = s.target.indicator + (f"（{s.target.scope}）" if s.target.scope else "")
        source = layout.rel(page, layout.source_url(doc, s.target.line or item.span.first))
        rows.append(
            [
                md.text(s.document.level or "—"),
                md.text(s.document.place or s.document.title),
                md.link(item.id, layout.rel(page, layout.item_url(doc, item.id, item.domain))),
                md.text(name),
                md.text(f"{goal_text(s.target)}（{s.target.year} 年）"),
                md.text(s.against_text()),
                md.text(f"“{s.target.phrase}”") + " " + md.link("原文", source),
            ]
        )
    parts = [
        md.heading(1, f"各地“{comparison.indicator}”目标"),
        md.text(summary_text(comparison)) + "。",
        md.link("全部指标", layout.rel(page, layout.COMPARE)),
        md.table(["级别", "地区", "条目", "指标", "目标", "与上级比较", "依据"], rows),
    ]
    return "\n\n".join(parts) + "\n"
