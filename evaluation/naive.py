"""The naive peer that ``kb search`` is measured against.

What one gets by following the whoosh + jieba documentation: jieba's stock
``ChineseAnalyzer`` (full default dictionary, no project dictionary, no
synonyms) on the item text only, and whoosh's default ``QueryParser`` (all words
required).  ``NaiveIndex(folder, any_word=True)`` is the same with ``OrGroup`` (any
word may match, more matches rank higher): the fairer peer for long questions.

    python evaluation/naive.py build INDEX_DIR         # index the corpus/ knowledge base
    python evaluation/naive.py search INDEX_DIR QUERY  # print the top 10 IDs as JSON
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

from kb.model import KnowledgeBase


def quiet_jieba() -> None:
    """jieba logs "Building prefix dict…" to stderr on first use."""
    import jieba

    jieba.setLogLevel(logging.WARNING)


def write_naive_index(kb: KnowledgeBase, folder: Path) -> None:
    quiet_jieba()
    from jieba.analyse import ChineseAnalyzer
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.index import create_in

    folder.mkdir(parents=True, exist_ok=True)
    schema = Schema(id=ID(stored=True), text=TEXT(analyzer=ChineseAnalyzer()))
    index = create_in(str(folder), schema)
    writer = index.writer()
    for item in kb.items():
        writer.add_document(id=item.id, text=item.text)
    writer.commit()


class NaiveIndex:
    def __init__(self, folder: Path, any_word: bool = False) -> None:
        from whoosh.index import open_dir
        from whoosh.qparser import AndGroup, OrGroup, QueryParser

        quiet_jieba()
        self._index = open_dir(str(folder))
        self._searcher = self._index.searcher()
        group = OrGroup if any_word else AndGroup  # AndGroup: QueryParser's default
        self._parser = QueryParser("text", self._index.schema, group=group)

    def search(self, query: str, limit: int = 10) -> list[str]:
        parsed: Any = self._parser.parse(query)
        return [hit["id"] for hit in self._searcher.search(parsed, limit=limit)]

    def close(self) -> None:
        self._searcher.close()
        self._index.close()


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "build":
        from common import derive

        kb, _ = derive()
        write_naive_index(kb, Path(argv[1]))
        return 0
    if len(argv) == 3 and argv[0] == "search":
        index = NaiveIndex(Path(argv[1]))
        print(json.dumps(index.search(argv[2]), ensure_ascii=False))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
