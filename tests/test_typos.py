"""Typing mistakes in a plan that would silently change its meaning are caught at their line."""

from __future__ import annotations

import pytest
from helpers import GAOTAI

from kb.parse import parse_text

PLAN = """某某县妇女发展规划（2021-2030年）
一、发展领域、主要目标和策略措施
（一）妇女与健康
主要目标：
1.孕产妇死亡率下降到12/10万以下。
{second}适龄妇女宫颈癌人群筛查率达到70%以上。
3.妇女心理健康素养水平不断提升。
策略措施：
1.加强妇幼健康服务体系建设。
"""


@pytest.mark.parametrize("typed", ["2，", "2,", "2。", "（2）", "(2)", "２，"])
def test_a_mistyped_item_number_is_read_as_the_item_and_reported(typed: str) -> None:
    document, problems = parse_text(PLAN.format(second=typed), "p.txt", "p")
    assert document is not None
    goals = {i.id: i.text for i in document.items if i.kind == "goal"}
    assert goals == {
        "W1-G1": "孕产妇死亡率下降到12/10万以下。",
        "W1-G2": "适龄妇女宫颈癌人群筛查率达到70%以上。",
        "W1-G3": "妇女心理健康素养水平不断提升。",
    }
    (problem,) = problems
    assert (problem.line, problem.level, problem.code) == (6, "warning", "item-number-typo")
    assert f"序号“{typed}”写法不规范" in problem.message and "已按第 2 条处理" in problem.message


def test_a_numbered_sub_list_inside_an_item_stays_its_text() -> None:
    text = PLAN.format(second="2.").replace(
        "1.加强妇幼健康服务体系建设。",
        "1.加强妇幼健康服务体系建设。\n（1）健全服务网络。\n（2）提升能力。",
    )
    document, problems = parse_text(text, "p.txt", "p")
    assert document is not None and problems == []
    (measure,) = [i for i in document.items if i.kind == "measure"]
    assert measure.text.endswith("（1）健全服务网络。\n（2）提升能力。")


def test_a_number_that_is_not_due_is_text() -> None:
    text = (
        PLAN.format(second="2.")
        .replace("3.妇女心理", "3.妇女心理")
        .replace(
            "3.妇女心理健康素养水平不断提升。",
            "3.妇女心理健康素养水平不断提升，\n5，6岁以下儿童除外。",
        )
    )
    document, problems = parse_text(text, "p.txt", "p")
    assert document is not None and problems == []
    assert document.items[2].text.endswith("5，6岁以下儿童除外。")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("妇女与建康", "与国家纲要的领域“妇女与健康”只差一个字"),
        ("妇女余健康", "与国家纲要的领域“妇女与健康”只差一个字"),
        ("儿童与健康", "属于另一部规划"),
    ],
)
def test_a_misspelt_domain_name_is_reported(name: str, expected: str) -> None:
    document, problems = parse_text(PLAN.format(second="2.").replace("妇女与健康", name), "p", "p")
    assert document is not None
    (problem,) = problems
    assert (problem.line, problem.level, problem.code) == (3, "warning", "domain-name")
    assert expected in problem.message


def test_a_local_domain_far_from_the_template_is_fine() -> None:
    document, problems = parse_text(
        PLAN.format(second="2.").replace("妇女与健康", "妇女与数字生活"), "p", "p"
    )
    assert document is not None and problems == []


def test_a_title_typo_is_one_error_that_names_the_title() -> None:
    text = GAOTAI.read_text(encoding="utf-8").replace(
        "高台县妇女发展规划（2021-2030年）\n", "高台县妇女发展规戈（2021-2030年）\n", 1
    )
    assert "规戈" in text
    document, problems = parse_text(text, "g.txt", "g")
    errors = [p for p in problems if p.level == "error"]
    assert document is None and len(errors) == 1
    (error,) = errors
    assert error.line == 13 and "规划标题写法有误" in error.message and "规戈" in error.message
