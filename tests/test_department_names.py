"""Every name an official types resolves: short, customary, old, with the county's prefix."""

from __future__ import annotations

import pytest
from helpers import CORPUS

from kb.corpus.gazetteer import Gazetteer, read_gazetteer
from kb.model import KnowledgeBase
from kb.names import nearest
from kb.views.responsibility import resolve


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    path = CORPUS / "departments.yaml"
    gaz, problems = read_gazetteer(path.read_text(encoding="utf-8"), str(path))
    assert problems == []
    return KnowledgeBase((), departments=gaz.departments())


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        # what officials type (issue 11)
        ("县卫健局", "县卫生健康局"),
        ("县人社局", "县人力资源和社会保障局"),
        ("县医保局", "县医疗保障局"),
        ("县市场监管局", "县市场监督管理局"),
        ("县检察院", "县人民检察院"),
        ("文旅局", "县文体广电和旅游局"),
        ("卫生局", "县卫生健康局"),
        ("医保", "县医疗保障局"),
        ("民政", "县民政局"),
        # other customary and old names
        ("高台县卫健局", "县卫生健康局"),
        ("县法院", "县人民法院"),
        ("卫计委", "县卫生健康局"),
        ("工商局", "县市场监督管理局"),
        ("环保局", "县生态环境局"),
        ("扶贫办", "县乡村振兴局"),
        ("发改委", "县发展和改革局"),
        ("国土局", "县自然资源局"),
        ("人社", "县人力资源和社会保障局"),
        ("卫健", "县卫生健康局"),
        ("网信", "县委网信办"),
        ("县 卫健局", "县卫生健康局"),  # a stray space
        ("县卫健局　", "县卫生健康局"),  # a full-width space
        # the gazetteer's own names
        ("县卫生健康局", "县卫生健康局"),
        ("卫健局", "县卫生健康局"),
        ("卫生健康行政部门", "县卫生健康局"),
        ("教育局", "县教育局"),
        ("妇联", "县妇联"),
        ("妇联组织", "县妇联"),
        (" 妇联 ", "县妇联"),
        ("法院", "县人民法院"),
        ("人民检察院", "县人民检察院"),
        ("公安机关", "县公安局"),
        ("司法行政部门", "县司法局"),
        ("工会组织", "县总工会"),
        ("共青团", "团县委"),
        ("关工办", "县关工委"),
        ("统计部门", "县统计局"),
        ("县级以上民政部门", "县民政局"),
        ("综治中心", "县委政法委"),
    ],
)
def test_resolve_names(kb: KnowledgeBase, name: str, canonical: str) -> None:
    dept = resolve(kb, name)
    assert dept is not None and dept.name == canonical


@pytest.mark.parametrize("name", ["司法机关", "县林业和草原局", "", "社会"])
def test_resolve_shared_or_unknown_is_none(kb: KnowledgeBase, name: str) -> None:
    assert resolve(kb, name) is None


def test_nearest_names_for_a_typo(kb: KnowledgeBase) -> None:
    assert "卫健局" in nearest(kb.departments, "卫建局")
    assert "民政局" in nearest(kb.departments, "县民正局")


def test_bare_names_are_never_read_in_a_text() -> None:
    """医保 and 民政 are names to type, not to find: 基本医保 and 人民政府 name nobody."""
    path = CORPUS / "departments.yaml"
    gaz: Gazetteer = read_gazetteer(path.read_text(encoding="utf-8"), str(path))[0]
    named = [
        m.phrase
        for m in gaz.find_phrases("县人民政府完善基本医保制度。")
        if any(h.kind == "alias" for h in m.hits)
    ]
    assert named == []
