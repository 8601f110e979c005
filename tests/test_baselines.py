"""Baselines from the prefaces, monitoring data, and target status."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import GAOTAI as CORPUS
from hypothesis import given
from hypothesis import strategies as st

from kb.corpus import Corpus
from kb.corpus.monitoring import read_monitoring
from kb.enrich.baselines import find_baselines
from kb.enrich.status import (
    ACHIEVED,
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    compute_status,
    link_baselines,
)
from kb.enrich.targets import extract_targets
from kb.model import Baseline, Target

# The children's preface, line 433, as written.
PREFACE_433 = (
    "党的十八大以来，县委、县政府把培养好少年儿童作为一项战略性、基础性工作，坚持儿童优先原则，"
    "大力发展儿童事业，保障儿童权利的法规规章政策体系进一步完善，党委领导、政府主责、"
    "妇女儿童工作委员会（以下简称妇儿工委）协调、多部门合作、全社会参与的儿童工作机制进一步巩固，"
    "儿童发展环境进一步优化。截至2020年，婴儿、5岁以下儿童死亡率分别从2010年的9.15‰、10.56‰"
    "下降到2.84‰、4.73‰；学前三年毛入园率从2010年的98.2%上升到99.95%，九年义务教育巩固率从"
    "2010年的99.2%上升到100%，高中阶段毛入学率从2010年的89.5%上升到96.1%；农村留守儿童、"
    "困境儿童等特殊困难群体得到更多关爱和保护。儿童发展和儿童事业取得了历史性新成就。"
)

EXPECTED_433 = [
    ("婴儿死亡率", ((2010, 9.15), (2020, 2.84))),
    ("5岁以下儿童死亡率", ((2010, 10.56), (2020, 4.73))),
    ("学前三年毛入园率", ((2010, 98.2), (2020, 99.95))),
    ("九年义务教育巩固率", ((2010, 99.2), (2020, 100.0))),
    ("高中阶段毛入学率", ((2010, 89.5), (2020, 96.1))),
]


def test_the_childrens_preface() -> None:
    found = find_baselines([(433, PREFACE_433)])
    assert [(name, b.values) for name, b in found] == EXPECTED_433
    assert {b.line for _, b in found} == {433}
    assert all(b.phrase in PREFACE_433 for _, b in found)
    assert (
        found[0][1].phrase == "婴儿、5岁以下儿童死亡率分别从2010年的9.15‰、10.56‰下降到2.84‰、4.73‰"
    )
    assert found[2][1].phrase == "学前三年毛入园率从2010年的98.2%上升到99.95%"


def test_the_whole_corpus_has_exactly_these_baselines() -> None:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    paragraphs = [(n, text.strip()) for n, text in enumerate(lines, 1) if text.strip()]
    found = find_baselines(paragraphs)
    assert [(name, b.values) for name, b in found] == EXPECTED_433
    assert lines[432].strip() == PREFACE_433


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "高中阶段毛入学率从2010年的89.5%上升到2020年的96.1%。",
            [("高中阶段毛入学率", ((2010, 89.5), (2020, 96.1)))],
            id="the later year named in the statement",
        ),
        pytest.param(
            "学前三年毛入园率从2010年的98.2%上升到99.95%。",
            [],
            id="no later year: left out",
        ),
        pytest.param(
            "妇女参与经济社会发展的能力和贡献率明显提升，社会地位显著提高。",
            [],
            id="the women's preface states no numbers",
        ),
    ],
)
def test_baseline_forms(
    text: str, expected: list[tuple[str, tuple[tuple[int, float], ...]]]
) -> None:
    assert [(name, b.values) for name, b in find_baselines([(1, text)])] == expected


@given(
    st.lists(
        st.sampled_from(
            [
                *"0123456789.%‰、和，。；",
                "分别从",
                "从2010年的",
                "下降到",
                "截至2020年",
                "婴儿",
                "死亡率",
            ]
        )
    ).map("".join)
)
def test_find_baselines_never_crashes(text: str) -> None:
    for _, baseline in find_baselines([(1, text)]):
        assert baseline.phrase in text
        years = [year for year, _ in baseline.values]
        assert years == sorted(set(years))


# --- Status ----------------------------------------------------------------------


def target(
    comparator: str, value: float | None, *points: tuple[int, float], base_year: int | None = None
) -> Target:
    baseline = Baseline(values=points, line=433, phrase="…") if points else None
    return Target("指标", comparator, value, "%", "…", baseline=baseline, base_year=base_year)


@pytest.mark.parametrize(
    ("subject", "latest", "expected"),
    [
        pytest.param(
            target("<=", 5.0, (2010, 9.15), (2020, 2.84)), None, ACHIEVED, id="婴儿死亡率"
        ),
        pytest.param(
            target(">=", 97.0, (2010, 89.5), (2020, 96.1)), None, ON_TRACK, id="高中毛入学率"
        ),
        pytest.param(target(">=", 97.0, (2010, 96.5), (2020, 96.0)), None, OFF_TRACK, id="falling"),
        pytest.param(
            target(">=", 97.0, (2010, 90.0), (2020, 91.0)), None, OFF_TRACK, id="too slow"
        ),
        pytest.param(target(">=", 97.0), None, NO_DATA, id="no data"),
        pytest.param(target(">=", 97.0), (2023, 96.0), OFF_TRACK, id="one point, short"),
        pytest.param(target(">=", 97.0), (2023, 97.5), ACHIEVED, id="one point, met"),
        pytest.param(
            target(">=", 97.0, (2010, 89.5), (2020, 96.1)), (2020, 98.0), ACHIEVED, id="latest wins"
        ),
        pytest.param(
            target(">=", 97.0, (2010, 89.5), (2020, 96.1)), (2023, 90.0), OFF_TRACK, id="fell back"
        ),
        pytest.param(target("~", 45.0), (2023, 44.0), ACHIEVED, id="about, within 5%"),
        pytest.param(target("~", 45.0), (2023, 40.0), OFF_TRACK, id="about, too far"),
        pytest.param(target("=", 100.0), (2023, 100.0), ACHIEVED, id="equal"),
        pytest.param(
            target("decrease_by", 20.0, (2020, 10.0), base_year=2020),
            (2023, 7.5),
            ACHIEVED,
            id="down 20% from 2020",
        ),
        pytest.param(
            target("decrease_by", 20.0, (2020, 10.0), base_year=2020),
            (2023, 9.5),
            OFF_TRACK,
            id="down too slowly",
        ),
        pytest.param(
            target("decrease_by", 20.0, (2020, 10.0), base_year=2020),
            (2023, 9.0),
            ON_TRACK,
            id="down on pace",
        ),
        pytest.param(
            target("decrease_by", 20.0, base_year=2020), (2023, 7.5), NO_DATA, id="no base value"
        ),
        pytest.param(target("increase", None, (2010, 1.0), (2020, 2.0)), None, ON_TRACK, id="up"),
        pytest.param(
            target("increase", None, (2010, 2.0), (2020, 1.0)), None, OFF_TRACK, id="down"
        ),
        pytest.param(target("decrease", None, (2010, 2.0)), (2023, 1.0), ON_TRACK, id="falls"),
        pytest.param(target("increase", None), (2023, 1.0), "", id="no trend"),
        pytest.param(target("achieve", None, (2010, 1.0), (2020, 2.0)), None, "", id="achieve"),
    ],
)
def test_status(subject: Target, latest: tuple[int, float] | None, expected: str) -> None:
    assert compute_status(subject, latest) == expected


@given(
    st.sampled_from(["<=", ">=", "~", "=", "decrease_by", "increase_by"]),
    st.floats(0, 1000),
    st.dictionaries(st.integers(1990, 2030), st.floats(-1e6, 1e6), max_size=5),
)
def test_status_is_always_one_of_four(
    comparator: str, value: float, points: dict[int, float]
) -> None:
    subject = target(comparator, value, *sorted(points.items()), base_year=2020)
    assert compute_status(subject, None) in {ACHIEVED, ON_TRACK, OFF_TRACK, NO_DATA}


# --- Linking ------------------------------------------------------------------------


def preface_baselines() -> list[tuple[str, Baseline]]:
    return find_baselines([(433, PREFACE_433)])


def test_link_by_indicator_and_alias() -> None:
    goals = {
        "C1-G3": "新生儿、婴儿和5岁以下儿童死亡率分别降至3.0‰、5.0‰和6.0‰以下，"
        "地区和城乡差距逐步缩小。",
        "C3-G2": "适龄儿童普遍接受有质量的学前教育，学前教育毛入园率保持在99%以上。",
        "C3-G4": "巩固提高高中阶段教育普及水平，高中阶段教育毛入学率达到并保持在97%以上。",
    }
    linked = {
        (item_id, t.indicator): t
        for item_id, text in goals.items()
        for t in link_baselines(extract_targets(text, 1).targets, preface_baselines())
    }
    assert {key: t.status for key, t in linked.items()} == {
        ("C1-G3", "新生儿死亡率"): NO_DATA,
        ("C1-G3", "婴儿死亡率"): ACHIEVED,
        ("C1-G3", "5岁以下儿童死亡率"): ACHIEVED,
        ("C3-G2", "学前教育毛入园率"): ACHIEVED,  # 学前三年毛入园率 in the preface
        ("C3-G4", "高中阶段教育毛入学率"): ON_TRACK,  # 高中阶段毛入学率 in the preface
    }
    assert linked[("C1-G3", "新生儿死亡率")].baseline is None
    baseline = linked[("C3-G2", "学前教育毛入园率")].baseline
    assert baseline is not None
    assert baseline.values == ((2010, 98.2), (2020, 99.95))


def test_legacy_monitoring_keys(tmp_path: Path) -> None:
    """A legacy key,year,value file still feeds the status: by indicator, ID#n, or ID."""
    from helpers import copy_corpus

    from kb.build import load_kb

    corpus = copy_corpus(tmp_path / "corpus", curated=False)
    (corpus / "monitoring.csv").write_text(
        "key,year,value\n"
        "新生儿死亡率,2023,2.5\n"  # by indicator
        "C1-G3#2,2023,8.0\n"  # the second target of the item
        "C3-G4,2023,97.2\n",  # an item with one numeric target
        encoding="utf-8",
    )
    knowledge, _ = load_kb(Corpus.load(corpus))
    items = {i.id: i for i in knowledge.items()}
    assert [t.status for t in items["C1-G3"].targets] == [ACHIEVED, OFF_TRACK, ACHIEVED]
    (single,) = [t for t in items["C3-G4"].targets if t.value is not None]
    assert single.status == ACHIEVED
    assert [(o.year, o.value, o.source) for o in single.observations] == [(2023, 97.2, "")]


