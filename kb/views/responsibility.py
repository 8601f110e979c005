"""Which goals and measures fall to a department: the officials' question.

Names resolve against the bodies the release keeps (``KnowledgeBase.departments``,
from the gazetteer) through ``kb.names``: the canonical name, the short name,
any alias, and the customary variants (县卫健局, 卫生局, 医保).  How many of a
department's items a person confirmed (``kb assign import``), and which are
still a draft, is part of every answer, so that the office can follow up.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.errors import NotFoundError, UsageError
from kb.model import Department, DepartmentRole, Item, KnowledgeBase
from kb.names import nearest, owners


@dataclass(frozen=True)
class Assignment:
    item: Item
    domain_name: str
    role: DepartmentRole

    @property
    def confirmed(self) -> bool:
        return self.role.basis == "confirmed"


@dataclass(frozen=True)
class DepartmentCount:
    department: Department
    lead: int
    partner: int
    confirmed: int = 0  # items of the department whose assignment a person confirmed


def is_confirmed(item: Item) -> bool:
    """Whether a person confirmed the item's departments (all of them, or none)."""
    return any(d.basis == "confirmed" for d in item.departments)


def resolve(kb: KnowledgeBase, name: str) -> Department | None:
    """The department a name stands for; None when unknown or shared (司法机关)."""
    found = owners(kb.departments, name)
    return found[0] if len(found) == 1 else None


def find_department(kb: KnowledgeBase, name: str) -> Department:
    """A department by any of its names (卫健局, 县卫健局, 卫生局, 医保, 妇联, 法院 …)."""
    if not kb.departments:
        raise UsageError("知识库中没有单位名录（corpus/departments.yaml）：无法按单位查询")
    found = owners(kb.departments, name)
    if len(found) == 1:
        return found[0]
    if found:
        names = "、".join(d.short for d in found)
        raise NotFoundError(f"“{name}”同时指 {names}：请写明是哪一个")
    hints = nearest(kb.departments, name)
    hint = f"是不是：{'、'.join(hints)}？" if hints else "用 kb dept --list 查看全部单位。"
    raise NotFoundError(f"名录中没有“{name}”这个单位。{hint}")


def department_items(kb: KnowledgeBase, department: str) -> list[Assignment]:
    """The items of ``department`` by document, plan and domain; lead before partner."""
    found = []
    for position, item in enumerate(kb.items()):
        for role in item.departments:
            if role.name == department:
                found.append((position, Assignment(item, kb.domain_of(item).name, role)))
    domain_order = {(d.doc, d.id): n for n, d in enumerate(kb.domains())}

    def key(pair: tuple[int, Assignment]) -> tuple[int, int, int]:
        position, a = pair
        return (domain_order[(a.item.doc, a.item.domain)], a.role.role != "lead", position)

    return [a for _, a in sorted(found, key=key)]


def department_counts(kb: KnowledgeBase) -> list[DepartmentCount]:
    """Every department of the gazetteer with its number of items, most first."""
    lead: dict[str, int] = {}
    partner: dict[str, int] = {}
    confirmed: dict[str, int] = {}
    for item in kb.items():
        for role in item.departments:
            counts = lead if role.role == "lead" else partner
            counts[role.name] = counts.get(role.name, 0) + 1
            if role.basis == "confirmed":
                confirmed[role.name] = confirmed.get(role.name, 0) + 1
    rows = [
        DepartmentCount(d, lead.get(d.name, 0), partner.get(d.name, 0), confirmed.get(d.name, 0))
        for d in kb.departments
    ]
    return sorted(rows, key=lambda r: (-(r.lead + r.partner), -r.lead, r.department.name))
