"""Derived facts: each enricher adds one kind of metadata to the parsed model.

    targets      the targets each item sets (a package of rule tables)
    parents      each item's counterpart in the plan it implements, targets compared
    pairs        each goal and the measures of its domain that implement it
    baselines    the values the prefaces state for 2010 and 2020
    status       each target's reported figures and status (monitoring.csv)
    reporting    who reports each target's figures (indicators.yaml, item lead)
    departments  who is responsible for each item, and how we know
    links        items of the two plans on the same subjects; domain links
    indicators   the indicators both plans set targets for, compared
    review       what ``kb check`` asks a person to look at

The enrichers run in order over the whole knowledge base; each takes the
loaded corpus (never the folder) and returns a new (frozen) knowledge base.
"""

from __future__ import annotations

from collections.abc import Callable

from kb.corpus import Corpus
from kb.enrich.departments import add_departments
from kb.enrich.links import add_links
from kb.enrich.pairs import add_pairs
from kb.enrich.parents import add_parents
from kb.enrich.status import add_status
from kb.enrich.targets import add_targets
from kb.model import KnowledgeBase
from kb.progress import Progress, Step, silent

Enricher = Callable[[KnowledgeBase, Corpus], KnowledgeBase]

ENRICHERS: tuple[Enricher, ...] = (
    add_targets,
    add_parents,  # after add_targets: compares the targets of both plans
    add_pairs,
    add_departments,
    add_status,  # after add_departments: a target's reporter is its item's lead
    add_links,  # after add_targets: shared indicators read Item.targets
)


# What each enricher derives, as progress shows it.
NAMES: dict[Enricher, str] = {
    add_targets: "量化指标",
    add_parents: "上级规划",
    add_pairs: "目标与措施",
    add_departments: "责任单位",
    add_status: "达标状态",
    add_links: "交叉关联",
}


def enrich(kb: KnowledgeBase, corpus: Corpus, progress: Progress = silent) -> KnowledgeBase:
    for number, enricher in enumerate(ENRICHERS, 1):
        progress(Step("派生", number, len(ENRICHERS), NAMES.get(enricher, "")))
        kb = enricher(kb, corpus)
    return kb
