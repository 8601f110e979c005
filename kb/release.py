"""A built release: its layout, and reading it back for the lookups.

``kb build`` writes a release folder and points ``<out>/current`` at it
(``kb.publish``)::

    current -> releases/<digest>/
        model.json   the whole model (kb.records), and the digests of its inputs
        kb.json      the public export (kb.views.export)
        items.csv    one row per goal and measure
        index/       the search index (kb.search)
        site-docs/   the site's generated Markdown, and mkdocs.yml to rebuild it
        site/        the built site, as published to --site

``kb show``, ``kb dept``, ``kb targets``, ``kb links``, ``kb stats`` and
``kb export`` read ``model.json`` (``open_release``) and never derive it again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kb.errors import ReleaseError

if TYPE_CHECKING:
    from kb.model import KnowledgeBase

# The model and its codec are imported where used: `kb search` only needs the
# layout, and starts without loading them.

CURRENT = "current"
RELEASES = "releases"
MODEL_JSON = "model.json"
KB_JSON = "kb.json"
ITEMS_CSV = "items.csv"
INDEX = "index"
SITE_DOCS = "site-docs"
SITE = "site"
MODEL_FORMAT = "kb-model/1"

Inputs = tuple[tuple[str, str], ...]  # (file name, sha256) of each corpus file read


@dataclass(frozen=True)
class Release:
    folder: Path
    kb: KnowledgeBase
    inputs: Inputs


def current_release(out: Path) -> Path | None:
    """The folder ``<out>/current`` points at, or None when there is none."""
    link = out / CURRENT
    return link.resolve() if link.exists() else None


def model_json(kb: KnowledgeBase, inputs: Inputs) -> str:
    from kb.records import to_data

    data = {"format": MODEL_FORMAT, "inputs": [list(i) for i in inputs], "kb": to_data(kb)}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def open_release(out: Path) -> Release:
    """The current release under ``out``; a clear Chinese error when there is none."""
    from kb.model import KnowledgeBase
    from kb.records import from_data

    folder = current_release(out)
    path = folder / MODEL_JSON if folder is not None else out / CURRENT / MODEL_JSON
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReleaseError(
            f"找不到已构建的知识库（{path}）：请先运行 kb build（用 --out 指定构建目录）"
        ) from exc
    if data.get("format") != MODEL_FORMAT:
        raise ReleaseError(f"{path} 是旧版 kb 构建的：请重新运行 kb build")
    inputs = tuple((str(name), str(sha)) for name, sha in data["inputs"])
    assert folder is not None
    return Release(folder, from_data(KnowledgeBase, data["kb"]), inputs)
