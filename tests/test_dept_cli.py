"""Departments end to end: kb dept, the 任务分工表, the export and kb check."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import openpyxl
import pytest
from helpers import CORPUS, run


def test_export_items_carry_departments_with_evidence(kb_data: dict) -> None:
    items = {i["id"]: i for i in kb_data["items"]}
    (lead,) = [d for d in items["W1-G2"]["departments"] if d["role"] == "lead"]
    assert lead == {
        "name": "县卫生健康局",
        "role": "lead",
        "basis": "subject",
        "evidence": ["孕产妇", "死亡率"],
    }
    for item in kb_data["items"]:
        roles = [d["role"] for d in item["departments"]]
        assert roles == sorted(roles, key=lambda r: r != "lead")  # lead(s) first
        for dept in item["departments"]:
            assert dept["evidence"], item["id"]
            if dept["basis"] == "named":
                assert any(e in item["text"] for e in dept["evidence"])
            if dept["basis"] == "paired":  # the measures of the goal that carry it
                assert item["kind"] == "goal"
                assert set(dept["evidence"]) <= {p["id"] for p in item["pairs"]}


@pytest.mark.parametrize("alias", ["卫健局", "卫生健康部门", "县卫生健康局", "县卫健局", "卫生局"])
def test_dept_accepts_aliases(capsys: pytest.CaptureFixture[str], alias: str, out: Path) -> None:
    code, out, _ = run(capsys, "dept", alias, "--out", str(out))
    assert code == 0
    assert out.startswith("县卫生健康局（卫健局）：共 ")
    assert "[牵头] W1-G2  孕产妇死亡率下降到12/10万以下" in out
    assert "依据（据内容推断：孕产妇、死亡率）" in out
    assert "确认情况：已确认 0 条，待确认 " in out and "待确认的条目（" in out


def test_dept_lists_lead_before_partner_within_each_domain(
    capsys: pytest.CaptureFixture[str], out: Path
) -> None:
    code, text, _ = run(capsys, "dept", "妇联", "--out", str(out))
    assert code == 0
    for block in text.split("\n  ")[1:]:
        roles = [line.split("]")[0] for line in block.splitlines() if "[" in line]
        assert roles == sorted(roles, key=lambda r: r != "    [牵头")


def test_dept_list_counts(capsys: pytest.CaptureFixture[str], out: Path) -> None:
    code, text, _ = run(capsys, "dept", "--list", "--out", str(out))
    assert code == 0 and text.startswith("单位 | 简称 | 合计 | 牵头 | 配合")
    assert "县人民法院 | 法院 |" in text


def test_unknown_department_suggests(capsys: pytest.CaptureFixture[str], out: Path) -> None:
    code, _, err = run(capsys, "dept", "卫建局", "--out", str(out))
    assert code == 1 and "没有“卫建局”" in err and "卫健局" in err
    code, _, err = run(capsys, "dept", "司法机关", "--out", str(out))
    assert code == 1 and "同时指" in err and "法院" in err and "检察院" in err


def test_goals_get_the_departments_of_their_measures(kb_data: dict) -> None:
    """W3-G1 names no body; the measures that carry it out do (依据：实施本目标的策略措施)."""
    items = {i["id"]: i for i in kb_data["items"]}
    goal = items["W3-G1"]
    paired = [d for d in goal["departments"] if d["basis"] == "paired"]
    assert paired and all(d["evidence"] for d in paired)
    lead = [d for d in goal["departments"] if d["role"] == "lead"]
    assert [d["name"] for d in lead] == ["县人力资源和社会保障局"]


def test_tasks_table_csv_and_xlsx(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, out: Path
) -> None:
    code, text, _ = run(capsys, "dept", "法院", "--format", "csv", "--out", str(out))
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert code == 0 and rows
    assert all("县人民法院" in r["牵头单位"] + r["配合单位"] for r in rows)
    assert set(rows[0]) >= {"领域", "编号", "主要目标/策略措施", "牵头单位", "配合单位"}
    path = tmp_path / "任务分工表.xlsx"
    assert run(capsys, "dept", "--format", "xlsx", "-o", str(path), "--out", str(out))[0] == 0
    sheet = openpyxl.load_workbook(path)["任务分工"]
    assert sheet["A1"].value == "任务分工表（全部单位）"
    body = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(body) == 320
    w1g2 = next(r for r in body if r[3] == "W1-G2")
    assert w1g2[2] == "妇女与健康" and w1g2[6] == "县卫生健康局"
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and setup.paperSize == 9  # A4
    assert sheet.print_title_rows == "$2:$2" and sheet.sheet_properties.pageSetUpPr.fitToPage
    # one page wide (fitToWidth left out means 1, the OOXML default), as many pages tall as needed
    assert setup.fitToWidth in (None, 1) and setup.fitToHeight == 0
    assert [c.value for c in sheet[2]][-1] == "确认情况" and w1g2[-1] == "待确认"


def test_unknown_body_in_the_text_is_a_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    source = corpus / "gaotai-2022-women-children-development-plans.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("孕产妇死亡率下降到", "县气象局负责孕产妇死亡率下降到"), "utf-8")
    code, out, _ = run(capsys, "check", "--corpus", str(corpus))
    assert code == 0 and ":50: 警告：W1-G2 提到“县气象局”" in out
    assert run(capsys, "check", "--strict", "--corpus", str(corpus))[0] == 1


def test_bad_gazetteer_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "departments.yaml").write_text(
        "version: 1\ndepartments:\n  - nam: 县教育局\n", "utf-8"
    )
    code, text, _ = run(capsys, "check", "--corpus", str(corpus))
    assert code == 1 and "departments.yaml:3: 错误：未知的键“nam”" in text
    assert "Traceback" not in text
