"""The status method (the README's worked example), reporters, kb check of monitoring, reports.

The reported figures below are invented for the tests.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

import docx as docx_module
import pytest
from helpers import copy_corpus, run

from kb.corpus import Corpus
from kb.enrich.reporting import monitoring_lead
from kb.enrich.status import assess
from kb.labels import status_name
from kb.model import Baseline, KnowledgeBase, Observation, Target
from kb.monitor.catalogue import catalogue, counts_by_department
from kb.monitor.report import evaluation
from kb.monitor.word import fixed_date, report_bytes

# 高中阶段教育毛入学率 (C3-G4): the children's preface states 89.5% (2010) and 96.1% (2020).
ENROLMENT = Target(
    "高中阶段教育毛入学率",
    ">=",
    97.0,
    "%",
    "…",
    baseline=Baseline(((2010, 89.5), (2020, 96.1)), 433, "…"),
)


def reported(*points: tuple[int, float]) -> Target:
    return replace(ENROLMENT, observations=tuple(Observation(y, v, "县教育局") for y, v in points))


def test_worked_example_from_the_baseline_alone() -> None:
    found = assess(ENROLMENT)
    assert found.status == "on_track"
    assert found.method == (
        "2020 年为 96.1%，尚未达到目标 ≥ 97%；按 2010 年（规划基线）至 2020 年 2 个数值的趋势"
        "（每年 +0.66 个百分点）推算，2030 年约为 100%，预期可达标"
    )


def test_worked_example_with_reported_figures() -> None:
    rising = assess(reported((2021, 96.3), (2022, 96.5), (2023, 96.6), (2024, 96.8)))
    assert rising.status == "on_track" and rising.projected == pytest.approx(97.82)
    assert "按 2020 年（规划基线）至 2024 年 5 个数值的趋势（每年 +0.17 个百分点）" in rising.method
    flat = assess(reported((2021, 96.0), (2022, 95.8), (2023, 96.2), (2024, 95.9)))
    assert flat.status == "off_track" and not flat.volatile
    swinging = assess(reported((2021, 96.3), (2022, 91.0), (2023, 96.6), (2024, 96.8)))
    assert swinging.volatile  # down 5.3 then up 5.6 points: more than 5% of 97
    early = assess(reported((2021, 96.3), (2022, 96.5), (2023, 96.6), (2024, 96.8)), as_of=2022)
    assert early.latest == (2022, 96.5)


@pytest.mark.parametrize(
    ("target", "status", "words"),
    [
        pytest.param(reported((2023, 97.5)), "achieved", "已达到目标", id="met"),
        pytest.param(
            replace(ENROLMENT, baseline=None, observations=(Observation(2023, 90.0),)),
            "off_track",
            "只有 1 个数值",
            id="one point short",
        ),
        pytest.param(reported((2030, 96.5)), "off_track", "目标年份已到", id="year passed"),
        pytest.param(replace(ENROLMENT, baseline=None), "no_data", "没有数值", id="nothing"),
        pytest.param(
            replace(
                Target("儿童伤害死亡率", "decrease_by", 20.0, "%", "…", base_year=2020),
                observations=(Observation(2023, 5.0),),
            ),
            "no_data",
            "缺少 2020 年的数值",
            id="no base year",
        ),
    ],
)
def test_status_rules(target: Target, status: str, words: str) -> None:
    found = assess(target)
    assert found.status == status and words in found.method


def test_achieved_before_the_target_year_reads_early() -> None:
    target = replace(reported((2023, 97.5)), status="achieved")
    assert status_name(target) == "提前达标"
    assert status_name(replace(target, observations=(Observation(2030, 97.5),))) == "已达标"


def test_reporters_and_their_counts(knowledge: KnowledgeBase) -> None:
    indicators = {i.id: i for i in catalogue(knowledge)}
    assert len(indicators) == 58
    assert indicators["W1-G2#1"].reporter == "县卫生健康局"
    assert indicators["W1-G2#1"].target.reporter_basis == "条目的牵头单位"
    water = indicators["C6-G7#1"].target
    assert (water.reporter, water.reporter_basis) == (
        "县水务局",
        "corpus/indicators.yaml 第 23 行指定",
    )
    counts = dict(counts_by_department(list(indicators.values())))
    assert sum(counts.values()) == 58  # every numeric target is an indicator
    assert max(counts, key=counts.__getitem__) == "县卫生健康局"  # the health indicators


def test_the_monitoring_chapter_names_the_fallback_reporter(
    knowledge: KnowledgeBase, corpus: Corpus
) -> None:
    """An indicator whose item has no lead falls to the body leading the annual monitoring."""
    document = knowledge.documents[0]
    for plan, line in (("W", 417), ("C", 825)):
        found = monitoring_lead(document, plan, corpus.gazetteer)
        assert found is not None
        name, why = found
        assert name == "县统计局"
        assert (
            why.startswith("监测评估章：“统计部门牵头组织开展年度监测") and f"第 {line} 行" in why
        )


def test_check_names_bad_rows_of_the_new_layout(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    (corpus / "monitoring.csv").write_text(
        "item,indicator,year,value,source,form,imported\n"
        "W1-G2,孕产妇死亡率,2023,9.8,县卫生健康局,a.xlsx,2025-03-02\n"
        "W1-G2,孕产妇死亡律,2023,9.8,,,\n"
        "W1-G3,妇女宫颈癌人群筛查率,2023,120,,,\n"
        "W1-G3,妇女宫颈癌人群筛查率,2024,60,,,三月\n",
        encoding="utf-8",
    )
    (corpus / "indicators.yaml").write_text(
        "version: 1\nreporters:\n  孕产妇死亡律: 县卫生健康局\n  孕产妇死亡率: 县气象局\n",
        encoding="utf-8",
    )
    code, text, _ = run(capsys, "check", "--corpus", str(corpus))
    assert code == 1
    assert (
        "monitoring.csv:3: 错误：W1-G2“孕产妇死亡律”不是任何量化指标"
        "（W1-G2 的指标有：孕产妇死亡率）" in text
    )
    assert "monitoring.csv:4: 错误：单位是 %，数值应在 0–100 之间，实际为 120" in text
    assert "monitoring.csv:5: 错误：imported 应为导入日期（如 2025-03-02），实际为“三月”" in text
    assert "indicators.yaml:3: 警告：“孕产妇死亡律”不是任何指标，这一条不起作用" in text
    assert "indicators.yaml:4: 错误：单位“县气象局”不在单位名录中" in text
    assert "monitoring.csv:2" not in text


def test_the_report_is_a4_chinese_and_the_same_bytes_twice(knowledge: KnowledgeBase) -> None:
    report = evaluation(knowledge, 2025)
    assert report.title == "高台县妇女儿童发展规划中期评估指标监测报告（2025年）"
    assert report.summary()[-1][:2] == ["合计", "58"]
    date = fixed_date(knowledge)
    assert date.date().isoformat() == "2022-07-25"  # the plans' issue date, not the clock
    first, second = report_bytes(report, date), report_bytes(report, date)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
        core = docx.read("docProps/core.xml").decode("utf-8")
        stamps = {info.date_time for info in docx.infolist()}
    assert 'w:eastAsia="仿宋"' in body and 'w:eastAsia="黑体"' in body
    assert 'w:w="11906"' in body and 'w:h="16838"' in body  # A4 in twentieths of a point
    assert "预期可达标" in body and "判断方法" in body
    assert "2022-07-25T00:00:00Z" in core and stamps == {(2022, 7, 25, 0, 0, 0)}
    reopened = docx_module.Document(io.BytesIO(first))  # a valid package after the repacking
    tables = 1 + bool(report.off_track()) + len(report.domains)  # summary, off-track, domains
    assert len(reopened.tables) == tables


def test_source_date_epoch_fixes_the_date(
    knowledge: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01
    assert fixed_date(knowledge).date().isoformat() == "2025-01-01"


def test_kb_monitor_report_and_list(
    capsys: pytest.CaptureFixture[str], out: Path, tmp_path: Path
) -> None:
    path = tmp_path / "中期评估.docx"
    code, _, err = run(
        capsys, "monitor", "report", "--year", "2025", "-o", str(path), "--out", str(out)
    )
    assert code == 0 and path.stat().st_size > 0 and "58 项指标" in err
    code, text, _ = run(capsys, "monitor", "list", "--dept", "民政局", "--out", str(out))
    assert code == 0 and text.count("县民政局") >= 3 and "共 3 项指标" in text
    code, _, err = run(
        capsys,
        "monitor",
        "report",
        "--year",
        "2025",
        "-o",
        str(tmp_path / "a.pdf"),
        "--out",
        str(out),
    )
    assert code == 1 and ".docx" in err
