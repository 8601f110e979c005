"""Shared indicators: the targets both plans set for the same indicator, compared.

Some indicators appear with a target in both plans (九年义务教育巩固率,
高中阶段教育毛入学率, 农村自来水普及率, 农村卫生厕所普及率); ``subjects.yaml``
marks them ``indicator: true``.  For each one, ``shared_indicators`` lists the
items of each plan that name it, with the target the targets rules read for it
(``Item.targets``) -- or none, when the item names the indicator without
setting a target -- and whether the two plans aim at the same value.
"""

from __future__ import annotations

from collections.abc import Sequence

from kb.corpus.subjects import Subject, Vocabulary, item_subjects
from kb.model import IndicatorTarget, Item, KnowledgeBase, SharedIndicator


def shared_indicators(kb: KnowledgeBase, vocabulary: Vocabulary) -> tuple[SharedIndicator, ...]:
    """Every ``indicator`` subject that items of both plans name, with both plans' targets."""
    found = []
    for doc in kb.documents:
        for subject in (s for s in vocabulary.subjects if s.indicator):
            named = [i for i in doc.items if subject.name in item_subjects(i, vocabulary)]
            women = tuple(_target(i, subject) for i in named if i.plan == "W")
            children = tuple(_target(i, subject) for i in named if i.plan == "C")
            if women and children:
                found.append(
                    SharedIndicator(doc.slug, subject.name, women, children, same(women, children))
                )
    return tuple(found)


def same(women: Sequence[IndicatorTarget], children: Sequence[IndicatorTarget]) -> bool | None:
    """Do the first targets each plan sets agree?  None when a plan sets none."""
    w = next((t.target for t in women if t.target is not None), None)
    c = next((t.target for t in children if t.target is not None), None)
    if w is None or c is None:
        return None
    return (w.comparator, w.value, w.unit) == (c.comparator, c.value, c.unit)


def _target(item: Item, subject: Subject) -> IndicatorTarget:
    for t in item.targets:
        if any(alias in t.indicator or alias in t.phrase for alias in subject.aliases):
            return IndicatorTarget(item.id, item.plan, t)
    return IndicatorTarget(item.id, item.plan, None)
