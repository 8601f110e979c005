"""A knowledge base of China's women's and children's development plans.

The pipeline, one package or module per stage::

    corpus/   read and check every file of a corpus folder once (Corpus.load)
    parse/    plan texts → the model (documents, plans, domains, items)
    enrich/   derived facts: targets, baselines, departments, cross-links
    views/    what people read: export, lookups, tables, terminal text
    search/   Chinese search: analysis, index, queries, the browser port
    site/     the static site (MkDocs Material)
    check.py, build.py, publish.py, release.py   check, build, publish, read back

The library API, used by the ``kb`` command and importable by any tool::

    from pathlib import Path
    import kb
    from kb.build import build

    corpus = kb.Corpus.load(Path("corpus"))
    result = build(corpus, Path("build"), site=Path("site"))
    knowledge = kb.open_release(Path("build")).kb
    document, item = kb.find(knowledge, "W1-G2")[0]

Names are imported on first use, so that ``import kb`` (and a cold
``kb search``) does not load the whole build pipeline.
"""

from __future__ import annotations

import importlib
from typing import Any

_API = {
    "Corpus": "kb.corpus",
    "check": "kb.check",
    "load_kb": "kb.build",
    "reindex": "kb.build",
    "open_release": "kb.release",
    "CorpusError": "kb.errors",
    "KbError": "kb.errors",
    "NotFoundError": "kb.errors",
    "OutputError": "kb.errors",
    "Problem": "kb.errors",
    "Report": "kb.errors",
    "export_data": "kb.views.export",
    "find": "kb.views.lookup",
}

# ``build`` is not here: ``kb.build`` is the module (``from kb.build import build``).
__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'kb' has no attribute {name!r}")
    return getattr(importlib.import_module(_API[name]), name)
