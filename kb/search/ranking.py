"""Ranking after retrieval: concepts, goal–measure support, departments, the relevance floor.

An engine (whoosh here; the browser's port; any other) only scores each query
word on its own: ``scores[i]`` maps an item's number to the score of word
``i``.  Everything else is decided here, the same way for every engine:

1. ``base``: the sum of the words' scores (in query order);
2. departments the query names add the item's **assignment strength** for
   each: lead before partner, then by how it is known (confirmed, named in the
   text, by remit, by subject, through a paired goal);
3. a goal and the measures that implement it (``Item.pairs``) **support each
   other**: each gets ``PAIR_WEIGHT`` times the best base score of its
   partners (not counting IDs and numbers: they find that item alone), so
   a goal whose measure is found is found too; the partner's concepts count
   for the floor (5), not for the order (4);
4. items are ordered by how many of the query's strong **concepts** they
   cover themselves (items matching both words of a two-word query first), then by
   score, then in the plans' order;
5. the **relevance floor**: when the query names something specific (a
   ``strong`` concept: not one character, not a generic word), an item that
   covers none of its strong concepts, and fewer than ``FLOOR_WEAK`` of its
   generic ones, is left out -- 火星基地 lists nothing through 基地, while
   小孩坐车安全 still finds items on children (小孩) and safety (安全).
   Nothing left means nothing fits: ``suggest`` then names the closest
   subjects.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from kb.model import Item, KnowledgeBase
from kb.normalize import is_han, normalize, pieces
from kb.search.analysis import STOPWORDS, Analyzer, QueryWord
from kb.search.layout import RANKING_FILE

FORMAT = "kb-search-ranking/1"
PAIR_WEIGHT = 0.3
# Strength of an assignment: role first (lead 8–10, partner 3–5), then how it is known.
ROLE_STRENGTH = {"lead": 8.0, "partner": 3.0}
BASIS_STRENGTH = {"confirmed": 2.0, "named": 1.5, "remit": 1.0, "subject": 0.5, "paired": 0.25}
# Below the floor: an item covering no strong concept of a query that has one, unless
# it covers this many of its generic concepts together (小孩 … 安全).
FLOOR_WEAK = 2
SUGGESTIONS = 5
SUGGEST_MIN = 3  # a shared two-character run (2) and one more shared character (1)


@dataclass(frozen=True)
class RankTable:
    """What ranking needs besides the engine's scores, per item in the plans' order."""

    pairs: list[list[int]]  # the numbers of the items it pairs with (goal ↔ measures)
    strengths: list[dict[str, float]]  # department class token -> assignment strength
    subjects: list[list[str]]  # [subject name, its words …] for suggestions

    @cached_property
    def holders(self) -> dict[str, list[tuple[int, float]]]:
        """Department token -> (item number, strength) of the items assigned to it, in order."""
        found: dict[str, list[tuple[int, float]]] = {}
        for doc, held in enumerate(self.strengths):
            for token, value in held.items():
                found.setdefault(token, []).append((doc, value))
        return found

    def to_json(self) -> str:
        data = {
            "format": FORMAT,
            "pairs": self.pairs,
            "strengths": self.strengths,
            "subjects": self.subjects,
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> RankTable:
        data: dict[str, Any] = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown ranking format {data.get('format')!r}")
        return cls(data["pairs"], data["strengths"], data["subjects"])

    def save(self, folder: Path) -> None:
        (folder / RANKING_FILE).write_text(self.to_json() + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> RankTable:
        return cls.from_json((folder / RANKING_FILE).read_text(encoding="utf-8"))


def strength(role: str, basis: str) -> float:
    return ROLE_STRENGTH[role] + BASIS_STRENGTH.get(basis, 0.0)


def item_strengths(analyzer: Analyzer, item: Item) -> dict[str, float]:
    found: dict[str, float] = {}
    for dept in item.departments:
        for token in analyzer.department_terms(dept.name):
            if token in analyzer.department_tokens:
                found[token] = max(found.get(token, 0.0), strength(dept.role, dept.basis))
    return dict(sorted(found.items()))


def rank_table(
    kb: KnowledgeBase, analyzer: Analyzer, subjects: Sequence[tuple[str, Sequence[str]]]
) -> RankTable:
    items = kb.items()
    number = {(item.doc, item.id): n for n, item in enumerate(items)}
    pairs = [
        sorted({number[(item.doc, p.id)] for p in item.pairs if (item.doc, p.id) in number})
        for item in items
    ]
    strengths = [item_strengths(analyzer, item) for item in items]
    return RankTable(pairs, strengths, [[name, *words] for name, words in subjects])


def named_departments(
    words: Sequence[QueryWord], analyzer: Analyzer
) -> list[tuple[str, float, int]]:
    """(department token, weight, concept) for each department the query names, first first."""
    named: dict[str, tuple[float, int]] = {}
    for word in words:
        for form, weight in word.forms:
            if form in analyzer.department_tokens:
                value = weight * word.weight
                old = named.get(form)
                named[form] = (max(old[0], value), old[1]) if old else (value, word.concept)
    return [(token, weight, concept) for token, (weight, concept) in named.items()]


def rank(
    words: Sequence[QueryWord],
    scores: Sequence[dict[int, float]],
    named: Sequence[tuple[str, float, int]],
    table: RankTable,
    allowed: set[int] | None = None,
) -> list[tuple[int, float]]:
    """(item number, score) of every item that fits, best first (see the module's steps).

    Linear in the items the words match: concepts are kept as bit sets (a query has
    few of them: ``kb.search.query.MAX_QUERY_WORDS``) and the filter is applied once per word.
    """
    strong = 0
    for w in words:
        if w.strong:
            strong |= 1 << w.concept
    base: dict[int, float] = {}
    topical: dict[int, float] = {}  # base without exact lookups: what a partner can lend
    concepts: dict[int, int] = {}  # item number -> bit set of the concepts it covers
    for word, by_doc in zip(words, scores, strict=True):
        if allowed is not None:
            by_doc = {doc: by_doc[doc] for doc in by_doc.keys() & allowed}
        # a strong concept counts through its strong words only (火星 is not 星)
        bit = 1 << word.concept if word.strong or not strong >> word.concept & 1 else 0
        is_word = word.token.kind == "word"  # not an ID or a number with its unit
        for doc, value in by_doc.items():
            base[doc] = base.get(doc, 0.0) + value
            if is_word:
                topical[doc] = topical.get(doc, 0.0) + value
            if value > 0 and bit:
                concepts[doc] = concepts.get(doc, 0) | bit
    dept: dict[int, float] = {}
    for token, weight, concept in named:
        for doc, value in table.holders.get(token, ()):
            if allowed is None or doc in allowed:
                dept[doc] = dept.get(doc, 0.0) + weight * value
                concepts[doc] = concepts.get(doc, 0) | 1 << concept
    pairs = table.pairs
    candidates = set(base) | set(dept)
    for doc in topical:
        candidates.update(pairs[doc])
    if allowed is not None:  # (a partner may be filtered out)
        candidates &= allowed
    ranked: list[tuple[int, float, int]] = []
    for doc in candidates:
        best, partner = 0.0, -1
        for p in pairs[doc]:
            value = topical.get(p, 0.0)
            if value > best:
                best, partner = value, p
        total = base.get(doc, 0.0) + PAIR_WEIGHT * best + dept.get(doc, 0.0)
        own = concepts.get(doc, 0)
        covered = own | concepts.get(partner, 0) if partner >= 0 else own
        if total <= 0 or (strong and not covered & strong and covered.bit_count() < FLOOR_WEAK):
            continue
        ranked.append((-(own & strong).bit_count(), -total, doc))
    ranked.sort()
    return [(doc, -total) for _, total, doc in ranked]


def suggest(query: str, table: RankTable, limit: int = SUGGESTIONS) -> list[str]:
    """The subjects whose words share most with ``query``: two shared characters in a row
    count 2, each shared character 1; at least ``SUGGEST_MIN``."""
    runs = [p.text for p in pieces(normalize(query)) if p.kind == "run"]
    pairs = {run[i : i + 2] for run in runs for i in range(len(run) - 1)}
    pairs = {p for p in pairs if is_han(p)}
    chars = {c for run in runs for c in run if is_han(c) and c not in STOPWORDS}
    scored: list[tuple[int, int, str]] = []
    for order, (name, *words) in enumerate(table.subjects):
        text = "|".join([name, *words])
        value = 2 * sum(p in text for p in pairs) + sum(c in text for c in chars)
        if value >= SUGGEST_MIN:
            scored.append((-value, order, name))
    return [name for _, _, name in sorted(scored)[:limit]]
