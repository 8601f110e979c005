"""The knowledge base, indexed for the page writers: every page reads only this."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from kb.model import (
    Document,
    Domain,
    DomainLink,
    Item,
    KnowledgeBase,
    Plan,
    Section,
    SharedIndicator,
    SharedSubject,
)
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
    _alone: dict[str, KnowledgeBase] = field(default_factory=dict)

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
        self._alone = split_by_document(self.kb)

    def alone(self, doc: str) -> KnowledgeBase:
        """The knowledge base of one document, with the links that belong to it."""
        return self._alone[doc]

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


def split_by_document(kb: KnowledgeBase) -> dict[str, KnowledgeBase]:
    """One knowledge base per document, each link row grouped once (linear in the corpus)."""
    links: dict[str, list[DomainLink]] = defaultdict(list)
    subjects: dict[str, list[SharedSubject]] = defaultdict(list)
    indicators: dict[str, list[SharedIndicator]] = defaultdict(list)
    for link in kb.domain_links:
        links[link.doc].append(link)
    for subject in kb.shared_subjects:
        subjects[subject.doc].append(subject)
    for indicator in kb.shared_indicators:
        indicators[indicator.doc].append(indicator)
    return {
        d.slug: replace(
            kb,
            documents=(d,),
            domain_links=tuple(links[d.slug]),
            shared_subjects=tuple(subjects[d.slug]),
            shared_indicators=tuple(indicators[d.slug]),
        )
        for d in kb.documents
    }
