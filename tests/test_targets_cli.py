"""Targets end to end: in the export, in kb show, kb targets and kb check --verbose."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from helpers import copy_corpus, run

from kb.build import load_kb
from kb.corpus import Corpus


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
    assert (infant["status"], infant["status_name"]) == ("achieved", "提前达标")
    assert infant["id"] == "C1-G3#2" and infant["observations"] == []
    assert infant["status_method"].startswith("2020 年为 2.84‰，已达到目标 ≤ 5‰")


def test_numbers_that_are_not_targets_are_not_taken(kb_data: dict) -> None:
    items = {i["id"]: i for i in kb_data["items"]}
    hotline = items["W8-M12"]
    assert "12338" in hotline["text"]
    assert all(t["value"] != 12338 for t in hotline["targets"])
    screening = items["W1-M5"]["targets"]
    assert all(t["value"] not in (35, 45) for t in screening)


def test_kb_targets_table_json_csv_xlsx(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, out: Path
) -> None:
    release = ("--out", str(out))
    code, text, _ = run(capsys, "targets", *release)
    assert code == 0 and "W1-G2 | 妇女与健康 | 孕产妇死亡率 |  | ≤ 12/10万 | 2030 | 无数据" in text
    code, text, _ = run(capsys, "targets", "--json", "--numeric", *release)
    rows = json.loads(text)
    assert all(r["value"] is not None for r in rows)
    assert any(r["item"] == "C1-G3" and r["status_name"] == "提前达标" for r in rows)
    code, text, _ = run(capsys, "targets", "--format", "csv", *release)
    assert text.startswith("\ufeff")  # a BOM on the terminal too: Excel reads it as UTF-8
    table = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert table[0][:3] == ["编号", "领域", "指标"]
    path = tmp_path / "指标.xlsx"
    assert run(capsys, "targets", "-o", str(path), *release)[0] == 0  # format from the name
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == "量化指标一览" and sheet["C2"].value == "指标"
    assert any(row[2] == "孕产妇死亡率" for row in sheet.iter_rows(min_row=3, values_only=True))


def test_xlsx_needs_an_output_file(capsys: pytest.CaptureFixture[str], out: Path) -> None:
    code, _, err = run(capsys, "targets", "--format", "xlsx", "--out", str(out))
    assert code == 1 and "-o" in err


def test_check_verbose_lists_numbers_not_taken(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--verbose")
    assert code == 0
    assert "W8-M12 中的“12338”未作为量化指标：热线号码" in out
    assert "W1-M5 中的“35—45岁”未作为量化指标" in out


def test_monitoring_csv_feeds_the_status(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = copy_corpus(tmp_path / "corpus", curated=False)
    (corpus / "monitoring.csv").write_text("key,year,value\nW1-G2,2023,9.5\n", encoding="utf-8")
    knowledge, _ = load_kb(Corpus.load(corpus))
    (target,) = next(i for i in knowledge.items() if i.id == "W1-G2").targets
    assert target.status == "achieved"
    (corpus / "monitoring.csv").write_text("key,year,value\nW1-G2,二三,9\n", encoding="utf-8")
    code, text, _ = run(capsys, "check", "--corpus", str(corpus))
    assert code == 1 and f"{corpus / 'monitoring.csv'}:2: 错误：year 应为四位年份" in text


def test_check_names_monitoring_keys_that_match_no_target(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = copy_corpus(tmp_path / "corpus", curated=False)
    rows = "key,year,value\nW1-G2,2023,9.5\n孕产妇死亡律,2023,9\nC1-G3#9,2022,1\n"
    (corpus / "monitoring.csv").write_text(rows, encoding="utf-8")
    code, text, _ = run(capsys, "check", "--corpus", str(corpus))
    assert code == 1
    assert "monitoring.csv:3: 错误：“孕产妇死亡律”不是任何量化指标" in text
    assert "monitoring.csv:4: 错误：“C1-G3#9”不是任何量化指标" in text
    assert "monitoring.csv:2" not in text
