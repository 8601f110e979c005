"""``kb assign import``: confirmed 任务分工 from the forms the departments return.

The 妇儿工委办 circulates the 任务分工表 (``kb dept --format xlsx``), the
departments correct the 牵头单位 and 配合单位 columns, and the office imports
what comes back::

    form      read .xlsx / .csv, find the header, keep the rows (kb.assign.form)
    validate  check 编号 and department names against the built release
    record    merge into corpus/assignments.yaml and write it atomically

A form with any problem is refused whole: every problem is listed (file,
sheet, row, column, in Chinese) and nothing is written.  Every row of an
accepted form is recorded as confirmed, changed or not; the next ``kb build``
uses the confirmed assignments (``kb.enrich.departments``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kb.assign.form import FormProblem, read_form
from kb.assign.record import merge, read_existing, write_assignments
from kb.assign.validate import check_rows, confirmed_entries
from kb.corpus.assignments import valid_date
from kb.corpus.files import ASSIGNMENTS
from kb.errors import KbError, UsageError
from kb.model import KnowledgeBase
from kb.names import owners


class FormError(KbError):
    """A returned form (or several) has problems; nothing was written."""

    def __init__(self, problems: Sequence[FormProblem | str]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class ImportResult:
    path: Path  # the assignments file written
    items: int  # items confirmed by this import
    changed: tuple[str, ...]  # of them, the IDs whose assignment the forms changed
    kept: int  # earlier confirmed items the forms did not touch
    by: str
    date: str
    notes: tuple[str, ...] = field(default=())


def who(kb: KnowledgeBase, by: str | None) -> str:
    """Who confirms: a department's canonical name, a person as typed, or the office itself."""
    if by is None or not by.strip():
        offices = [d for d in kb.departments if d.kind == "coordination"]
        if len(offices) != 1:
            raise UsageError("请用 --by 写明确认人或确认单位，如 --by 县妇儿工委办")
        return offices[0].name
    found = owners(kb.departments, by)
    return found[0].name if len(found) == 1 else by.strip()


def when(date: str | None) -> str:
    if date is None:
        return dt.date.today().isoformat()
    if not valid_date(date.strip()):
        raise UsageError(f"--date 的值“{date}”无效：应写成 2026-12-15 这样的年-月-日")
    return date.strip()


def import_forms(
    kb: KnowledgeBase,
    paths: Sequence[Path],
    corpus: Path,
    by: str | None = None,
    date: str | None = None,
    shown: Sequence[str] | None = None,
) -> ImportResult:
    """Read, check and record the returned forms; raise ``FormError`` listing every problem."""
    if not kb.departments:
        raise UsageError("知识库中没有单位名录（corpus/departments.yaml）：无法导入任务分工表")
    confirmer, day = who(kb, by), when(date)
    rows, problems, notes = [], [], []
    for path, name in zip(paths, shown or [str(p) for p in paths], strict=True):
        form = read_form(path, name)
        rows += form.rows
        problems += form.problems
        notes += form.notes
    checked, bad = check_rows(kb, rows)
    problems += bad
    target = corpus / ASSIGNMENTS
    existing, broken = read_existing(target, kb)
    if problems or broken:
        raise FormError([*problems, *broken])
    several = len(kb.documents) > 1
    entries, changed = confirmed_entries(checked, confirmer, day, several)
    merged, kept = merge(kb, existing, entries)
    write_assignments(target, merged)
    return ImportResult(target, len(entries), tuple(changed), kept, confirmer, day, tuple(notes))
