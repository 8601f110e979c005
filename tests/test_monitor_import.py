"""kb monitor template and import: the form, every bad form refused whole, the round trip.

The forms are fixtures written with openpyxl (tests/forms.py); their values are invented.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import json
from pathlib import Path

import openpyxl
import pytest
from forms import FORM_NAME, HEADER, Monitored, row, write_form
from helpers import DOC, copy_corpus, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.corpus.monitoring import read_monitoring
from kb.enrich.status import add_status
from kb.model import KnowledgeBase
from kb.monitor.catalogue import catalogue
from kb.monitor.importing import plan_import
from kb.monitor.intake import read_forms

MMR = ("W1-G2", "孕产妇死亡率", "1/10万")  # W1-G2#1
SCREENING = ("W1-G3", "妇女宫颈癌人群筛查率", "%")  # W1-G3#1


def problems_of(knowledge: KnowledgeBase, *paths: Path) -> list[str]:
    _, problems = read_forms([(p, p.name) for p in paths], catalogue(knowledge))
    return [str(p) for p in problems]


# --------------------------------------------------------------------------- the template


@pytest.fixture(scope="module")
def template(out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("forms") / "监测数据-县卫生健康局.xlsx"
    assert run_cli("monitor", "template", "-o", str(path), "--dept", "卫健局", "--out", str(out))
    return path


def run_cli(*argv: str) -> bool:
    from kb.cli import main

    return main(list(argv)) == 0


def test_the_template_is_one_checked_print_ready_sheet(template: Path) -> None:
    workbook = openpyxl.load_workbook(template)
    assert workbook.sheetnames == ["监测数据"]
    sheet = workbook.active
    assert [c.value for c in sheet[1]] == HEADER
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert rows[0][:5] == ["W1-G2", "孕产妇死亡率", "1/10万", "≤ 12/10万（2030年）", "县卫生健康局"]
    assert {r[4] for r in rows} == {"县卫生健康局"}
    rules = sheet.data_validations.dataValidation
    assert len(rules) == len(rows) and {r.type for r in rules} == {"decimal"}
    percent = next(r for r in rules if str(r.sqref) == "F3:P3")  # row 3: W1-G3, a percent
    assert percent.operator in (None, "between")  # "between" is the OOXML default
    assert (float(percent.formula1), float(percent.formula2)) == (0, 100)
    assert sheet.protection.sheet  # only the year cells are unlocked
    assert int(sheet.page_setup.paperSize) == 9 and sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$1:$1"  # the header on every page


def test_the_template_fills_in_the_values_the_plan_states(out: Path, tmp_path: Path) -> None:
    path = tmp_path / "教育局.xlsx"
    assert run_cli("monitor", "template", "-o", str(path), "--dept", "教育局", "--out", str(out))
    sheet = openpyxl.load_workbook(path).active
    by_id = {(r[0].value, r[1].value): r for r in sheet.iter_rows(min_row=2)}
    enrolment = by_id[("C3-G4", "高中阶段教育毛入学率")]
    assert enrolment[5].value == 96.1  # 2020, as the children's preface states
    assert enrolment[5].fill.fgColor.rgb.endswith("EDEDED")  # on a grey ground


def test_template_for_all_indicators_and_same_bytes_twice(out: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run_cli("monitor", "template", "-o", str(first), "--out", str(out))
    assert run_cli("monitor", "template", "-o", str(second), "--out", str(out))
    assert first.read_bytes() == second.read_bytes()
    assert openpyxl.load_workbook(first).active.max_row == 1 + 58


# --------------------------------------------------------------------------- bad forms

BAD_FORMS = {
    "unknown-item": (
        [row("W9-G9", "孕产妇死亡率", "1/10万", {2023: 10})],
        "第 2 行 A 列（编号）：编号“W9-G9”不是任何指标所在的条目",
    ),
    "unknown-indicator": (
        [row("W1-G2", "孕产妇死亡律", "1/10万", {2023: 10})],
        "第 2 行 B 列（指标）：W1-G2 没有指标“孕产妇死亡律”：W1-G2 的指标是 孕产妇死亡率",
    ),
    "not-a-number": (
        [row(*SCREENING, {2023: "约60"})],
        "第 2 行 I 列（2023 年）：“约60”不是数字",
    ),
    "dash-for-no-data": (
        [row(*SCREENING, {2023: "—"})],
        "第 2 行 I 列（2023 年）：“—”不是数字：没有数据请留空",
    ),
    "percent-above-100": (
        [row(*SCREENING, {2022: 101})],
        "第 2 行 H 列（2022 年）：单位是 %，数值应在 0–100 之间，实际为 101",
    ),
    "negative-rate": (
        [row(*MMR, {2021: -3})],
        "第 2 行 G 列（2021 年）：不能为负数（实际为 -3）",
    ),
    "unit-in-cell": (
        [row(*SCREENING, {2024: "98%"})],
        "第 2 行 J 列（2024 年）：“98%”中写了单位“%”：只填数字（如 98），单位已写在“单位”列（%）",
    ),
    "unit-column-changed": (
        [row("W1-G3", "妇女宫颈癌人群筛查率", "‰", {2024: 60})],
        "第 2 行 C 列（单位）：单位应为“%”，实际为“‰”",
    ),
    "same-indicator-twice": (
        [row(*MMR, {2023: 10}), row(*MMR, {2024: 9})],
        "第 3 行 A 列（编号）：与第 2 行是同一个指标（W1-G2 孕产妇死亡率）",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FORMS))
def test_each_bad_form_names_sheet_row_and_column(
    case: str, knowledge: KnowledgeBase, tmp_path: Path
) -> None:
    rows, message = BAD_FORMS[case]
    path = write_form(tmp_path / f"{case}.xlsx", rows)
    (problem,) = problems_of(knowledge, path)
    assert problem.startswith(f"{case}.xlsx，工作表“监测数据”，")
    assert message in problem


def test_a_changed_header_and_a_year_outside_the_plan(
    knowledge: KnowledgeBase, tmp_path: Path
) -> None:
    header = ["编号", "指标名称", *HEADER[2:5], "2019", *HEADER[6:], "2031"]
    path = write_form(tmp_path / "header.xlsx", [row(*MMR, {2023: 10})], header=header)
    assert problems_of(knowledge, path) == [
        "header.xlsx，工作表“监测数据”，第 1 行 B 列（指标）：表头应为“指标”，实际为“指标名称”："
        "请用 kb monitor template 生成的表格，不要改动表头",
        "header.xlsx，工作表“监测数据”，第 1 行 F 列（2020 年）：年份 2019 不在 2020–2030 年之间："
        "表格只收这些年份的数据",
        "header.xlsx，工作表“监测数据”，第 1 行 Q 列：年份 2031 不在 2020–2030 年之间："
        "表格只收这些年份的数据",
    ]


def test_two_forms_that_disagree_are_both_named(knowledge: KnowledgeBase, tmp_path: Path) -> None:
    first = write_form(tmp_path / "卫健局.xlsx", [row(*MMR, {2023: 10.5})])
    second = write_form(tmp_path / "统计局.xlsx", [row(*MMR, {2023: 11})])
    (problem,) = problems_of(knowledge, first, second)
    assert problem == (
        "统计局.xlsx，工作表“监测数据”，第 2 行 I 列（2023 年）："
        "W1-G2 孕产妇死亡率 2023 年的数值与另一份表格不一致："
        "卫健局.xlsx，工作表“监测数据”，第 2 行 I 列（2023 年） 填 10.5，这里填 11；"
        "请核对后只保留正确的一个"
    )


def gbk_csv(path: Path) -> Path:
    text = ",".join(HEADER) + "\n" + ",".join(str(c or "") for c in row(*MMR, {2023: 10})) + "\n"
    path.write_bytes(text.encode("gbk"))
    return path


def test_a_gbk_csv_is_refused_with_how_to_save_it(knowledge: KnowledgeBase, tmp_path: Path) -> None:
    (problem,) = problems_of(knowledge, gbk_csv(tmp_path / "卫健局.csv"))
    assert problem.startswith("卫健局.csv，第 1 行：不是 UTF-8 编码")
    assert "GB18030" in problem and "CSV UTF-8（逗号分隔）" in problem


def test_a_utf8_csv_form_is_read(knowledge: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "form.csv"
    out = io.StringIO()
    csv.writer(out).writerows([HEADER, row(*MMR, {2023: "10.5", 2024: " 9.8 "})])
    path.write_text("\ufeff" + out.getvalue(), encoding="utf-8")
    figures, problems = read_forms([(path, path.name)], catalogue(knowledge))
    assert problems == [] and [(f.year, f.value) for f in figures] == [(2023, 10.5), (2024, 9.8)]


def test_cli_refuses_every_bad_form_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    good = write_form(tmp_path / "good.xlsx", [row(*SCREENING, {2023: 60})])
    bad = [write_form(tmp_path / f"{case}.xlsx", rows) for case, (rows, _) in BAD_FORMS.items()]
    files = [str(p) for p in (good, *bad, gbk_csv(tmp_path / "gbk.csv"))]
    code, out, err = run(capsys, "monitor", "import", *files, "--corpus", str(corpus))
    assert code == 1 and out == ""
    for case, (_, message) in BAD_FORMS.items():
        assert f"{case}.xlsx，工作表“监测数据”，{message}" in err
    assert "gbk.csv，第 1 行：不是 UTF-8 编码" in err
    assert f"报送表有 {len(BAD_FORMS) + 1} 个问题，未导入任何数据（monitoring.csv 未改动）" in err
    assert not (corpus / "monitoring.csv").exists()


# --------------------------------------------------------------------------- the round trip


def test_round_trip_template_import_build_export_site(
    capsys: pytest.CaptureFixture[str], monitored: Monitored
) -> None:
    code, out = monitored.imported
    assert code == 0 and "新增 9 个数值，修改 0 个，与已有数据相同 0 个" in out
    stored = (monitored.corpus / "monitoring.csv").read_text(encoding="utf-8").splitlines()
    assert stored[0] == "item,indicator,year,value,source,form,imported"
    assert stored[1].startswith(f"W1-G2,孕产妇死亡率,2021,14,县统计局,{FORM_NAME},")
    code, out = monitored.again
    assert code == 0 and "新增 0 个数值" in out and "未改动" in out
    corpus, build = str(monitored.corpus), str(monitored.build)
    assert run(capsys, "check", "--corpus", corpus)[0] == 0

    code, text, _ = run(capsys, "export", "--corpus", corpus, "--out", build)
    items = {i["id"]: i for i in json.loads(text)["items"]}
    (mmr,) = items["W1-G2"]["targets"]
    assert [(o["year"], o["value"], o["source"]) for o in mmr["observations"]] == [
        (2021, 14.0, "县统计局"),
        (2022, 13.1, "县统计局"),
        (2023, 12.9, "县统计局"),
        (2024, 13.5, "县统计局"),
    ]
    assert (mmr["status"], mmr["status_name"]) == ("off_track", "预期难以达标")
    assert "2021 年至 2024 年 4 个数值的趋势" in mmr["status_method"]
    page = (monitored.site / DOC / "indicators" / "W1-G2-1.html").read_text(encoding="utf-8")
    page = html.unescape(page)
    assert "13.5/10万" in page and FORM_NAME in page and "预期难以达标" in page
    code, text, _ = run(capsys, "monitor", "warnings", "--corpus", corpus, "--out", build)
    assert "W1-G2#1  孕产妇死亡率：预期难以达标" in text and "报送单位：县卫生健康局" in text


def test_the_site_says_plainly_when_there_are_no_figures(site: Path) -> None:
    page = (site / DOC / "indicators" / "W1-G2-1.html").read_text(encoding="utf-8")
    assert "暂无监测数据" in page and "kb-trend" not in page  # no value at all: no made-up chart
    dashboard = (site / DOC / "monitoring.html").read_text(encoding="utf-8")
    assert "暂无监测数据" in dashboard


# --------------------------------------------------------------------------- idempotence

UNIT_VALUES = {"%": st.floats(0, 100), "1/10万": st.floats(0, 50), "": st.floats(0, 30)}


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_importing_the_same_form_twice_changes_nothing_the_second_time(
    data: st.DataObject, knowledge: KnowledgeBase, corpus: object, tmp_path: Path
) -> None:
    indicators = catalogue(knowledge)
    chosen = data.draw(
        st.lists(st.sampled_from(indicators), min_size=1, max_size=6, unique_by=lambda i: i.id)
    )
    rows = []
    for i in chosen:
        values = data.draw(
            st.dictionaries(
                st.integers(2021, 2030),
                UNIT_VALUES.get(i.unit, st.floats(0, 30)).map(lambda v: round(v, 2)),
                min_size=1,
                max_size=4,
            )
        )
        rows.append(row(i.item, i.name, i.unit or "（同基数年口径）", values))
    form = write_form(tmp_path / "form.xlsx", rows)
    figures, problems = read_forms([(form, form.name)], indicators)
    assert problems == []
    first = plan_import(knowledge, figures, None, "2025-03-02")
    monitoring, read_problems = read_monitoring(first.text, "monitoring.csv")
    assert read_problems == []
    again = add_status(knowledge, dataclasses.replace(corpus, monitoring=monitoring))  # type: ignore[type-var]
    second = plan_import(
        again, read_forms([(form, form.name)], catalogue(again))[0], None, "2026-01-01"
    )
    assert (second.added, second.changed) == ([], [])
    assert second.text == first.text
