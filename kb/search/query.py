"""A user's query and filters → a whoosh query, built directly, never parsed.

There is no query syntax: quotes, brackets, ``AND``/``OR``/``NOT``, ``field:``
prefixes and wildcards are text like any other and go through the analyzer,
which keeps only words, numbers and IDs.  So no input can make a query fail.

Each word of the query becomes one query: the best of its matches over its
forms (itself, its synonym class, its expansions; ``kb.search.bestof``).
A word found nowhere as a word is looked for as a run of characters (part of
a longer word); a single character always is, with the little weight the
analyzer gives it (``QueryWord.literal``).  A department the query names adds
a constant score, by role, to the items assigned to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kb.normalize import is_han
from kb.search.analysis import Analyzer, QueryWord, chars
from kb.search.errors import QueryError
from kb.search.schema import DEPT_FIELDS, FIELD_WEIGHTS, GRAMS_WEIGHT, ID_WEIGHT

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 24

PLANS = {"w": "W", "c": "C", "妇女": "W", "儿童": "C", "妇女发展规划": "W", "儿童发展规划": "C"}
KINDS = {"goal": "goal", "measure": "measure", "目标": "goal", "主要目标": "goal"}
KINDS |= {"措施": "measure", "策略措施": "measure"}
ROLES = {"lead": "lead", "partner": "partner", "牵头": "lead", "配合": "partner"}


@dataclass(frozen=True)
class Filters:
    """Restrictions on which items a search returns (all optional)."""

    plan: str | None = None  # W / C
    domain: str | None = None  # W1, or a domain name (妇女与健康)
    kind: str | None = None  # goal / measure
    dept: str | None = None  # any name of a department
    role: str | None = None  # lead / partner (of --dept, or of any department)
    has_target: bool = False

    @classmethod
    def parse(
        cls,
        plan: str | None = None,
        domain: str | None = None,
        kind: str | None = None,
        dept: str | None = None,
        role: str | None = None,
        has_target: bool = False,
    ) -> Filters:
        """Filters from what a user typed; Chinese or English values both work."""
        return cls(
            plan=_choice(plan, PLANS, "--plan", "W、C、妇女 或 儿童"),
            domain=domain.strip() if domain and domain.strip() else None,
            kind=_choice(kind, KINDS, "--kind", "goal（主要目标）或 measure（策略措施）"),
            dept=dept.strip() if dept and dept.strip() else None,
            role=_choice(role, ROLES, "--role", "lead（牵头）或 partner（配合）"),
            has_target=has_target,
        )

    def is_empty(self) -> bool:
        return self == Filters()


def _choice(value: str | None, table: dict[str, str], option: str, expected: str) -> str | None:
    if value is None or not value.strip():
        return None
    found = table.get(value.strip().lower())
    if found is None:
        raise QueryError(f"{option} 的值“{value}”无效：应为 {expected}")
    return found


def query_words(analyzer: Analyzer, text: str) -> list[QueryWord]:
    """The words of a query, cut to a sane size (a query is a few words, not a page)."""
    return analyzer.query_words(text[:MAX_QUERY_CHARS])[:MAX_QUERY_WORDS]


def word_query(word: QueryWord, reader: Any) -> Any | None:
    """The whoosh query that scores one query word, or None when it can match nothing.

    The best of its matches over its forms (``BestOf``); the ranking adds the
    words up (``kb.search.ranking``).
    """
    from kb.search.bestof import BestOf

    matches = _text_matches(word, reader)
    return BestOf(matches) if matches else None


def _text_matches(word: QueryWord, reader: Any) -> list[Any]:
    from whoosh.query import Phrase, Term

    token = word.token
    if token.kind == "id":
        return [Term("id", token.text, boost=ID_WEIGHT)]
    # (weights go on the leaves: whoosh drops the boost of a one-child compound query)
    subs = [
        Term(field, form, boost=word.weight * weight * field_weight)
        for form, weight in word.forms
        for field, field_weight in FIELD_WEIGHTS.items()
        if reader.doc_frequency(field, form)
    ]
    literal = token.kind == "word" and is_han(token.text) and word.literal > 0
    if literal and (not subs or len(token.text) == 1):
        grams = chars(token.text)
        boost = word.weight * word.literal * GRAMS_WEIGHT
        if len(grams) == 1:
            subs.append(Term("grams", grams[0], boost=boost))
        else:
            subs.append(Phrase("grams", grams, boost=boost))
    return subs


def filter_query(filters: Filters, analyzer: Analyzer, domains: list[str]) -> Any | None:
    """The whoosh query that keeps only items passing ``filters`` (None: keep all)."""
    from whoosh.query import And, Or, Term

    parts: list[Any] = []
    if filters.plan:
        parts.append(Term("plan", filters.plan))
    if filters.domain:
        parts.append(Or([Term("domain", d) for d in domains]))
    if filters.kind:
        parts.append(Term("kind", filters.kind))
    if filters.has_target:
        parts.append(Term("has_target", "yes"))
    if filters.dept:
        fields = [f"dept_{filters.role}"] if filters.role else list(DEPT_FIELDS)
        words = [w for w in query_words(analyzer, filters.dept) if w.weight == 1.0]
        if not words:
            raise QueryError(f"--dept 的值“{filters.dept}”中没有可以识别的单位名称")
        parts.append(
            Or([And([Or([Term(f, form) for form, _ in w.forms]) for w in words]) for f in fields])
        )
    elif filters.role:
        parts.append(Term("roles", filters.role))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)
