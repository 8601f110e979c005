"""The exported knowledge base (``kb.export.export_data``), indexed for page writers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]
ROLE_ORDER = {"lead": 0, "partner": 1}


@dataclass
class Context:
    """Look-ups over the export data; every page writer reads only this."""

    data: dict[str, Any]
    items: dict[tuple[str, str], Row] = field(default_factory=dict)
    domains: dict[tuple[str, str], Row] = field(default_factory=dict)
    sections: dict[tuple[str, str], Row] = field(default_factory=dict)
    # (doc, department name) → [(role, item)], lead first, then document order
    departments: dict[tuple[str, str], list[tuple[str, Row]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.items = {(i["doc"], i["id"]): i for i in self.data["items"]}
        self.domains = {(d["doc"], d["id"]): d for d in self.data["domains"]}
        self.sections = {(s["doc"], s["id"]): s for s in self.data["sections"]}
        by_department: dict[tuple[str, str], list[tuple[str, Row]]] = defaultdict(list)
        for item in self.data["items"]:
            for role in item.get("departments", []):
                by_department[(item["doc"], role["name"])].append((role["role"], item))
        self.departments = {
            key: sorted(rows, key=lambda row: ROLE_ORDER.get(row[0], 9))
            for key, rows in sorted(by_department.items())
        }

    @property
    def docs(self) -> list[Row]:
        return list(self.data["documents"])

    def plans(self, doc: str) -> list[Row]:
        return [p for p in self.data["plans"] if p["doc"] == doc]

    def plan_domains(self, doc: str, plan: str) -> list[Row]:
        return [d for d in self.data["domains"] if d["doc"] == doc and d["plan"] == plan]

    def doc_items(self, doc: str) -> list[Row]:
        return [i for i in self.data["items"] if i["doc"] == doc]

    def children(self, doc: str, parent: str) -> list[Row]:
        return [s for s in self.data["sections"] if s["doc"] == doc and s["parent"] == parent]

    def section_of_kind(self, doc: str, plan: str, kind: str) -> Row | None:
        for section in self.data["sections"]:
            if section["doc"] == doc and section["plan"] == plan and section["kind"] == kind:
                return dict(section)
        return None

    def doc_departments(self, doc: str) -> list[tuple[str, list[tuple[str, Row]]]]:
        """The departments of one document, those that lead most items first."""
        rows = [(name, items) for (d, name), items in self.departments.items() if d == doc]
        return sorted(rows, key=lambda r: (-sum(role == "lead" for role, _ in r[1]), r[0]))

    def domain_links(self, doc: str) -> list[Row]:
        return [link for link in self.data.get("domain_links", []) if link["doc"] == doc]
