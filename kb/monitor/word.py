"""The evaluation report as a Word document (python-docx): A4, Chinese typography, fixed bytes.

Body text in 仿宋 (FangSong) 三号-like sizes scaled for tables, headings in 黑体
(SimHei), the title in 宋体 (SimSun) bold, as Chinese government documents are
set; the East Asian font is set on every run, so that Word and WPS use it
for the Chinese characters.  Its metadata dates come from ``SOURCE_DATE_EPOCH``
or the plan's issue date, and the ZIP entries carry that date too, so that
two runs give the same bytes.
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kb.model import KnowledgeBase
from kb.monitor.report import Evaluation, Line, method_paragraphs

BODY_FONT, HEADING_FONT, TITLE_FONT = "仿宋", "黑体", "宋体"
A4_WIDTH_CM, A4_HEIGHT_CM = 21.0, 29.7


def fixed_date(kb: KnowledgeBase) -> datetime:
    """``SOURCE_DATE_EPOCH`` when set, else the plan's issue date (never the clock)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).replace(microsecond=0)
    for document in kb.documents:
        if document.notice is not None and document.notice.date:
            return datetime.fromisoformat(document.notice.date).replace(tzinfo=UTC)
    return datetime(2021, 1, 1, tzinfo=UTC)


def _font(run: Any, name: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    properties = run._element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.append(fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)


def _paragraph(document: Any, text: str, font: str = BODY_FONT, size: float = 14, **kw: Any) -> Any:
    paragraph = document.add_paragraph()
    _font(paragraph.add_run(text), font, size, kw.get("bold", False))
    if kw.get("center"):
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _table(document: Any, rows: list[list[str]], widths: list[float]) -> None:
    from docx.shared import Cm

    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, (row, line) in enumerate(zip(rows, table.rows, strict=True)):
        # row.cells once per row: Table.cell(r, c) walks the whole table every call
        for c, (text, cell) in enumerate(zip(row, line.cells, strict=True)):
            cell.width = Cm(widths[c])
            paragraph = cell.paragraphs[0]
            _font(paragraph.add_run(text), HEADING_FONT if r == 0 else BODY_FONT, 10.5, r == 0)
    header = table.rows[0]._tr.get_or_add_trPr()
    from docx.oxml.ns import qn

    header.append(header.makeelement(qn("w:tblHeader"), {}))


def _line_row(line: Line) -> list[str]:
    i = line.indicator
    return [
        i.id,
        i.name,
        line.baseline_text,
        line.latest_text,
        i.goal(),
        line.status_name,
        i.reporter or "—",
    ]


def build_document(report: Evaluation, date: datetime) -> Any:
    import docx
    from docx.shared import Cm

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(A4_WIDTH_CM), Cm(A4_HEIGHT_CM)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    _paragraph(document, report.title, TITLE_FONT, 18, bold=True, center=True)
    lines = report.lines()
    _paragraph(
        document,
        f"本报告依据规划原文的基线和截至 {report.year} 年各单位报送的监测数据"
        f"（共 {report.figures} 个），对 {len(lines)} 项量化指标逐项判断达标状态。"
        + ("" if report.has_figures else "目前暂无监测数据：以下状态仅依据规划原文的基线。"),
    )
    _paragraph(document, "一、总体情况", HEADING_FONT, 16)
    _table(document, report.summary(), [4.2, 1.4, 1.6, 1.8, 1.8, 1.6, 1.6])
    _paragraph(document, "二、预期难以达标的指标", HEADING_FONT, 16)
    off = report.off_track()
    if off:
        rows = [["编号", "指标", "最新值", "目标", "报送单位", "牵头单位"]]
        rows += [
            [
                x.indicator.id,
                x.indicator.name,
                x.latest_text,
                x.indicator.goal(),
                x.indicator.reporter or "—",
                x.lead or "—",
            ]
            for x in off
        ]
        _table(document, rows, [1.8, 4.6, 2.4, 2.6, 2.2, 2.2])
    else:
        _paragraph(document, "没有预期难以达标的指标。")
    volatile = report.volatile()
    if volatile:
        _paragraph(
            document,
            "波动较大的指标："
            + "、".join(
                f"{x.indicator.id} {x.indicator.name}（{x.indicator.reporter or '报送单位未定'}）"
                for x in volatile
            )
            + "。",
        )
    _paragraph(document, "三、各领域指标", HEADING_FONT, 16)
    header = ["编号", "指标", "基线", "最新值", "目标", "状态", "报送单位"]
    for part in report.domains:
        _paragraph(document, f"{part.domain} {part.name}", HEADING_FONT, 14)
        _table(
            document,
            [header, *(_line_row(x) for x in part.lines)],
            [1.6, 4.0, 2.6, 2.2, 2.4, 1.8, 1.8],
        )
    _paragraph(document, "四、判断方法", HEADING_FONT, 16)
    for text in method_paragraphs():
        _paragraph(document, text, size=12)
    properties = document.core_properties
    properties.title = report.title
    properties.author = properties.last_modified_by = "kb"
    properties.created = properties.modified = properties.last_printed = date.replace(tzinfo=None)
    properties.revision = 1
    return document


def report_bytes(report: Evaluation, date: datetime) -> bytes:
    """The .docx file's bytes: every ZIP entry dated ``date``, in a fixed order."""
    raw = io.BytesIO()
    build_document(report, date).save(raw)
    stamp = date.timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def write_report(path: Path, report: Evaluation, date: datetime) -> None:
    path.write_bytes(report_bytes(report, date))
