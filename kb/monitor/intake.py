"""Reading returned forms: every figure, or every problem, named by file, sheet, row and column.

A form is the sheet ``kb monitor template`` wrote (``.xlsx``), or the same
table saved as UTF-8 CSV.  Nothing here writes: ``read_forms`` returns the
figures and the problems of all the files together, and
``kb.monitor.importing`` decides what to store, only when there are none.

What is refused: a changed header (a year outside 2020–2030 among them); an
编号 no indicator has, or an indicator its item does not have; a unit column
changed; the same indicator twice; a value that is not a number, or carries
its unit (``98%``), or does not fit its unit (a percent above 100, a negative
rate); a CSV that is not UTF-8 (GBK from Excel); two files giving different
values for the same indicator and year (both are named).
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.corpus.monitoring import number_text, value_problem
from kb.enrich.status import indicator_key
from kb.monitor.catalogue import FIRST_YEAR, LAST_YEAR, Indicator
from kb.monitor.forms import FIXED, HEADER, YEARS, unit_shown
from kb.text import decode

NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
EMPTY_MARKS = {"—", "-", "--", "——", "/", "无", "暂无"}


def column_letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True)
class Where:
    """A cell of a form: the file (as the user named it), sheet, 1-based row and column."""

    file: str
    sheet: str | None
    row: int
    column: int = 0

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet is not None:
            parts.append(f"工作表“{self.sheet}”")
        if self.row:
            cell = f"第 {self.row} 行"
            if self.column:
                cell += f" {column_letter(self.column)} 列"
                if self.column > len(FIXED) and self.column <= len(HEADER):
                    cell += f"（{HEADER[self.column - 1]} 年）"
                else:
                    cell += f"（{HEADER[self.column - 1]}）" if self.column <= len(HEADER) else ""
            parts.append(cell)
        return "，".join(parts)


@dataclass(frozen=True)
class FormProblem:
    where: Where
    message: str

    def __str__(self) -> str:
        return f"{self.where}：{self.message}"


@dataclass(frozen=True)
class Figure:
    """One value of one indicator for one year, and the cell it came from."""

    indicator: Indicator
    year: int
    value: float
    where: Where

    @property
    def form(self) -> str:
        return Path(self.where.file).name


Grid = list[list[Any]]


def header_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def parse_cell(value: Any, unit: str) -> tuple[float | None, str | None]:
    """A cell's number (None when blank), or why it is not one."""
    if value is None:
        return None, None
    if isinstance(value, bool):
        return None, f"“{value}”不是数字：只填数字（如 98.5），没有数据请留空"
    if isinstance(value, int | float):
        number = float(value)
        if not math.isfinite(number):
            return None, "不是有效的数字"
        return number, value_problem(number, unit)
    raw = str(value).strip()
    if not raw:
        return None, None
    text = unicodedata.normalize("NFKC", raw).replace(" ", "")
    if NUMBER.fullmatch(text):
        number = float(text)
        return number, value_problem(number, unit)
    if raw in EMPTY_MARKS:
        return None, f"“{raw}”不是数字：没有数据请留空，不要写“{raw}”"
    lead = NUMBER.match(text)
    if lead and not re.match(r"[0-9.]", text[lead.end() :]):
        suffix = text[lead.end() :]
        shown = unit or "无"
        return None, (
            f"“{raw}”中写了单位“{suffix}”：只填数字（如 {lead.group()}），"
            f"单位已写在“单位”列（{shown}）"
        )
    return None, f"“{raw}”不是数字：只填数字（如 98.5），没有数据请留空"


