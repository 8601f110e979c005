"""Chinese keyword search over the goals and measures (``kb search``, ``kb index``).

The pipeline, one module per step::

    normalize   characters → one form; text → IDs, numbers with units, word runs
    segment     word runs → words (jieba's algorithm over a compact lexicon)
    lexicon     build that compact lexicon from jieba's dictionary (build time)
    vocabulary  corpus/dictionary.txt, synonyms.yaml, lexicon.yaml, departments.yaml → terms
    analysis    text → index terms; query → words with their synonym forms
    schema      the index fields and their weights
    indexer     knowledge base → index folder (deterministic)
    query       a query word and filters → whoosh queries (no query syntax)
    ranking     after retrieval, for any engine: concepts, goal–measure support,
                department strength, the relevance floor, suggested subjects
    engine      open the current release's index, search, hits
    snippet     excerpts with the matches marked
    view        hits as terminal text or JSON
    release     ``kb index``: publish a release with a fresh index
    metrics     nDCG@10, Recall@10, MRR over judged queries
    naive       the naive peer the evaluation compares against

The library API (imported lazily, so that ``import kb.search`` stays cheap)::

    from kb.search import Filters, search
    hits = search(Path("build"), "家暴", Filters.parse(plan="W"), limit=5)
"""

from __future__ import annotations

import importlib
from typing import Any

_API = {
    "Filters": "kb.search.query",
    "Hit": "kb.search.engine",
    "SearchIndex": "kb.search.engine",
    "open_index": "kb.search.engine",
    "search": "kb.search.engine",
    "search_many": "kb.search.engine",
    "write_index": "kb.search.indexer",
    "reindex": "kb.search.release",
}
__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'kb.search' has no attribute {name!r}")
