"""The layouts of tests/fixtures/good/other-layouts.txt (a fixture), part by part, and --strict."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import DATA, FIXTURES, assert_lossless, copy_corpus, parse_file, run

from kb.enrich.targets import item_extraction
from kb.model import Document

OTHER = FIXTURES / "good" / "other-layouts.txt"


@pytest.fixture(scope="module")
def document() -> Document:
    document, problems = parse_file(OTHER)
    assert document is not None and problems == []
    return document


def numeric(document: Document, ident: str) -> list[tuple[str, str, float, str, int, str, int]]:
    item = next(i for i in document.items if i.id == ident)
    plan = next(p for p in document.plans if p.id == item.plan)
    return [
        (t.indicator, t.comparator, t.value, t.unit, t.year, t.scope, t.line)
        for t in item_extraction(item, plan).targets
        if t.value is not None
    ]


def test_nine_domains_and_the_lines_every_node_owns(document: Document) -> None:
    assert [d.id for d in document.domains] == [f"W{n}" for n in range(1, 10)]
    assert document.domains[-1].name == "妇女与乡村振兴"
    assert_lossless(document, OTHER.read_text(encoding="utf-8"))


def test_key_projects_and_boxes_are_their_own_nodes(document: Document) -> None:
    projects = [(p.id, p.parent, p.title, p.span.first, p.span.last) for p in document.projects]
    assert projects == [
        ("W1-P1", "W1", "妇幼健康保障项目", 21, 21),
        ("W1-P2", "W1", "宫颈癌和乳腺癌防治项目", 22, 22),
        ("W2-P1", "W2", "女大学生就业创业促进工程", 29, 31),
    ]
    box = document.projects[-1]
    assert [(p.line, p.marker) for p in box.parts] == [(30, "1."), (31, "2.")]
    # the measure after the box continues the list; the last measure is not merged with it
    w2 = [(i.id, i.span.first, i.span.last) for i in document.items if i.kind == "measure"]
    assert [m for m in w2 if m[0].startswith("W2")] == [("W2-M1", 28, 28), ("W2-M2", 32, 32)]


def test_parts_and_bullet_goals(document: Document) -> None:
    items = {i.id: i for i in document.items}
    assert [(p.marker, p.line) for p in items["W1-M2"].parts] == [("一是", 18), ("二是", 19)]
    assert [i.id for i in document.items if i.domain == "W2" and i.kind == "goal"] == [
        "W2-G1",
        "W2-G2",
    ]
    assert items["W1-G1"].span.first == 10  # 具体目标：1.… on one line


def test_targets_of_the_new_layouts(document: Document) -> None:
    assert numeric(document, "W1-G2") == [
        ("妇女宫颈癌人群筛查率", ">=", 50.0, "%", 2025, "", 12),
        ("妇女宫颈癌人群筛查率", ">=", 70.0, "%", 2030, "", 13),
    ]
    assert numeric(document, "W1-G3") == [
        ("孕产妇住院分娩率", ">=", 99.0, "%", 2030, "城市", 14),
        ("孕产妇住院分娩率", ">=", 97.0, "%", 2030, "农村", 14),
    ]
    assert numeric(document, "W1-M1") == [
        ("每个县政府举办的妇幼保健机构数", "=", 1.0, "所", 2030, "", 16)
    ]
    assert numeric(document, "W2-G2") == [("高等教育毛入学率", ">=", 60.0, "%", 2030, "", 26)]


def test_a_goals_only_page_is_a_warning_and_fatal_under_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_corpus(tmp_path / "corpus")
    (folder / "gaotai-2022-women-children-development-plans.txt").unlink()
    page = DATA / "layouts" / "langfang-c-safety-goals.txt"
    (folder / page.name).write_bytes(page.read_bytes())
    code, out, _ = run(capsys, "check", "--corpus", str(folder), "--out", str(tmp_path / "out"))
    assert code == 0, out
    assert "langfang-c-safety-goals.txt:8: 警告：领域“儿童与安全”只有“主要目标”" in out
    code, out, _ = run(
        capsys, "check", "--strict", "--corpus", str(folder), "--out", str(tmp_path / "out")
    )
    assert code != 0
    assert "--strict" in out
