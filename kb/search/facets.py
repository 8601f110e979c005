"""Searching by document and level: ``--doc`` and ``--level``, and the counts of the matches.

Each document of the corpus has a level (国家, 省, 市, 县, 区) and a place
(``kb.parse.place``), recorded in the index's ``meta.json``.  ``--doc`` names a
document by its slug (the file name) or its place (高台县); ``--level`` keeps
the documents of one level.  ``Facets`` counts every matching item (not only
the ones shown) by document and by level, for the line under the results.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kb.search.errors import QueryError
from kb.search.query import Filters

LEVEL_ORDER = ("国家", "省", "市", "县", "区", "")
SHOWN_DOCS = 10


@dataclass(frozen=True)
class Place:
    slug: str
    level: str
    place: str


def places(meta: Mapping[str, Any]) -> list[Place]:
    """The documents of an index with their level and place (older indexes: unknown)."""
    known = meta.get("places", {})
    return [
        Place(slug, known.get(slug, {}).get("level", ""), known.get(slug, {}).get("place", ""))
        for slug in meta["documents"]
    ]


def chosen_documents(meta: Mapping[str, Any], filters: Filters) -> list[str] | None:
    """The documents ``--doc`` and ``--level`` leave; None when neither is given."""
    if filters.doc is None and filters.level is None:
        return None
    found = places(meta)
    if filters.doc is not None:
        wanted = filters.doc
        found = [
            p for p in found if wanted in (p.slug, p.place) or p.slug.startswith(wanted.lower())
        ]
        if not found:
            names = "、".join(p.place or p.slug for p in places(meta)[:SHOWN_DOCS])
            more = " 等" if len(meta["documents"]) > SHOWN_DOCS else ""
            raise QueryError(
                f"没有文件“{wanted}”：--doc 应为文件编号（文件名）或地方名称，如 {names}{more}"
            )
    if filters.level is not None:
        found = [p for p in found if p.level == filters.level]
    return [p.slug for p in found]


@dataclass(frozen=True)
class Facets:
    """How many items match, by document and by level."""

    total: int
    documents: tuple[tuple[str, str, int], ...]  # (slug, place, count), most first
    levels: tuple[tuple[str, int], ...]  # (level, count) in LEVEL_ORDER

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "documents": [{"doc": d, "place": p, "count": n} for d, p, n in self.documents],
            "levels": [{"level": lvl or "未知", "count": n} for lvl, n in self.levels],
        }

    def text(self) -> str:
        """One line: 共 N 条；按级别：县 640；按文件：高台县 320、临泽县 320 …"""
        if not self.total:
            return "共 0 条"
        levels = "、".join(f"{lvl or '未知'} {n}" for lvl, n in self.levels)
        docs = "、".join(f"{place or slug} {n}" for slug, place, n in self.documents[:SHOWN_DOCS])
        more = f" 等 {len(self.documents)} 份文件" if len(self.documents) > SHOWN_DOCS else ""
        return f"共 {self.total} 条匹配；按级别：{levels}；按文件：{docs}{more}"


def facets(meta: Mapping[str, Any], counts: Mapping[str, int]) -> Facets:
    """The facets of per-document match counts."""
    by_slug = {p.slug: p for p in places(meta)}
    position = {slug: number for number, slug in enumerate(by_slug)}
    docs = sorted(
        ((slug, by_slug[slug].place if slug in by_slug else "", n) for slug, n in counts.items()),
        key=lambda d: (-d[2], position.get(d[0], 0), d[0]),
    )
    levels: dict[str, int] = {}
    for slug, n in counts.items():
        level = by_slug[slug].level if slug in by_slug else ""
        levels[level] = levels.get(level, 0) + n
    ordered = tuple((lvl, levels[lvl]) for lvl in LEVEL_ORDER if lvl in levels)
    return Facets(sum(counts.values()), tuple(docs), ordered)
