"""Only changed work redone: a build with the per-document cache equals a full build.

Each case builds a corpus, changes one plan, builds again with the cache, and
compares the release (its tree digest names its folder) with a ``--force``
build (which reads no cache) into a fresh folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import CORPUS, DATA

from kb.build import build, load_kb
from kb.cache import CACHE, DocumentCache, load_cached
from kb.corpus import Corpus
from kb.errors import CorpusError
from kb.publish import tree_digest

PARENTS = DATA / "parents"


def curated(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for path in CORPUS.iterdir():  # the curated files, not the Gaotai plans
        if path.is_file() and (path.suffix != ".txt" or path.name == "dictionary.txt"):
            shutil.copy(path, folder / path.name)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture()
def family(tmp_path: Path) -> Path:
    """The four plans of tests/data/parents: a national 纲要 and the plans that cite it."""
    folder = curated(tmp_path / "corpus")
    for path in PARENTS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return folder


def test_a_changed_parent_redoes_it_and_its_children_only(family: Path, tmp_path: Path) -> None:
    out, site = tmp_path / "build", tmp_path / "site"
    first = build(Corpus.load(family), out, site=site, force=True)
    assert (first.cache.parsed, first.cache.derived, first.cache.reused) == (4, 4, 0)
    # the national 纲要 of 2021 sets a new target: 福州 (which cites it) compares anew
    edit(family / "national-c-2021-assembled.txt", "5.0‰", "4.5‰")
    again = build(Corpus.load(family), out, site=site)
    assert not again.unchanged
    assert (again.cache.parsed, again.cache.derived, again.cache.reused) == (1, 2, 2)
    full = build(Corpus.load(family), tmp_path / "full", site=tmp_path / "full-site", force=True)
    assert again.release.name == full.release.name
    assert tree_digest(again.release) == tree_digest(full.release)
    assert again.release.name != first.release.name
    # several documents: every page's navigation keeps the cross-county comparison
    page = (site / "fuzhou-c-2021-assembled" / "targets.html").read_text(encoding="utf-8")
    assert page.count("各地指标比较") >= 2  # the navigation, and the link in the text
    # what the changed documents left behind is gone: one entry per document and kind
    assert len(list((out / CACHE / "derived").iterdir())) == 4
    assert len(list((out / CACHE / "downloads").iterdir())) == 4 * 3  # tasks, tables, monitoring


def test_a_curated_file_redoes_every_document(family: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    build(Corpus.load(family), out, force=True)
    edit(family / "departments.yaml", "卫生健康", "卫生健康 ")
    again = build(Corpus.load(family), out)
    assert (again.cache.parsed, again.cache.derived) == (0, 4)
    assert (
        again.release.name == build(Corpus.load(family), tmp_path / "full", force=True).release.name
    )


def test_real_plans_one_changed(tmp_path: Path) -> None:
    """Two documents from the Gaotai text (as evaluation/scale_corpus.py writes them)."""
    import sys

    sys.path.insert(0, str(CORPUS.parent / "evaluation"))
    from scale_corpus import write_corpus

    folder = write_corpus(2, tmp_path / "corpus")
    out, site = tmp_path / "build", tmp_path / "site"
    build(Corpus.load(folder), out, site=site, force=True)
    edit(folder / "county-0001.txt", "孕产妇死亡率下降到", "孕产妇死亡率降低到")
    again = build(Corpus.load(folder), out, site=site)
    assert (again.cache.parsed, again.cache.derived, again.cache.reused) == (1, 1, 1)
    # the other document's pages and most of the changed one's are not rendered again
    assert again.cache.pages_unchanged > 0
    full = build(Corpus.load(folder), tmp_path / "full", site=tmp_path / "s2", force=True)
    assert full.cache.pages_unchanged == 0
    assert tree_digest(again.release) == tree_digest(full.release)


def test_a_corpus_with_errors_writes_no_cache(family: Path, tmp_path: Path) -> None:
    (family / "broken.txt").write_text("这不是规划\n", encoding="utf-8")
    out = tmp_path / "build"
    with pytest.raises(CorpusError):
        build(Corpus.load(family), out)
    assert not (out / CACHE).exists()


def test_read_back_equals_derived_anew(family: Path, tmp_path: Path) -> None:
    """The knowledge base and the check report equal kb.build.load_kb's, read back or not."""
    fuzhou = family / "fuzhou-c-2021-assembled.txt"
    edit(
        fuzhou, "1.新生儿、婴儿", "1.由县星空管理局负责，新生儿、婴儿"
    )  # a body not in the gazetteer
    corpus = Corpus.load(family)
    expected = load_kb(corpus)
    assert any(p.code == "unknown-body" for p in expected[1].problems)
    assert load_cached(corpus, DocumentCache(tmp_path / "cache")) == expected
    edit(family / "national-c-2021-assembled.txt", "5.0‰", "4.5‰")
    corpus = Corpus.load(family)
    cache = DocumentCache(tmp_path / "cache")
    assert load_cached(corpus, cache) == load_kb(corpus)
    assert (cache.stats.parsed, cache.stats.reused) == (1, 2)
