"""``BestOf``: whoosh's ``DisjunctionMax`` with its scoring fixed.

A query word matches in several forms (itself, its synonym class, its
expansions); an item should score by the best form it contains, not their sum.
That is what ``DisjunctionMax`` is for, but whoosh's matcher (2.7 and
whoosh-reloaded) takes the maximum of its two children's *current* scores
without checking that both sit on the document being scored, so a form the
item does not contain can lend it another item's score.  Its ``replace`` also
drops a still-active child.  ``BestOf`` is the same query with a matcher that
scores only the children on the current document.
"""

from __future__ import annotations

from typing import Any

from whoosh.matching import NullMatcher
from whoosh.matching.binary import DisjunctionMaxMatcher
from whoosh.query import DisjunctionMax


class BestMatcher(DisjunctionMaxMatcher):  # type: ignore[misc]
    """The union of two matchers, scored by the better one on the current document."""

    def score(self) -> float:
        a, b = self.a, self.b
        if not a.is_active():
            return float(b.score())
        if not b.is_active():
            return float(a.score())
        here_a, here_b = a.id(), b.id()
        if here_a < here_b:
            return float(a.score())
        if here_b < here_a:
            return float(b.score())
        return float(max(a.score(), b.score()))

    def replace(self, minquality: float = 0) -> Any:
        a, b = self.a, self.b
        if not a.is_active():
            return b.replace(minquality) if b.is_active() else NullMatcher()
        if not b.is_active():
            return a.replace(minquality)
        if minquality:
            a_can = a.max_quality() >= minquality
            b_can = b.max_quality() >= minquality
            if not (a_can or b_can):
                return NullMatcher()
            if not b_can:
                return a.replace(minquality)
            if not a_can:
                return b.replace(minquality)
        new_a, new_b = a.replace(minquality), b.replace(minquality)
        if not new_a.is_active():
            return new_b
        if not new_b.is_active():
            return new_a
        if new_a is not a or new_b is not b:
            return self.__class__(new_a, new_b)
        return self


class BestOf(DisjunctionMax):  # type: ignore[misc]
    """Matches any of the subqueries; scores each item by the best one it matches."""

    def __init__(self, subqueries: list[Any], boost: float = 1.0) -> None:
        super().__init__(subqueries, boost=boost, tiebreak=0.0)

    def _matcher(self, subs: list[Any], searcher: Any, context: Any) -> Any:
        return self._tree_matcher(subs, BestMatcher, searcher, context, None)
