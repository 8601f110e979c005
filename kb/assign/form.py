"""Reading a returned 任务分工表: an .xlsx workbook or a .csv file, cell by cell.

The form is what ``kb dept --format xlsx|csv`` wrote (``kb.views.tasks``): an
optional title row, the header row (``HEADER``), then one row per item.  This
module only reads: it finds the header of every sheet, checks it is the form's,
and returns every data row with where it stands (file, sheet, row) and the
three cells that matter (编号, 牵头单位, 配合单位).  Whether their values exist is
``kb.assign.validate``.  Every problem is collected, in Chinese, with its
sheet, row and column: a bad form is refused whole.

CSV files are read as UTF-8 (with or without BOM) or, as Excel on Chinese
Windows saves "CSV (逗号分隔)", as GB18030; the latter is said in the summary.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kb.views.tasks import HEADER, ID_COLUMN, LEAD_COLUMN, PARTNER_COLUMN

XLSX = (".xlsx", ".xlsm")
CSV = (".csv",)
OTHER_SHEETS = {
    ".xls": "旧版 Excel 工作簿（.xls）",
    ".et": "WPS 表格（.et）",
    ".ods": "OpenDocument 表格（.ods）",
    ".numbers": "Numbers 表格",
}
HEADER_ROWS = 2  # the header is the first row (CSV) or the second, under the title (XLSX)
SAVE_AS = "请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）或 CSV UTF-8（逗号分隔）（.csv）"

Cell = str


@dataclass(frozen=True)
class FormProblem:
    """A mistake in a returned form, where a person can find it."""

    file: str
    message: str
    sheet: str = ""  # "" for a CSV file
    row: int = 0  # 1-based; 0: the whole sheet or file
    column: int = 0  # 1-based; 0: the whole row

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"工作表“{self.sheet}”")
        if self.row:
            where.append(f"第 {self.row} 行")
        if self.column:
            name = HEADER[self.column - 1] if self.column <= len(HEADER) else ""
            where.append(f"{column_letter(self.column)} 列" + (f"（{name}）" if name else ""))
        return f"{' '.join(where)}：{self.message}"


@dataclass(frozen=True)
class FormRow:
    """One data row: where it is, and its 编号, 牵头单位 and 配合单位 cells."""

    file: str
    sheet: str
    row: int
    id: str
    lead: str
    partners: str


@dataclass
class Form:
    rows: list[FormRow] = field(default_factory=list)
    problems: list[FormProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # said to the user, not problems


def column_letter(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


COLUMNS = {name: HEADER.index(name) + 1 for name in (ID_COLUMN, LEAD_COLUMN, PARTNER_COLUMN)}


def read_form(path: Path, shown: str) -> Form:
    """Every data row of the returned form at ``path`` (``shown`` in messages)."""
    form = Form()
    suffix = path.suffix.lower()
    if not path.is_file():
        form.problems.append(
            FormProblem(shown, "找不到这个文件" if not path.exists() else "不是文件")
        )
    elif suffix in XLSX:
        _read_xlsx(path, shown, form)
    elif suffix in CSV:
        _read_csv(path, shown, form)
    elif suffix in OTHER_SHEETS:
        form.problems.append(
            FormProblem(shown, f"是{OTHER_SHEETS[suffix]}，不能直接读取：{SAVE_AS}")
        )
    else:
        form.problems.append(
            FormProblem(
                shown, f"不是电子表格（应为 kb dept 导出的 .xlsx 或 .csv 任务分工表）：{SAVE_AS}"
            )
        )
    return form


def _read_xlsx(path: Path, shown: str, form: Form) -> None:
    import openpyxl  # imported here: only the import of a returned form needs it

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises zip, XML and key errors for files that are no workbook
        form.problems.append(
            FormProblem(shown, f"打不开：不是 Excel 工作簿（.xlsx），或文件已损坏。{SAVE_AS}")
        )
        return
    try:
        sheets = [
            (sheet.title, [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)])
            for sheet in workbook.worksheets
        ]
    finally:
        workbook.close()
    filled = [(name, rows) for name, rows in sheets if any(any(row) for row in rows)]
    if not filled:
        names = "、".join(f"“{name}”" for name, _ in sheets)
        form.problems.append(FormProblem(shown, f"工作表 {names} 是空的：没有任何任务分工"))
    for name, rows in filled:
        _read_rows(rows, shown, name, form)


def _read_csv(path: Path, shown: str, form: Form) -> None:
    data = path.read_bytes()
    if data[:4] == b"PK\x03\x04" or b"\x00" in data[:2048]:
        form.problems.append(
            FormProblem(
                shown, f"扩展名是 .csv，内容却不是文本（可能是改了扩展名的工作簿）。{SAVE_AS}"
            )
        )
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            form.problems.append(
                FormProblem(
                    shown,
                    "既不是 UTF-8 也不是 GB18030（GBK）编码的文本："
                    "请在 Excel 中“另存为” CSV UTF-8（逗号分隔）",
                )
            )
            return
        form.notes.append(
            f"{shown} 是 GB18030（GBK）编码（中文 Windows 上 Excel 的默认存法），已按此读取；"
            "以后可“另存为” CSV UTF-8（逗号分隔）"
        )
    rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
    if not any(any(row) for row in rows):
        form.problems.append(FormProblem(shown, "文件是空的：没有任何任务分工"))
        return
    _read_rows(rows, shown, "", form)


def _text(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_rows(rows: Sequence[Sequence[Cell]], shown: str, sheet: str, form: Form) -> None:
    """The data rows under the header of one sheet; a missing or changed header is a problem."""
    at = _header_row(rows)
    if at is None:
        form.problems.append(_header_problem(rows, shown, sheet))
        return
    found = 0
    for number, row in enumerate(rows[at + 1 :], start=at + 2):
        cells = [*row, *[""] * (len(HEADER) - len(row))]
        if not any(cells):
            continue
        found += 1
        ident, lead, partners = (
            cells[COLUMNS[c] - 1] for c in (ID_COLUMN, LEAD_COLUMN, PARTNER_COLUMN)
        )
        if not ident:
            form.problems.append(
                FormProblem(
                    shown, "编号为空：每一行都应保留导出时的编号", sheet, number, COLUMNS[ID_COLUMN]
                )
            )
            continue
        form.rows.append(FormRow(shown, sheet, number, ident, lead, partners))
    if not found:
        form.problems.append(FormProblem(shown, "只有表头，没有任何条目", sheet, at + 1))


def _header_row(rows: Sequence[Sequence[Cell]]) -> int | None:
    """The 0-based index of the form's header among the first rows, or None."""
    for index, row in enumerate(rows[:HEADER_ROWS]):
        if tuple(row[: len(HEADER)]) == HEADER:
            return index
    return None


def _header_problem(rows: Sequence[Sequence[Cell]], shown: str, sheet: str) -> FormProblem:
    """Why the header is not the form's: which column changed, or that it is missing."""
    expected = "、".join(HEADER)
    for index, row in enumerate(rows[:HEADER_ROWS]):
        if sum(cell in HEADER for cell in row) >= 3:  # a header, changed
            for column, (want, got) in enumerate(
                zip(HEADER, [*row, *[""] * len(HEADER)][: len(HEADER)], strict=True), 1
            ):
                if want != got:
                    what = f"“{got}”" if got else "空"
                    return FormProblem(
                        shown,
                        f"表头改动了：这一列应为“{want}”，实际为{what}。"
                        f"请保留 kb dept 导出时的表头（{expected}），只修改牵头单位、配合单位两列",
                        sheet,
                        index + 1,
                        column,
                    )
    return FormProblem(
        shown,
        f"缺少表头：第 1 行（或标题下的第 2 行）应为 {expected}。"
        "请用 kb dept --format xlsx 导出的表格填写",
        sheet,
        1,
    )
