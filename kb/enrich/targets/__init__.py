"""Targets: what each goal and measure sets, with its baseline and status.

    extract     the engine: runs the rule tables over one item's text
    lexicon     patterns and readers of numbers, comparators and indicator names
    scan        the state of one scan: claimed spans, clause and sentence starts
    rules       numeric rules, most specific first
    directions  direction-only rules (goals only)
    skip        numbers that are not targets, and why

``add_targets`` is the enricher: every item's targets, linked to the
preface's baselines (``kb.enrich.baselines``); the reported figures and the
status follow in ``kb.enrich.status``.
"""

from __future__ import annotations

from dataclasses import replace

from kb.corpus import Corpus
from kb.enrich.baselines import find_baselines
from kb.enrich.status import link_baselines
from kb.enrich.targets.extract import Extraction, extract_targets
from kb.model import Document, Item, KnowledgeBase

__all__ = ["Extraction", "add_targets", "extract_targets", "item_extraction"]


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


def add_targets(kb: KnowledgeBase, corpus: Corpus) -> KnowledgeBase:
    """Quantified targets of every item, linked to baselines."""
    documents = []
    for document in kb.documents:
        baselines = find_baselines(preface_paragraphs(document))
        items = tuple(
            replace(
                item,
                targets=link_baselines(item_extraction(item).targets, baselines),
            )
            for item in document.items
        )
        documents.append(replace(document, items=items))
    return replace(kb, documents=tuple(documents))
