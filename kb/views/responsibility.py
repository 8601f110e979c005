"""Which goals and measures fall to a department: the officials' question.

Names resolve against the bodies the release keeps (``KnowledgeBase.departments``,
from the gazetteer): the canonical name, the short name or any alias.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.errors import NotFoundError, UsageError
from kb.model import Department, DepartmentRole, Item, KnowledgeBase


@dataclass(frozen=True)
class Assignment:
    item: Item
    domain_name: str
    role: DepartmentRole


@dataclass(frozen=True)
class DepartmentCount:
    department: Department
    lead: int
    partner: int


def resolve(kb: KnowledgeBase, name: str) -> Department | None:
    """The department a name stands for; None when unknown or shared (司法机关)."""
    wanted = name.strip()
    found = [d for d in kb.departments if wanted in d.names]
    return found[0] if len(found) == 1 else None


def find_department(kb: KnowledgeBase, name: str) -> Department:
    """A department by its canonical name, short name or alias (卫健局, 妇联, 法院 …)."""
    if not kb.departments:
        raise UsageError("知识库中没有单位名录（corpus/departments.yaml）：无法按单位查询")
    department = resolve(kb, name)
    if department is not None:
        return department
    core = name.strip().removeprefix("县").removesuffix("局") or name.strip()
    hints = [d.short for d in kb.departments if core and all(ch in d.name for ch in core)]
    hint = f"是不是：{'、'.join(hints)}？" if hints else "用 kb dept --list 查看全部单位。"
    raise NotFoundError(f"名录中没有“{name}”这个单位（或它同时指几个单位）。{hint}")


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
    for item in kb.items():
        for role in item.departments:
            counts = lead if role.role == "lead" else partner
            counts[role.name] = counts.get(role.name, 0) + 1
    rows = [DepartmentCount(d, lead.get(d.name, 0), partner.get(d.name, 0)) for d in kb.departments]
    return sorted(rows, key=lambda r: (-(r.lead + r.partner), -r.lead, r.department.name))
