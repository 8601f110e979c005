"""Fixtures shared by the tests: the real corpus loaded, derived and built once per session.

Tests that only read use the session's one real build (``built``); tests of
failures and rebuilds build their own, into temporary folders.  No test
writes to the project's own ``build/`` or ``site/`` (``_user_outputs_untouched``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from helpers import CORPUS, ROOT

if TYPE_CHECKING:
    from kb.build import BuildResult
    from kb.corpus import Corpus
    from kb.model import KnowledgeBase
    from kb.search.engine import SearchIndex


def fingerprint(folder: Path) -> str:
    """What a folder holds: names, sizes and modification times (cheap, not bytes)."""
    digest = hashlib.sha256()
    if folder.is_symlink():
        digest.update(str(folder.readlink()).encode())
    if folder.exists():
        for path in sorted(folder.rglob("*")):
            stat = path.lstat()
            digest.update(f"{path.relative_to(folder)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


@pytest.fixture(scope="session", autouse=True)
def _user_outputs_untouched() -> Iterator[None]:
    """The README's test command must not touch the user's build/ or site/."""
    watched = [ROOT / "build", ROOT / "site"]
    before = [fingerprint(folder) for folder in watched]
    yield
    after = [fingerprint(folder) for folder in watched]
    changed = [str(f.name) for f, b, a in zip(watched, before, after, strict=True) if b != a]
    assert not changed, f"the tests changed the project's own {changed}"


@pytest.fixture(autouse=True)
def _run_from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """File names in messages are relative to the project root, as for a user."""
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    from kb.corpus import Corpus

    return Corpus.load(CORPUS)


@pytest.fixture(scope="session")
def knowledge(corpus: Corpus) -> KnowledgeBase:
    """The real corpus, checked and enriched, in memory."""
    from kb.build import load_kb

    return load_kb(corpus)[0]


@pytest.fixture(scope="session")
def kb_data(knowledge: KnowledgeBase) -> dict[str, Any]:
    """The export of the real corpus."""
    from kb.views.export import export_data

    return export_data(knowledge)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, corpus: Corpus) -> BuildResult:
    """One real `kb build` of the corpus (release and site), for the tests that only read."""
    from kb.build import build

    tmp = tmp_path_factory.mktemp("built")
    return build(corpus, tmp / "build", site=tmp / "site")


@pytest.fixture(scope="session")
def out(built: BuildResult) -> Path:
    """The ``--out`` folder of the session's build."""
    return built.release.parent.parent


@pytest.fixture(scope="session")
def site(built: BuildResult) -> Path:
    assert built.site is not None
    return built.site


@pytest.fixture(scope="session")
def corpus_index(built: BuildResult) -> Iterator[SearchIndex]:
    """The search index of the session's build, open."""
    from kb.release import INDEX
    from kb.search.engine import SearchIndex

    with SearchIndex(built.release / INDEX) as opened:
        yield opened


@pytest.fixture(scope="session")
def tantivy_index(
    tmp_path_factory: pytest.TempPathFactory, knowledge: KnowledgeBase, corpus: Corpus
) -> Iterator[SearchIndex]:
    """The corpus indexed by the other engine, tantivy (the same terms), open."""
    from kb.search.engine import SearchIndex
    from kb.search.indexer import analyze, write_index

    folder = tmp_path_factory.mktemp("tantivy") / "index"
    write_index(knowledge, analyze(knowledge, corpus.search_terms), folder, "tantivy")
    with SearchIndex(folder) as opened:
        yield opened


@pytest.fixture(scope="session", params=["whoosh", "tantivy"])
def engine_index(request: pytest.FixtureRequest) -> SearchIndex:
    """The corpus's index, once per engine: both must pass the same search tests."""
    name = "corpus_index" if request.param == "whoosh" else "tantivy_index"
    index: SearchIndex = request.getfixturevalue(name)
    return index


@pytest.fixture(scope="session")
def monitored(tmp_path_factory: pytest.TempPathFactory, out: Path) -> Any:
    """Template → filled with invented values (tests/forms.py) → import → build (with site)."""
    import contextlib
    import io

    from forms import FORM_NAME, ROUND_TRIP_VALUES, Monitored, fill_template
    from helpers import copy_corpus

    from kb.cli import main

    tmp = tmp_path_factory.mktemp("monitored")
    corpus = copy_corpus(tmp / "corpus")
    template = tmp / "template.xlsx"

    def cli(*argv: str) -> tuple[int, str]:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
            code = main(list(argv))
        return code, printed.getvalue()

    assert cli("monitor", "template", "-o", str(template), "--out", str(out))[0] == 0
    form = fill_template(template, tmp / FORM_NAME, ROUND_TRIP_VALUES)
    imported = cli("monitor", "import", str(form), "--corpus", str(corpus), "--source", "统计局")
    again = cli("monitor", "import", str(form), "--corpus", str(corpus))
    build, site = tmp / "build", tmp / "site"
    assert cli("build", "--corpus", str(corpus), "--out", str(build), "--site", str(site))[0] == 0
    return Monitored(corpus, build, site, imported, again)
