"""Progress of long work, told to whoever listens: the library reports, never prints.

A long function (``kb.build.build``, ``kb.parse.parse_corpus``, the index
writer) takes a ``Progress`` callback and calls it with a ``Step`` as it goes:
the stage (in Chinese, as a user reads it), how far it is and what it is on::

    Step("解析", 3, 100, "临泽县妇女儿童发展规划")

``kb.cli.progress`` shows the steps on a terminal; without a callback nothing
happens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    stage: str  # 解析, 派生, 检索分词, 检索索引, 网站页面, MkDocs, 发布
    done: int  # how many are done, this one included (1-based)
    total: int
    label: str = ""  # what it is on: a document, an enricher, a count of items


Progress = Callable[[Step], None]


def silent(step: Step) -> None:
    """The callback of those who do not listen."""


def every(total: int, parts: int = 50) -> int:
    """Report every this many of ``total`` units (about ``parts`` reports in all)."""
    return max(1, total // parts)
