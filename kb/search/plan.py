"""A query as a plain plan of weighted terms, and whoosh's score of it, for other engines.

``kb.search.query`` turns the words of a query into a whoosh query tree.  An
engine other than whoosh (``kb.search.tantivy_engine``) needs the same query
as data it can translate, and the same scores: ``make_plan`` builds the plan
exactly as ``query.text_query`` builds the tree (one clause per word, the best
of its forms; part-of-a-word grams; departments by role), and ``Scorer``
computes whoosh's score of it for one item, from the item's term counts and
field lengths -- whoosh's BM25F with the constants of ``kb.search.schema``,
its idf (``log(N / (df + 1)) + 1``), field lengths quantized to one byte as
whoosh stores them, the average length of each field unquantized.  The
browser's port (``js/kb-search-core.js``) computes the same formula;
``tests/test_search_engines.py`` checks that this module's scores equal
whoosh's on the judged queries.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from kb.normalize import is_han
from kb.search.analysis import Analyzer, QueryWord, chars
from kb.search.schema import (
    BM25_B,
    BM25_K1,
    DEPT_SCORES,
    FIELD_WEIGHTS,
    GRAMS_WEIGHT,
    ID_WEIGHT,
)

GRAMS = "grams"
DocFrequency = Callable[[str, str], int]  # (field, term) → how many items hold it


@dataclass(frozen=True)
class Leaf:
    """One term looked for in one field, with the weight of a match."""

    field: str
    term: str
    boost: float


@dataclass(frozen=True)
class Grams:
    """Characters looked for side by side in ``grams`` (part of a word), and their weight."""

    chars: tuple[str, ...]
    boost: float


@dataclass(frozen=True)
class Clause:
    """One query word: an item scores by the best of its leaves (or its grams) it contains."""

    leaves: tuple[Leaf, ...] = ()
    grams: Grams | None = None
    item_id: str | None = None  # an item ID typed as such (lower case): ID_WEIGHT


@dataclass(frozen=True)
class DepartmentLeaf:
    """Items assigned to a named department in one role get ``score`` (once each)."""

    field: str  # dept_lead / dept_partner
    term: str
    score: float


@dataclass(frozen=True)
class Plan:
    clauses: tuple[Clause, ...]
    departments: tuple[DepartmentLeaf, ...]


def make_plan(words: list[QueryWord], analyzer: Analyzer, df: DocFrequency) -> Plan | None:
    """The plan of ``words`` (as ``query.text_query``), or None when nothing can match."""
    clauses = [c for c in (_clause(w, df) for w in words) if c is not None]
    departments = _departments(words, analyzer, df)
    if not clauses and not departments:
        return None
    return Plan(tuple(clauses), tuple(departments))


def _clause(word: QueryWord, df: DocFrequency) -> Clause | None:
    token = word.token
    if token.kind == "id":
        return Clause(item_id=token.text)
    leaves = tuple(
        Leaf(field, form, word.weight * weight * field_weight)
        for form, weight in word.forms
        for field, field_weight in FIELD_WEIGHTS.items()
        if df(field, form)
    )
    grams = None
    if token.kind == "word" and is_han(token.text) and (not leaves or len(token.text) == 1):
        grams = Grams(tuple(chars(token.text)), word.weight * word.literal * GRAMS_WEIGHT)
    return Clause(leaves, grams) if leaves or grams else None


def _departments(
    words: list[QueryWord], analyzer: Analyzer, df: DocFrequency
) -> list[DepartmentLeaf]:
    named: dict[str, float] = {}
    for word in words:
        for form, weight in word.forms:
            if form in analyzer.department_tokens:
                named[form] = max(named.get(form, 0.0), weight * word.weight)
    return [
        DepartmentLeaf(field, form, score * weight)
        for form, weight in named.items()
        for field, score in DEPT_SCORES.items()
        if df(field, form)
    ]


@dataclass(frozen=True)
class Fields:
    """What the scorer needs of one item: term counts and quantized length per field."""

    counts: Mapping[str, Mapping[str, int]]  # field → term → how many times
    lengths: Mapping[str, int]  # field → length as whoosh stores it (quantized)
    grams: tuple[str, ...]  # the item's grams in order (for side-by-side matches)
    item_id: str  # lower case


def bm25(idf: float, tf: float, length: float, average: float) -> float:
    """whoosh.scoring.bm25 with the project's constants."""
    return idf * (
        (tf * (BM25_K1 + 1)) / (tf + BM25_K1 * ((1 - BM25_B) + BM25_B * length / average))
    )


class Scorer:
    """whoosh's score of a plan for one item, given the index's statistics."""

    def __init__(self, count: int, averages: Mapping[str, float], df: DocFrequency) -> None:
        self.count = count
        self.averages = averages
        self.df = df
        self._idf: dict[tuple[str, str], float] = {}

    def idf(self, field: str, term: str) -> float:
        key = (field, term)
        if key not in self._idf:
            self._idf[key] = math.log(self.count / (self.df(field, term) + 1)) + 1
        return self._idf[key]

    def term(self, field: str, term: str, item: Fields) -> float | None:
        tf = item.counts.get(field, {}).get(term)
        if not tf:
            return None
        average = self.averages.get(field) or 1
        return bm25(self.idf(field, term), float(tf), float(item.lengths[field]), average)

    def clause(self, clause: Clause, item: Fields) -> float | None:
        if clause.item_id is not None:
            return ID_WEIGHT if item.item_id == clause.item_id else None
        best: float | None = None
        for leaf in clause.leaves:
            score = self.term(leaf.field, leaf.term, item)
            if score is not None:
                score *= leaf.boost
                best = score if best is None else max(best, score)
        if clause.grams is not None:
            score = self.grams(clause.grams, item)
            if score is not None:
                best = score if best is None else max(best, score)
        return best

    def grams(self, grams: Grams, item: Fields) -> float | None:
        if len(grams.chars) > 1 and not side_by_side(grams.chars, item.grams):
            return None
        total = 0.0
        for gram in grams.chars:
            score = self.term(GRAMS, gram, item)
            if score is None:
                return None
            total += score
        return total * grams.boost

    def score(self, plan: Plan, item: Fields) -> float | None:
        """The item's score, or None when it does not match the plan."""
        total: float | None = None
        for clause in plan.clauses:
            score = self.clause(clause, item)
            if score is not None:
                total = score if total is None else total + score
        for dept in plan.departments:
            if item.counts.get(dept.field, {}).get(dept.term):
                total = dept.score if total is None else total + dept.score
        return total


def side_by_side(wanted: tuple[str, ...], grams: tuple[str, ...]) -> bool:
    """Whether ``wanted`` occurs in ``grams`` as a run (a phrase, slop 1)."""
    size = len(wanted)
    first = wanted[0]
    return any(
        grams[i] == first and grams[i : i + size] == wanted for i in range(len(grams) - size + 1)
    )
