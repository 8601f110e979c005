"""The kb command over the library: exit codes, messages, lookups from the release, outputs."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from unittest import mock

import openpyxl
import pytest
from helpers import FIXTURES, copy_corpus, run

import kb.build
from kb.build import BuildResult, build
from kb.cli.progress import TerminalProgress
from kb.corpus import Corpus


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
    assert code == 1 and "（--strict：警告也视为失败）" in out


def test_build_calls_the_library_once_with_the_loaded_corpus(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, built: BuildResult
) -> None:
    with mock.patch.object(kb.build, "build", autospec=True, return_value=built) as called:
        code, out, _ = run(capsys, "build", "--out", str(tmp_path), "--site", str(tmp_path / "s"))
    assert code == 0 and "已构建知识库：15 个领域，320 条主要目标和策略措施" in out
    assert "index.html" in out and "kb serve" in out
    (corpus, out), options = called.call_args
    assert isinstance(corpus, Corpus) and corpus.name == "corpus" and out == tmp_path
    progress = options.pop("progress")
    assert options == {"strict": False, "site": tmp_path / "s", "force": False, "engine": None}
    assert isinstance(progress, TerminalProgress) and not progress.enabled  # stderr is no terminal


# --------------------------------------------------------------------------- lookups


def test_lookups_read_the_release_and_never_derive(
    capsys: pytest.CaptureFixture[str], out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def forbidden(*_: object, **__: object) -> None:
        raise AssertionError("a lookup derived the knowledge base again")

    monkeypatch.setattr(kb.build, "load_kb", forbidden)
    monkeypatch.setattr(kb.build, "load_cached", forbidden)
    monkeypatch.setattr("kb.parse.parse_corpus", forbidden)
    for argv in (["show", "W1-G2"], ["stats"], ["targets"], ["dept", "法院"], ["links"]):
        code, text, err = run(capsys, *argv, "--out", str(out))
        assert code == 0 and text and not err, argv


def test_show_an_item(capsys: pytest.CaptureFixture[str], out: Path) -> None:
    code, text, _ = run(capsys, "show", "w1-m1", "--out", str(out))
    assert code == 0
    assert "W1-M1" in text and "标题：完善保障妇女健康的制度机制" in text and "第 68 行" in text


def test_show_json(capsys: pytest.CaptureFixture[str], out: Path) -> None:
    code, text, _ = run(capsys, "show", "C5-M3", "--json", "--out", str(out))
    (row,) = json.loads(text)
    assert code == 0 and row["id"] == "C5-M3" and row["domain"] == "C5"


def test_show_unknown_id_explains_the_id_form(
    capsys: pytest.CaptureFixture[str], out: Path
) -> None:
    code, _, err = run(capsys, "show", "W9-G1", "--out", str(out))
    assert code == 1 and "没有编号为“W9-G1”的条目" in err and "W1-G2" in err


def test_a_lookup_without_a_release_says_to_build(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "show", "W1-G2", "--out", str(tmp_path / "none"))
    assert code == 1 and "请先运行 kb build" in err and "Traceback" not in err


def test_a_lookup_says_when_the_corpus_changed(
    capsys: pytest.CaptureFixture[str], out: Path, tmp_path: Path
) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    code, _, err = run(capsys, "stats", "--out", str(out), "--corpus", str(corpus))
    assert code == 0 and err == ""
    plan = next(corpus.glob("gaotai*.txt"))
    plan.write_text(plan.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (corpus / "monitoring.csv").write_text("key,year,value\n", encoding="utf-8")
    code, text, err = run(capsys, "stats", "--out", str(out), "--corpus", str(corpus))
    assert code == 0 and "320 条" in text
    assert "语料在上次构建后有改动" in err and plan.name in err and "monitoring.csv" in err


def test_stats(capsys: pytest.CaptureFixture[str], out: Path) -> None:
    code, text, _ = run(capsys, "stats", "--out", str(out))
    assert code == 0
    assert "妇女发展规划：8 个领域，主要目标 73 条，策略措施 91 条" in text
    assert "儿童发展规划：7 个领域，主要目标 69 条，策略措施 87 条" in text


def test_export_json_contract(capsys: pytest.CaptureFixture[str], out: Path) -> None:
    code, text, _ = run(capsys, "export", "--format", "json", "--out", str(out))
    data = json.loads(text)
    assert code == 0 and len(data["domains"]) == 15 and len(data["items"]) == 320
    for domain in data["domains"]:
        assert {"doc", "id", "plan", "name"} <= set(domain)
    required = {"doc", "id", "plan", "domain", "kind", "number", "text", "title", "lines"}
    for item in data["items"]:
        assert required | {"targets", "departments", "related"} <= set(item)
        assert item["kind"] in ("goal", "measure")
    kinds = {s["kind"] for s in data["sections"]}
    assert {"preface", "principle", "overall", "paragraph"} <= kinds
    assert {"shared_subjects", "shared_indicators", "departments"} <= set(data)


def test_export_csv_to_a_new_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, out: Path
) -> None:
    target = tmp_path / "新建" / "目录" / "items.csv"
    code, _, err = run(capsys, "export", "-o", str(target), "--out", str(out))
    raw = target.read_bytes()
    assert code == 0 and raw.startswith(b"\xef\xbb\xbf") and f"已写入 {target}" in err
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 320 and rows[0]["编号"] == "W1-G1" and rows[0]["领域"] == "妇女与健康"
    assert not [p for p in target.parent.iterdir() if p.name != "items.csv"]  # no temporary file


@pytest.mark.parametrize(
    ("argv", "name", "kind"),
    [
        (["dept", "法院"], "名单.xlsx", "xlsx"),
        (["dept", "法院"], "名单.csv", "csv"),
        (["dept"], "全部.xlsx", "xlsx"),
        (["targets"], "指标.json", "json"),
        (["targets", "--numeric"], "指标.xlsx", "xlsx"),
        (["export"], "全部.json", "json"),
        (["dept", "法院"], "名单.txt", "text"),
    ],
)
def test_the_output_format_follows_the_file_name(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    out: Path,
    argv: list[str],
    name: str,
    kind: str,
) -> None:
    path = tmp_path / name
    code, _, _ = run(capsys, *argv, "-o", str(path), "--out", str(out))
    assert code == 0
    raw = path.read_bytes()
    if kind == "xlsx":
        assert raw.startswith(b"PK") and openpyxl.load_workbook(path).active.max_row > 2
    elif kind == "csv":
        assert raw.startswith(b"\xef\xbb\xbf")
    elif kind == "json":
        json.loads(raw)
    else:
        assert raw.decode("utf-8").startswith("县人民法院")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["dept", "法院", "--format", "csv", "-o", "x.xlsx"], "与 --format csv 不一致"),
        (["export", "-o", "x.xlsx"], "不能输出 .xlsx 格式"),
        (["dept", "法院", "--format", "xlsx"], "需要用 -o 指定输出文件"),
    ],
)
def test_output_options_that_cannot_work_are_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, out: Path, argv: list[str], expected: str
) -> None:
    argv = [str(tmp_path / a) if a.startswith("x.") else a for a in argv]
    code, _, err = run(capsys, *argv, "--out", str(out))
    assert code == 1 and expected in err
    assert not list(tmp_path.iterdir())


def test_usage_errors_are_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    for argv, expected in (
        (["show"], "缺少必需的参数：id"),
        (["nope"], "无效"),
        (["search", "--limit", "0", "x"], "应为正整数"),
        (["targets", "--format", "pdf"], "应为 'text', 'csv', 'xlsx', 'json' 之一"),
        (["stats", "--frobnicate"], "无法识别的参数"),
    ):
        with pytest.raises(SystemExit) as exited:
            run(capsys, *argv)
        err = capsys.readouterr().err
        assert exited.value.code == 2 and expected in err and "用法：" in err, err
        assert "usage" not in err and "error" not in err and "required" not in err


def test_help_is_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(capsys, "dept", "--help")
    text = capsys.readouterr().out
    assert text.startswith("用法：kb dept") and "选项：" in text and "显示本帮助并退出" in text
    assert "usage" not in text and "options" not in text


def test_a_second_county_dropped_into_the_corpus(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    shutil.copy(FIXTURES / "good" / "second-county.txt", corpus / "qingshan-2022.txt")
    out = tmp_path / "build"
    build(Corpus.load(corpus), out)
    release = ("--corpus", str(corpus), "--out", str(out))
    code, text, _ = run(capsys, "stats", *release)
    assert code == 0
    assert "文件 qingshan-2022：6 个领域" in text and "320 条" in text
    code, text, _ = run(capsys, "show", "W4-G1", *release)
    assert code == 0 and "妇女数字素养明显提升" in text  # a domain Gaotai does not have
    code, text, _ = run(capsys, "show", "W1-G2", *release)
    assert text.count("W1-G2  （") == 2  # one per document
    code, text, _ = run(capsys, "show", "qingshan-2022:W1-G2", *release)
    assert text.count("W1-G2  （") == 1 and "70%" in text
