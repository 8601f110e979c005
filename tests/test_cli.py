"""The kb command end to end: exit codes, messages, atomic and deterministic builds."""

from __future__ import annotations

import csv
import importlib
import io
import json
import shutil
from pathlib import Path

import pytest
from cli_run import run
from paths import CORPUS, FIXTURES

from kb.outputs import tree_digest


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in CORPUS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return folder


def test_check_passes_on_the_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check")
    assert code == 0
    assert "320 条主要目标和策略措施" in out and "错误 0 个" in out


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("gbk-encoded.txt", "不是 UTF-8 编码"),
        ("empty.txt", "文件为空"),
        ("missing-heading.txt", "缺少标题：应先有“主要目标：”或“策略措施：”"),
        ("numbering-duplicate.txt", "重复或倒序"),
        ("item-outside-domain.txt", "不在任何发展领域之下"),
        ("not-a-plan.txt", "未找到规划标题"),
    ],
)
def test_check_reports_errors_with_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fixture: str, expected: str
) -> None:
    shutil.copy(FIXTURES / "bad" / fixture, tmp_path / fixture)
    code, out, _ = run(capsys, "check", "--corpus", str(tmp_path))
    assert code == 1
    assert expected in out
    assert f"{fixture}" in out and "Traceback" not in out


def test_warnings_are_fatal_only_under_strict(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shutil.copy(FIXTURES / "bad" / "numbering-gap.txt", tmp_path / "gap.txt")
    code, out, _ = run(capsys, "check", "--corpus", str(tmp_path))
    assert code == 0 and "gap.txt:11: 警告：主要目标编号不连续：应为 2，实际为 3" in out
    code, out, _ = run(capsys, "check", "--strict", "--corpus", str(tmp_path))
    assert code == 1


def test_build_is_deterministic(
    capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path
) -> None:
    out_a, out_b = tmp_path / "a", tmp_path / "b"
    assert run(capsys, "build", "--corpus", str(corpus), "--out", str(out_a))[0] == 0
    assert run(capsys, "build", "--corpus", str(corpus), "--out", str(out_b))[0] == 0
    assert tree_digest((out_a / "current").resolve()) == tree_digest((out_b / "current").resolve())
    data = json.loads((out_a / "current" / "kb.json").read_text(encoding="utf-8"))
    assert len(data["items"]) == 320


def test_failed_build_leaves_previous_outputs_untouched(
    capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert run(capsys, "build", "--corpus", str(corpus), "--out", str(out))[0] == 0
    before = tree_digest((out / "current").resolve())
    shutil.copy(FIXTURES / "bad" / "numbering-duplicate.txt", corpus / "broken.txt")
    code, _, err = run(capsys, "build", "--corpus", str(corpus), "--out", str(out))
    assert code == 1
    assert "broken.txt:12: 错误" in err and "未写入任何输出" in err
    assert tree_digest((out / "current").resolve()) == before
    assert not list(out.glob(".staging-*"))


def test_failure_while_writing_leaves_previous_outputs_untouched(
    capsys: pytest.CaptureFixture[str],
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "out"
    assert run(capsys, "build", "--corpus", str(corpus), "--out", str(out))[0] == 0
    before = tree_digest((out / "current").resolve())

    def fail(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(importlib.import_module("kb.build"), "items_csv", fail)
    code, _, err = run(capsys, "build", "--corpus", str(corpus), "--out", str(out))
    assert code == 1 and "之前的输出保持不变" in err
    assert tree_digest((out / "current").resolve()) == before
    assert not list(out.glob(".staging-*"))


def test_show_an_item(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "w1-m1")
    assert code == 0
    assert "W1-M1" in out and "标题：完善保障妇女健康的制度机制" in out and "第 68–68 行" in out


def test_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "C5-M3", "--json")
    (row,) = json.loads(out)
    assert code == 0 and row["id"] == "C5-M3" and row["domain"] == "C5"


def test_show_unknown_id_explains_the_id_form(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "W9-G1")
    assert code == 1 and "没有编号为“W9-G1”的条目" in err and "W1-G2" in err


def test_stats(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats")
    assert code == 0
    assert "妇女发展规划：8 个领域，主要目标 73 条，策略措施 91 条" in out
    assert "儿童发展规划：7 个领域，主要目标 69 条，策略措施 87 条" in out


def test_export_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "--format", "json")
    data = json.loads(out)
    assert code == 0 and len(data["domains"]) == 15 and len(data["items"]) == 320
    for domain in data["domains"]:
        assert {"doc", "id", "plan", "name"} <= set(domain)
    required = {"doc", "id", "plan", "domain", "kind", "number", "text", "title", "lines"}
    for item in data["items"]:
        assert required | {"targets", "departments", "related"} <= set(item)
        assert item["kind"] in ("goal", "measure")
    kinds = {s["kind"] for s in data["sections"]}
    assert {"preface", "principle", "overall", "paragraph"} <= kinds


def test_export_csv_to_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "items.csv"
    code, _, _ = run(capsys, "export", "--format", "csv", "-o", str(target))
    raw = target.read_bytes()
    assert code == 0 and raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 320 and rows[0]["编号"] == "W1-G1" and rows[0]["领域"] == "妇女与健康"


def test_a_second_county_dropped_into_the_corpus_parses(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    shutil.copy(FIXTURES / "good" / "second-county.txt", corpus / "qingshan-2022.txt")
    code, out, _ = run(capsys, "stats", "--corpus", str(corpus))
    assert code == 0
    assert "文件 qingshan-2022：6 个领域" in out and "320 条" in out
    code, out, _ = run(capsys, "show", "W4-G1", "--corpus", str(corpus))
    assert code == 0 and "妇女数字素养明显提升" in out  # a domain Gaotai does not have
    code, out, _ = run(capsys, "show", "W1-G2", "--corpus", str(corpus))
    assert out.count("W1-G2  （") == 2  # one per document
    code, out, _ = run(capsys, "show", "qingshan-2022:W1-G2", "--corpus", str(corpus))
    assert out.count("W1-G2  （") == 1 and "70%" in out
