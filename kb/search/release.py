"""``kb index``: rebuild only the search index, published as a new release.

For when the dictionary or the synonym table changed: the new release is the
current one with a fresh ``index/``; everything else is copied unchanged, and
it is published the same atomic way as ``kb build`` (a search running
meanwhile keeps its old index).  After changing the plans themselves, run
``kb build``, which rewrites everything.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from kb.build import load_kb
from kb.errors import OutputError
from kb.outputs import current_release, publish_release, staging
from kb.search.indexer import IndexStats, write_index
from kb.search.layout import INDEX


@dataclass(frozen=True)
class IndexResult:
    release: Path
    stats: IndexStats


def reindex(corpus: Path, out: Path) -> IndexResult:
    """Index the knowledge base of ``corpus`` into a new release under ``out``."""
    kb, _ = load_kb(corpus)
    try:
        with staging(out, "index") as stage:
            previous = current_release(out)
            if previous is not None:
                shutil.copytree(
                    previous,
                    stage,
                    dirs_exist_ok=True,
                    symlinks=True,
                    ignore=lambda folder, _: [INDEX] if Path(folder) == previous else [],
                )
            stats = write_index(kb, corpus, stage / INDEX)
            release = publish_release(stage, out)
    except OSError as exc:
        raise OutputError(f"写入 {out} 失败（{exc.strerror or exc}）；之前的输出保持不变") from exc
    return IndexResult(release=release, stats=stats)
