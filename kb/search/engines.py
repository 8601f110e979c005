"""Which search engine writes and serves the index: whoosh for a county, tantivy for many.

Both engines index the same analyzed terms and give the same results (see
``kb.search.tantivy_engine``).  whoosh (pure Python) is the default the design
asks for and serves one county's plans well; its index takes minutes to write
and its queries slow down past some ten thousand items, where tantivy (Rust)
writes and answers one to two orders of magnitude faster (figures in the
README, "检索引擎").  So ``auto`` picks tantivy from ``AUTO_TANTIVY_ITEMS``
items on (about 30 counties' plans), whoosh below.

The choice comes from ``kb build --engine`` / ``kb index --engine``, else from
``search.engine`` in ``corpus/kb.yaml`` (``kb.corpus.settings``), else
``auto``.  It is written into the index's ``meta.json`` and the release's
``manifest.json``; ``kb search`` opens whichever engine wrote the index.
"""

from __future__ import annotations

from kb.corpus.settings import AUTO, CHOICES, TANTIVY, WHOOSH

ENGINES = (WHOOSH, TANTIVY)
__all__ = ["AUTO", "AUTO_TANTIVY_ITEMS", "CHOICES", "ENGINES", "TANTIVY", "WHOOSH", "choose"]
AUTO_TANTIVY_ITEMS = 10_000


def choose(wanted: str | None, items: int) -> str:
    """The engine for an index of ``items`` items, given what was asked (None: auto)."""
    if wanted in ENGINES:
        return wanted
    return TANTIVY if items >= AUTO_TANTIVY_ITEMS else WHOOSH
