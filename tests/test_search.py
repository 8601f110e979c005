"""kb search: what users type finds what they mean; filters; output; safety; concurrency."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers import ROOT, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.build import reindex, write_release
from kb.corpus import Corpus
from kb.model import DepartmentRole, KnowledgeBase
from kb.publish import publish_release, staging, tree_digest
from kb.release import INDEX
from kb.search import engine
from kb.search.engine import Hit, SearchIndex, search, search_many
from kb.search.errors import QueryError
from kb.search.indexer import analyze, write_index
from kb.search.query import Filters

if TYPE_CHECKING:
    from kb.build import BuildResult


def ids(hits: Sequence[Hit]) -> list[str]:
    return [h.id for h in hits]


def publish_index(kb: KnowledgeBase, corpus: Corpus, out: Path) -> Path:
    """What `kb build` does for the index: stage it, then publish the release."""
    with staging(out, "release") as stage:
        write_index(kb, analyze(kb, corpus.search_terms), stage / INDEX)
        return publish_release(stage, out)


@pytest.fixture(scope="module")
def base_kb(knowledge: KnowledgeBase) -> KnowledgeBase:
    return knowledge


@pytest.fixture(scope="module")
def index(corpus_index: SearchIndex) -> Iterator[SearchIndex]:
    yield corpus_index


# --------------------------------------------------------------------------- matching


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("孕产妇死亡率", {"W1-G2"}),  # several words typed without spaces
        ("义务教育巩固率", {"W2-G4", "C3-G3"}),
        ("控辍保学", {"W2-M3", "C3-M5"}),
        ("两癌筛查", {"W1-M5", "W1-G3"}),
        ("儿童之家", {"C4-G8", "C4-M11"}),
    ],
)
def test_plan_terms_rank_their_items_first(index: SearchIndex, query: str, first: set[str]) -> None:
    assert set(ids(index.search(query))[: len(first)]) == first


def test_part_of_a_word_finds_the_whole(index: SearchIndex) -> None:
    found = ids(index.search("产妇"))
    assert {"W1-G2", "W1-M4"} <= set(found[:5])  # the plan only writes 孕产妇


@pytest.mark.parametrize("query", ["W1-G2", "w1-g2", "Ｗ1-Ｇ2", " W1-G2 "])
def test_an_item_id_goes_straight_to_the_item(index: SearchIndex, query: str) -> None:
    assert ids(index.search(query)) == ["W1-G2"]


def test_a_number_with_its_unit_is_one_term(index: SearchIndex) -> None:
    assert ids(index.search("12/10万")) == ["W1-G2"]
    assert "W1-G2" not in ids(index.search("10"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("家暴", {"W8-G4", "W8-M4", "C7-M11"}),  # → 家庭暴力
        ("HPV疫苗", {"W1-M5", "C1-M8"}),  # → 人乳头瘤病毒疫苗 (W1-M5), HPV疫苗 (C1-M8)
        ("校园欺凌", {"C2-G8", "C2-M9"}),  # → 学生欺凌
        ("小孩打疫苗", {"C1-G6", "C1-M8"}),  # → 儿童, 预防接种 / 疫苗接种
        ("托儿所", {"C4-G5", "C4-M5"}),  # → 托育
    ],
)
def test_everyday_words_find_the_plans_words(
    index: SearchIndex, query: str, expected: set[str]
) -> None:
    assert expected <= set(ids(index.search(query))[: len(expected) + 1])


def test_hits_carry_a_snippet_with_the_matches_marked(index: SearchIndex) -> None:
    hit = index.search("家暴")[0]
    assert "【家庭暴力】" in hit.snippet
    assert hit.domain_name == "妇女与法律" and hit.doc and hit.score > 0


def test_scores_are_best_first(index: SearchIndex) -> None:
    """Items that contain the query come best score first, before those found through
    their goal or measure alone (the tiers of kb.search.ranking)."""
    hits = index.search("心理健康", limit=30)
    scores = [h.score for h in hits if "心理健康" in h.text]
    assert scores == sorted(scores, reverse=True)
    first_other = next(i for i, h in enumerate(hits) if "心理健康" not in h.text)
    assert all("心理健康" not in h.text for h in hits[first_other:])


# --------------------------------------------------------------------------- departments


@pytest.fixture(scope="module")
def assigned(
    tmp_path_factory: pytest.TempPathFactory, base_kb: KnowledgeBase, corpus: Corpus
) -> SearchIndex:
    """The corpus with departments set by hand: W1-G2 led by 卫健局, C1-G1 with it as partner."""
    health = "县卫生健康局"
    roles = {
        "W1-G2": (DepartmentRole(health, "lead", "subject", ("孕产妇",)),),
        "C1-G1": (
            DepartmentRole("县教育局", "lead", "subject", ("儿童",)),
            DepartmentRole(health, "partner", "subject", ("儿童健康",)),
        ),
    }
    docs = tuple(
        dataclasses.replace(
            doc,
            items=tuple(dataclasses.replace(i, departments=roles.get(i.id, ())) for i in doc.items),
        )
        for doc in base_kb.documents
    )
    folder = tmp_path_factory.mktemp("assigned") / "build"
    publish_index(KnowledgeBase(documents=docs), corpus, folder)
    return SearchIndex(folder / "current" / INDEX)


@pytest.mark.parametrize("name", ["卫生健康部门", "卫健局", "县卫生健康局", "卫健委", "卫生局"])
def test_any_name_of_a_department_finds_the_items_assigned_to_it(
    assigned: SearchIndex, name: str
) -> None:
    found = ids(assigned.search(name))
    # W1-G2 and C1-G1 do not name the department: they are found by assignment,
    # the lead's item before the partner's
    assert found.index("W1-G2") < found.index("C1-G1")


def test_department_and_role_filters(assigned: SearchIndex) -> None:
    everything = Filters.parse(dept="卫健局")
    assert ids(assigned.search("", everything)) == ["W1-G2", "C1-G1"]  # in plan order
    assert ids(assigned.search("", Filters.parse(dept="卫健局", role="牵头"))) == ["W1-G2"]
    assert ids(assigned.search("", Filters.parse(dept="卫生健康部门", role="partner"))) == ["C1-G1"]
    assert ids(assigned.search("儿童", Filters.parse(dept="教育局"))) == ["C1-G1"]
    assert set(ids(assigned.search("", Filters.parse(role="lead"), limit=5))) == {
        "W1-G2",
        "C1-G1",
    }


# --------------------------------------------------------------------------- filters


def test_filters_restrict_the_hits(index: SearchIndex, base_kb: KnowledgeBase) -> None:
    items = {i.id: i for i in base_kb.items()}
    kinds = {items[h].kind for h in ids(index.search("儿童", Filters.parse(kind="措施"), 50))}
    assert kinds == {"measure"}
    plans = {items[h].plan for h in ids(index.search("健康", Filters.parse(plan="C"), 50))}
    assert plans == {"C"}
    for domain in ("W1", "w1", "妇女与健康"):
        found = index.search("健康", Filters.parse(domain=domain), 50)
        assert {h.domain for h in found} == {"W1"}
    targeted = ids(index.search("健康", Filters.parse(has_target=True), 50))
    assert targeted and all(items[h].targets for h in targeted)


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"plan": "X"}, "--plan"),
        ({"kind": "目的"}, "--kind"),
        ({"role": "boss"}, "--role"),
    ],
)
def test_bad_filter_values_say_what_is_allowed(filters: dict[str, str], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        Filters.parse(**filters)  # type: ignore[arg-type]


def test_an_unknown_domain_lists_the_domains(index: SearchIndex) -> None:
    with pytest.raises(QueryError, match="妇女与健康"):
        index.search("健康", Filters.parse(domain="W9"))


# --------------------------------------------------------------------------- any input is safe

SYNTAX = [
    "AND", "OR", "NOT", "and", "(", ")", "[", "]", "{", "}", '"', "'", "*", "?", "~2", "^3",
    "title:", "text:", "id:", "+", "-", "\\", "/", ":", "<", ">", "=", "%", "　", "\x00",
    "家暴", "W1-G2", "12/10万", "孕产妇", "卫健局", "𠮷", "\udcff",
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.text(st.characters(exclude_categories=())),
        st.lists(st.sampled_from(SYNTAX), max_size=12).map(" ".join),
        st.lists(st.sampled_from(SYNTAX), max_size=30).map("".join),
        st.text(min_size=300, max_size=3000),
    )
)
def test_no_query_crashes(index: SearchIndex, query: str) -> None:
    hits = index.search(query, limit=5)
    assert len(hits) <= 5
    assert all(isinstance(h, Hit) for h in hits)


@pytest.mark.parametrize(
    "query", ["title:家暴", '"家暴', "家暴 AND", "NOT 家暴", "(家暴", "家暴*", "家暴~2", "{家暴]"]
)
def test_query_syntax_is_searched_as_text(index: SearchIndex, query: str) -> None:
    assert ids(index.search(query))[:3] == ids(index.search("家暴"))[:3]


def test_a_very_long_query_is_answered(index: SearchIndex) -> None:
    assert {"W8-G4", "W8-M4"} <= set(ids(index.search("家暴" * 50_000))[:3])


# --------------------------------------------------------------------------- the command


def test_kb_search_shows_id_domain_snippet_and_departments(
    capsys: pytest.CaptureFixture[str], out: Path
) -> None:
    code, text, _ = run(capsys, "search", "家暴", "--out", str(out), "--limit", "3")
    assert code == 0
    assert "W8-G4  妇女与法律 · 主要目标" in text
    assert "【家庭暴力】" in text and "责任单位：" in text


def test_kb_search_json_is_best_first(capsys: pytest.CaptureFixture[str], out: Path) -> None:
    code, text, _ = run(capsys, "search", "孕产妇", "--out", str(out), "--json")
    hits = json.loads(text)
    assert code == 0 and hits and hits[0]["id"] in {"W1-G2", "W1-M4"}
    assert all({"id", "doc", "score"} <= set(h) for h in hits)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_kb_search_batch(capsys: pytest.CaptureFixture[str], out: Path, tmp_path: Path) -> None:
    queries = tmp_path / "queries.txt"
    queries.write_text("家暴\n# 注释\n\n孕产妇死亡率\nW1-G2\n", encoding="utf-8")
    code, text, _ = run(capsys, "search", "--queries", str(queries), "--json", "--out", str(out))
    data = json.loads(text)
    assert code == 0 and list(data) == ["家暴", "孕产妇死亡率", "W1-G2"]
    assert [h["id"] for h in data["W1-G2"]] == ["W1-G2"]


def test_kb_search_without_an_index_says_to_build(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "search", "家暴", "--out", str(tmp_path / "nothing"))
    assert code == 1 and "kb build" in err and "kb index" in err and "Traceback" not in err


def test_kb_search_needs_a_query(capsys: pytest.CaptureFixture[str], out: Path) -> None:
    code, _, err = run(capsys, "search", "--out", str(out))
    assert code == 1 and "kb search 家暴" in err


@pytest.mark.parametrize("query", ["\udcff家暴", "“”", "title:", "\x00"])
def test_kb_search_prints_anything_it_is_given(
    capsys: pytest.CaptureFixture[str], out: Path, query: str
) -> None:
    assert run(capsys, "search", query, "--out", str(out))[0] == 0
    assert run(capsys, "search", query, "--out", str(out), "--json")[0] == 0


def test_a_bad_queries_file_is_named(
    capsys: pytest.CaptureFixture[str], out: Path, tmp_path: Path
) -> None:
    queries = tmp_path / "q.txt"
    queries.write_bytes("家暴\n".encode() + "孕产妇\n".encode("gbk"))
    code, _, err = run(capsys, "search", "--queries", str(queries), "--out", str(out))
    assert code == 1 and f"{queries}:2" in err and "UTF-8" in err


# --------------------------------------------------------------------------- builds


def test_the_release_has_an_index(built: BuildResult) -> None:
    with SearchIndex(built.release / INDEX) as opened:
        assert ids(opened.search("W1-G2")) == ["W1-G2"]


def test_the_index_is_byte_for_byte_reproducible(tmp_path: Path, built: BuildResult) -> None:
    code = (
        "import sys; from pathlib import Path; from kb.build import load_kb; "
        "from kb.corpus import Corpus; from kb.search.indexer import analyze, write_index; "
        "corpus = Corpus.load(Path('corpus')); kb = load_kb(corpus)[0]; "
        "write_index(kb, analyze(kb, corpus.search_terms), Path(sys.argv[1]))"
    )
    env = dict(os.environ, PYTHONHASHSEED="12345")  # other set and dict orders
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "b")], cwd=ROOT, env=env, check=True)
    assert tree_digest(built.release / INDEX) == tree_digest(tmp_path / "b")


def test_kb_index_replaces_only_the_index(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, base_kb: KnowledgeBase, corpus: Corpus
) -> None:
    out = tmp_path / "build"
    with staging(out, "release") as stage:
        bare = analyze(base_kb, Corpus.load(tmp_path).search_terms)
        write_release(stage, base_kb, corpus, bare)
        (stage / "kb.json").write_text("{}", encoding="utf-8")
        publish_release(stage, out)
    before = ids(search(out, "家暴"))[:2]  # no synonyms when this index was written
    code, text, _ = run(capsys, "index", "--out", str(out))
    assert code == 0 and "已重建检索索引" in text
    current = (out / "current").resolve()
    assert (current / "kb.json").read_text(encoding="utf-8") == "{}"
    assert ids(search(out, "W1-G2")) == ["W1-G2"]
    assert "W8-M4" not in before and "W8-M4" in ids(search(out, "家暴"))[:2]
    assert reindex(corpus, out).release == current  # same inputs, same release


def test_a_search_starts_over_when_its_release_vanishes(
    out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = engine.SearchIndex.__init__
    calls = []

    def flaky(self: SearchIndex, folder: Path) -> None:
        calls.append(folder)
        if len(calls) == 1:
            raise FileNotFoundError(folder)  # a build pruned the release just now
        real(self, folder)

    monkeypatch.setattr(engine.SearchIndex, "__init__", flaky)
    assert ids(search(out, "W1-G2")) == ["W1-G2"] and len(calls) == 2


def test_searches_during_rebuilds_always_answer(
    tmp_path: Path, base_kb: KnowledgeBase, corpus: Corpus
) -> None:
    """Searches run while the index is rebuilt again and again: none fails, all answer."""
    doc = base_kb.documents[0]
    small = dataclasses.replace(doc, items=tuple(i for i in doc.items if i.domain in ("W1", "W8")))
    first = KnowledgeBase(documents=(small,))
    changed = [dataclasses.replace(i, text=i.text + "。") for i in small.items]
    second = KnowledgeBase(documents=(dataclasses.replace(small, items=tuple(changed)),))
    out = tmp_path / "build"
    publish_index(first, corpus, out)
    errors: list[BaseException] = []
    answers: list[list[str]] = []
    done = threading.Event()

    def keep_searching() -> None:
        while not done.is_set():
            try:
                answers.append(ids(search_many(out, ["孕产妇死亡率", "家暴"])["孕产妇死亡率"]))
            except BaseException as exc:  # collected for the assertion below
                errors.append(exc)

    threads = [threading.Thread(target=keep_searching) for _ in range(2)]
    for thread in threads:
        thread.start()
    try:
        for round_ in range(4):
            publish_index(second if round_ % 2 == 0 else first, corpus, out)
    finally:
        done.set()
        for thread in threads:
            thread.join()
    assert not errors, errors[:3]
    assert answers and all(a[:1] == ["W1-G2"] for a in answers)


def test_best_of_scores_only_the_forms_an_item_contains(tmp_path: Path) -> None:
    """whoosh's own DisjunctionMax lends an item the score of a form it lacks."""
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.index import create_in
    from whoosh.query import Term

    from kb.search.bestof import BestOf

    index = create_in(str(tmp_path), Schema(key=ID(stored=True), body=TEXT))
    writer = index.writer()
    rows = (("a", "alpha"), ("b", "beta beta beta beta"), ("ab", "alpha beta"), ("none", "gamma"))
    for key, body in rows:
        writer.add_document(key=key, body=body)
    writer.commit()
    with index.searcher() as searcher:

        def scores(query: object) -> dict[str, float]:
            return {hit["key"]: round(hit.score, 6) for hit in searcher.search(query)}

        x, y = scores(Term("body", "alpha")), scores(Term("body", "beta"))
        best = scores(BestOf([Term("body", "alpha"), Term("body", "beta")]))
    assert best == {"a": x["a"], "b": y["b"], "ab": max(x["ab"], y["ab"])}
