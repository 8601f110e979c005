"""The targets page: indicator, baselines, 2030 target, status with its evidence, and charts."""

from __future__ import annotations

from collections import Counter

from kb.enrich.reporting import indicator_id
from kb.labels import STATUS_NAMES, baseline_text, goal_text, status_name, status_text
from kb.model import Item, Target
from kb.site import evidence, layout
from kb.site import markdown as md
from kb.site.charts import bar_chart
from kb.site.context import Context

Row = tuple[Item, int, Target]
HEADER = ["条目", "指标", "基线", "目标", "状态", "依据"]


def doc_targets(ctx: Context, doc: str) -> list[Row]:
    return [(i, n, t) for i in ctx.doc_items(doc) for n, t in enumerate(i.targets, 1)]


def status_counts(ctx: Context, doc: str) -> tuple[str, list[Row]]:
    """``共 N 项指标：已达标 a 项，…`` and the targets whose baseline the plan states."""
    rows = doc_targets(ctx, doc)
    if not rows:
        return "", []
    counts = Counter(status_name(t) or evidence.NO_STATUS for _, _, t in rows)
    order = [*STATUS_NAMES.values(), evidence.NO_STATUS]
    named = sorted(counts.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else -1)
    line = f"共 {len(rows)} 项指标：" + "，".join(f"{name} {n} 项" for name, n in named)
    return line, [r for r in rows if r[2].baseline is not None]


def row_cells(page: str, doc: str, row: Row) -> list[str]:
    item, n, target = row
    url = layout.rel(page, layout.item_url(doc, item.id, item.domain))
    status = md.text(status_text(target) or evidence.NO_STATUS)
    if target.value is not None:
        ident = indicator_id(item.id, n)
        status = md.link(status_text(target), layout.rel(page, layout.indicator_page(doc, ident)))
    base = ""
    if target.baseline is not None:
        where = evidence.line_link(page, doc, target.baseline.line)
        base = f"{md.text(baseline_text(target))}（{where}）"
    how = f"；{md.text(target.status_method)}" if target.status_method else ""
    where = f"（{evidence.line_link(page, doc, target.line)}）" if target.line else ""
    return [
        md.link(item.id, url),
        md.text(target.indicator),
        base,
        md.text(f"{goal_text(target)}（{target.year} 年）"),
        status,
        f"“{md.text(target.phrase)}”{where}{how}",
    ]


def target_table(ctx: Context, page: str, doc: str, rows: list[Row]) -> str:
    return md.table(HEADER, [row_cells(page, doc, r) for r in rows], "kb-targets", ("目标", "状态"))


def downloads(page: str, doc: str) -> str:
    links = [
        md.link("量化指标.xlsx", layout.rel(page, layout.download(doc, "targets", "xlsx"))),
        md.link("量化指标.csv", layout.rel(page, layout.download(doc, "targets", "csv"))),
    ]
    return "下载（与 kb targets 导出的相同）：" + " · ".join(links)


def targets_page(ctx: Context, doc: str) -> str:
    page = layout.targets_page(doc)
    rows = doc_targets(ctx, doc)
    parts = [md.heading(1, "量化指标")]
    if not rows:
        parts.append("本知识库尚未从条文中提取量化指标。")
        return "\n\n".join(parts) + "\n"
    counts_line, with_baseline = status_counts(ctx, doc)
    parts += [
        f"{counts_line}。指标来自各领域的主要目标和策略措施；基线为规划原文写明的"
        "2010 年、2020 年数值，点行号可查看原文。点状态可查看该指标的各年数值。",
        evidence.EXPLAINED,
        downloads(page, doc),
        target_table(ctx, page, doc, rows),
    ]
    charts = []
    for item, _, target in with_baseline:
        chart = bar_chart(target)
        if chart:
            url = layout.rel(page, layout.item_url(doc, item.id, item.domain))
            charts.append(
                f"{md.heading(3, item.id + ' ' + target.indicator)}\n\n"
                f"{md.link('查看条目', url)}\n\n{chart}"
            )
    if charts:
        parts.append(md.heading(2, "有基线数据的指标", "charts"))
        parts.append(
            "每幅图的纵轴从接近最小值处开始，以便看出差别（轴的起点标在左下角）；"
            "虚线为 2030 年目标。"
        )
        parts += charts
    return "\n\n".join(parts) + "\n"
