from __future__ import annotations

import pytest
from paths import CORPUS, ROOT


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
