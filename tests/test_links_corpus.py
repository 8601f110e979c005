"""Cross-links on the real corpus: known pairs, export contract, `kb links`, quality floor."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from eval_links import links_of, load_judgments
from helpers import CORPUS, copy_corpus

from kb.cli import main
from kb.corpus import Corpus
from kb.model import KnowledgeBase
from kb.views.links import summary, verdict

VOCABULARY_FILE = "subjects.yaml"

# Precision of the links against the hand-judged pairs (0.941 when written): a change to
# the vocabulary or the scoring that falls below this floor is a regression.
PRECISION_FLOOR = 0.90
RECALL_FLOOR = 0.80  # of the pairs judged related (0.854 when written)


@pytest.fixture(scope="module")
def kb(knowledge: KnowledgeBase) -> KnowledgeBase:
    return knowledge


def related(kb: KnowledgeBase, ident: str) -> dict[str, tuple[float, tuple[str, ...]]]:
    (found,) = [i for i in kb.items() if i.id == ident]
    return {r.id: (r.score, r.why) for r in found.related}


@pytest.mark.parametrize(
    ("women", "children", "subject"),
    [
        ("W1-G5", "C1-M7", "母婴传播"),  # 艾滋病梅毒乙肝母婴传播 ↔ 母婴阻断
        ("W1-M7", "C1-M7", "母婴传播"),
        ("W6-G9", "C5-G3", "父母的抚养教育保护责任"),  # the two family-education goals
        ("W6-M10", "C5-M3", "家庭教育"),
        ("W8-M4", "C7-M11", "家庭暴力"),
        ("W6-M3", "C4-M5", "托育服务"),
        ("W8-M7", "C7-M10", "性侵害"),
        ("W8-M11", "C7-M5", "法律援助"),
        ("W7-M8", "C6-M9", "饮水安全"),
        ("W1-M5", "C1-M8", "HPV疫苗"),  # 人乳头瘤病毒疫苗 ↔ HPV疫苗
        ("W2-G4", "C3-G3", "九年义务教育巩固率"),
        ("W2-G5", "C3-G4", "高中阶段教育毛入学率"),
        ("W7-G6", "C6-G7", "农村自来水普及率"),
    ],
)
def test_known_pairs_are_linked_both_ways(
    kb: KnowledgeBase, women: str, children: str, subject: str
) -> None:
    forward = related(kb, women)[children]
    assert subject in forward[1]
    assert related(kb, children)[women] == forward


@pytest.mark.parametrize(
    ("women", "children"),
    [
        ("W8-G6", "C5-M1"),  # 性骚扰 vs 家庭教育中的法治意识
        ("W1-G6", "C2-M9"),  # 妇女焦虑抑郁 vs 学生欺凌
        ("W3-M3", "C4-M9"),  # 妇女就业创业 vs 留守儿童（农民工返乡创业）
        ("W2-G8", "C3-M1"),  # 女性终身学习 vs 教育方针（学生终身学习能力）
        ("W5-G4", "C4-M3"),  # 养老保险参保 vs 儿童医保参保
        ("W7-G8", "C7-M8"),  # 突发事件 vs 监护制度
        ("W7-M8", "C3-M11"),  # 农村饮水 vs 学校的安全饮用水
    ],
)
def test_unrelated_subjects_are_not_linked(kb: KnowledgeBase, women: str, children: str) -> None:
    assert children not in related(kb, women)


def test_the_womens_decision_making_domain_links_nowhere(kb: KnowledgeBase) -> None:
    assert [i.id for i in kb.items() if i.domain == "W4" and i.related] == []


def test_counterpart_domains(kb: KnowledgeBase) -> None:
    pairs = {(d.women, d.children): d for d in kb.domain_links}
    for women, children in [
        ("W1", "C1"),
        ("W2", "C3"),
        ("W5", "C4"),
        ("W6", "C5"),
        ("W7", "C6"),
        ("W8", "C7"),
    ]:
        assert pairs[(women, children)].strength > 0.2
    partial = {("W6", "C4"), ("W6", "C7"), ("W8", "C2")}
    assert partial <= set(pairs)
    assert all(pairs[p].strength < 0.1 for p in partial)
    assert "托育服务" in pairs[("W6", "C4")].why


def test_shared_indicators_compare_both_targets(kb: KnowledgeBase) -> None:
    found = {c.indicator: c for c in kb.shared_indicators}
    assert set(found) == {
        "九年义务教育巩固率",
        "高中阶段教育毛入学率",
        "农村自来水普及率",
        "农村卫生厕所普及率",
    }
    school = found["九年义务教育巩固率"]
    assert [t.id for t in school.women] == ["W2-G4"]
    assert [t.id for t in school.children] == ["C3-G3"]
    target = school.women[0].target
    assert target is not None and (target.comparator, target.value) == (">=", 99.0)
    assert school.same and verdict(school) == "目标相同（≥ 99%）"
    water = found["农村自来水普及率"].women[0]
    assert water.target is not None and water.target.phrase == "农村自来水全面普及率达到100%"
    assert verdict(found["农村卫生厕所普及率"]) == "目标相同（提高（定性））"
    assert summary(water) == "≥ 100%"


def test_export_contract(kb_data: dict[str, Any]) -> None:
    items = {(i["doc"], i["id"]): i for i in kb_data["items"]}
    linked = [i for i in items.values() if i["related"]]
    assert len(linked) > 150
    for item in linked:
        rows = item["related"]
        assert all(set(r) == {"doc", "id", "score", "why"} for r in rows)
        assert all(r["why"] and isinstance(r["score"], float) for r in rows)
        assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
        for r in rows:
            other = items[(r["doc"], r["id"])]
            assert other["plan"] != item["plan"] and r["doc"] == item["doc"]
            back = [b for b in other["related"] if b["id"] == item["id"]]
            expected = {"doc": item["doc"], "id": item["id"], "score": r["score"], "why": r["why"]}
            assert back == [expected]
    assert {(d["women"], d["children"]) for d in kb_data["domain_links"]} >= {("W1", "C1")}


def test_precision_and_recall_floor(kb: KnowledgeBase) -> None:
    doc, judged = load_judgments()
    links = links_of(kb, doc)
    known = [p for p in links if p in judged]
    assert len(known) >= 0.95 * len(links), (
        "judge the new links: evaluation/eval_links.py lists them"
    )
    correct = sum(judged[p] for p in known)
    assert correct / len(known) >= PRECISION_FLOOR
    assert correct / sum(judged.values()) >= RECALL_FLOOR


def test_judgments_cover_both_plans(kb: KnowledgeBase) -> None:
    _, judged = load_judgments()
    assert len(judged) >= 60
    assert len({w for w, _ in judged}) >= 30 and len({c for _, c in judged}) >= 30


def test_every_alias_occurs_in_the_plans(kb: KnowledgeBase) -> None:
    text = "\n".join(i.text for i in kb.items())
    vocabulary = Corpus.load(CORPUS).subjects
    phrases = [a for s in vocabulary.subjects for a in s.aliases] + list(vocabulary.ignore)
    assert [p for p in phrases if p not in text] == []


# --------------------------------------------------------------------------- commands


def test_kb_links_lists_domains_subjects_and_indicators(
    capsys: pytest.CaptureFixture[str], out: Path
) -> None:
    assert main(["links", "--out", str(out)]) == 0
    out = capsys.readouterr().out
    assert "W1 妇女与健康 ↔ C1 儿童与健康  对应" in out
    assert "母婴传播（2 对）：W1-G5、W1-M7 ↔ C1-M7" in out
    assert "九年义务教育巩固率：目标相同（≥ 99%）" in out
    assert "W2-G4  妇女发展规划：“九年义务教育巩固率提高到99%以上”" in out
    assert "有跨规划关联" in out


def test_kb_links_subject_and_json(capsys: pytest.CaptureFixture[str], out: Path) -> None:
    assert main(["links", "--subject", "家庭暴力", "--json", "--out", str(out)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["name"] for s in data["subjects"]] == ["家庭暴力"]
    assert "W8-M4" in data["subjects"][0]["women"]
    assert data["summary"]["linked_items"] > 150


def test_kb_links_unknown_subject_says_how_to_list(
    capsys: pytest.CaptureFixture[str], out: Path
) -> None:
    assert main(["links", "--subject", "火星", "--out", str(out)]) == 1
    assert "不带 --subject 运行 kb links" in capsys.readouterr().err


def test_kb_links_bad_vocabulary_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy_corpus(tmp_path, curated=False)
    (tmp_path / VOCABULARY_FILE).write_text("subjects:\n  - nme: 托育\n", encoding="utf-8")
    assert main(["check", "--corpus", str(tmp_path)]) == 1
    assert f"{tmp_path / VOCABULARY_FILE}:2: 错误：未知的键“nme”" in capsys.readouterr().out


def test_kb_show_lists_related_items(capsys: pytest.CaptureFixture[str], out: Path) -> None:
    assert main(["show", "W1-M7", "--out", str(out)]) == 0
    assert "C1-M7 强化儿童疾病防治（相关度 0.75" in capsys.readouterr().out