class _Reader:
    def __init__(self, indicators: Sequence[Indicator]) -> None:
        self.by_item: dict[str, list[Indicator]] = {}
        for i in indicators:
            self.by_item.setdefault(i.item, []).append(i)
        self.problems: list[FormProblem] = []
        self.figures: list[Figure] = []

    def bad(self, where: Where, message: str) -> None:
        self.problems.append(FormProblem(where, message))

    def header_ok(self, grid: Grid, file: str, sheet: str | None) -> bool:
        first = [header_text(v) for v in grid[0]] if grid else []
        while first and not first[-1]:
            first.pop()
        ok = True
        for column, got in enumerate(first, start=1):
            expected = HEADER[column - 1] if column <= len(HEADER) else None
            if got == expected:
                continue
            ok = False
            where = Where(file, sheet, 1, column)
            if re.fullmatch(r"[0-9]{4}(年)?", got) and not (
                FIRST_YEAR <= int(got[:4]) <= LAST_YEAR
            ):
                self.bad(
                    where,
                    f"年份 {got[:4]} 不在 {FIRST_YEAR}–{LAST_YEAR} 年之间：表格只收这些年份的数据",
                )
            elif expected is None:
                self.bad(where, f"多出一列“{got}”：表头应为 {' '.join(HEADER)}")
            else:
                self.bad(
                    where,
                    f"表头应为“{expected}”，实际为“{got or '（空）'}”："
                    "请用 kb monitor template 生成的表格，不要改动表头",
                )
        if len(first) < len(HEADER):
            ok = False
            missing = "、".join(HEADER[len(first) :])
            self.bad(Where(file, sheet, 1, len(first) + 1), f"表头缺少：{missing}")
        return ok

    def read_grid(self, grid: Grid, file: str, sheet: str | None) -> None:
        if not self.header_ok(grid, file, sheet):
            return
        seen: dict[str, int] = {}
        for row_number, row in enumerate(grid[1:], start=2):
            cells = list(row) + [None] * (len(HEADER) - len(row))
            if all(header_text(c) == "" for c in cells):
                continue
            indicator = self.indicator(cells, Where(file, sheet, row_number))
            if indicator is None:
                continue
            if indicator.id in seen:
                message = (
                    f"与第 {seen[indicator.id]} 行是同一个指标（{indicator.item} {indicator.name}）"
                )
                self.bad(Where(file, sheet, row_number, 1), message)
                continue
            seen[indicator.id] = row_number
            for column, year in enumerate(YEARS, start=len(FIXED) + 1):
                where = Where(file, sheet, row_number, column)
                value, problem = parse_cell(cells[column - 1], indicator.unit)
                if problem is not None:
                    self.bad(where, problem)
                elif value is not None and not self.stated(indicator, year, value):
                    self.figures.append(Figure(indicator, year, value, where))
            for column in range(len(HEADER) + 1, len(cells) + 1):
                if header_text(cells[column - 1]):
                    self.bad(Where(file, sheet, row_number, column), "表头之外的列不能填写")

    def indicator(self, cells: list[Any], where: Where) -> Indicator | None:
        item, name, unit = (header_text(c) for c in cells[:3])

        def at(column: int) -> Where:
            return Where(where.file, where.sheet, where.row, column)

        candidates = self.by_item.get(item)
        if not candidates:
            self.bad(
                at(1), f"编号“{item or '（空）'}”不是任何指标所在的条目：用 kb monitor list 查看"
            )
            return None
        found = [i for i in candidates if indicator_key(i.name) == indicator_key(name)]
        if not found:
            names = "、".join(i.name for i in candidates)
            self.bad(at(2), f"{item} 没有指标“{name or '（空）'}”：{item} 的指标是 {names}")
            return None
        indicator = found[0]
        if unit != unit_shown(indicator):
            self.bad(
                at(3),
                f"单位应为“{unit_shown(indicator)}”，实际为“{unit or '（空）'}”："
                f"请勿改动单位列，数值按 {unit_shown(indicator)} 填写",
            )
            return None
        return indicator

    @staticmethod
    def stated(indicator: Indicator, year: int, value: float) -> bool:
        """The plan's own value for that year, as the template filled it in (not a new figure)."""
        baseline = indicator.target.baseline
        reported = {o.year for o in indicator.target.observations}
        stated = dict(baseline.values) if baseline else {}
        return year not in reported and stated.get(year) == value


def _xlsx(path: Path, shown: str, reader: _Reader) -> None:
    import openpyxl  # imported here: only importing forms needs it

    try:
        workbook = openpyxl.load_workbook(path, data_only=True, read_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        reader.bad(
            Where(shown, None, 0),
            f"无法作为 Excel 工作簿（.xlsx）打开（{type(exc).__name__}）："
            "请用 Excel 或 WPS 另存为 .xlsx 后再导入",
        )
        return
    try:
        sheets = [(ws.title, [list(r) for r in ws.iter_rows(values_only=True)]) for ws in workbook]
    finally:
        workbook.close()
    filled = [
        (title, grid) for title, grid in sheets if any(any(v is not None for v in r) for r in grid)
    ]
    if not filled:
        reader.bad(Where(shown, None, 0), "工作簿是空的：没有任何数据")
    for title, grid in filled:
        reader.read_grid(grid, shown, title)


def _csv(path: Path, shown: str, reader: _Reader) -> None:
    text, problems = decode(path.read_bytes(), shown, "监测数据表（CSV）")
    if text is None:
        for problem in problems:
            hint = (
                "；在 Excel 中请另存为“CSV UTF-8（逗号分隔）”" if problem.code == "not-utf8" else ""
            )
            reader.bad(Where(shown, None, problem.line), problem.message + hint)
        return
    try:
        grid: Grid = [list(row) for row in csv.reader(io.StringIO(text), strict=True)]
    except csv.Error:
        reader.bad(Where(shown, None, 0), "CSV 格式错误：引号不配对，或引号用在了单元格中间")
        return
    reader.read_grid(grid, shown, None)


def read_forms(
    paths: Sequence[tuple[Path, str]], indicators: Sequence[Indicator]
) -> tuple[list[Figure], list[FormProblem]]:
    """The figures of every form ``(path, name as shown)``, and every problem of every form."""
    reader = _Reader(indicators)
    for path, shown in paths:
        suffix = path.suffix.lower()
        if not path.is_file():
            reader.bad(Where(shown, None, 0), "文件不存在（或是一个文件夹）")
        elif suffix in (".xlsx", ".xlsm"):
            _xlsx(path, shown, reader)
        elif suffix == ".csv":
            _csv(path, shown, reader)
        else:
            reader.bad(
                Where(shown, None, 0), f"不支持 {suffix or '无扩展名'} 文件：应为 .xlsx 或 .csv"
            )
    figures = _agree(reader)
    return figures, reader.problems


def _agree(reader: _Reader) -> list[Figure]:
    """One figure per indicator and year; files that disagree are problems (naming both)."""
    chosen: dict[tuple[str, int], Figure] = {}
    for figure in reader.figures:
        key = (figure.indicator.id, figure.year)
        first = chosen.get(key)
        if first is None:
            chosen[key] = figure
        elif first.value != figure.value:
            i = figure.indicator
            reader.bad(
                figure.where,
                f"{i.item} {i.name} {figure.year} 年的数值与另一份表格不一致："
                f"{first.where} 填 {number_text(first.value)}，这里填 {number_text(figure.value)}；"
                "请核对后只保留正确的一个",
            )
    return list(chosen.values())
