"""Each item's counterpart in the plan its document implements, and their targets compared.

A county's plan follows its city's, the city's its province's, and all the
national 纲要 (``Document.implements``, read by ``kb.parse.place``).  When a
cited plan is in the corpus too, every goal and measure of the implementing
plan gets its counterpart there (``Item.parent``): the item of the same domain
(by the template's domain names) whose text is closest -- the Dice coefficient
of their character pairs, with a bonus for each indicator both set a target
for.  ``why`` names the shared indicators, or else the longest phrases both
texts share.

Each numeric target of the item is compared with the parent plan's target for
the same indicator: 更严 (stricter: a lower ceiling, a higher floor, a bigger
change), 相同, 更宽 (looser), 不同 (the comparators or units differ), or 仅本级
(the parent sets none).  Of several cited plans in the corpus, the nearest
(the city's before the province's before the national) is the parent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from kb.corpus import Corpus
from kb.enrich.targets.lexicon import TAIL, VERB
from kb.labels import goal_text
from kb.model import (
    Citation,
    Document,
    Domain,
    Item,
    KnowledgeBase,
    ParentLink,
    Target,
    TargetComparison,
)
from kb.parse.template import template_number

# Below this, an item has no counterpart (unless they share an indicator).
MIN_SCORE = 0.3
INDICATOR_BONUS = 0.15
LEVEL_ORDER = ("区", "县", "市", "省", "国家")  # nearest first
VERDICTS = ("stricter", "same", "looser", "different", "only-here")

_NOISE = re.compile(r"[\s，。；：、,.;:（）()“”《》\-—0-9０-９%％‰]")
_PUNCT = re.compile(r"[\s，。；：、,.;:（）()“”《》\-—%％‰]")
# The grammar every target sentence shares: not evidence that two items match.
_TEMPLATE_WORDS = re.compile(
    rf"{VERB}|{TAIL}|分别|逐步|进一步|不断|持续|明显|提高|降低|下降|加强|完善|推进|实施"
)
_PERIOD = re.compile(r"(\d{4})\s*[-—–－~至]+\s*(\d{4})")
_PLACE_SUFFIX = re.compile(r"(?:省|市|自治区|特别行政区|州|盟|地区)$")


def place_key(place: str) -> str:
    return _PLACE_SUFFIX.sub("", place.strip())


def indicator_key(name: str) -> str:
    return re.sub(r"[\s()（）]", "", name)


def bigrams(text: str) -> set[str]:
    clean = _NOISE.sub("", _TEMPLATE_WORDS.sub("|", text))
    clean = "".join(part for part in clean.split("|"))
    return {clean[i : i + 2] for i in range(len(clean) - 1)}


def dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def shared_phrases(a: str, b: str, size: int = 3, limit: int = 3) -> tuple[str, ...]:
    """The longest runs of characters both texts contain (at least ``size`` long)."""
    clean_a = _PUNCT.sub("|", _TEMPLATE_WORDS.sub("|", a))
    clean_b = _PUNCT.sub("", b)
    found: list[str] = []
    for length in range(min(len(clean_a), 12), size - 1, -1):
        for start in range(len(clean_a) - length + 1):
            piece = clean_a[start : start + length]
            if "|" in piece:
                continue
            if piece in clean_b and not any(piece in f for f in found):
                found.append(piece)
                if len(found) == limit:
                    return tuple(found)
    return tuple(found)


def parent_documents(
    document: Document, documents: Sequence[Document]
) -> list[tuple[Citation, Document]]:
    """The cited plans that are in the corpus, nearest level first."""
    found = []
    own = {plan.id: plan.period for plan in document.plans}
    for citation in document.implements:
        # 《中国儿童发展纲要（2021—2030年）》 names its period; a bare name means the same as ours
        m = _PERIOD.search(citation.title)
        period = f"{m[1]}-{m[2]}" if m else own.get(citation.plan, "")
        for other in documents:
            if other is document or place_key(other.place) != place_key(citation.place):
                continue
            if any(p.id == citation.plan and p.period == period for p in other.plans):
                found.append((citation, other))
    rank = {level: i for i, level in enumerate(LEVEL_ORDER)}
    return sorted(found, key=lambda pair: rank.get(pair[1].level, len(LEVEL_ORDER)))


def _domain_key(domain: Domain) -> int | str:
    return template_number(domain.plan, domain.name) or domain.name


def numeric(targets: Iterable[Target]) -> list[Target]:
    return [t for t in targets if t.value is not None]


def verdict(child: Target, parent: Target) -> str:
    """更严 / 相同 / 更宽 / 不同 of two targets for the same indicator."""
    assert child.value is not None and parent.value is not None
    if child.comparator != parent.comparator or child.unit != parent.unit:
        return "different"
    if abs(child.value - parent.value) < 1e-9:
        return "same"
    lower_is_better = child.comparator == "<="
    higher_is_better = child.comparator in (">=", "decrease_by", "increase_by")
    if lower_is_better:
        return "stricter" if child.value < parent.value else "looser"
    if higher_is_better:
        return "stricter" if child.value > parent.value else "looser"
    return "different"


def compare_targets(
    item: Item, parent_targets: dict[str, list[tuple[Item, Target]]]
) -> tuple[TargetComparison, ...]:
    out = []
    for target in numeric(item.targets):
        shown = f"{goal_text(target)}（{target.year}年）"
        candidates = parent_targets.get(indicator_key(target.indicator), [])
        same_scope = [(i, t) for i, t in candidates if t.scope == target.scope] or candidates
        if not same_scope:
            out.append(TargetComparison(target.indicator, "only-here", shown, ""))
            continue
        parent_item, parent = same_scope[0]
        theirs = f"{goal_text(parent)}（{parent.year}年，{parent_item.id}）"
        out.append(TargetComparison(target.indicator, verdict(target, parent), shown, theirs))
    return tuple(out)


def counterpart(
    item: Item, candidates: Sequence[Item]
) -> tuple[Item, float, tuple[str, ...]] | None:
    """The candidate closest to ``item``, with its score and why; ``None`` if none is close."""
    mine = bigrams(item.text)
    my_indicators = {indicator_key(t.indicator) for t in numeric(item.targets)}
    best: tuple[float, Item, tuple[str, ...]] | None = None
    for other in candidates:
        theirs = {indicator_key(t.indicator) for t in numeric(other.targets)}
        shared = tuple(sorted(my_indicators & theirs))
        score = min(1.0, dice(mine, bigrams(other.text)) + INDICATOR_BONUS * len(shared))
        if best is None or score > best[0]:
            best = (score, other, shared)
    if best is None:
        return None
    score, other, common = best
    if score < MIN_SCORE and not common:
        return None
    why = common or shared_phrases(item.text, other.text)
    return other, round(score, 3), why


def link_document(document: Document, parent: Document, plan: str) -> Document:
    parent_domains = {_domain_key(d): d for d in parent.domains if d.plan == plan}
    by_domain: dict[str, list[Item]] = {}
    parent_targets: dict[str, list[tuple[Item, Target]]] = {}
    for other in parent.items:
        if other.plan != plan:
            continue
        by_domain.setdefault(other.domain, []).append(other)
        for target in numeric(other.targets):
            parent_targets.setdefault(indicator_key(target.indicator), []).append((other, target))
    domains = {d.id: d for d in document.domains}
    items = []
    for item in document.items:
        if item.plan != plan or item.parent is not None:
            items.append(item)
            continue
        their = parent_domains.get(_domain_key(domains[item.domain]))
        candidates = (
            [c for c in by_domain.get(their.id, []) if c.kind == item.kind] if their else []
        )
        found = counterpart(item, candidates)
        comparisons = compare_targets(item, parent_targets)
        if found is None and all(c.verdict == "only-here" for c in comparisons):
            items.append(item)  # nothing in the parent to set beside it
            continue
        if found is None:
            link = ParentLink(parent.slug, "", 0.0, (), comparisons)
        else:
            other, score, why = found
            link = ParentLink(parent.slug, other.id, score, why, comparisons)
        items.append(replace(item, parent=link))
    return replace(document, items=tuple(items))


def add_parents(kb: KnowledgeBase, corpus: Corpus) -> KnowledgeBase:
    """Every item's counterpart in the nearest cited plan the corpus holds."""
    documents = list(kb.documents)
    linked = []
    for document in documents:
        done: set[str] = set()
        for citation, parent in parent_documents(document, documents):
            if citation.plan in done:
                continue
            done.add(citation.plan)
            document = link_document(document, parent, citation.plan)
        linked.append(document)
    return replace(kb, documents=tuple(linked))
