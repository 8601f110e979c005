"""Writing tables people open in spreadsheet programs: CSV and XLSX.

CSV is UTF-8 with a BOM (so that spreadsheet programs read the Chinese text
right); XLSX has fixed metadata, so that two builds give the same bytes, and
is set up to print: A4 landscape, the header row repeated on every page,
fitted to the page width.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

Cell = str | int | float | None

# A fixed date for the XLSX metadata: outputs must not depend on the clock.
FIXED_DATE = datetime(2022, 7, 25, tzinfo=UTC)
A4 = 9  # the paper size code of A4 in Excel's page setup


def table_csv(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def write_xlsx(
    path: Path,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[int],
    sheet: str = "Sheet1",
) -> None:
    """One sheet: a title row, a header row (frozen, with filters), then the rows."""
    import xlsxwriter  # imported here: only this output needs it

    workbook = xlsxwriter.Workbook(str(path))
    workbook.set_properties({"title": title, "created": FIXED_DATE, "author": "kb"})
    worksheet = workbook.add_worksheet(sheet)
    head = workbook.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}
    )
    wrap = workbook.add_format({"text_wrap": True, "valign": "top", "border": 1})
    worksheet.merge_range(0, 0, 0, len(header) - 1, title, workbook.add_format({"bold": True}))
    worksheet.write_row(1, 0, header, head)
    for index, row in enumerate(rows):
        worksheet.write_row(index + 2, 0, row, wrap)
    for column, width in enumerate(widths):
        worksheet.set_column(column, column, width)
    worksheet.freeze_panes(2, 0)
    worksheet.autofilter(1, 0, len(rows) + 1, len(header) - 1)
    worksheet.set_landscape()
    worksheet.set_paper(A4)
    worksheet.repeat_rows(1)
    worksheet.fit_to_pages(1, 0)  # one page wide, as many pages tall as needed
    worksheet.set_footer("&C第 &P 页，共 &N 页")
    workbook.close()
