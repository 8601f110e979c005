"""The evaluation report as a page: the same ``Evaluation`` the Word document renders."""

from __future__ import annotations

from kb.labels import NO_FIGURES
from kb.monitor.report import Evaluation, method_paragraphs
from kb.site import layout
from kb.site import markdown as md
from kb.site.context import Context
from kb.site.pages.monitoring import department_link, indicator_link, line_row, summary_table


def report_page(ctx: Context, doc: str, report: Evaluation) -> str:
    page = layout.report_page(doc)
    download = layout.rel(page, layout.report_download(doc, report.year))
    lines = report.lines()
    parts = [
        md.heading(1, report.title),
        f"依据规划原文的基线和截至 {report.year} 年各单位报送的监测数据（共 {report.figures} 个），"
        f"对 {len(lines)} 项量化指标逐项判断达标状态。{md.link('下载 Word 版', download)}",
    ]
    if not report.has_figures:
        parts.append(f"**{NO_FIGURES}**：以下状态仅依据规划原文写明的基线。")
    parts += [md.heading(2, "一、总体情况", "summary"), summary_table(report)]
    parts.append(md.heading(2, "二、预期难以达标的指标", "off-track"))
    off = report.off_track()
    if off:
        rows = [
            [
                indicator_link(page, x.indicator),
                md.text(x.indicator.name),
                md.text(x.latest_text),
                md.text(x.indicator.goal()),
                department_link(ctx, page, doc, x.indicator.reporter),
                department_link(ctx, page, doc, x.lead),
            ]
            for x in off
        ]
        parts.append(md.table(["编号", "指标", "最新值", "目标", "报送单位", "牵头单位"], rows))
    else:
        parts.append("没有预期难以达标的指标。")
    parts.append(md.heading(2, "三、各领域指标", "domains"))
    header = ["编号", "指标", "最新值", "目标", "状态", "报送单位"]
    for part in report.domains:
        parts.append(md.heading(3, f"{part.domain} {part.name}"))
        parts.append(md.table(header, [line_row(ctx, page, x) for x in part.lines]))
    parts.append(md.heading(2, "四、判断方法", "method"))
    parts += [md.text(p) for p in method_paragraphs()]
    return "\n\n".join(parts) + "\n"
