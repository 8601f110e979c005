"""Cross-links: the items of the women's and the children's plans that meet.

The two plans were written side by side; many subjects live in both (母婴传播,
家庭教育, 家庭暴力, 托育服务, 农村自来水 …).  For every goal and measure we find
the items of the *other* plan of the same document that deal with the same
concrete subject:

1. each item's subjects are found with the curated vocabulary
   (``corpus/subjects.yaml``, see ``kb.corpus.subjects``) -- generic words such as
   发展, 服务 or 儿童 are never subjects;
2. a subject weighs ``(1 + ln tf) * ln(N / df) ** 2``: the rarer it is among
   the N items of the document, the more it says (squared IDF, so that one
   rare, concrete subject outweighs several common ones); ``tf`` counts a
   measure's title twice.  An item is the vector of its subjects' weights;
3. a pair's ``score`` is the cosine of the two vectors (rounded to 3 decimals),
   its ``why`` the shared subjects, largest contribution first.  A subject
   mentioned in passing among many others therefore links weakly, and pairs
   under ``MIN_SCORE`` are not shown -- unless they share a subject that only
   these two items mention (an exact cross-reference; see ``link_items``).

Links are symmetric (both directions carry the same score and why) and each
item's are ordered by score, then by ID in natural order.  Domain links and the
shared subjects are derived from the item links (``link_domains``,
``shared_subjects``); the shared indicators are compared in ``kb.enrich.indicators``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from kb.corpus import Corpus
from kb.corpus.subjects import Vocabulary, item_subjects
from kb.enrich.indicators import shared_indicators
from kb.model import Domain, DomainLink, Item, KnowledgeBase, Related, SharedSubject
from kb.text import natural_key

# Pairs below this score are passing mentions, not shared subjects; chosen with
# evaluation/eval_links.py against the judged pairs in tests/data/link_judgments.yaml.
MIN_SCORE = 0.25
IDF_POWER = 2
# A domain pair is shown when it has this many item links and this strength.
MIN_DOMAIN_LINKS = 2
MIN_STRENGTH = 0.02
DOMAIN_WHY = 5  # subjects named for a domain pair
DECIMALS = 3

ItemKey = tuple[str, str]  # (doc, item id)
DomainPair = tuple[str, str, str]  # (doc, women's domain id, children's domain id)
Vector = dict[str, float]


# --------------------------------------------------------------------------- items


def _document_frequencies(counts: dict[ItemKey, Counter[str]]) -> Counter[tuple[str, str]]:
    """(doc, subject) -> the number of the document's items that mention the subject."""
    return Counter((doc, s) for (doc, _), found in counts.items() for s in found)


def _vectors(
    counts: dict[ItemKey, Counter[str]], df: Counter[tuple[str, str]]
) -> dict[ItemKey, Vector]:
    sizes = Counter(doc for doc, _ in counts)
    return {
        (doc, ident): {
            s: (1 + math.log(tf)) * math.log(sizes[doc] / df[(doc, s)]) ** IDF_POWER
            for s, tf in found.items()
        }
        for (doc, ident), found in counts.items()
    }


def pair_score(a: Vector, b: Vector) -> tuple[float, tuple[str, ...]]:
    """The cosine of two subject vectors and their shared subjects, largest contribution first."""
    shared = sorted(((a[s] * b[s], s) for s in a.keys() & b.keys()), key=lambda cs: (-cs[0], cs[1]))
    if not shared or shared[0][0] <= 0:
        return 0.0, ()
    norm = math.sqrt(sum(w * w for w in a.values()) * sum(w * w for w in b.values()))
    score = round(sum(c for c, _ in shared) / norm, DECIMALS)
    return score, tuple(s for c, s in shared if c > 0)


def related_order(r: Related) -> tuple[float, tuple[str | int, ...]]:
    """Best first, then by ID in natural order."""
    return (-r.score, natural_key(r.id))


def link_items(
    items: Sequence[Item], vocabulary: Vocabulary, min_score: float = MIN_SCORE
) -> dict[ItemKey, tuple[Related, ...]]:
    """For every item, the items of the other plan (same doc) on the same subjects, best first.

    A pair that shares a subject no other item of the document mentions (one
    item in each plan: an exact cross-reference, such as the HPV vaccination
    of W1-M5 and C1-M8) is linked even when that subject is a passing mention;
    its score is raised to ``min_score``.  Items without any link are absent
    from the result.
    """
    counts = {(i.doc, i.id): item_subjects(i, vocabulary) for i in items}
    df = _document_frequencies(counts)
    vectors = _vectors(counts, df)
    found: dict[ItemKey, list[Related]] = defaultdict(list)
    # Within each document only, and only the pairs that share a subject: the work
    # grows with the number of documents, not with its square.
    holders: dict[tuple[str, str], list[Item]] = defaultdict(list)  # (doc, subject) → C items
    for c in items:
        if c.plan == "C":
            for subject in counts[(c.doc, c.id)]:
                holders[(c.doc, subject)].append(c)
    for w in (i for i in items if i.plan == "W"):
        candidates = {c.id: c for s in counts[(w.doc, w.id)] for c in holders.get((w.doc, s), ())}
        for c in candidates.values():
            score, why = pair_score(vectors[(w.doc, w.id)], vectors[(c.doc, c.id)])
            if any(df[(w.doc, s)] == 2 for s in why):
                score = max(score, min_score)
            if why and score >= min_score:
                found[(w.doc, w.id)].append(Related(c.doc, c.id, score, why))
                found[(c.doc, c.id)].append(Related(w.doc, w.id, score, why))
    return {key: tuple(sorted(rel, key=related_order)) for key, rel in found.items()}


