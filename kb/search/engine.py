"""Searching the published index: open it, run queries, return hits.

The index lives in ``<out>/current/index``.  ``current`` is a symlink that a
build switches atomically to a new release; a search resolves it once and
reads that release to the end.  A build keeps the previous release, so a
search that started before the switch finishes on the old index; should a
release disappear under a search all the same (two builds in quick
succession), the search starts over on the new ``current``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.release import CURRENT, INDEX
from kb.search.analysis import Analyzer
from kb.search.engines import TANTIVY, WHOOSH
from kb.search.errors import IndexMissingError, IndexUnavailableError, QueryError
from kb.search.facets import Facets, chosen_documents, facets
from kb.search.layout import META_FILE
from kb.search.query import Filters, filter_query, query_words, text_query
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


def index_folder(out: Path) -> Path:
    """The index of the current release under ``out``; a clear error when there is none."""
    folder = (out / CURRENT).resolve() / INDEX
    if not (folder / META_FILE).is_file():
        raise IndexMissingError(
            f"找不到检索索引（{out / CURRENT / INDEX}）。"
            "请先运行 kb build 构建知识库和索引，或运行 kb index 只重建索引。"
        )
    return folder


class SearchIndex:
    """An open index folder: the engine's searcher and the analyzer that built it.

    The engine is the one that wrote the folder (``meta.json``: whoosh, or
    tantivy through ``kb.search.tantivy_engine``); results are the same.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.analyzer = Analyzer.load(folder)
        self.meta: dict[str, Any] = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        self.engine = str(self.meta.get("engine", WHOOSH))
        self._other: Any = None
        if self.engine == TANTIVY:
            from kb.search.tantivy_engine import TantivyBackend

            self._other = TantivyBackend(folder, self.analyzer)
            return
        from whoosh.index import open_dir
        from whoosh.scoring import BM25F

        self._index = open_dir(str(folder))
        self._searcher = self._index.searcher(weighting=BM25F(B=BM25_B, K1=BM25_K1))

    def close(self) -> None:
        if self._other is not None:
            self._other.close()
            return
        self._searcher.close()
        self._index.close()

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

    def search(
        self, query: str, filters: Filters | None = None, limit: int = DEFAULT_LIMIT
    ) -> list[Hit]:
        """The best ``limit`` items for ``query``, best first.

        An empty query (or one of only punctuation) lists the items that pass
        ``filters`` in the order of the plans; without filters it finds nothing.
        """
        filters = filters or Filters()
        domains = self.domains(filters.domain) if filters.domain else []
        docs = chosen_documents(self.meta, filters)
        words = query_words(self.analyzer, query)
        if docs == []:
            return []
        if self._other is not None:
            found = self._other.search(words, filters, domains, docs, limit)
            shown = surfaces_of(words)
            return [hit_of(json.loads(data), score, shown) for data, score in found]
        only = filter_query(filters, self.analyzer, domains, docs)
        searcher = self._searcher
        wanted = text_query(words, self.analyzer, searcher.reader())
        if wanted is None:
            if only is None or words:
                return []
            listed = searcher.search(only, limit=limit, sortedby="order")
            return [self._hit(hit, 0.0, []) for hit in listed]
        results = searcher.search(wanted, filter=only, limit=limit)
        surfaces = surfaces_of(words)
        return [self._hit(hit, hit.score, surfaces) for hit in results]

    def facets(self, query: str, filters: Filters | None = None) -> Facets:
        """How many items match ``query`` and ``filters``, by document and by level."""
        filters = filters or Filters()
        domains = self.domains(filters.domain) if filters.domain else []
        docs = chosen_documents(self.meta, filters)
        words = query_words(self.analyzer, query)
        if docs == []:
            return facets(self.meta, {})
        if self._other is not None:
            return facets(self.meta, self._other.doc_counts(words, filters, domains, docs))
        from whoosh.sorting import Count, FieldFacet

        only = filter_query(filters, self.analyzer, domains, docs)
        wanted = text_query(words, self.analyzer, self._searcher.reader())
        if wanted is None and (only is None or words):
            return facets(self.meta, {})
        grouped = {"doc": FieldFacet("doc", maptype=Count)}
        results = self._searcher.search(
            wanted if wanted is not None else only, filter=only, limit=None, groupedby=grouped
        )
        return facets(self.meta, {str(k): int(v) for k, v in results.groups("doc").items()})

    def _hit(self, hit: Any, score: float, surfaces: list[str]) -> Hit:
        return hit_of(json.loads(hit["data"]), score, surfaces)


def surfaces_of(words: list[Any]) -> list[str]:
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


def search_many(
    out: Path,
    queries: Iterable[str],
    filters: Filters | None = None,
    limit: int = DEFAULT_LIMIT,
) -> dict[str, list[Hit]]:
    """Each distinct query's hits, in the order given, all from one release."""
    wanted = list(dict.fromkeys(queries))
    last: Exception | None = None
    for _ in range(ATTEMPTS):
        try:
            with open_index(out) as index:
                return {q: index.search(q, filters, limit) for q in wanted}
        except vanished() as exc:  # a release pruned under us
            last = exc
    raise IndexUnavailableError(f"检索索引在查询期间反复变化，请稍后重试（{last}）")


def search_with_facets(
    out: Path, query: str, filters: Filters | None, limit: int, always: bool = False
) -> tuple[list[Hit], Facets | None]:
    """The hits of ``query`` and, when the index holds several documents (or ``always``),
    the facets: how many items match by document and level."""
    last: Exception | None = None
    for _ in range(ATTEMPTS):
        try:
            with open_index(out) as index:
                hits = index.search(query, filters, limit)
                several = len(index.meta["documents"]) > 1
                wanted = always or several or bool(filters and (filters.doc or filters.level))
                return hits, index.facets(query, filters) if wanted else None
        except vanished() as exc:  # a release pruned under us
            last = exc
    raise IndexUnavailableError(f"检索索引在查询期间反复变化，请稍后重试（{last}）")


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
