"""Goals and the measures that implement them (kb.enrich.pairs), on the real plans."""

from __future__ import annotations

import pytest

from kb.model import KnowledgeBase

# Pairs any reader of the plan sees: the measure's title repeats the goal's words.
KNOWN = [
    ("W3-G2", "W3-M2"),  # 消除就业性别歧视
    ("W3-G2", "W3-M4"),  # 女大学生就业
    ("W3-G3", "W3-M5"),  # 妇女就业结构
    ("W3-G6", "W3-M8"),  # 女性劳动者劳动安全
    ("W3-G7", "W3-M11"),  # 农村妇女平等享有
    ("W3-G9", "W3-M13"),  # 乡村振兴
    ("W8-G4", "W8-M4"),  # 反家庭暴力法
    ("C1-G6", "C1-M8"),  # 免疫规划疫苗
    ("C1-G9", "C1-M11"),  # 近视
    ("C7-G5", "C7-M7"),  # 民事权益
    ("W6-G7", "W6-M8"),  # 分担家务
]


def pairs_of(kb: KnowledgeBase, ident: str) -> dict[str, tuple[str, ...]]:
    item = next(i for i in kb.items() if i.id == ident)
    return {p.id: p.why for p in item.pairs}


@pytest.mark.parametrize(("goal", "measure"), KNOWN)
def test_known_pairs(knowledge: KnowledgeBase, goal: str, measure: str) -> None:
    assert measure in pairs_of(knowledge, goal)
    assert goal in pairs_of(knowledge, measure)


def test_pairs_are_symmetric_within_a_domain_and_say_why(knowledge: KnowledgeBase) -> None:
    for item in knowledge.items():
        for pair in item.pairs:
            other = knowledge.item(item.doc, pair.id)
            assert other.domain == item.domain and other.kind != item.kind
            assert any(p.id == item.id and p.score == pair.score for p in other.pairs)
            goal, measure = (item, other) if item.kind == "goal" else (other, item)
            assert pair.why and all(w in goal.text and w in measure.text for w in pair.why)


def test_almost_every_goal_and_measure_is_paired(knowledge: KnowledgeBase) -> None:
    unpaired = [i.id for i in knowledge.items() if not i.pairs]
    assert len(unpaired) <= 8, unpaired
