"""Targets: what each goal and measure sets, with its baseline and status.

    extract     the engine: runs the rule tables over one item's text
    lexicon     the grammar of target phrases: verbs, values, units, tails, scopes
    scan        the state of one scan: claimed spans, clause and sentence starts, years
    refusals    baselines and monitoring results, refused first with their reason
    rules       values: relative changes, 分别 lists, shares, plain values
    counts      counts: per population, per place, staff, durations
    directions  direction-only rules (goals only)
    skip        the other numbers that are not targets, and why

``add_targets`` is the enricher: every item's targets, linked to the
preface's baselines (``kb.enrich.baselines``); the reported figures and the
status follow in ``kb.enrich.status``.
"""

from __future__ import annotations

from dataclasses import replace

from kb.corpus import Corpus
from kb.enrich.baselines import find_baselines
from kb.enrich.status import link_baselines
from kb.enrich.targets.extract import DEFAULT_YEAR, Extraction, extract_targets
from kb.model import Document, Item, KnowledgeBase, Plan

__all__ = ["Extraction", "add_targets", "extract_targets", "item_extraction", "plan_years"]


def plan_years(plan: Plan | None) -> tuple[int | None, int]:
    """The first and last year of a plan's period (2021-2030), or (None, 2030)."""
    if plan is None:
        return None, DEFAULT_YEAR
    first, _, last = plan.period.partition("-")
    if not (first.isdigit() and last.isdigit()):
        return None, DEFAULT_YEAR
    return int(first), int(last)


def item_extraction(item: Item, plan: Plan | None = None) -> Extraction:
    """Targets of an item; direction-only targets are read in goals only.

    With its ``plan``, a target whose sentence names no year is for the end of
    the plan's period, and a year before its start is past; each target and
    number has the line of the item it is on (``Item.text_lines``).
    """
    first, last = plan_years(plan)
    return extract_targets(
        item.text,
        item.span.first,
        qualitative=item.kind == "goal",
        default_year=last,
        first_year=first,
        lines=item.text_lines,
    )


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
        plans = {plan.id: plan for plan in document.plans}
        items = tuple(
            replace(
                item,
                targets=link_baselines(
                    item_extraction(item, plans.get(item.plan)).targets, baselines
                ),
            )
            for item in document.items
        )
        documents.append(replace(document, items=items))
    return replace(kb, documents=tuple(documents))
