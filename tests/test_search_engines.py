"""Two engines, one search: tantivy gives whoosh's results; facets by document and level.

The search tests of tests/test_search.py and tests/test_search_everyday.py run
on both engines (the ``engine_index`` fixture).  Here: the engines' results
are equal (IDs, order and scores) on every judged query and under filters; the
tantivy index is reproducible; the engine is chosen, configured, recorded and
opened; several documents are filtered and counted by document and level.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import DATA, run

from kb.corpus import Corpus
from kb.corpus.settings import read_settings
from kb.model import KnowledgeBase
from kb.publish import tree_digest
from kb.release import INDEX, open_release
from kb.search.engine import SearchIndex
from kb.search.engines import AUTO_TANTIVY_ITEMS, choose
from kb.search.errors import QueryError
from kb.search.indexer import analyze, write_index
from kb.search.query import Filters


def judged_queries() -> list[str]:
    import yaml

    data = yaml.safe_load((DATA / "search_judgments.yaml").read_text(encoding="utf-8"))
    return [str(row["query"]) for row in data["queries"]]


def ranked(index: SearchIndex, query: str, filters: Filters | None = None) -> list[object]:
    return [(h.doc, h.id, h.score) for h in index.search(query, filters, limit=10)]


def test_tantivy_ranks_every_judged_query_as_whoosh(
    corpus_index: SearchIndex, tantivy_index: SearchIndex
) -> None:
    queries = judged_queries()
    assert len(queries) >= 100
    differ = [q for q in queries if ranked(corpus_index, q) != ranked(tantivy_index, q)]
    assert differ == []


@pytest.mark.parametrize(
    "filters",
    [
        Filters.parse(plan="C"),
        Filters.parse(kind="措施", domain="妇女与健康"),
        Filters.parse(has_target=True),
        Filters.parse(dept="卫健局"),
        Filters.parse(dept="妇联", role="牵头"),
        Filters.parse(role="partner"),
    ],
)
@pytest.mark.parametrize("query", ["健康", "家暴", "", "产妇", "卫健局 孕产妇"])
def test_filters_give_the_same_results_on_both_engines(
    corpus_index: SearchIndex, tantivy_index: SearchIndex, filters: Filters, query: str
) -> None:
    assert ranked(tantivy_index, query, filters) == ranked(corpus_index, query, filters)


def test_the_tantivy_index_is_byte_for_byte_reproducible(
    tmp_path: Path, knowledge: KnowledgeBase, corpus: Corpus, tantivy_index: SearchIndex
) -> None:
    write_index(knowledge, analyze(knowledge, corpus.search_terms), tmp_path / "again", "tantivy")
    assert tree_digest(tmp_path / "again") == tree_digest(tantivy_index.folder)


def test_auto_picks_tantivy_for_large_corpora_only() -> None:
    assert choose(None, 320) == "whoosh"
    assert choose("auto", AUTO_TANTIVY_ITEMS - 1) == "whoosh"
    assert choose("auto", AUTO_TANTIVY_ITEMS) == "tantivy"
    assert choose("whoosh", 10 * AUTO_TANTIVY_ITEMS) == "whoosh"
    assert choose("tantivy", 1) == "tantivy"


def test_kb_yaml_sets_the_engine_and_a_bad_value_names_its_line() -> None:
    settings, problems = read_settings("version: 1\nsearch:\n  engine: tantivy\n", "kb.yaml")
    assert settings.engine == "tantivy" and problems == []
    settings, problems = read_settings("search:\n  engine: lucene\n", "corpus/kb.yaml")
    assert settings.engine == "auto"
    assert [(p.file, p.line) for p in problems] == [("corpus/kb.yaml", 2)]
    assert "whoosh" in problems[0].message and "lucene" in problems[0].message


def test_kb_index_engine_is_recorded_and_kb_search_opens_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, out: Path
) -> None:
    mine = tmp_path / "build"
    release = (out / "current").resolve()
    shutil.copytree(release, mine / "releases" / release.name, symlinks=True)
    (mine / "current").symlink_to(Path("releases") / release.name)
    code, text, _ = run(capsys, "index", "--out", str(mine), "--site", str(tmp_path / "site"))
    assert code == 0
    code, text, _ = run(
        capsys, "index", "--out", str(mine), "--engine", "tantivy", "--site", str(tmp_path / "s")
    )
    assert code == 0 and "tantivy" in text
    assert open_release(mine).manifest.engine == "tantivy"
    meta = json.loads(((mine / "current").resolve() / INDEX / "meta.json").read_text("utf-8"))
    assert meta["engine"] == "tantivy"
    code, text, _ = run(capsys, "search", "家暴", "--out", str(mine), "--json", "--limit", "2")
    assert [h["id"] for h in json.loads(text)] == ["W8-M4", "W8-G4"]


# --------------------------------------------------------------------------- several documents


def renamed(kb: KnowledgeBase, slug: str, place: str, level: str) -> KnowledgeBase:
    """The corpus's document under another slug, place and level (a fixture, not a real plan)."""
    doc = kb.documents[0]

    def moved(item: object) -> object:
        return dataclasses.replace(item, doc=slug)  # type: ignore[type-var]

    other = dataclasses.replace(
        doc,
        slug=slug,
        place=place,
        level=level,
        items=tuple(moved(i) for i in doc.items),  # type: ignore[misc]
        domains=tuple(moved(d) for d in doc.domains),  # type: ignore[misc]
    )
    return KnowledgeBase(documents=(*kb.documents, other))