def test_no_data_anywhere() -> None:
    (goal,) = extract_targets("孕产妇死亡率下降到12/10万以下。", 50).targets
    assert link_baselines([goal], preface_baselines())[0].status == NO_DATA


# --- Monitoring files ---------------------------------------------------------------


def test_missing_file_means_no_data(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert Corpus.load(tmp_path).monitoring.as_dict() == {}


def test_reads_a_good_file(tmp_path: Path) -> None:
    (tmp_path / "monitoring.csv").write_text(
        "\ufeffkey,year,value\n婴儿死亡率,2023,2.1\n\nW1-G2,2022,10.5\n婴儿死亡率,2021,2.5\n",
        encoding="utf-8",
    )
    monitoring = Corpus.load(tmp_path).monitoring
    assert monitoring.as_dict() == {
        "W1-G2": ((2022, 10.5),),
        "婴儿死亡率": ((2021, 2.5), (2023, 2.1)),
    }
    assert monitoring.legacy and [r.line for r in monitoring.rows] == [2, 4, 5]


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        pytest.param("indicator,year,value\n", 1, "表头 item,indicator,year", id="header"),
        pytest.param("key,year,value\n婴儿死亡率,2023\n", 2, "应有 3 列", id="columns"),
        pytest.param("key,year,value\n,2023,2.1\n", 2, "key 为空", id="empty key"),
        pytest.param("key,year,value\n婴儿死亡率,23,2.1\n", 2, "year 应为四位年份", id="year"),
        pytest.param("key,year,value\n婴儿死亡率,1899,2.1\n", 2, "year 应在", id="old year"),
        pytest.param("key,year,value\n\n婴儿死亡率,2023,约2\n", 3, "value 应为数字", id="value"),
        pytest.param("key,year,value\n婴儿死亡率,2023,98%\n", 2, "不带单位", id="unit"),
        pytest.param("key,year,value\n婴儿死亡率,2023,nan\n", 2, "value 应为数字", id="nan"),
        pytest.param(
            "key,year,value\n婴儿死亡率,2023,2\n婴儿死亡率,2023,3\n", 3, "与第 2 行重复", id="dup"
        ),
        pytest.param('key,year,value\n"婴儿死亡率,2023,2\n', 2, "CSV 格式错误", id="quote"),
    ],
)
def test_malformed_rows_name_file_and_line(content: str, line: int, message: str) -> None:
    _, problems = read_monitoring(content, "corpus/monitoring.csv")
    (problem,) = problems
    assert (problem.file, problem.line, problem.level) == ("corpus/monitoring.csv", line, "error")
    assert message in problem.message
    assert str(problem).startswith(f"corpus/monitoring.csv:{line}: 错误：")


def test_every_bad_row_is_reported_not_only_the_first() -> None:
    text = "key,year,value\n婴儿死亡率,23,2\n婴儿死亡率,2023,x\n婴儿死亡率,2024,2\n"
    monitoring, problems = read_monitoring(text, "m.csv")
    assert [p.line for p in problems] == [2, 3]
    assert monitoring.as_dict() == {"婴儿死亡率": ((2024, 2.0),)}
