"""Derived facts: each enricher adds one kind of metadata to the parsed model.

The enrichers run in order over the whole knowledge base; each returns a new
(frozen) knowledge base.  Targets, departments and cross-links plug in here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kb.links import add_links
from kb.metadata import add_departments, add_targets
from kb.model import KnowledgeBase

Enricher = Callable[[KnowledgeBase, Path], KnowledgeBase]

ENRICHERS: tuple[Enricher, ...] = (
    add_targets,
    add_departments,
    add_links,  # after add_targets: shared indicators read Item.targets
)


def enrich(kb: KnowledgeBase, corpus: Path) -> KnowledgeBase:
    for enricher in ENRICHERS:
        kb = enricher(kb, corpus)
    return kb
