"""Searching an index tantivy wrote (``kb.search.tantivy_index``), with whoosh's results.

A query is planned once (``kb.search.plan.make_plan``, as ``kb.search.query``
plans it for whoosh) and translated into tantivy's queries: a clause per word,
the best of its forms (``DisjunctionMax`` with no tie-break, as ``BestOf``);
part-of-a-word grams as a phrase; a constant score per department and role;
filters as must-match clauses that add nothing to the score.

tantivy ranks with its own BM25: the same formula but for another idf and its
own quantization of lengths.  Each term's boost is multiplied by whoosh's idf
over tantivy's, so that tantivy ranks nearly as whoosh; still it only chooses
candidates, in pages (``TantivyBackend.rescored``: at least ``CANDIDATES``,
more while an unseen item could still rank among the best), which
``kb.search.plan.Scorer`` scores exactly as whoosh does, from each candidate's
stored term counts; ties go in the order of the plans, as in whoosh.  The
results equal whoosh's whenever whoosh's best items are among the candidates
(measured on the judged queries: ``evaluation/compare_engines.py``).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path
from typing import Any

from kb.search.analysis import Analyzer, QueryWord
from kb.search.plan import GRAMS, Clause, Fields, Leaf, Plan, Scorer, make_plan
from kb.search.query import Filters, query_words
from kb.search.schema import DEPT_SCORES, FIELD_WEIGHTS, ID_WEIGHT
from kb.search.tantivy_index import FOLDER, SCORING

CANDIDATES = 100
CANDIDATE_FACTOR = 5
MAX_CANDIDATES = 1600
RATIO_MARGIN = 0.02
DOC_FACET_SIZE = 100_000

Found = tuple[str, float]  # (a hit's data JSON, its score)


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
        import tantivy

        if clause.item_id is not None:
            return tantivy.Query.boost_query(self.term("id", clause.item_id), ID_WEIGHT)
        subs = [
            tantivy.Query.boost_query(self.term(leaf.field, leaf.term), leaf.boost * self.idf(leaf))
            for leaf in clause.leaves
        ]
        if clause.grams is not None:
            chars: list[str | tuple[int, str]] = list(clause.grams.chars)
            if len(chars) == 1:
                grams = self.term(GRAMS, clause.grams.chars[0])
            else:
                grams = tantivy.Query.phrase_query(self._schema, GRAMS, chars)
            subs.append(tantivy.Query.boost_query(grams, clause.grams.boost))
        if len(subs) == 1:
            return subs[0]
        return tantivy.Query.disjunction_max_query(subs, tie_breaker=0.0)

    def idf(self, leaf: Leaf) -> float:
        """whoosh's idf over tantivy's, for a leaf's boost: tantivy then ranks nearly as whoosh.

        (tantivy's BM25 is whoosh's but for the idf and the quantization of lengths.)
        """
        n, df = self.count, self.df(leaf.field, leaf.term)
        theirs = math.log(1 + (n - df + 0.5) / (df + 0.5))
        return self.scorer.idf(leaf.field, leaf.term) / theirs if theirs > 0 else 1.0

    def plan_query(self, plan: Plan) -> Any:
        import tantivy

        parts = [self.clause_query(c) for c in plan.clauses]
        parts += [
            tantivy.Query.const_score_query(self.term(d.field, d.term), d.score)
            for d in plan.departments
        ]
        return self.any_of(parts)

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
            fields = [f"dept_{filters.role}"] if filters.role else list(DEPT_SCORES)
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

    def query(
        self, words: list[QueryWord], filters: Filters, domains: list[str], docs: list[str] | None
    ) -> tuple[Plan | None, Any | None, Any | None]:
        """The plan, the text query and the filter of a search."""
        plan = make_plan(words, self.analyzer, self.df)
        return (
            plan,
            None if plan is None else self.plan_query(plan),
            self.filter_query(filters, domains, docs),
        )

    # ------------------------------------------------------------------ search

    def search(
        self,
        words: list[QueryWord],
        filters: Filters,
        domains: list[str],
        docs: list[str] | None,
        limit: int,
    ) -> list[Found]:
        import tantivy

        plan, wanted, only = self.query(words, filters, domains, docs)
        if wanted is None:
            if only is None or words:
                return []
            listed = self._searcher.search(
                only, limit, count=False, order_by_field="order", order=tantivy.Order.Asc
            )
            return [(self._data(address), 0.0) for _, address in listed.hits]
        assert plan is not None
        if only is not None:
            wanted = tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Must, wanted),
                    (tantivy.Occur.Must, tantivy.Query.const_score_query(only, 0.0)),
                ]
            )
        return self.rescored(plan, wanted, limit)

    def rescored(self, plan: Plan, wanted: Any, limit: int) -> list[Found]:
        """The best ``limit`` items by whoosh's score, from tantivy's candidates.

        Candidates come in pages of tantivy's ranking.  An item not yet seen has
        a tantivy score at most the last candidate's; its whoosh score is then at
        most that times the largest whoosh/tantivy ratio seen (with a margin).
        While that bound could reach the ``limit``-th best score, the next page is
        read, up to ``MAX_CANDIDATES`` (near-copies of one plan tie in numbers).
        """
        grams = any(c.grams is not None for c in plan.clauses)
        scored: list[tuple[float, int, Any]] = []
        known: dict[int, float | None] = {}  # record digest → score (copies score alike)
        ratio, depth, seen = 0.0, max(CANDIDATES, CANDIDATE_FACTOR * limit), 0
        while True:
            asked = depth - seen
            page = self._searcher.search(wanted, asked, count=False, offset=seen).hits
            addresses = [address for _, address in page]
            keys = [int(k or 0) for k in self._searcher.fast_field_values("record", addresses)]
            orders = [int(o or 0) for o in self._searcher.fast_field_values("order", addresses)]
            for (native, address), key, order in zip(page, keys, orders, strict=True):
                if key not in known:
                    record = json.loads(self._searcher.doc(address)["terms"][0])
                    known[key] = self.scorer.score(plan, fields_of(record, grams))
                score = known[key]
                if score is None:
                    continue
                scored.append((score, order, address))
                if native > 0:
                    ratio = max(ratio, score / native)
            seen += len(page)
            if len(page) < asked or depth >= MAX_CANDIDATES:
                break
            scored.sort(key=lambda s: (-s[0], s[1]))
            kth = scored[limit - 1][0] if len(scored) >= limit else 0.0
            if ratio * (1 + RATIO_MARGIN) * float(page[-1][0]) < kth:
                break
            depth = min(MAX_CANDIDATES, depth * 4)
        scored.sort(key=lambda s: (-s[0], s[1]))
        return [(self._data(address), score) for score, _, address in scored[:limit]]

    def _data(self, address: Any) -> str:
        return str(self._searcher.doc(address)["data"][0].decode())

    def doc_counts(
        self, words: list[QueryWord], filters: Filters, domains: list[str], docs: list[str] | None
    ) -> dict[str, int]:
        """How many items of each document match (all of them, not just the best)."""
        import tantivy

        _, wanted, only = self.query(words, filters, domains, docs)
        if wanted is None and (only is None or words):
            return {}
        parts = [q for q in (wanted, only) if q is not None]
        query = (
            parts[0]
            if len(parts) == 1
            else tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in parts])
        )
        agg = {"docs": {"terms": {"field": "doc", "size": DOC_FACET_SIZE}}}
        result = self._searcher.aggregate(query, agg)
        return {str(b["key"]): int(b["doc_count"]) for b in result["docs"]["buckets"]}


def fields_of(record: dict[str, Any], with_grams: bool) -> Fields:
    """An item's stored scoring record as the scorer reads it (grams only when needed)."""
    counts = {name: counted for name, (_, counted) in record["fields"].items()}
    for name, tokens in record["departments"].items():
        counts[name] = dict.fromkeys(tokens, 1)
    lengths = {name: length for name, (length, _) in record["fields"].items()}
    assert set(FIELD_WEIGHTS) <= set(lengths)
    grams: tuple[str, ...] = ()
    if with_grams:
        grams = tuple(record["grams"][1].split())
        counts[GRAMS] = Counter(grams)
        lengths[GRAMS] = record["grams"][0]
    return Fields(counts, lengths, grams, record["id"])
