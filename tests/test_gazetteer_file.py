"""The gazetteer file's checks: every mistake a clerk can make is reported with its line."""

from __future__ import annotations

import pytest
from helpers import CORPUS

from kb.corpus.gazetteer import read_gazetteer
from kb.enrich.departments import assign_departments

GAZETTEER = CORPUS / "departments.yaml"

MINIMAL = """\
version: 1
shared_aliases: [司法机关]
departments:
  - name: 县人民法院
    short: 法院
    kind: judicial
    aliases: [人民法院, 司法机关]
    subjects:
      lead: [家事审判]
  - name: 县人民检察院
    short: 检察院
    kind: judicial
    aliases: [人民检察院, 司法机关]
"""


def problems_of(text: str) -> list[tuple[int, str]]:
    _, problems = read_gazetteer(text, "corpus/departments.yaml")
    for problem in problems:
        assert (problem.file, problem.level) == ("corpus/departments.yaml", "error")
        assert str(problem).startswith(f"corpus/departments.yaml:{problem.line}: 错误：")
    return [(p.line, p.message) for p in problems]


def test_minimal_gazetteer_loads() -> None:
    gaz, problems = read_gazetteer(MINIMAL, "departments.yaml")
    assert problems == []
    assert [d.short for d in gaz.entries] == ["法院", "检察院"]
    assert {r.name for r in assign_departments(gaz, "加强司法机关合作", "", "C")} == {
        "县人民法院",
        "县人民检察院",
    }


@pytest.mark.parametrize(
    ("edit", "where", "words"),
    [
        (("version: 1", "version: 1\nextra: 2"), 2, "未知的键“extra”"),
        (
            (
                "    kind: judicial\n    aliases: [人民法院",
                "    kind: judicial\n    alias: [人民法院",
            ),
            7,
            "alias",
        ),
        (("shared_aliases: [司法机关]", "shared_aliases: []"), 10, "司法机关"),
        (
            ("kind: judicial\n    aliases: [人民检察院", "kind: court\n    aliases: [人民检察院"),
            12,
            "kind",
        ),
        (
            ("lead: [家事审判]", "lead: [家事审判]\n      partner: [家事审判]"),
            10,
            "既是 lead 又是 partner",
        ),
        (("    short: 检察院\n", ""), 10, "缺少 short"),
        (("aliases: [人民检察院, 司法机关]", "aliases: [人民检察院, 司法机关, 法院]"), 10, "法院"),
        (("lead: [家事审判]", "lead: [家事审判, 人民检察院]"), 4, "主题词“人民检察院”"),
        (("version: 1", "version: 1\nnot_names: [随便什么]"), 2, "不含任何名称"),
        (
            ("shared_aliases: [司法机关]", "shared_aliases: [司法机关, 审判机关]"),
            2,
            "审判机关",
        ),
        (("lead: [家事审判]", "lead: [家事审判, 家事审判]"), 9, "重复"),
        (("departments:", "departments: [\n"), 5, "括号没有闭合"),
        (("name: 县人民检察院", "name: 县人民法院"), 10, "单位名称“县人民法院”重复"),
    ],
)
def test_validation_errors(edit: tuple[str, str], where: int, words: str) -> None:
    old, new = edit
    assert old in MINIMAL
    found = problems_of(MINIMAL.replace(old, new, 1))
    assert any(line == where and words in message for line, message in found), found


def test_every_mistake_is_listed_not_only_the_first() -> None:
    text = MINIMAL.replace(
        "kind: judicial\n    aliases: [人民检察院", "kind: court\n    aliases: [人民检察院"
    )
    text = text.replace("version: 1", "version: 1\nextra: 2")
    assert [line for line, _ in problems_of(text)] == [2, 13]


def test_yaml_syntax_errors_are_in_chinese() -> None:
    for broken in ("departments:\n  - name: 甲\n   short: 乙\n", "version: 1\n\tdepartments: []\n"):
        ((line, message),) = problems_of(broken)
        assert line > 0 and message.startswith("不是合法的 YAML：")
        assert not any("a" <= ch <= "z" for ch in message.removeprefix("不是合法的 YAML：")), (
            message
        )


def test_the_real_gazetteer_rejects_an_undeclared_shared_alias() -> None:
    text = GAZETTEER.read_text(encoding="utf-8").replace("  - 司法机关 # ", "  - 审判机关 # ", 1)
    assert any("司法机关" in message for _, message in problems_of(text))


NEW_KEYS = """\
version: 1
name_rules:
  prefixes: [县]
  bare_suffixes: [局]
whole_words: [劳动保障法律监督]
departments:
  - name: 县人力资源和社会保障局
    short: 人社局
    kind: government
    subjects:
      lead: [劳动保障法律监督, 就业]
    remit:
      - role: partner
        plan: W
        why: 就业服务
  - name: 县人民检察院
    short: 检察院
    kind: judicial
    subjects:
      lead: [法律监督, 打击…犯罪]
"""


def test_new_keys_load_and_work() -> None:
    gaz, problems = read_gazetteer(NEW_KEYS, "departments.yaml")
    assert problems == []
    hr = gaz.entry("县人力资源和社会保障局")
    assert hr.variants == ("县人社局",) and hr.bare == ("人社",)
    assert gaz.entry("县人民检察院").variants == ("县检察院",)
    assert "县人民检察院" not in {
        r.name for r in assign_departments(gaz, "加强劳动保障法律监督。", "", "W")
    }
    roles = {r.name: r for r in assign_departments(gaz, "打击拐卖犯罪。", "", "C")}
    assert roles["县人民检察院"].evidence == ("打击拐卖犯罪",)
    assert "县人力资源和社会保障局" not in roles  # its remit rule is for the women's plan


@pytest.mark.parametrize(
    ("edit", "where", "words"),
    [
        (("        plan: W\n", "        plan: X\n"), 14, "plan 应为 W"),
        (("      - role: partner\n", "      - role: helper\n"), 13, "role 应为 lead 或 partner"),
        (("        why: 就业服务\n", ""), 13, "缺少 role"),
        (("        plan: W\n        why: 就业服务\n", "        why: 就业服务\n"), 13, "应限定范围"),
        (("打击…犯罪", "打击…"), 20, "两边都应有词语"),
        (("  bare_suffixes: [局]", "  bare: [局]"), 4, "未知的键“bare”"),
        (("whole_words: [劳动保障法律监督]", "whole_words: [劳动保险]"), 5, "不含任何名称或主题词"),
        (("    remit:\n", "    remits:\n"), 12, "未知的键“remits”"),
    ],
)
def test_new_keys_are_checked(edit: tuple[str, str], where: int, words: str) -> None:
    old, new = edit
    assert old in NEW_KEYS
    found = problems_of(NEW_KEYS.replace(old, new, 1))
    assert any(line == where and words in message for line, message in found), found


def test_a_variant_that_would_name_two_bodies_is_not_generated() -> None:
    text = NEW_KEYS.replace("    short: 检察院\n", "    short: 检察院\n    aliases: [县人社局]\n")
    gaz, problems = read_gazetteer(text, "departments.yaml")
    assert problems == []
    assert gaz.entry("县人力资源和社会保障局").variants == ()
