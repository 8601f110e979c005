"""Searching an index tantivy wrote (``kb.search.tantivy_index``), with whoosh's scores.

The ranking (``kb.search.ranking``) asks an engine for each query word's
score on every item it matches, and for the items passing the filters.  Each
word is planned as whoosh's (``kb.search.plan.word_clause``, as
``kb.search.query.word_query``) and translated into a tantivy query: the union
of its forms, part-of-a-word grams as a phrase, an item ID as a term; filters
as ``query.filter_query`` builds them.  tantivy finds every item that matches;
its own BM25 (another idf, another quantization of lengths) is not used: each
matching item is scored by ``kb.search.plan.Scorer`` exactly as whoosh scores
it, from the item's stored term counts (items with the same scoring record,
copies of one template, are scored once per word).  So both engines hand the
ranking the same numbers, and the results are the same
(``tests/test_search_engines.py``; ``evaluation/compare_engines.py``).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from kb.search.analysis import Analyzer, QueryWord
from kb.search.plan import GRAMS, Clause, Fields, Scorer, word_clause
from kb.search.query import Filters, query_words
from kb.search.schema import DEPT_FIELDS, FIELD_WEIGHTS
from kb.search.tantivy_index import FOLDER, SCORING


class TantivyBackend:
    """An open tantivy index and the statistics whoosh's scoring needs."""

    def __init__(self, folder: Path, analyzer: Analyzer) -> None:
        import tantivy

        self.analyzer = analyzer
        scoring = json.loads((folder / SCORING).read_text(encoding="utf-8"))
        self._index = tantivy.Index.open(str(folder / FOLDER))
        self._schema = self._index.schema
        self._searcher = self._index.searcher()
        self.count = int(self._searcher.num_docs)
        self._df: dict[tuple[str, str], int] = {}
        self._addresses: dict[int, Any] = {}  # item number → tantivy's address of it
        self.scorer = Scorer(self.count, scoring["averages"], self.df)

    def close(self) -> None:
        """Nothing to release: tantivy closes its memory-mapped files when they are dropped."""

    def df(self, field: str, term: str) -> int:
        key = (field, term)
        if key not in self._df:
            self._df[key] = int(self._searcher.doc_freq(field, term))
        return self._df[key]

    # ------------------------------------------------------------------ queries

    def term(self, field: str, value: str) -> Any:
        import tantivy

        return tantivy.Query.term_query(self._schema, field, value)

    def any_of(self, queries: list[Any]) -> Any:
        import tantivy

        if len(queries) == 1:
            return queries[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])

    def all_of(self, queries: list[Any]) -> Any:
        import tantivy

        if len(queries) == 1:
            return queries[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in queries])

    def clause_query(self, clause: Clause) -> Any:
        """The items a word's clause can match (its score comes from ``Scorer``)."""
        import tantivy

        if clause.item_id is not None:
            return self.term("id", clause.item_id)
        subs = [self.term(leaf.field, leaf.term) for leaf in clause.leaves]
        if clause.grams is not None:
            chars: list[str | tuple[int, str]] = list(clause.grams.chars)
            if len(chars) == 1:
                subs.append(self.term(GRAMS, clause.grams.chars[0]))
            else:
                subs.append(tantivy.Query.phrase_query(self._schema, GRAMS, chars))
        return self.any_of(subs)

    def filter_query(
        self, filters: Filters, domains: list[str], docs: list[str] | None
    ) -> Any | None:
        """The tantivy query keeping only items passing ``filters`` (as ``query.filter_query``)."""
        from kb.search.errors import QueryError

        parts: list[Any] = []
        if docs is not None:
            parts.append(self.any_of([self.term("doc", d) for d in docs]))
        if filters.plan:
            parts.append(self.term("plan", filters.plan))
        if filters.domain:
            parts.append(self.any_of([self.term("domain", d) for d in domains]))
        if filters.kind:
            parts.append(self.term("kind", filters.kind))
        if filters.has_target:
            parts.append(self.term("has_target", "yes"))
        if filters.dept:
            fields = [f"dept_{filters.role}"] if filters.role else list(DEPT_FIELDS)
            words = [w for w in query_words(self.analyzer, filters.dept) if w.weight == 1.0]
            if not words:
                raise QueryError(f"--dept 的值“{filters.dept}”中没有可以识别的单位名称")
            parts.append(
                self.any_of(
                    [
                        self.all_of(
                            [
                                self.any_of([self.term(f, form) for form, _ in w.forms])
                                for w in words
                            ]
                        )
                        for f in fields
                    ]
                )
            )
        elif filters.role:
            parts.append(self.term("roles", filters.role))
        return self.all_of(parts) if parts else None

    # ------------------------------------------------------------------ what ranking asks

    def matching(self, query: Any) -> list[tuple[int, Any]]:
        """(item number, address) of every item matching ``query``."""
        if not self.count:
            return []
        addresses = [a for _, a in self._searcher.search(query, self.count, count=False).hits]
        numbers = [int(n or 0) for n in self._searcher.fast_field_values("order", addresses)]
        self._addresses.update(zip(numbers, addresses, strict=True))
        return list(zip(numbers, addresses, strict=True))

    def allowed(
        self, filters: Filters, domains: list[str], docs: list[str] | None
    ) -> set[int] | None:
        """The items passing the filters (None: no filter)."""
        only = self.filter_query(filters, domains, docs)
        return None if only is None else {n for n, _ in self.matching(only)}

    def word_scores(
        self, words: list[QueryWord], allowed: set[int] | None = None
    ) -> list[dict[int, float]]:
        """For each query word, item number -> whoosh's score of it (``plan.Scorer``).

        Only items in ``allowed`` are scored (None: all).
        """
        found: list[dict[int, float]] = []
        for word in words:
            clause = word_clause(word, self.df)
            by_doc: dict[int, float] = {}
            if clause is not None:
                matches = self.matching(self.clause_query(clause))
                if allowed is not None:
                    matches = [m for m in matches if m[0] in allowed]
                keys = self._searcher.fast_field_values("record", [a for _, a in matches])
                grams = clause.grams is not None
                known: dict[int, float | None] = {}  # record digest → score (copies alike)
                for (number, address), raw in zip(matches, keys, strict=True):
                    key = int(raw or 0)
                    if key not in known:
                        record = json.loads(self._searcher.doc(address)["terms"][0])
                        known[key] = self.scorer.clause(clause, fields_of(record, grams))
                    score = known[key]
                    if score is not None:
                        by_doc[number] = score
            found.append(by_doc)
        return found

    def data(self, number: int) -> dict[str, Any]:
        """What the index stores for an item to show it."""
        address = self._addresses.get(number)
        if address is None:
            import tantivy

            query = tantivy.Query.term_query(self._schema, "order", number)
            address = self._searcher.search(query, 1, count=False).hits[0][1]
            self._addresses[number] = address
        return dict(json.loads(self._searcher.doc(address)["data"][0].decode()))


def fields_of(record: dict[str, Any], with_grams: bool) -> Fields:
    """An item's stored scoring record as the scorer reads it (grams only when needed)."""
    counts = {name: counted for name, (_, counted) in record["fields"].items()}
    lengths = {name: length for name, (length, _) in record["fields"].items()}
    assert set(FIELD_WEIGHTS) <= set(lengths)
    grams: tuple[str, ...] = ()
    if with_grams:
        grams = tuple(record["grams"][1].split())
        counts[GRAMS] = Counter(grams)
        lengths[GRAMS] = record["grams"][0]
    return Fields(counts, lengths, grams, record["id"])
