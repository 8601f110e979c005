from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from paths import CORPUS, ROOT

if TYPE_CHECKING:
    from kb.search.engine import SearchIndex


@pytest.fixture(autouse=True)
def _run_from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """File names in messages are relative to the project root, as for a user."""
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="session")
def kb_data() -> dict:
    """The export of the real corpus, built once per test session."""
    from kb.build import load_kb
    from kb.export import export_data

    kb, _ = load_kb(CORPUS)
    return export_data(kb)


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    """The search index of the real corpus, built once per test session."""
    from kb.build import load_kb
    from kb.search.engine import SearchIndex
    from kb.search.indexer import write_index

    kb, _ = load_kb(CORPUS)
    folder = tmp_path_factory.mktemp("corpus-index") / "index"
    write_index(kb, CORPUS, folder)
    with SearchIndex(folder) as opened:
        yield opened
