"""Targets end to end: in the export, in kb show, kb targets and kb check --verbose."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from cli_run import run


def test_export_items_carry_targets_with_provenance(kb_data: dict) -> None:
    items = {i["id"]: i for i in kb_data["items"]}
    (target,) = items["W1-G2"]["targets"]
    assert target["indicator"] == "孕产妇死亡率"
    assert (target["comparator"], target["value"], target["unit"]) == ("<=", 12.0, "1/10万")
    assert target["phrase"] in items["W1-G2"]["text"] and target["line"] == 50
    infant = next(t for t in items["C1-G3"]["targets"] if t["indicator"] == "婴儿死亡率")
    assert infant["baseline"]["values"] == [
        {"year": 2010, "value": 9.15},
        {"year": 2020, "value": 2.84},
    ]
    assert infant["status"] == "提前达标"


def test_numbers_that_are_not_targets_are_not_taken(kb_data: dict) -> None:
    items = {i["id"]: i for i in kb_data["items"]}
    hotline = items["W8-M12"]
    assert "12338" in hotline["text"]
    assert all(t["value"] != 12338 for t in hotline["targets"])
    screening = items["W1-M5"]["targets"]
    assert all(t["value"] not in (35, 45) for t in screening)


def test_kb_targets_table_json_csv_xlsx(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "targets")
    assert code == 0 and "W1-G2 | 妇女与健康 | 孕产妇死亡率 |  | ≤ 12/10万 | 2030 | 无数据" in out
    code, out, _ = run(capsys, "targets", "--json", "--numeric")
    rows = json.loads(out)
    assert all(r["value"] is not None for r in rows)
    assert any(r["item"] == "C1-G3" and r["status"] == "提前达标" for r in rows)
    code, out, _ = run(capsys, "targets", "--format", "csv")
    table = list(csv.reader(io.StringIO(out)))
    assert table[0][:3] == ["编号", "领域", "指标"]
    path = tmp_path / "指标.xlsx"
    assert run(capsys, "targets", "--format", "xlsx", "-o", str(path))[0] == 0
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == "量化指标一览" and sheet["C2"].value == "指标"
    assert any(row[2] == "孕产妇死亡率" for row in sheet.iter_rows(min_row=3, values_only=True))


def test_xlsx_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "targets", "--format", "xlsx")
    assert code == 1 and "-o" in err


def test_check_verbose_lists_numbers_not_taken(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--verbose")
    assert code == 0
    assert "W8-M12 中的“12338”未作为量化指标：热线号码" in out
    assert "W1-M5 中的“35—45岁”未作为量化指标" in out


def test_monitoring_csv_feeds_the_status(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    source = Path("corpus/gaotai-2022-women-children-development-plans.txt")
    (corpus / source.name).write_bytes(source.read_bytes())
    (corpus / "monitoring.csv").write_text("key,year,value\nW1-G2,2023,9.5\n", encoding="utf-8")
    code, out, _ = run(capsys, "show", "W1-G2", "--corpus", str(corpus))
    assert code == 0 and "提前达标" in out
    (corpus / "monitoring.csv").write_text("key,year,value\nW1-G2,二三,9\n", encoding="utf-8")
    code, _, err = run(capsys, "show", "W1-G2", "--corpus", str(corpus))
    assert code == 1 and "monitoring.csv 第 2 行" in err and "year" in err
