"""The targets page: indicator, 2010/2020 baselines, 2030 target, status, and charts."""

from __future__ import annotations

from kb.enrich.reporting import indicator_id
from kb.labels import baseline_value, goal_text, status_text
from kb.site import layout
from kb.site import markdown as md
from kb.site.charts import bar_chart
from kb.site.context import Context

BASE_YEARS = (2010, 2020)


def targets_page(ctx: Context, doc: str) -> str:
    page = layout.targets_page(doc)
    rows, charts = [], []
    for item in ctx.doc_items(doc):
        url = layout.rel(page, layout.item_url(doc, item.id, item.domain))
        for n, target in enumerate(item.targets, 1):
            status = md.text(status_text(target) or "—")
            if target.value is not None:
                ident = indicator_id(item.id, n)
                status = md.link(status_text(target), layout.rel(page, layout.indicator_page(doc, ident)))
            rows.append(
                [
                    md.link(item.id, url),
                    md.text(target.indicator),
                    *(md.text(baseline_value(target, year)) for year in BASE_YEARS),
                    md.text(f"{goal_text(target)}（{target.year} 年）"),
                    status,
                ]
            )
            chart = bar_chart(target)
            if chart:
                charts.append(
                    f"{md.heading(3, item.id + ' ' + target.indicator)}\n\n"
                    f"{md.link('查看条目', url)}\n\n{chart}"
                )
    parts = [md.heading(1, "量化指标")]
    if not rows:
        parts.append("本知识库尚未从条文中提取量化指标。")
        return "\n\n".join(parts) + "\n"
    parts.append(
        f"共 {len(rows)} 项指标，来自各领域的主要目标和策略措施。"
        "基线为规划原文写明的 2010 年、2020 年数值；状态依据基线、各单位报送的监测数据与目标推算，"
        "点状态可查看该指标的各年数值和判断依据。"
    )
    if len(ctx.docs) > 1:
        others = md.link("各地指标比较", layout.rel(page, layout.COMPARE))
        parts.append(f"同一指标在本知识库其他文件（各县、市、省和国家）中的目标，见{others}。")
    header = ["条目", "指标", "2010 年", "2020 年", "目标", "状态"]
    parts.append(md.table(header, rows))
    if charts:
        parts.append(md.heading(2, "有基线数据的指标", "charts"))
        parts += charts
    return "\n\n".join(parts) + "\n"
