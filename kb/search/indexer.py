"""Write the search index of a knowledge base into a folder, byte for byte reproducibly.

The folder holds the whoosh index, ``analysis.json`` (the lexicon, synonym
classes and expansions that analyzed it: queries must use the same) and
``meta.json`` (the documents and domains, for the command's filters).

whoosh names each segment with ``random.choice``; the names are drawn here from
a generator seeded with the digest of the documents, so the same knowledge
base always gives the same files.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.corpus.search_terms import SearchTerms
from kb.labels import KIND_NAMES, PLAN_NAMES
from kb.model import Item, KnowledgeBase
from kb.search.analysis import Analyzer
from kb.search.layout import META_FILE
from kb.search.lexicon import build_lexicon
from kb.search.ranking import RankTable, rank_table
from kb.search.schema import BODY_PARTS, make_schema

META_FORMAT = "kb-search-meta/1"


@dataclass(frozen=True)
class IndexStats:
    items: int
    words: int  # size of the lexicon


def indexed_texts(kb: KnowledgeBase) -> Iterator[str]:
    """Every text the index analyzes (the lexicon must cover them all)."""
    for domain in kb.domains():
        yield domain.name
    yield from PLAN_NAMES.values()
    yield from KIND_NAMES.values()
    for item in kb.items():
        yield item.text
        for target in item.targets:
            yield target.indicator
        for dept in item.departments:
            yield dept.name


def make_analyzer(kb: KnowledgeBase, terms: SearchTerms) -> Analyzer:
    """The analyzer of ``kb``: built once per build, used by the index and the site."""
    lexicon = build_lexicon(indexed_texts(kb), terms.terms)
    return Analyzer(
        lexicon,
        terms.classes,
        terms.expansions,
        terms.departments,
        terms.senses,
        terms.generic,
    )


def item_fields(analyzer: Analyzer, item: Item, domain_name: str, order: int) -> dict[str, Any]:
    def terms(text: str) -> str:
        return " ".join(analyzer.index_terms(text))

    def depts(role: str) -> str:
        return " ".join(
            " ".join(analyzer.department_terms(d.name)) for d in item.departments if d.role == role
        )

    data = {
        "doc": item.doc,
        "id": item.id,
        "plan": item.plan,
        "domain": item.domain,
        "domain_name": domain_name,
        "kind": item.kind,
        "kind_name": KIND_NAMES[item.kind],
        "title": item.title,
        "text": item.text,
        "departments": [[d.name, d.role] for d in item.departments],
        "targets": list(dict.fromkeys(t.indicator for t in item.targets)),
    }
    parts = {
        "text": item.text,
        "title": item.title or "",
        "targets": " ".join(t.indicator for t in item.targets),
        "facets": f"{domain_name} {PLAN_NAMES[item.plan]} {KIND_NAMES[item.kind]}",
    }
    body = [terms(parts[name]) for name, times in BODY_PARTS.items() for _ in range(times)]
    return {
        "key": f"{item.doc}:{item.id}",
        "id": item.id.lower(),
        "doc": item.doc,
        "plan": item.plan,
        "domain": item.domain,
        "kind": item.kind,
        "has_target": "yes" if item.targets else "no",
        "roles": " ".join(sorted({d.role for d in item.departments})),
        "body": " ".join(b for b in body if b),
        "dept_lead": depts("lead"),
        "dept_partner": depts("partner"),
        "grams": " ".join(analyzer.grams(item.text)),
        "order": order,
        "data": json.dumps(data, ensure_ascii=False, sort_keys=True),
    }


@contextmanager
def seeded_random(seed: bytes) -> Iterator[None]:
    """Make ``random`` repeatable inside the block, and leave it as it was after."""
    state = random.getstate()
    random.seed(seed)
    try:
        yield
    finally:
        random.setstate(state)


def item_rows(kb: KnowledgeBase, analyzer: Analyzer) -> list[dict[str, Any]]:
    """Every item's index fields, in the order of the plans."""
    return [
        item_fields(analyzer, item, kb.domain_of(item).name, order)
        for order, item in enumerate(kb.items())
    ]


@dataclass(frozen=True)
class Analyzed:
    """A knowledge base analyzed for search once: the analyzer, and each item's index fields.

    The whoosh index and the browser's index are both written from it.
    """

    analyzer: Analyzer
    rows: list[dict[str, Any]]
    ranking: RankTable


def analyze(kb: KnowledgeBase, terms: SearchTerms) -> Analyzed:
    analyzer = make_analyzer(kb, terms)
    ranking = rank_table(kb, analyzer, terms.subjects)
    return Analyzed(analyzer, item_rows(kb, analyzer), ranking)


def meta_json(kb: KnowledgeBase) -> str:
    data = {
        "format": META_FORMAT,
        "documents": [d.slug for d in kb.documents],
        "domains": [
            {"doc": d.doc, "id": d.id, "plan": d.plan, "name": d.name} for d in kb.domains()
        ],
        "items": len(kb.items()),
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def write_index(kb: KnowledgeBase, analyzed: Analyzed, folder: Path) -> IndexStats:
    """Write the index of every goal and measure of ``kb`` into ``folder``."""
    from whoosh.index import create_in

    analyzer, documents = analyzed.analyzer, analyzed.rows
    folder.mkdir(parents=True, exist_ok=True)
    analyzer.save(folder)
    analyzed.ranking.save(folder)
    (folder / META_FILE).write_text(meta_json(kb), encoding="utf-8")
    digest = hashlib.sha256(analyzer.to_json().encode() + analyzed.ranking.to_json().encode())
    for fields in documents:
        digest.update(json.dumps(fields, ensure_ascii=False, sort_keys=True).encode())
    with seeded_random(digest.digest()):
        index = create_in(str(folder), make_schema())
        writer = index.writer(procs=1, limitmb=256, compound=False)
        for fields in documents:
            writer.add_document(**fields)
        writer.commit()
    (folder / "MAIN_WRITELOCK").unlink(missing_ok=True)  # whoosh's empty lock file
    return IndexStats(items=len(documents), words=len(analyzer.lexicon.freq))
