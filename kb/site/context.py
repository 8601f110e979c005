"""The knowledge base, indexed for the page writers: every page reads only this."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kb.model import Document, Domain, Item, KnowledgeBase, Plan, Section
from kb.monitor.catalogue import Indicator, catalogue
from kb.monitor.report import Evaluation, evaluation, latest_year
from kb.views.compare import Comparison, comparisons

ROLE_ORDER = {"lead": 0, "partner": 1}


@dataclass
class Context:
    kb: KnowledgeBase
    # (doc, department name) → [(role, item)], lead first, then document order
    departments: dict[tuple[str, str], list[tuple[str, Item]]] = field(default_factory=dict)
    _by_doc: dict[str, list[tuple[str, list[tuple[str, Item]]]]] = field(default_factory=dict)
    _children: dict[tuple[str, str | None], list[Section]] = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)  # kb.monitor.catalogue
    _indicators_by_doc: dict[str, list[Indicator]] = field(default_factory=dict)
    year: int = 0  # the latest year with a figure (kb.monitor.report.latest_year)
    _evaluations: dict[str, Evaluation] = field(default_factory=dict)
    _comparisons: list[Comparison] | None = None

    def __post_init__(self) -> None:
        by_department: dict[tuple[str, str], list[tuple[str, Item]]] = defaultdict(list)
        for item in self.kb.items():
            for role in item.departments:
                by_department[(item.doc, role.name)].append((role.role, item))
        self.departments = {
            key: sorted(rows, key=lambda row: ROLE_ORDER.get(row[0], 9))
            for key, rows in sorted(by_department.items())
        }
        by_doc: dict[str, list[tuple[str, list[tuple[str, Item]]]]] = defaultdict(list)
        for (doc, name), rows in self.departments.items():
            by_doc[doc].append((name, rows))
        self._by_doc = dict(by_doc)
        children: dict[tuple[str, str | None], list[Section]] = defaultdict(list)
        for document in self.kb.documents:
            for section in document.sections:
                children[(section.doc, section.parent)].append(section)
        self._children = dict(children)
        self.indicators = catalogue(self.kb)
        for indicator in self.indicators:
            self._indicators_by_doc.setdefault(indicator.doc, []).append(indicator)
        self.year = latest_year(self.kb, self.indicators)

    @property
    def docs(self) -> tuple[Document, ...]:
        return self.kb.documents

    def plans(self, doc: str) -> tuple[Plan, ...]:
        return self.kb.document(doc).plans

    def plan(self, doc: str, plan: str) -> Plan:
        return next(p for p in self.plans(doc) if p.id == plan)

    def plan_domains(self, doc: str, plan: str) -> list[Domain]:
        return [d for d in self.kb.document(doc).domains if d.plan == plan]

    def doc_items(self, doc: str) -> tuple[Item, ...]:
        return self.kb.document(doc).items

    def children(self, doc: str, parent: str) -> list[Section]:
        return self._children.get((doc, parent), [])

    def doc_departments(self, doc: str) -> list[tuple[str, list[tuple[str, Item]]]]:
        """The departments of one document, those that lead most items first."""
        rows = self._by_doc.get(doc, [])
        return sorted(rows, key=lambda r: (-sum(role == "lead" for role, _ in r[1]), r[0]))

    def doc_indicators(self, doc: str) -> list[Indicator]:
        return self._indicators_by_doc.get(doc, [])

    def department_indicators(self, doc: str, name: str) -> list[Indicator]:
        return [i for i in self.doc_indicators(doc) if i.reporter == name]

    def evaluation(self, doc: str) -> Evaluation:
        """The evaluation of ``doc`` as of the latest year with a figure (computed once)."""
        if doc not in self._evaluations:
            mine = self.doc_indicators(doc)
            self._evaluations[doc] = evaluation(self.kb, self.year, doc, mine)
        return self._evaluations[doc]

    def comparisons(self) -> list[Comparison]:
        """The indicators two or more documents set, compared (computed once)."""
        if self._comparisons is None:
            self._comparisons = comparisons(self.kb)
        return self._comparisons
