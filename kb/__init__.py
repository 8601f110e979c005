"""A knowledge base of China's women's and children's development plans.

The library API, used by the ``kb`` command and importable by any tool::

    from pathlib import Path
    import kb

    base, problems = kb.load_kb(Path("corpus"))
    document, item = kb.find(base, "W1-G2")[0]

Names are imported on first use, so that ``import kb`` (and a cold
``kb search``) does not load the whole build pipeline.
"""

from __future__ import annotations

import importlib
from typing import Any

# ``build`` is not here: ``kb.build`` is the module (``from kb.build import build``).
_API = {
    "check": "kb.build",
    "load_kb": "kb.build",
    "check_corpus": "kb.corpus",
    "load_corpus": "kb.corpus",
    "CorpusError": "kb.errors",
    "KbError": "kb.errors",
    "NotFoundError": "kb.errors",
    "OutputError": "kb.errors",
    "Problem": "kb.errors",
    "export_data": "kb.export",
    "find": "kb.lookup",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'kb' has no attribute {name!r}")
    return getattr(importlib.import_module(_API[name]), name)
