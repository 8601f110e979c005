"""Nothing of the official text may be silently dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import CORPUS, FIXTURES, assert_lossless, parse_file

from kb.corpus.files import document_files

DOCUMENTS = document_files(CORPUS) + sorted((FIXTURES / "good").glob("*.txt"))


def test_corpus_has_documents() -> None:
    assert document_files(CORPUS), "corpus/ must hold at least one plan document"


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_every_nonblank_line_belongs_to_exactly_one_node(path: Path) -> None:
    document, problems = parse_file(path)
    assert document is not None, [str(p) for p in problems]
    source = path.read_bytes().decode("utf-8-sig")
    assert_lossless(document, source)