@pytest.fixture(scope="module", params=["whoosh", "tantivy"])
def two_documents(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    knowledge: KnowledgeBase,
    corpus: Corpus,
) -> Iterator[SearchIndex]:
    kb = renamed(knowledge, "province-copy", "甘肃省", "省")
    folder = tmp_path_factory.mktemp("two") / "index"
    write_index(kb, analyze(kb, corpus.search_terms), folder, request.param)
    with SearchIndex(folder) as opened:
        yield opened


def test_level_and_doc_filters_keep_those_documents(two_documents: SearchIndex) -> None:
    both = {h.doc for h in two_documents.search("家暴", limit=20)}
    assert both == {"gaotai-2022-women-children-development-plans", "province-copy"}
    for filters in (Filters.parse(level="省"), Filters.parse(doc="甘肃省")):
        assert {h.doc for h in two_documents.search("家暴", filters, 20)} == {"province-copy"}
    county = Filters.parse(level="county")
    assert {h.doc for h in two_documents.search("家暴", county, 20)} == {
        "gaotai-2022-women-children-development-plans"
    }
    assert two_documents.search("家暴", Filters.parse(level="国家")) == []


def test_facets_count_every_match_by_document_and_level(two_documents: SearchIndex) -> None:
    everything = two_documents.search("家暴", limit=1000)
    facets = two_documents.facets("家暴")
    assert facets.total == len(everything) and facets.total % 2 == 0
    assert dict((lvl, n) for lvl, n in facets.levels) == {
        "省": facets.total // 2,
        "县": facets.total // 2,
    }
    assert [(place, n) for _, place, n in facets.documents] == [
        ("高台县", facets.total // 2),
        ("甘肃省", facets.total // 2),
    ]
    assert "按级别：省" in facets.text() and "甘肃省" in facets.text()
    only = two_documents.facets("家暴", Filters.parse(level="省"))
    assert only.total == facets.total // 2 and [lvl for lvl, _ in only.levels] == ["省"]
    assert two_documents.facets("家暴", Filters.parse(plan="C")).total < facets.total
    assert two_documents.facets("", Filters.parse(level="县")).total == 320


def test_an_unknown_document_or_level_says_what_is_expected(two_documents: SearchIndex) -> None:
    with pytest.raises(QueryError, match="高台县"):
        two_documents.search("家暴", Filters.parse(doc="北京市"))
    with pytest.raises(QueryError, match="--level"):
        Filters.parse(level="乡")


def test_kb_search_shows_the_facets(capsys: pytest.CaptureFixture[str], out: Path) -> None:
    code, text, _ = run(capsys, "search", "家暴", "--out", str(out), "--facets")
    assert code == 0 and "按级别：县" in text and "按文件：高台县" in text
    code, text, _ = run(capsys, "search", "家暴", "--out", str(out), "--facets", "--json")
    data = json.loads(text)
    assert data["facets"]["total"] >= len(data["hits"]) > 0
    assert data["facets"]["levels"] == [{"level": "县", "count": data["facets"]["total"]}]