# --------------------------------------------------------------------------- domains


def link_domains(items: Sequence[Item], domains: Sequence[Domain]) -> tuple[DomainLink, ...]:
    """Domain pairs of the two plans, derived from the item links (``Item.related``).

    ``strength`` is the mean, over all items of both domains, of each item's
    best link score into the other domain (0 when it has none): 1 would mean
    every item of each domain has an exact counterpart in the other.  ``why``
    names the subjects that carry most of the links.
    """
    domain_of = {(i.doc, i.id): i.domain for i in items}
    best: dict[DomainPair, dict[str, float]] = defaultdict(dict)
    links: Counter[DomainPair] = Counter()
    subjects: dict[DomainPair, Counter[str]] = defaultdict(Counter)
    for item in items:
        for r in item.related:
            other = domain_of[(r.doc, r.id)]
            women, children = (item.domain, other) if item.plan == "W" else (other, item.domain)
            pair = (item.doc, women, children)
            best[pair][item.id] = max(best[pair].get(item.id, 0.0), r.score)
            if item.plan == "W":  # count each link once
                links[pair] += 1
                subjects[pair].update(dict.fromkeys(r.why, r.score))
    sizes = {(d.doc, d.id): len(d.goal_ids) + len(d.measure_ids) for d in domains}
    found = []
    for pair, scores in best.items():
        doc, women, children = pair
        strength = round(
            sum(scores.values()) / (sizes[(doc, women)] + sizes[(doc, children)]), DECIMALS
        )
        if links[pair] < MIN_DOMAIN_LINKS or strength < MIN_STRENGTH:
            continue
        why = sorted(subjects[pair].items(), key=lambda sw: (-sw[1], sw[0]))[:DOMAIN_WHY]
        found.append(DomainLink(doc, women, children, strength, tuple(s for s, _ in why)))
    doc_order = {doc: n for n, doc in enumerate(dict.fromkeys(d.doc for d in domains))}
    found.sort(key=lambda d: (doc_order[d.doc], -d.strength, natural_key(d.women + d.children)))
    return tuple(found)


# --------------------------------------------------------------------------- subjects


def shared_subjects(kb: KnowledgeBase, vocabulary: Vocabulary) -> tuple[SharedSubject, ...]:
    """Every subject named by some link, with its items; most links first, then by name."""
    items = {(i.doc, i.id): i for i in kb.items()}
    women: dict[ItemKey, set[str]] = defaultdict(set)
    children: dict[ItemKey, set[str]] = defaultdict(set)
    pairs: dict[ItemKey, Counter[tuple[str, str]]] = defaultdict(Counter)
    for item in kb.items():
        if item.plan != "W":
            continue
        for r in item.related:
            other = items[(r.doc, r.id)]
            for name in r.why:
                women[(item.doc, name)].add(item.id)
                children[(item.doc, name)].add(other.id)
                pairs[(item.doc, name)][(item.domain, other.domain)] += 1
    indicators = {s.name for s in vocabulary.subjects if s.indicator}
    found = [
        SharedSubject(
            doc=doc,
            name=name,
            indicator=name in indicators,
            women=tuple(sorted(women[(doc, name)], key=natural_key)),
            children=tuple(sorted(children[(doc, name)], key=natural_key)),
            links=sum(counter.values()),
            domains=_most_common(counter),
        )
        for (doc, name), counter in pairs.items()
    ]
    return tuple(sorted(found, key=lambda s: (s.doc, -s.links, s.name)))


def _most_common(counter: Counter[tuple[str, str]]) -> tuple[str, str]:
    return min(counter, key=lambda p: (-counter[p], natural_key(p[0]), natural_key(p[1])))


# --------------------------------------------------------------------------- enricher


def apply_links(kb: KnowledgeBase, vocabulary: Vocabulary) -> KnowledgeBase:
    """The knowledge base with every item's ``related``, the domain links and shared subjects."""
    related = link_items(kb.items(), vocabulary)
    documents = tuple(
        replace(
            doc,
            items=tuple(replace(i, related=related.get((i.doc, i.id), ())) for i in doc.items),
        )
        for doc in kb.documents
    )
    linked = replace(kb, documents=documents)
    linked = replace(linked, domain_links=link_domains(linked.items(), linked.domains()))
    return replace(
        linked,
        shared_subjects=shared_subjects(linked, vocabulary),
        shared_indicators=shared_indicators(linked, vocabulary),
    )


def add_links(kb: KnowledgeBase, corpus: Corpus) -> KnowledgeBase:
    """Enricher: cross-links from ``corpus/subjects.yaml`` (none when the file is absent)."""
    return apply_links(kb, corpus.subjects)
