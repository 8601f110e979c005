"""Plans and the plans they implement (tests/data/parents, assembled from real excerpts).

Each child plan cites its parent; every child item finds its counterpart in the
parent and its targets are compared (stricter / same / looser / only here), in
the model, ``kb show``, the export and the site's domain page.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import CORPUS, DATA

from kb.build import load_kb
from kb.corpus import Corpus
from kb.model import KnowledgeBase
from kb.site.context import Context
from kb.site.pages.domain import domain_page
from kb.views.export import export_data
from kb.views.terminal import show_text

PARENTS = DATA / "parents"


@pytest.fixture(scope="module")
def family(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder = tmp_path_factory.mktemp("parents") / "corpus"
    folder.mkdir()
    for path in CORPUS.iterdir():  # the curated files, not the Gaotai plans
        if path.suffix != ".txt" or path.name == "dictionary.txt":
            shutil.copy(path, folder / path.name)
    for path in PARENTS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return load_kb(Corpus.load(Path(folder)))[0]


def verdicts(kb: KnowledgeBase, doc: str, ident: str) -> list[tuple[str, str]]:
    link = kb.item(doc, ident).parent
    assert link is not None
    return [(c.indicator, c.verdict) for c in link.targets]


def test_levels_places_and_what_they_implement(family: KnowledgeBase) -> None:
    seen = {
        d.slug: (d.level, d.place, [(c.place, c.plan) for c in d.implements])
        for d in family.documents
    }
    assert seen == {
        "fuzhou-c-2021-assembled": ("市", "福州市", [("中国", "C")]),
        "national-c-2011-health": ("国家", "中国", []),
        "national-c-2021-assembled": ("国家", "中国", []),
        "yunnan-c-2011-assembled": ("省", "云南", [("中国", "C")]),
    }


def test_each_item_finds_its_counterpart_in_the_plan_of_its_period(family: KnowledgeBase) -> None:
    link = family.item("fuzhou-c-2021-assembled", "C1-G1").parent
    assert link is not None
    assert (link.doc, link.id) == ("national-c-2021-assembled", "C1-G1")  # not the 2011 纲要
    assert link.why == ("5岁以下儿童死亡率", "婴儿死亡率", "新生儿死亡率")
    assert verdicts(family, "fuzhou-c-2021-assembled", "C1-G1") == [
        ("新生儿死亡率", "same"),  # 3‰ and 3.0‰
        ("婴儿死亡率", "stricter"),  # 4‰ under the national 5‰
        ("5岁以下儿童死亡率", "stricter"),
    ]
    low_weight = family.item("yunnan-c-2011-assembled", "C1-G3").parent
    assert low_weight is not None and (low_weight.doc, low_weight.id) == (
        "national-c-2011-health",
        "C1-G7",
    )
    assert verdicts(family, "yunnan-c-2011-assembled", "C1-G3") == [("低出生体重发生率", "looser")]
    # the national goal 2 (婴儿…死亡率分别控制在10%。和13%。以下) is damaged: no target to compare
    infant = family.item("yunnan-c-2011-assembled", "C1-G4").parent
    assert infant is not None and infant.id == "C1-G2"
    assert verdicts(family, "yunnan-c-2011-assembled", "C1-G4") == [("婴儿死亡率", "only-here")]


def test_items_without_a_close_counterpart_have_none(family: KnowledgeBase) -> None:
    # 福州's vaccination goal: the assembled national section has no such goal
    assert family.item("fuzhou-c-2021-assembled", "C1-G2").parent is None
    assert all(i.parent is None for d in family.documents if not d.implements for i in d.items)


def test_kb_show_export_and_site_show_the_parent(family: KnowledgeBase) -> None:
    document = family.document("fuzhou-c-2021-assembled")
    item = family.item(document.slug, "C1-G1")
    text = show_text(family, document, item)
    assert "上级规划中的对应条目：" in text
    assert "C1-G1 新生儿、婴儿和5岁以下儿童死亡率分别降至3.0‰、5.0‰和…（中国儿童发展纲要" in text
    assert "婴儿死亡率：本级 ≤ 4‰（2030年），上级 ≤ 5‰（2030年，C1-G1） → 比上级更严" in text
    plan = show_text(family, document, document.plans[0])
    assert "级别：市 · 地方：福州市" in plan
    assert "实施：中国儿童发展纲要（2021—2030年）（国家级）" in plan
    row = next(
        r for r in export_data(family)["items"] if (r["doc"], r["id"]) == (document.slug, "C1-G1")
    )
    assert row["parent"]["id"] == "C1-G1" and row["parent"]["doc"] == "national-c-2021-assembled"
    assert [t["verdict"] for t in row["parent"]["targets"]] == ["same", "stricter", "stricter"]
    docs = {d["slug"]: d for d in export_data(family)["documents"]}
    assert docs[document.slug]["level"] == "市"
    assert docs[document.slug]["implements"][0]["place"] == "中国"
    page = domain_page(Context(family), family.domain(document.slug, "C1"))
    assert "上级规划：" in page
    assert "比上级更严" in page and "与上级相同" in page
