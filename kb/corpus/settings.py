"""How this corpus is built: ``corpus/kb.yaml``, optional, checked like the curated tables.

For now it holds one setting, the search engine (``kb.search.engines``)::

    version: 1
    search:
      engine: tantivy   # auto（默认：按条目数选择）、whoosh 或 tantivy

``kb build --engine`` and ``kb index --engine`` override it for one build.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # kb search imports the names below; YAML only when a file is read
    from kb.errors import Problem

# The search engines (what each is for: kb.search.engines).
WHOOSH = "whoosh"
TANTIVY = "tantivy"
AUTO = "auto"
CHOICES = (AUTO, WHOOSH, TANTIVY)

TOP_KEYS = ("version", "search")
SEARCH_KEYS = ("engine",)
CODE = "bad-settings"


@dataclass(frozen=True)
class Settings:
    file: str = ""
    engine: str = AUTO  # auto / whoosh / tantivy


def read_settings(text: str, file: str) -> tuple[Settings, list[Problem]]:
    """Check ``kb.yaml``; a bad value is a problem and the default is kept."""
    from kb.corpus.yaml_source import YamlSource

    src = YamlSource.compose(text, file, CODE)
    if not src.ok:
        return Settings(file), src.problems
    top = src.mapping(src.root, "文件顶层", TOP_KEYS) or {}
    if "version" in top and src.string(top["version"], "版本号") not in (None, "1"):
        src.problem(top["version"], "version 应为 1")
    engine = AUTO
    if "search" in top:
        search = src.mapping(top["search"], "search ", SEARCH_KEYS) or {}
        if "engine" in search:
            value = src.string(search["engine"], "检索引擎名称")
            if value is not None and value not in CHOICES:
                src.problem(
                    search["engine"],
                    f"search.engine 应为 {'、'.join(CHOICES)} 之一，实际为“{value}”",
                )
            elif value is not None:
                engine = value
    return Settings(file, engine), src.problems
