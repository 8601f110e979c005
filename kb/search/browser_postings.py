"""The postings of the browser's sharded index (kb/search/browser.py), as varints.

For each term: per scored field the items holding it with the frequency and
the item's quantized field length (all BM25 needs), the department fields and
item IDs; what ranking looks up by a department token (assignment strength,
the department's page); the filters' items under ``FACET`` keys; and per
character its positions, for phrases.  Items are numbered in the order of the
plans and written as the difference from the previous one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from kb.model import KnowledgeBase
from kb.search import schema
from kb.search.indexer import Analyzed

# The fields kb.search.query matches words in, with their weights.
SCORED_FIELDS: dict[str, float] = {**schema.FIELD_WEIGHTS, "grams": schema.GRAMS_WEIGHT}
# Keys of the filters' postings: no term of the index holds this character.
FACET = "@"
# Assignment strengths are multiples of 1/STRENGTH_SCALE (ranking.ROLE_STRENGTH, BASIS_STRENGTH).
STRENGTH_SCALE = 4

DeptUrl = Callable[[str, str], str]  # (document, department name) -> its page
Postings = dict[str, dict[str, str]]  # term -> field -> postings (varints)


def quantized(length: int) -> int:
    """A field length as whoosh stores it (one byte, lossy) and scores with it."""
    from whoosh.util.numeric import byte_to_length, length_to_byte

    return int(byte_to_length(length_to_byte(length)))


# Numbers in postings are written as variable-length digits of this alphabet: five
# bits a digit, least significant first; a digit from the second half means more
# follow.  About half the bytes of JSON numbers and commas (the port: varints).
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


def varints(numbers: Iterable[int]) -> str:
    out: list[str] = []
    for number in numbers:
        if number < 0:
            raise ValueError(f"a posting number is negative: {number}")
        while number >= 32:
            out.append(DIGITS[32 + (number & 31)])
            number >>= 5
        out.append(DIGITS[number])
    return "".join(out)


def _deltas(numbers: list[int]) -> list[int]:
    return [n - (numbers[k - 1] if k else 0) for k, n in enumerate(numbers)]


def field_postings(rows: list[dict[str, Any]]) -> tuple[Postings, dict[str, float]]:
    """Per term and scored field: [item delta, frequency, quantized field length, …].

    Items are numbered in the order of the plans and given as the difference
    from the previous one; and each field's average length.
    """
    postings: Postings = {}
    averages: dict[str, float] = {}
    for name in SCORED_FIELDS:
        held: dict[str, list[int]] = {}
        total = 0
        for number, row in enumerate(rows):
            terms = row[name].split()
            total += len(terms)
            length = quantized(len(terms))
            for term, count in sorted(Counter(terms).items()):
                held.setdefault(term, []).extend([number, count, length])
        averages[name] = total / (len(rows) or 1)
        for term, flat in held.items():
            numbers = _deltas(flat[0::3])
            encoded = [
                v for k, n in enumerate(numbers) for v in (n, flat[3 * k + 1], flat[3 * k + 2])
            ]
            postings.setdefault(term, {})[name] = varints(encoded)
    for name in schema.DEPT_FIELDS:  # for the department filter
        holders: dict[str, list[int]] = {}
        for number, row in enumerate(rows):
            for term in sorted(set(row[name].split())):
                holders.setdefault(term, []).append(number)
        for term, numbers in holders.items():
            postings.setdefault(term, {})[name] = varints(_deltas(numbers))
    ids: dict[str, list[int]] = {}
    for number, row in enumerate(rows):
        ids.setdefault(row["id"], []).append(number)
    if any(term.startswith(FACET) for term in postings.keys() | ids.keys()):
        raise ValueError(f"a term of the index starts with {FACET!r}, the filters' mark")
    for term, numbers in ids.items():
        postings.setdefault(term, {})["id"] = varints(_deltas(numbers))
    return postings, averages


def ranking_postings(
    kb: KnowledgeBase,
    analyzed: Analyzed,
    dept_url: DeptUrl,
    postings: Postings,
) -> None:
    """Add to ``postings`` what ranking and the filters look up by a key of the query.

    A department token: ``s``, [item delta, strength × STRENGTH_SCALE, …] of the
    items assigned to it, and ``u``, its page (in the first plan it has items in).
    A filter (``FACET`` key): ``f``, the items that pass it.
    """
    analyzer, rows, ranking = analyzed.analyzer, analyzed.rows, analyzed.ranking
    holders: dict[str, list[int]] = {}
    for number, found in enumerate(ranking.strengths):
        for token, value in found.items():
            scaled = value * STRENGTH_SCALE
            if scaled != int(scaled):
                raise ValueError(f"an assignment strength is not a multiple of 1/4: {value}")
            holders.setdefault(token, []).extend([number, int(scaled)])
    for token, flat in holders.items():
        numbers = _deltas(flat[0::2])
        postings.setdefault(token, {})["s"] = varints(
            v for k, n in enumerate(numbers) for v in (n, flat[2 * k + 1])
        )
    for item in kb.items():
        for dept in item.departments:
            for token in analyzer.department_terms(dept.name):
                if token in analyzer.department_tokens:
                    postings.setdefault(token, {}).setdefault("u", dept_url(item.doc, dept.name))
    facets: dict[str, list[int]] = {}
    for number, (item, row) in enumerate(zip(kb.items(), rows, strict=True)):
        keys = [
            f"plan:{row['plan']}",
            f"domain:{row['domain']}",
            f"domain_name:{kb.domain_of(item).name}",
            f"kind:{row['kind']}",
        ]
        if row["has_target"] == "yes":
            keys.append("target")
        keys += [f"role:{role}" for role in ("lead", "partner") if row[f"dept_{role}"].split()]
        for key in keys:
            facets.setdefault(FACET + key, []).append(number)
    for key, numbers in facets.items():
        postings.setdefault(key, {})["f"] = varints(_deltas(numbers))


def gram_positions(rows: list[dict[str, Any]]) -> dict[str, str]:
    """Per gram: [item delta, how many positions, position deltas …] (for phrases)."""
    held: dict[str, list[tuple[int, list[int]]]] = {}
    for number, row in enumerate(rows):
        places: dict[str, list[int]] = {}
        for position, gram in enumerate(row["grams"].split()):
            places.setdefault(gram, []).append(position)
        for gram, found in sorted(places.items()):
            held.setdefault(gram, []).append((number, found))
    out: dict[str, str] = {}
    for gram, entries in held.items():
        flat: list[int] = []
        previous = 0
        for number, found in entries:
            flat += [number - previous, len(found), *_deltas(found)]
            previous = number
        out[gram] = varints(flat)
    return out


def pair_varints(pairs: list[list[int]], first: int) -> str:
    """The pairs of items ``first``, ``first + 1`` …: per item how many, then each
    partner's distance from it (zigzag: 2d for d >= 0, -2d - 1 below), as varints.

    Goals and their measures stand close together in a plan: a digit or two each.
    """
    out: list[int] = []
    for number, partners in enumerate(pairs, start=first):
        out.append(len(partners))
        out += [2 * (p - number) if p >= number else 2 * (number - p) - 1 for p in partners]
    return varints(out)
