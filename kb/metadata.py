"""Enrichers for the metadata officials ask for: targets and departments.

Each enricher takes the knowledge base and the corpus folder and returns a new
knowledge base whose items carry the derived facts, each with its provenance.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kb.baselines import find_baselines, link_baselines, load_monitoring
from kb.corpus import GAZETTEER, MONITORING
from kb.departments import assign_departments, unknown_bodies
from kb.errors import Problem
from kb.gazetteer import Gazetteer, load_gazetteer
from kb.model import Document, Item, KnowledgeBase
from kb.targets import Extraction, extract_targets


def gazetteer_for(corpus: Path) -> Gazetteer | None:
    """The corpus's gazetteer of departments; ``None`` when it has none."""
    path = corpus / GAZETTEER
    return load_gazetteer(path) if path.exists() else None


def item_extraction(item: Item) -> Extraction:
    """Targets of an item; direction-only targets are read in goals only."""
    return extract_targets(item.text, item.span.first, qualitative=item.kind == "goal")


def preface_paragraphs(document: Document) -> list[tuple[int, str]]:
    return [
        paragraph
        for section in document.sections
        if section.kind == "preface"
        for paragraph in section.paragraphs
    ]


def add_targets(kb: KnowledgeBase, corpus: Path) -> KnowledgeBase:
    """Quantified targets of every item, linked to baselines and monitoring data."""
    monitoring = load_monitoring(corpus / MONITORING)
    documents = []
    for document in kb.documents:
        baselines = find_baselines(preface_paragraphs(document))
        items = tuple(
            replace(
                item,
                targets=link_baselines(
                    item_extraction(item).targets, baselines, monitoring, item_id=item.id
                ),
            )
            for item in document.items
        )
        documents.append(replace(document, items=items))
    return replace(kb, documents=tuple(documents))


def add_departments(kb: KnowledgeBase, corpus: Path) -> KnowledgeBase:
    """The departments responsible for every item, with the evidence."""
    gazetteer = gazetteer_for(corpus)
    if gazetteer is None:
        return kb
    documents = []
    for document in kb.documents:
        names = {d.id: d.name for d in document.domains}
        items = tuple(
            replace(
                item,
                departments=assign_departments(gazetteer, item.text, names[item.domain], item.plan),
            )
            for item in document.items
        )
        documents.append(replace(document, items=items))
    return replace(kb, documents=tuple(documents))


def review_bodies(documents: list[Document], corpus: Path) -> list[Problem]:
    """Warn about names that look like a body but are not in the gazetteer."""
    gazetteer = gazetteer_for(corpus)
    if gazetteer is None:
        return []
    return [
        Problem(
            document.file,
            item.span.first,
            "warning",
            "unknown-body",
            f"{item.id} 提到“{phrase}”，名录 {gazetteer.file} 中没有这个单位："
            "应在名录中加上它（或列入 not_bodies）",
        )
        for document in documents
        for item in document.items
        for phrase in unknown_bodies(gazetteer, item.text)
    ]


def review_numbers(documents: list[Document]) -> list[Problem]:
    """Numbers seen in items but not taken as targets, for a person to review."""
    problems = []
    for document in documents:
        for item in document.items:
            for skipped in item_extraction(item).skipped:
                problems.append(
                    Problem(
                        document.file,
                        skipped.line,
                        "info",
                        "number-not-taken",
                        f"{item.id} 中的“{skipped.phrase}”未作为量化指标：{skipped.reason}",
                    )
                )
    return problems
