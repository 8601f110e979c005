"""One query word as plain data, and whoosh's score of it, for other engines.

The ranking (``kb.search.ranking``) asks an engine one thing: each query
word's score for the items it matches.  whoosh computes it from
``query.word_query`` (the best of the word's forms; part-of-a-word grams; an
item ID).  An engine other than whoosh (``kb.search.tantivy_engine``) needs the
same clause as data it can translate, and the same score: ``word_clause``
builds it exactly as ``query.word_query`` builds the whoosh query, and
``Scorer`` computes whoosh's score of it for one item, from the item's term
counts and field lengths -- whoosh's BM25F with the constants of
``kb.search.schema``, its idf (``log(N / (df + 1)) + 1``), field lengths
quantized to one byte as whoosh stores them, the average length of each field
unquantized.  The browser's port (``js/kb-search-core.js``) computes the same
formula; ``tests/test_search_engines.py`` checks that the two engines give the
same results on the judged queries.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from kb.normalize import is_han
from kb.search.analysis import QueryWord, chars
from kb.search.schema import BM25_B, BM25_K1, FIELD_WEIGHTS, GRAMS_WEIGHT, ID_WEIGHT

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


def word_clause(word: QueryWord, df: DocFrequency) -> Clause | None:
    """The clause of one query word (as ``query.word_query``), or None when it matches nothing."""
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
    literal = token.kind == "word" and is_han(token.text) and word.literal > 0
    if literal and (not leaves or len(token.text) == 1):
        grams = Grams(tuple(chars(token.text)), word.weight * word.literal * GRAMS_WEIGHT)
    return Clause(leaves, grams) if leaves or grams else None


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
    """whoosh's score of a query word's clause for one item, given the index's statistics."""

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


def side_by_side(wanted: tuple[str, ...], grams: tuple[str, ...]) -> bool:
    """Whether ``wanted`` occurs in ``grams`` as a run (a phrase, slop 1)."""
    size = len(wanted)
    first = wanted[0]
    return any(
        grams[i] == first and grams[i : i + size] == wanted for i in range(len(grams) - size + 1)
    )
