"""Finding things in the knowledge base: by ID, and counting."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from kb.errors import NotFoundError
from kb.model import Document, Domain, Item, KnowledgeBase, Plan, Project, Section

Node = Plan | Section | Domain | Item | Project


def find(kb: KnowledgeBase, ident: str, doc: str | None = None) -> list[tuple[Document, Node]]:
    """Every node whose ID is ``ident`` (``doc:ID`` or ``--doc`` narrows it down)."""
    if ":" in ident and doc is None:
        doc, _, ident = ident.partition(":")
    wanted = ident.strip()
    wanted_upper = wanted.upper()
    found: list[tuple[Document, Node]] = []
    for document in kb.documents:
        if doc is not None and document.slug != doc:
            continue
        nodes: list[Node] = [
            *document.plans,
            *document.sections,
            *document.domains,
            *document.items,
            *document.projects,
        ]
        for node in nodes:
            if node.id == wanted or node.id.upper() == wanted_upper:
                found.append((document, node))
    if not found:
        where = f"（文件 {doc}）" if doc else ""
        raise NotFoundError(
            f"没有编号为“{ident}”的条目{where}。编号形如 W1-G2（妇女规划第1领域第2项主要目标）"
            "或 C5-M3（儿童规划第5领域第3项策略措施）；用 kb stats 查看各领域条目数"
        )
    return found


@dataclass(frozen=True)
class DomainCount:
    doc: str
    plan: str
    domain: str
    name: str
    goals: int
    measures: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def domain_counts(kb: KnowledgeBase) -> list[DomainCount]:
    return [
        DomainCount(d.doc, d.plan, d.id, d.name, len(d.goal_ids), len(d.measure_ids))
        for d in kb.domains()
    ]
