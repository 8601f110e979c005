"""A built release: its layout, and reading it back for the lookups.

``kb build`` writes a release folder and points ``<out>/current`` at it
(``kb.publish``)::

    current -> releases/<digest>/
        manifest.json  the digests of its inputs and of the code, the check's warnings
        model.json   the whole model (kb.records)
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

from kb.errors import Problem, ReleaseError

if TYPE_CHECKING:
    from kb.model import KnowledgeBase

# The model and its codec are imported where used: `kb search` only needs the
# layout, and starts without loading them.

CURRENT = "current"
RELEASES = "releases"
MODEL_JSON = "model.json"
MANIFEST = "manifest.json"
KB_JSON = "kb.json"
ITEMS_CSV = "items.csv"
INDEX = "index"
SITE_DOCS = "site-docs"
SITE = "site"
SITE_MARK = ".kb-release"  # in a published --site: the release it is a copy of
MODEL_FORMAT = "kb-model/1"
MANIFEST_FORMAT = "kb-manifest/1"
PACKAGE = Path(__file__).resolve().parent
CODE_SUFFIXES = (".py", ".js", ".css", ".yml", ".yaml")

Inputs = tuple[tuple[str, str], ...]  # (file name, sha256) of each corpus file read


@dataclass(frozen=True)
class Manifest:
    """What a release was built from: its inputs, the code, and what kb check found."""

    inputs: Inputs  # (file name, sha256) of every corpus file read
    code: str  # code_digest() of the kb that built it
    problems: tuple[Problem, ...] = ()  # warnings the build went on with
    engine: str = "whoosh"  # the search engine that wrote index/ (kb.search.engines)

    def json(self) -> str:
        from kb.records import to_data

        data = {
            "format": MANIFEST_FORMAT,
            "inputs": [list(i) for i in self.inputs],
            "code": self.code,
            "problems": [to_data(p) for p in self.problems],
            "search_engine": self.engine,
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


@dataclass(frozen=True)
class Release:
    folder: Path
    manifest: Manifest

    @property
    def inputs(self) -> Inputs:
        return self.manifest.inputs

    @property
    def kb(self) -> KnowledgeBase:
        """The whole model, read from ``model.json`` on first use."""
        from kb.model import KnowledgeBase
        from kb.records import from_data

        data = _read(self.folder / MODEL_JSON, MODEL_FORMAT)
        return from_data(KnowledgeBase, data["kb"])


def code_digest() -> str:
    """A digest of the kb package's own files: a release is reused only by the same code."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(p for p in PACKAGE.rglob("*") if p.suffix in CODE_SUFFIXES):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def current_release(out: Path) -> Path | None:
    """The folder ``<out>/current`` points at, or None when there is none."""
    link = out / CURRENT
    return link.resolve() if link.exists() else None


def model_json(kb: KnowledgeBase) -> str:
    from kb.records import to_data

    data = {"format": MODEL_FORMAT, "kb": to_data(kb)}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _read(path: Path, format_: str) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReleaseError(
            f"找不到已构建的知识库（{path}）：请先运行 kb build（用 --out 指定构建目录）"
        ) from exc
    if data.get("format") != format_:
        raise ReleaseError(f"{path} 是旧版 kb 构建的：请重新运行 kb build")
    return data


def open_release(out: Path) -> Release:
    """The current release under ``out`` (its manifest read; the model on first use)."""
    from kb.records import from_data

    folder = current_release(out)
    path = (folder or out / CURRENT) / MANIFEST
    data = _read(path, MANIFEST_FORMAT)
    assert folder is not None
    inputs = tuple((str(name), str(sha)) for name, sha in data["inputs"])
    problems = tuple(from_data(Problem, p) for p in data["problems"])
    engine = str(data.get("search_engine", "whoosh"))
    return Release(folder, Manifest(inputs, str(data["code"]), problems, engine))
