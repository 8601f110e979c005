"""Searching the published index: open it, run queries, return hits.

The index lives in ``<out>/current/index``.  ``current`` is a symlink that a
build switches atomically to a new release; a search resolves it once and
reads that release to the end.  A build keeps the previous release, so a
search that started before the switch finishes on the old index; should a
release disappear under a search all the same (two builds in quick
succession), the search starts over on the new ``current``.
"""

from __future__ import annotations

import bisect
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.release import CURRENT, INDEX
from kb.search.analysis import CLASS_MARK, Analyzer, QueryWord
from kb.search.engines import TANTIVY, WHOOSH
from kb.search.errors import IndexMissingError, IndexUnavailableError, QueryError
from kb.search.facets import Facets, chosen_documents, facets
from kb.search.layout import META_FILE
from kb.search.query import Filters, filter_query, query_words, word_query
from kb.search.ranking import RankTable, named_departments, rank, suggest
from kb.search.schema import BM25_B, BM25_K1
from kb.search.snippet import snippet

ATTEMPTS = 3
DEFAULT_LIMIT = 10


@dataclass(frozen=True)
class Hit:
    """One goal or measure found, and why."""

    doc: str
    id: str
    score: float
    plan: str
    domain: str
    domain_name: str
    kind: str  # goal / measure
    kind_name: str  # 主要目标 / 策略措施
    title: str | None
    text: str
    snippet: str  # the text around the matches, matches marked 【】
    departments: tuple[tuple[str, str], ...] = ()  # (name, role)
    targets: tuple[str, ...] = ()  # indicator names

    def as_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "id": self.id,
            "score": self.score,
            "plan": self.plan,
            "domain": self.domain,
            "domain_name": self.domain_name,
            "kind": self.kind,
            "kind_name": self.kind_name,
            "title": self.title,
            "text": self.text,
            "snippet": self.snippet,
            "departments": [{"name": n, "role": r} for n, r in self.departments],
            "targets": list(self.targets),
        }


@dataclass(frozen=True)
class Answer:
    """What a query gets: its hits, and what helps when they are few or none."""

    hits: list[Hit]
    suggestions: tuple[str, ...] = ()  # nothing fits: the closest subjects
    departments: tuple[str, ...] = ()  # the departments (canonical names) the query names
    facets: Facets | None = None  # how many items fit, by document and level (when asked)


def index_folder(out: Path) -> Path:
    """The index of the current release under ``out``; a clear error when there is none."""
    folder = (out / CURRENT).resolve() / INDEX
    if not (folder / META_FILE).is_file():
        raise IndexMissingError(
            f"找不到检索索引（{out / CURRENT / INDEX}）。"
            "请先运行 kb build 构建知识库和索引，或运行 kb index 只重建索引。"
        )
    return folder


class WhooshBackend:
    """An index whoosh wrote: what the ranking asks of an engine."""

    def __init__(self, folder: Path, analyzer: Analyzer) -> None:
        from whoosh.index import open_dir
        from whoosh.scoring import BM25F

        self.analyzer = analyzer
        self._index = open_dir(str(folder))
        self._searcher = self._index.searcher(weighting=BM25F(B=BM25_B, K1=BM25_K1))

    def close(self) -> None:
        self._searcher.close()
        self._index.close()

    def allowed(
        self, filters: Filters, domains: list[str], docs: list[str] | None
    ) -> set[int] | None:
        """The items passing the filters (None: no filter)."""
        only = filter_query(filters, self.analyzer, domains, docs)
        return None if only is None else set(self._searcher.docs_for_query(only))

    def word_scores(
        self, words: list[QueryWord], allowed: set[int] | None = None
    ) -> list[dict[int, float]]:
        """For each query word, item number -> its score (whoosh's BM25F over its forms).

        Only items in ``allowed`` are scored (None: all).
        """
        searcher = self._searcher
        reader = searcher.reader()
        context = searcher.context()
        found: list[dict[int, float]] = []
        for word in words:
            clause = word_query(word, reader)
            by_doc: dict[int, float] = {}
            if clause is not None:
                for sub, offset in searcher.leaf_searchers():
                    matcher = clause.matcher(sub, context)
                    while matcher.is_active():
                        number = offset + matcher.id()
                        if allowed is None or number in allowed:
                            by_doc[number] = float(matcher.score())
                        matcher.next()
            found.append(by_doc)
        return found

    def data(self, number: int) -> dict[str, Any]:
        """What the index stores for an item to show it."""
        return dict(json.loads(self._searcher.stored_fields(number)["data"]))


