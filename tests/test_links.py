"""Cross-links on small made-up items: the rules, one at a time (kb.links, kb.links_vocab)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.corpus import Corpus
from kb.corpus.subjects import EMPTY, Subject, Vocabulary, find_subjects, read_subjects
from kb.enrich.links import MIN_SCORE, apply_links, link_domains, link_items
from kb.model import Document, Domain, DomainLink, Item, KnowledgeBase, Span
from kb.text import natural_key
from kb.views.links import counterparts

SPAN = Span("t.txt", 1, 1, (1,))

VOCAB = Vocabulary(
    file="test",
    subjects=(
        Subject("母婴传播", ("母婴传播", "母婴阻断")),
        Subject("家庭教育", ("家庭教育",)),
        Subject("家庭暴力", ("家庭暴力", "施暴")),
        Subject("托育服务", ("托育",)),
        Subject("HPV疫苗", ("人乳头瘤病毒疫苗", "HPV疫苗")),
        Subject("就业", ("就业",)),
        Subject("养老", ("养老",)),
        Subject("两癌", ("宫颈癌",)),
        Subject("免疫规划", ("免疫规划",)),
        Subject("近视", ("近视",)),
    ),
    ignore=("托育机构",),
    generic=("发展", "服务", "儿童", "妇女"),
)


def item(ident: str, text: str, doc: str = "d", title: str | None = None) -> Item:
    plan = "W" if ident.startswith("W") else "C"
    domain, _, rest = ident.partition("-")
    kind = "goal" if rest.startswith("G") else "measure"
    return Item(doc, ident, plan, domain, kind, int(rest[1:]), text, title, SPAN)  # type: ignore[arg-type]


def pairs(links: dict[tuple[str, str], tuple]) -> set[tuple[str, str]]:
    return {(key[1], r.id) for key, rel in links.items() for r in rel}


# --------------------------------------------------------------------------- vocabulary


def test_leftmost_longest_and_ignore() -> None:
    assert find_subjects(VOCAB, "加强学校、幼儿园、托育机构管理") == {}
    assert find_subjects(VOCAB, "发展普惠托育服务，扩大托育供给") == {"托育服务": 2}
    assert find_subjects(VOCAB, "推进HPV疫苗和人乳头瘤病毒疫苗接种") == {"HPV疫苗": 2}


def test_generic_words_create_no_links() -> None:
    items = [
        item("W1-G1", "促进妇女发展，完善服务体系，加强工作机制建设。"),
        item("C1-G1", "促进儿童发展，完善服务体系，加强工作机制建设。"),
    ]
    assert link_items(items, VOCAB) == {}


def test_the_same_concrete_subject_links_both_ways() -> None:
    items = [
        item("W1-G5", "减少艾滋病母婴传播。"),
        item("C1-M7", "加强艾滋病、梅毒和乙肝母婴阻断工作。"),
        item("C1-M8", "提高免疫规划疫苗接种率。"),
    ]
    links = link_items(items, VOCAB)
    assert pairs(links) == {("W1-G5", "C1-M7"), ("C1-M7", "W1-G5")}
    (forward,) = links[("d", "W1-G5")]
    (back,) = links[("d", "C1-M7")]
    assert (forward.id, back.id) == ("C1-M7", "W1-G5")
    assert forward.score == back.score == 1.0
    assert forward.why == back.why == ("母婴传播",)


def test_links_stay_within_one_document_and_cross_plans_only() -> None:
    fillers = [item(f"W9-G{n}", "养老", doc=doc) for doc in "ab" for n in range(1, 4)]
    items = [
        item("W1-G1", "家庭教育", doc="a"),
        item("W1-G2", "家庭教育", doc="a"),
        item("C1-G1", "家庭教育", doc="b"),
        item("C1-G2", "家庭教育", doc="a"),
        *fillers,
    ]
    assert pairs(link_items(items, VOCAB)) == {
        ("W1-G1", "C1-G2"),
        ("W1-G2", "C1-G2"),
        ("C1-G2", "W1-G1"),
        ("C1-G2", "W1-G2"),
    }


def test_a_passing_mention_among_other_subjects_links_weakly() -> None:
    items = [
        item("W8-G4", "预防和制止家庭暴力。"),
        item("C5-M3", "禁止家庭暴力。落实就业、养老、托育、宫颈癌、免疫规划和近视防控措施。"),
        item("C7-M11", "严惩对儿童实施家庭暴力的施暴人。"),
        item("W3-G1", "就业"),  # the other subjects must occur elsewhere to weigh anything
        item("W5-G1", "养老"),
        item("W1-G3", "宫颈癌"),
    ]
    related = link_items(items, VOCAB)[("d", "W8-G4")]
    assert [r.id for r in related] == ["C7-M11"]
    assert all(r.score >= MIN_SCORE for rel in link_items(items, VOCAB).values() for r in rel)


def test_a_subject_only_two_items_share_is_an_exact_cross_reference() -> None:
    # HPV vaccination is a passing mention in both, but nobody else mentions it.
    items = [
        item("W1-M5", "宫颈癌防治。宫颈癌筛查。宫颈癌救助。推进人乳头瘤病毒疫苗接种。"),
        item("C1-M8", "免疫规划疫苗管理。免疫规划接种率。推进女童HPV疫苗接种。"),
        item("W1-G3", "宫颈癌筛查率"),
        item("C1-G6", "免疫规划疫苗接种率"),
    ]
    (link,) = link_items(items, VOCAB)[("d", "W1-M5")]
    assert (link.id, link.score, link.why) == ("C1-M8", MIN_SCORE, ("HPV疫苗",))


def test_order_is_score_then_natural_id_and_scores_are_rounded() -> None:
    items = [
        item("W5-G1", "家庭教育"),
        item("C5-M10", "家庭教育"),
        item("C5-M2", "家庭教育"),
        item("C5-M9", "家庭教育。就业"),  # the second subject lowers its score
        *(item(f"W3-G{n}", "就业") for n in (1, 2)),
        *(item(f"W9-G{n}", "养老") for n in range(1, 5)),
    ]
    related = link_items(items, VOCAB)[("d", "W5-G1")]
    assert [r.id for r in related] == ["C5-M2", "C5-M10", "C5-M9"]
    assert all(r.score == round(r.score, 3) for r in related)
    assert natural_key("C1-M2") < natural_key("C1-M10")


@settings(max_examples=40, deadline=None)
@given(st.permutations(range(6)))
def test_links_do_not_depend_on_item_order(order: list[int]) -> None:
    items = [
        item("W1-G5", "母婴传播"),
        item("W6-M10", "家庭教育，家庭暴力"),
        item("W8-M4", "家庭暴力"),
        item("C1-M7", "母婴阻断，托育"),
        item("C5-M3", "家庭教育，家庭暴力，施暴"),
        item("C7-M11", "家庭暴力"),
    ]
    expected = link_items(items, VOCAB)
    assert link_items([items[i] for i in order], VOCAB) == expected


# --------------------------------------------------------------------------- domains


def knowledge_base(items: list[Item]) -> KnowledgeBase:
    domain_ids = sorted({i.domain for i in items}, key=natural_key)
    domains = tuple(
        Domain(
            "d",
            d,
            "W" if d.startswith("W") else "C",  # type: ignore[arg-type]
            int(d[1:]),
            d,
            "",
            SPAN,
            tuple(i.id for i in items if i.domain == d and i.kind == "goal"),
            tuple(i.id for i in items if i.domain == d and i.kind == "measure"),
        )
        for d in domain_ids
    )
    doc = Document("d", "t.txt", "t", None, (), (), domains, tuple(items), 1)
    return KnowledgeBase(documents=(doc,))


def test_domain_links_come_from_item_links() -> None:
    kb = knowledge_base(
        [
            item("W1-G1", "母婴传播"),
            item("W1-G2", "母婴传播"),
            item("W6-G1", "家庭教育"),
            item("W6-G2", "家庭暴力"),
            item("C1-G1", "母婴阻断"),
            item("C1-G2", "近视"),
            item("C5-G1", "家庭教育"),
            item("C5-G2", "家庭暴力"),
            item("C7-G1", "免疫规划"),
        ]
    )
    linked = apply_links(kb, VOCAB)
    assert [(d.women, d.children) for d in linked.domain_links] == [("W6", "C5"), ("W1", "C1")]
    w1c1 = linked.domain_links[1]
    # every item of W1 and C1 has a perfect partner except C1-G2: (1 + 1 + 1 + 0) / 4
    assert w1c1.strength == 0.75
    assert w1c1.why == ("母婴传播",)
    assert counterparts(linked.domain_links) == {("d", "W1", "C1"), ("d", "W6", "C5")}
    assert link_domains(linked.items(), linked.domains()) == linked.domain_links


def test_counterparts_are_mutual_strongest_pairs() -> None:
    links = [
        DomainLink("d", "W1", "C1", 0.5, ()),
        DomainLink("d", "W3", "C1", 0.2, ()),
        DomainLink("d", "W3", "C4", 0.1, ()),
    ]
    assert counterparts(links) == {("d", "W1", "C1")}


def test_without_a_vocabulary_nothing_is_linked() -> None:
    kb = knowledge_base([item("W1-G1", "母婴传播"), item("C1-G1", "母婴传播")])
    linked = apply_links(kb, EMPTY)
    assert all(i.related == () for i in linked.items())
    assert linked.domain_links == ()


# --------------------------------------------------------------------------- the yaml file


def test_missing_file_is_an_empty_vocabulary(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    corpus = Corpus.load(tmp_path)
    assert corpus.subjects == EMPTY
    assert not [p for p in corpus.report.problems if "subjects" in p.file]


def test_a_bad_file_is_a_problem_for_kb_check(tmp_path: Path) -> None:
    (tmp_path / "subjects.yaml").write_text(
        "subjects:\n  - name: 托育\n    alias: [托位]\n", encoding="utf-8"
    )
    (problem,) = [p for p in Corpus.load(tmp_path).report.problems if p.code == "bad-subjects"]
    assert (problem.line, problem.level) == (3, "error")
    assert str(problem).startswith(f"{tmp_path / 'subjects.yaml'}:3: 错误：未知的键“alias”")


def test_loads_subjects_aliases_and_indicators() -> None:
    vocabulary, problems = read_subjects(
        "version: 1\ngeneric: [发展]\nignore: [托育机构]\nsubjects:\n"
        "  - name: 托育服务\n    aliases: [托育, 托位]\n"
        "  - name: 九年义务教育巩固率\n    indicator: true\n",
        "subjects.yaml",
    )
    assert problems == []
    assert vocabulary.subject("托育服务").aliases == ("托育", "托位")
    assert vocabulary.subject("九年义务教育巩固率").aliases == ("九年义务教育巩固率",)
    assert vocabulary.subject("九年义务教育巩固率").indicator
    assert vocabulary.subject("托育服务").line == 5


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("subjects:\n  - name: 托育\n    alias: [托位]\n", 3, "未知的键“alias”"),
        ("subjects:\n  - name: 托育\n    name: 托位\n", 3, "键“name”重复"),
        ("generic: [服务]\nsubjects:\n  - name: 服务\n", 3, "宽泛的词"),
        (
            "subjects:\n  - name: 甲\n    aliases: [托育]\n  - name: 乙\n    aliases: [托育]\n",
            4,
            "只能属于一个主题",
        ),
        ("subjects: []\n", 1, "非空"),
        ("subjects:\n  - name: 甲\n    indicator: maybe\n", 3, "true 或 false"),
        ("subjects: [\n", 2, "不是合法的 YAML"),
    ],
)
def test_bad_files_name_the_line_and_what_is_wrong(text: str, line: int, message: str) -> None:
    _, problems = read_subjects(text, "corpus/subjects.yaml")
    assert any(p.line == line and message in p.message for p in problems), problems
    assert all(str(p).startswith(f"corpus/subjects.yaml:{p.line}: 错误：") for p in problems)
