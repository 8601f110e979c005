"""The form a department fills in: one row per indicator, one column per year.

``write_template`` writes one sheet whose first row is the header
``编号 指标 单位 目标 责任单位 2020 … 2030`` (``HEADER``) and whose rows are the
indicators, with the figures already known filled in: those reported before,
and (on a grey ground) those the plan itself states.  The year cells accept
numbers only -- a percent between 0 and 100 -- which the spreadsheet program
checks as they are typed; the other columns are locked (the sheet is
protected without a password).  The sheet prints on A4 landscape, one page
wide, its header on every page.  ``kb.monitor.intake`` reads it back.
"""

from __future__ import annotations

from pathlib import Path

from kb.corpus.monitoring import LIMITS, number_text
from kb.monitor.catalogue import FIRST_YEAR, LAST_YEAR, Indicator
from kb.views.tables import A4, FIXED_DATE

YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
FIXED = ("编号", "指标", "单位", "目标", "责任单位")
HEADER = (*FIXED, *(str(y) for y in YEARS))
WIDTHS = (9, 36, 8, 20, 16)
YEAR_WIDTH = 8
SHEET = "监测数据"
NOTE = "只填数字，不带单位；百分比填 0–100 之间的数（如 98.5）；没有数据请留空。"


def unit_shown(indicator: Indicator) -> str:
    return indicator.unit or "（同基数年口径）"


def known_values(indicator: Indicator) -> dict[int, tuple[float, bool]]:
    """Year → (value, stated in the plan) for the years of the form."""
    target = indicator.target
    values: dict[int, tuple[float, bool]] = {}
    if target.baseline is not None:
        values.update((y, (v, True)) for y, v in target.baseline.values)
    values.update((o.year, (o.value, False)) for o in target.observations)
    return {y: v for y, v in values.items() if FIRST_YEAR <= y <= LAST_YEAR}


def validation(indicator: Indicator) -> dict[str, object]:
    """The spreadsheet's own check of a year cell: a number in the unit's range."""
    limit = LIMITS.get(indicator.unit)
    rule: dict[str, object] = {"validate": "decimal", "ignore_blank": True}
    if limit is None:
        rule.update(criteria=">=", value=0)
        allowed = "不小于 0 的数"
    else:
        rule.update(criteria="between", minimum=0, maximum=limit)
        allowed = f"0–{number_text(limit)} 之间的数"
    rule.update(
        input_title=f"{indicator.item} {indicator.name}"[:32],
        input_message=f"单位：{unit_shown(indicator)}。{NOTE}"[:255],
        error_title="请填写数字",
        error_message=f"这一格只能填{allowed}（单位 {unit_shown(indicator)}，不要写单位）。"[:255],
    )
    return rule


def write_template(path: Path, indicators: list[Indicator], title: str) -> None:
    """The form for ``indicators``, as an .xlsx file at ``path``."""
    import xlsxwriter  # imported here: only this output needs it

    workbook = xlsxwriter.Workbook(str(path))
    workbook.set_properties({"title": title, "created": FIXED_DATE, "author": "kb"})
    sheet = workbook.add_worksheet(SHEET)
    base = {"border": 1, "valign": "top", "font_name": "宋体", "font_size": 10}
    head = workbook.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "locked": True})
    fixed = workbook.add_format({**base, "text_wrap": True, "locked": True})
    entry = workbook.add_format({**base, "locked": False})
    stated = workbook.add_format({**base, "locked": False, "bg_color": "#EDEDED"})
    sheet.write_row(0, 0, HEADER, head)
    for row, indicator in enumerate(indicators, start=1):
        t = indicator.target
        cells = (indicator.item, indicator.name, unit_shown(indicator), indicator.goal())
        sheet.write_row(row, 0, (*cells, t.reporter), fixed)
        values = known_values(indicator)
        for column, year in enumerate(YEARS, start=len(FIXED)):
            value = values.get(year)
            if value is None:
                sheet.write_blank(row, column, None, entry)
            else:
                sheet.write_number(row, column, value[0], stated if value[1] else entry)
        last = len(FIXED) + len(YEARS) - 1
        sheet.data_validation(row, len(FIXED), row, last, validation(indicator))
    for column, width in enumerate(WIDTHS):
        sheet.set_column(column, column, width)
    sheet.set_column(len(FIXED), len(HEADER) - 1, YEAR_WIDTH)
    sheet.freeze_panes(1, 2)
    sheet.protect("", {"format_columns": True, "format_rows": True, "select_locked_cells": True})
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.repeat_rows(0)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.5, right=0.5, top=0.8, bottom=0.8)
    sheet.set_header(f"&C&12{title}")
    sheet.set_footer(f"&L灰底为规划原文写明的数值。{NOTE}&R第 &P 页，共 &N 页")
    workbook.close()