class SearchIndex:
    """An open index folder: the engine that wrote it, the analyzer and the ranking tables.

    The engine (``meta.json``: whoosh, or tantivy through
    ``kb.search.tantivy_engine``) only scores each query word and applies the
    filters; ``kb.search.ranking`` ranks, the same way for both, so the results
    are the same.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        try:
            self.analyzer = Analyzer.load(folder)
            self.ranking = RankTable.load(folder)
        except (OSError, ValueError, KeyError) as exc:
            raise IndexMissingError(
                f"检索索引（{folder}）是旧版本或已损坏（{exc}）。请运行 kb index 重建索引。"
            ) from exc
        self.meta: dict[str, Any] = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        self.engine = str(self.meta.get("engine", WHOOSH))
        self._engine: Any
        if self.engine == TANTIVY:
            from kb.search.tantivy_engine import TantivyBackend

            self._engine = TantivyBackend(folder, self.analyzer)
        else:
            self._engine = WhooshBackend(folder, self.analyzer)
        # where each document's items start (items are numbered document by document)
        sizes = [
            self.meta.get("places", {}).get(s, {}).get("items") for s in self.meta["documents"]
        ]
        self._starts: list[int] | None = None
        if all(isinstance(n, int) for n in sizes):
            self._starts = [sum(sizes[:i]) for i in range(len(sizes))]

    def close(self) -> None:
        self._engine.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def domains(self, wanted: str) -> list[str]:
        """The domain IDs that ``wanted`` (an ID such as W1 or a name) stands for."""
        rows = self.meta["domains"]
        found = sorted({d["id"] for d in rows if wanted.upper() == d["id"] or wanted == d["name"]})
        if not found:
            names = "、".join(dict.fromkeys(f"{d['id']} {d['name']}" for d in rows))
            raise QueryError(f"没有领域“{wanted}”。可用的领域：{names}")
        return found

    def ranked(
        self, query: str, filters: Filters | None = None
    ) -> tuple[list[QueryWord], list[tuple[int, float]]]:
        """The query's words and every item that fits, best first: (item number, score).

        The engine scores each query word on its own (``word_scores``); the
        ranking (``kb.search.ranking``) adds up, applies structure and the
        relevance floor.  An empty query (or one of only punctuation) lists
        the items that pass ``filters`` in the order of the plans; without
        filters it finds nothing.
        """
        filters = filters or Filters()
        domains = self.domains(filters.domain) if filters.domain else []
        docs = chosen_documents(self.meta, filters)
        words = query_words(self.analyzer, query)
        if docs == []:
            return words, []
        allowed = self._engine.allowed(filters, domains, docs)
        if not words:
            return words, [] if allowed is None else [(n, 0.0) for n in sorted(allowed)]
        scores = self._engine.word_scores(words, allowed)  # the filtered-out are not scored
        named = named_departments(words, self.analyzer)
        return words, rank(words, scores, named, self.ranking, allowed)

    def search(
        self, query: str, filters: Filters | None = None, limit: int = DEFAULT_LIMIT
    ) -> list[Hit]:
        """The best ``limit`` items for ``query``, best first (see ``ranked``)."""
        words, ranked = self.ranked(query, filters)
        return self._hits(words, ranked[:limit])

    def facets(self, query: str, filters: Filters | None = None) -> Facets:
        """How many items fit ``query`` and ``filters``, by document and by level."""
        return self._facets(self.ranked(query, filters)[1])

    def answer(
        self,
        query: str,
        filters: Filters | None = None,
        limit: int = DEFAULT_LIMIT,
        with_facets: bool = False,
    ) -> Answer:
        """``search``, with the closest subjects when nothing fits and the departments named;
        and the facets when asked, when the index holds several documents or --doc/--level
        is given."""
        words, ranked = self.ranked(query, filters)
        hits = self._hits(words, ranked[:limit])
        suggestions = tuple(self.suggestions(query)) if not hits and query.strip() else ()
        several = len(self.meta["documents"]) > 1
        faceted = with_facets or several or bool(filters and (filters.doc or filters.level))
        found = self._facets(ranked) if faceted else None
        return Answer(hits, suggestions, tuple(self.departments_named(query)), found)

    def suggestions(self, query: str) -> list[str]:
        """The subjects closest to a query nothing fits."""
        return suggest(query, self.ranking)

    def departments_named(self, query: str) -> list[str]:
        """The departments (canonical names) a query names."""
        words = query_words(self.analyzer, query)
        return [t.removeprefix(CLASS_MARK) for t, _, _ in named_departments(words, self.analyzer)]

    def _hits(self, words: list[QueryWord], ranked: list[tuple[int, float]]) -> list[Hit]:
        surfaces = surfaces_of(words)
        return [hit_of(self._engine.data(n), score, surfaces) for n, score in ranked]

    def _facets(self, ranked: list[tuple[int, float]]) -> Facets:
        counts: dict[str, int] = {}
        for number, _ in ranked:
            doc = self._doc_of(number)
            counts[doc] = counts.get(doc, 0) + 1
        return facets(self.meta, counts)

    def _doc_of(self, number: int) -> str:
        if self._starts is None:  # an index without item counts per document
            return str(self._engine.data(number)["doc"])
        return str(self.meta["documents"][bisect.bisect_right(self._starts, number) - 1])


def surfaces_of(words: list[QueryWord]) -> list[str]:
    """The words to mark in snippets."""
    return [s for w in words for s in w.surfaces if len(s) > 1 or len(w.token.text) == 1]


def hit_of(data: dict[str, Any], score: float, surfaces: list[str]) -> Hit:
    """A hit from the data an index stores for an item."""
    return Hit(
        doc=data["doc"],
        id=data["id"],
        score=round(float(score), 4),
        plan=data["plan"],
        domain=data["domain"],
        domain_name=data["domain_name"],
        kind=data["kind"],
        kind_name=data["kind_name"],
        title=data["title"],
        text=data["text"],
        snippet=snippet(data["text"], surfaces),
        departments=tuple((n, r) for n, r in data["departments"]),
        targets=tuple(data["targets"]),
    )


@contextmanager
def open_index(out: Path) -> Iterator[SearchIndex]:
    """The current index under ``out``, open for the duration of the block."""
    index = SearchIndex(index_folder(out))
    try:
        yield index
    finally:
        index.close()


def answer_many(
    out: Path,
    queries: Iterable[str],
    filters: Filters | None = None,
    limit: int = DEFAULT_LIMIT,
    with_facets: bool = False,
) -> dict[str, Answer]:
    """Each distinct query's answer, in the order given, all from one release."""
    wanted = list(dict.fromkeys(queries))
    last: Exception | None = None
    for _ in range(ATTEMPTS):
        try:
            with open_index(out) as index:
                return {q: index.answer(q, filters, limit, with_facets) for q in wanted}
        except vanished() as exc:  # a release pruned under us
            last = exc
    raise IndexUnavailableError(f"检索索引在查询期间反复变化，请稍后重试（{last}）")


