"""Monitoring pages: a dashboard of status by domain, and one page per indicator.

Every figure on an indicator page names where it came from: the plan's own
line for a stated value, the reporting department, form and import date for
a reported one.  With no reported figures the pages say 暂无监测数据 -- they
never make up a series.
"""

from __future__ import annotations

from kb.enrich.status import goal, points_of
from kb.labels import NO_FIGURES, VOLATILE_NAME, quantity
from kb.monitor.catalogue import DIRECTION_NAMES, Indicator
from kb.monitor.report import Evaluation, Line
from kb.site import layout
from kb.site import markdown as md
from kb.site.context import Context
from kb.site.trend_chart import trend_chart


def department_link(ctx: Context, page: str, doc: str, name: str) -> str:
    if not name:
        return "（未确定）"
    if (doc, name) in ctx.departments:
        return md.link(name, layout.rel(page, layout.department_page(doc, name)))
    return md.text(name)


def indicator_link(page: str, indicator: Indicator, label: str | None = None) -> str:
    target = layout.indicator_page(indicator.doc, indicator.id)
    return md.link(label or indicator.id, layout.rel(page, target))


def figures_table(ctx: Context, page: str, indicator: Indicator) -> str:
    target = indicator.target
    stated = dict(target.baseline.values) if target.baseline else {}
    reported = {o.year: o for o in target.observations}
    rows = []
    for year, value in points_of(target):
        shown = md.text(quantity(value, indicator.unit))
        observed = reported.get(year)
        if observed is not None:
            parts = [md.text(observed.source or "来源未注明")]
            if observed.form:
                parts.append(f"报送表 {md.text(observed.form)}")
            if observed.imported:
                parts.append(f"{observed.imported} 导入")
            source = " · ".join(parts)
            if year in stated:
                source += f"（规划原文为 {md.text(quantity(stated[year], indicator.unit))}）"
        else:
            assert target.baseline is not None
            line = target.baseline.line
            url = layout.rel(page, layout.source_url(indicator.doc, line))
            source = f"规划原文（{md.link(f'第 {line} 行', url)}）"
        rows.append([str(year), shown, source])
    return md.table(["年份", "数值", "来源"], rows)


def indicator_page(ctx: Context, indicator: Indicator) -> str:
    page = layout.indicator_page(indicator.doc, indicator.id)
    target = indicator.target
    item = ctx.kb.item(indicator.doc, indicator.item_id)
    item_url = layout.rel(page, layout.item_url(item.doc, item.id, item.domain))
    source = layout.rel(page, layout.source_url(item.doc, target.line or item.span.first))
    found = indicator.assessment()
    status = f"**{md.text(indicator.status_name())}**"
    if target.volatile:
        status += f"（{VOLATILE_NAME}）"
    facts = [
        f"所在条目：{md.link(item.id, item_url)} · {md.text(indicator.domain_name)}",
        f"目标：{md.text(indicator.goal())}；原文“{md.text(target.phrase)}”"
        f"（{md.link('原文', source)}）",
        f"单位：{md.text(indicator.unit or '与基数年统计口径相同')} · "
        f"{md.text(DIRECTION_NAMES.get(indicator.direction, ''))}",
        f"报送单位：{department_link(ctx, page, indicator.doc, target.reporter)}"
        + (f"（{md.text(target.reporter_basis)}）" if target.reporter_basis else ""),
        f"状态：{status}",
        f"判断依据：{md.text(found.method)}",
    ]
    parts = [md.heading(1, f"{indicator.id} {indicator.name}"), "\n".join(f"- {f}" for f in facts)]
    if not target.observations:
        parts.append(f"**{NO_FIGURES}**：尚未导入任何单位报送的数值。")
    points = points_of(target)
    if points:
        threshold = goal(target, points)
        chart = trend_chart(target, found, threshold[1] if threshold else None, indicator.unit)
        parts += [chart, md.heading(2, "各年数值", "figures"), figures_table(ctx, page, indicator)]
    back = layout.rel(page, layout.monitoring_page(indicator.doc))
    parts.append(f"{md.link('返回监测指标总览', back)}")
    return "\n\n".join(parts) + "\n"


def line_row(ctx: Context, page: str, line: Line) -> list[str]:
    i = line.indicator
    return [
        indicator_link(page, i),
        md.text(i.name),
        md.text(line.latest_text),
        md.text(i.goal()),
        md.text(line.status_name),
        department_link(ctx, page, i.doc, i.reporter),
    ]


def summary_table(report: Evaluation) -> str:
    rows = report.summary()
    return md.table(rows[0], [[md.text(c) for c in row] for row in rows[1:]])


def monitoring_page(ctx: Context, doc: str, report: Evaluation) -> str:
    page = layout.monitoring_page(doc)
    lines = report.lines()
    parts = [md.heading(1, "监测指标")]
    if not lines:
        parts.append("本知识库尚未从条文中提取有数值的量化指标。")
        return "\n\n".join(parts) + "\n"
    report_url = layout.rel(page, layout.report_page(doc))
    if report.has_figures:
        intro = f"共 {len(lines)} 项量化指标，已导入 {report.figures} 个监测数值（截至 {report.year} 年）。"
    else:
        intro = (
            f"共 {len(lines)} 项量化指标。**{NO_FIGURES}**：各单位尚未报送年度监测数据，"
            "以下状态仅依据规划原文写明的基线；没有基线的指标为“无数据”。"
        )
    parts.append(intro + f"判断方法见{md.link('评估报告', report_url)}。")
    parts += [md.heading(2, "按领域的达标状态", "by-domain"), summary_table(report)]
    watch = [x for x in lines if x.found.status == "off_track" or x.found.volatile]
    parts.append(md.heading(2, "需要关注的指标", "warnings"))
    header = ["编号", "指标", "最新值", "目标", "状态", "报送单位"]
    if watch:
        parts.append(md.table(header, [line_row(ctx, page, x) for x in watch]))
    else:
        parts.append("没有预期难以达标或波动较大的指标。")
    parts.append(md.heading(2, "全部指标", "all"))
    for part in report.domains:
        parts.append(md.heading(3, f"{part.domain} {part.name}"))
        parts.append(md.table(header, [line_row(ctx, page, x) for x in part.lines]))
    return "\n\n".join(parts) + "\n"
