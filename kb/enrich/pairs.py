"""Goals and the measures that carry them out: pairs within each domain.

A domain lists its main goals (主要目标), then the strategic measures (策略措施)
that implement them, one or several measures per goal and mostly in the
goals' order.  A goal is short and names its outcome (促进平等就业，消除就业
性别歧视); the measure that serves it repeats the outcome's words in its title
(加大消除就业性别歧视工作力度).  So each measure is compared with every goal
of its domain by the words they share:

1. texts are cut into Chinese character bigrams, each weighted by
   ``(1 + ln tf) * ln(N / df)`` over the N items of the document, so that the
   words every item uses (妇女, 保障, 促进) count for little; a measure's title
   counts twice;
2. ``score`` is the cosine of the two vectors (3 decimals);
3. a measure implements its best goal, and any other goal scoring at least
   ``RATIO`` of the best, when the score is at least ``MIN_SCORE``; a goal no
   measure chose gets its own best measure above ``MIN_SCORE``.

``why`` lists the longest runs of characters both texts share, most weighty
first: the words a reader sees in both.  Pairs are symmetric: a goal's
``pairs`` are the measures that implement it, a measure's the goals it serves.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from kb.corpus import Corpus
from kb.model import Document, Item, KnowledgeBase, Pair
from kb.text import HAN, natural_key

MIN_SCORE = 0.05
RATIO = 0.6
TITLE_WEIGHT = 2
WHY = 3
DECIMALS = 3

_RUN = re.compile(f"[{HAN}]+")
EDGES = "的和与及等之对"  # particles a shared run may start or end with; not part of the word
Vector = dict[str, float]


def bigrams(text: str) -> Counter[str]:
    return Counter(run[i : i + 2] for run in _RUN.findall(text) for i in range(len(run) - 1))


def measure_text(item: Item) -> Counter[str]:
    grams = bigrams(item.text)
    for _ in range(TITLE_WEIGHT - 1):
        grams += bigrams(item.title or "")
    return grams


def _weights(items: Sequence[Item]) -> dict[str, float]:
    df = Counter(g for item in items for g in set(bigrams(item.text)))
    return {g: math.log(len(items) / n) for g, n in df.items()}


def _vector(grams: Counter[str], idf: dict[str, float]) -> Vector:
    return {g: (1 + math.log(n)) * idf.get(g, 0.0) for g, n in grams.items()}


def cosine(a: Vector, b: Vector) -> float:
    shared = sum(a[g] * b[g] for g in a.keys() & b.keys())
    if shared <= 0:
        return 0.0
    return round(
        shared / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values())),
        DECIMALS,
    )


def shared_words(goal: str, measure: str, idf: dict[str, float]) -> tuple[str, ...]:
    """The longest runs of characters in both texts (two or more), weightiest first."""
    found: dict[str, float] = {}
    for run in _RUN.findall(measure):
        start = 0
        while start < len(run) - 1:
            end = start + 2
            if run[start:end] not in goal:
                start += 1
                continue
            while end < len(run) and run[start : end + 1] in goal:
                end += 1
            word = run[start:end].strip(EDGES)
            if len(word) < 2:
                start = end
                continue
            found[word] = sum(idf.get(word[i : i + 2], 0.0) for i in range(len(word) - 1))
            start = end
    ranked = sorted(found.items(), key=lambda wv: (-wv[1], wv[0]))
    return tuple(w for w, v in ranked[:WHY] if v > 0)


def pair_domain(
    goals: Sequence[Item], measures: Sequence[Item], idf: dict[str, float]
) -> dict[str, list[Pair]]:
    """Item ID → its pairs, for one domain."""
    goal_vectors = {g.id: _vector(bigrams(g.text), idf) for g in goals}
    scores: dict[tuple[str, str], float] = {}
    for m in measures:
        vector = _vector(measure_text(m), idf)
        for g in goals:
            scores[(g.id, m.id)] = cosine(goal_vectors[g.id], vector)
    chosen: set[tuple[str, str]] = set()
    for m in measures:
        best = max((scores[(g.id, m.id)] for g in goals), default=0.0)
        if best >= MIN_SCORE:
            chosen |= {(g.id, m.id) for g in goals if scores[(g.id, m.id)] >= RATIO * best}
    for g in goals:
        if not any(gid == g.id for gid, _ in chosen) and measures:
            m = max(measures, key=lambda m: (scores[(g.id, m.id)], -m.number))
            if scores[(g.id, m.id)] >= MIN_SCORE:
                chosen.add((g.id, m.id))
    texts = {i.id: i for i in (*goals, *measures)}
    found: dict[str, list[Pair]] = {}
    for gid, mid in chosen:
        why = shared_words(texts[gid].text, texts[mid].title or texts[mid].text, idf)
        why = why or shared_words(texts[gid].text, texts[mid].text, idf)
        score = scores[(gid, mid)]
        found.setdefault(gid, []).append(Pair(mid, score, why))
        found.setdefault(mid, []).append(Pair(gid, score, why))
    return found


def pair_document(document: Document) -> Document:
    idf = _weights(document.items)
    by_id = {i.id: i for i in document.items}
    pairs: dict[str, list[Pair]] = {}
    for domain in document.domains:
        goals = [by_id[i] for i in domain.goal_ids]
        measures = [by_id[i] for i in domain.measure_ids]
        pairs.update(pair_domain(goals, measures, idf))
    items = tuple(
        replace(i, pairs=tuple(sorted(pairs.get(i.id, []), key=lambda p: natural_key(p.id))))
        for i in document.items
    )
    return replace(document, items=items)


def add_pairs(kb: KnowledgeBase, corpus: Corpus) -> KnowledgeBase:
    """Enricher: every goal's implementing measures, every measure's goals."""
    return replace(kb, documents=tuple(pair_document(d) for d in kb.documents))