def search_many(
    out: Path,
    queries: Iterable[str],
    filters: Filters | None = None,
    limit: int = DEFAULT_LIMIT,
) -> dict[str, list[Hit]]:
    """Each distinct query's hits, in the order given, all from one release."""
    return {q: a.hits for q, a in answer_many(out, queries, filters, limit).items()}


def vanished() -> tuple[type[Exception], ...]:
    """What opening or reading a release that was removed meanwhile raises.

    (whoosh's error only when whoosh was loaded: a tantivy index does not import it.)
    """
    whoosh_index = sys.modules.get("whoosh.index")
    extra = (whoosh_index.EmptyIndexError,) if whoosh_index is not None else ()
    return (OSError, ValueError, *extra)


def search(
    out: Path, query: str, filters: Filters | None = None, limit: int = DEFAULT_LIMIT
) -> list[Hit]:
    """The best ``limit`` items for ``query`` in the current index under ``out``."""
    return search_many(out, [query], filters, limit)[query]


def read_queries(path: Path) -> list[str]:
    """One query per line of a UTF-8 file; blank lines and ``#`` comments skipped."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise QueryError(f"无法读取查询文件 {path}：{exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise QueryError(f"{path}:{line}: 查询文件应为 UTF-8 编码") from exc
    return [q for q in (line.strip() for line in text.splitlines()) if q and q[0] != "#"]
