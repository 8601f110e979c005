"""Checking a returned form's rows against the built knowledge base.

Each row must name an item of the knowledge base (编号) and departments of the
gazetteer (牵头单位, 配合单位: any name or alias, separated by 、，, ；or
spaces), with at least one lead.  An item may stand in several rows (two
departments returned their own forms) only if they agree.  Every problem is
collected with its place; nothing is accepted unless every row is right.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from kb.assign.form import COLUMNS, FormProblem, FormRow
from kb.corpus.assignments import Confirmed
from kb.model import Department, Item, KnowledgeBase
from kb.names import nearest, owners
from kb.views.tasks import ID_COLUMN, LEAD_COLUMN, PARTNER_COLUMN

SEPARATORS = re.compile(r"[、，,；;/／\s]+")
ID_FORM = re.compile(r"^(?:(?P<doc>[^:：]+)[:：])?(?P<id>[WC]\d{1,2}-[GM]\d{1,3})$")


@dataclass(frozen=True)
class Checked:
    """A row that passed: the item and what the row confirms for it."""

    row: FormRow
    item: Item
    leads: tuple[str, ...]
    partners: tuple[str, ...]


def split_names(cell: str) -> list[str]:
    return [name for name in SEPARATORS.split(cell.strip()) if name]


def normal_id(cell: str) -> str:
    text = unicodedata.normalize("NFKC", cell).strip().upper()
    return re.sub(r"[‐‑‒–—―−]", "-", "".join(text.split()))


def find_item(kb: KnowledgeBase, cell: str) -> Item | None:
    """The item a 编号 cell names: ``W1-G2``, or ``文件:W1-G2`` when there are several files."""
    found = ID_FORM.match(normal_id(cell))
    if found is None:
        return None
    doc, ident = found.group("doc"), found.group("id")
    if doc:
        return kb.find_item(doc.lower(), ident)
    matches = [i for d in kb.documents if (i := kb.find_item(d.slug, ident)) is not None]
    return matches[0] if len(matches) == 1 else None


def resolve_names(
    departments: Sequence[Department], cell: str, where: FormRow, column: str
) -> tuple[tuple[str, ...], list[FormProblem]]:
    """Canonical names of a cell's names, and a problem for each that is unknown or shared."""
    found: list[str] = []
    problems = []
    for name in split_names(cell):
        matched = owners(departments, name)
        if len(matched) == 1:
            found.append(matched[0].name)
            continue
        if matched:
            which = "、".join(d.short for d in matched)
            message = f"“{name}”同时指 {which}：请写明是哪一个"
        else:
            hints = nearest(departments, name)
            hint = f"最接近的是：{'、'.join(hints)}" if hints else "用 kb dept --list 查看全部单位"
            message = f"单位名录中没有“{name}”；{hint}"
        problems.append(problem(where, message, column))
    return tuple(dict.fromkeys(found)), problems


def problem(row: FormRow, message: str, column: str = "") -> FormProblem:
    return FormProblem(row.file, message, row.sheet, row.row, COLUMNS[column] if column else 0)


def check_rows(
    kb: KnowledgeBase, rows: Sequence[FormRow]
) -> tuple[list[Checked], list[FormProblem]]:
    """The rows that are right, and every problem of the others."""
    checked: list[Checked] = []
    problems: list[FormProblem] = []
    several = len(kb.documents) > 1
    for row in rows:
        item = find_item(kb, row.id)
        if item is None:
            example = "文件名:W1-G2" if several else "W1-G2"
            message = f"编号“{row.id}”不在知识库中：应为导出时的编号，如 {example}"
            problems.append(problem(row, message, ID_COLUMN))
        leads, bad_leads = resolve_names(kb.departments, row.lead, row, LEAD_COLUMN)
        partners, bad_partners = resolve_names(kb.departments, row.partners, row, PARTNER_COLUMN)
        problems += bad_leads + bad_partners
        if not row.lead.strip():
            problems.append(problem(row, "牵头单位为空：每个条目至少要有一个牵头单位", LEAD_COLUMN))
        if item is None or bad_leads or bad_partners or not leads:
            continue
        checked.append(Checked(row, item, leads, tuple(p for p in partners if p not in leads)))
    problems += _disagreements(checked)
    return checked, problems


def _disagreements(checked: Sequence[Checked]) -> list[FormProblem]:
    """Rows of the same item that say different things, each pair reported at both rows."""
    first: dict[tuple[str, str], Checked] = {}
    problems = []
    for c in checked:
        seen = first.setdefault((c.item.doc, c.item.id), c)
        if seen is c:
            continue
        for column, mine, theirs in (
            (LEAD_COLUMN, c.leads, seen.leads),
            (PARTNER_COLUMN, c.partners, seen.partners),
        ):
            if set(mine) == set(theirs):
                continue
            here, there = "、".join(mine) or "无", "、".join(theirs) or "无"
            for row, other, this, that in (
                (c.row, seen.row, here, there),
                (seen.row, c.row, there, here),
            ):
                message = (
                    f"{c.item.id} 在{_place(other, row)}的{column}是“{that}”，这里是“{this}”："
                    "同一条目只能有一种分工"
                )
                problems.append(problem(row, message, column))
    return problems


def _place(row: FormRow, here: FormRow) -> str:
    """Where ``row`` is, said from ``here``: only what differs."""
    if (row.file, row.sheet) == (here.file, here.sheet):
        return f"第 {row.row} 行"
    sheet = f"工作表“{row.sheet}”" if row.sheet else ""
    return f"{row.file} {sheet}第 {row.row} 行"


def draft_of(item: Item) -> str:
    """The item's departments in the release, as a line (for ``before``)."""
    leads = "、".join(d.name for d in item.departments if d.role == "lead") or "无"
    partners = "、".join(d.name for d in item.departments if d.role == "partner") or "无"
    return f"牵头 {leads}；配合 {partners}"


def confirmed_entries(
    checked: Sequence[Checked], by: str, date: str, several: bool
) -> tuple[list[Confirmed], list[str]]:
    """One entry per item (rows that agree are one), and the IDs whose draft they changed."""
    entries: dict[tuple[str, str], Confirmed] = {}
    changed: list[str] = []
    for c in checked:
        key = (c.item.doc, c.item.id)
        if key in entries:
            continue
        draft_leads = {d.name for d in c.item.departments if d.role == "lead"}
        draft_partners = {d.name for d in c.item.departments if d.role == "partner"}
        same = draft_leads == set(c.leads) and draft_partners == set(c.partners)
        if not same:
            changed.append(c.item.id)
        entries[key] = Confirmed(
            id=c.item.id,
            leads=c.leads,
            partners=c.partners,
            by=by,
            date=date,
            doc=c.item.doc if several else "",
            before="" if same else draft_of(c.item),
        )
    return list(entries.values()), changed
