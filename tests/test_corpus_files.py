"""The corpus folder's curated files: every fault a clear Chinese ``file:line`` problem.

GBK (what Excel and Notepad write by default on Chinese Windows), a folder where
a file should be, bad entries: `kb check` lists them all, in one style, with a
summary line; every other command refuses with the same messages, never with a
traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import copy_corpus, run

from kb.corpus import Corpus

CURATED = ["departments.yaml", "subjects.yaml", "synonyms.yaml", "dictionary.txt", "monitoring.csv"]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = copy_corpus(tmp_path / "corpus")
    (folder / "monitoring.csv").write_text("key,year,value\n婴儿死亡率,2023,2.1\n", "utf-8")
    return folder


def test_the_real_corpus_loads_without_problems() -> None:
    corpus = Corpus.load(Path("corpus"))
    assert corpus.report.problems == ()
    assert corpus.gazetteer is not None and len(corpus.plans) == 1
    assert {name for name, _ in corpus.inputs} >= {"departments.yaml", "subjects.yaml"}


@pytest.mark.parametrize("name", CURATED)
def test_a_gbk_file_is_explained_in_every_command(
    capsys: pytest.CaptureFixture[str], corpus: Path, name: str
) -> None:
    path = corpus / name
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    code, out, _ = run(capsys, "check", "--corpus", str(corpus))
    assert code == 1
    assert f"{path}:" in out and "不是 UTF-8 编码" in out and "GB18030" in out
    assert "iconv -f GB18030 -t UTF-8" in out and "另存为 UTF-8" in out
    assert out.strip().endswith("错误 1 个，警告 0 个")
    for argv in (["build", "--site", str(corpus.parent / "site")], ["index"]):
        code, text, err = run(
            capsys, *argv, "--corpus", str(corpus), "--out", str(corpus.parent / "b")
        )
        assert code == 1 and "不是 UTF-8 编码" in err and "Traceback" not in text + err, argv


@pytest.mark.parametrize("name", CURATED)
def test_a_folder_where_a_file_should_be(
    capsys: pytest.CaptureFixture[str], corpus: Path, name: str
) -> None:
    (corpus / name).unlink()
    (corpus / name).mkdir()
    code, out, _ = run(capsys, "check", "--corpus", str(corpus))
    assert code == 1 and f"{corpus / name}: 错误：应为文件，实际是一个文件夹" in out


def test_every_problem_of_every_file_is_listed_at_once(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    gazetteer = corpus / "departments.yaml"
    text = gazetteer.read_text(encoding="utf-8")
    text = text.replace("kind: government", "kind: goverment", 2).replace(
        "  - name:", "  - nme:", 1
    )
    gazetteer.write_text(text, encoding="utf-8")
    (corpus / "subjects.yaml").write_text("subjects:\n  - nam: 托育\n", encoding="utf-8")
    (corpus / "monitoring.csv").write_text("key,year,value\n婴儿死亡率,二三,2\n", "utf-8")
    (corpus / "dictionary.txt").write_text("两癌 0\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--corpus", str(corpus))
    lines = out.strip().splitlines()
    assert code == 1
    kinds = [line for line in lines if ": 错误：" in line]
    assert sum("departments.yaml:" in line for line in kinds) >= 3
    assert any("subjects.yaml:2: 错误：未知的键“nam”" in line for line in kinds)
    assert any("monitoring.csv:2: 错误：year 应为四位年份" in line for line in kinds)
    assert any("dictionary.txt:1: 错误：词频应为正整数" in line for line in kinds)
    assert lines[-1].endswith(f"错误 {len(kinds)} 个，警告 0 个")
    english = ("expected", "found", "mapping", "while", "could not")
    assert not [line for line in kinds if any(word in line for word in english)]


def test_an_empty_curated_file_says_what_it_should_hold(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    (corpus / "monitoring.csv").write_text("", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--corpus", str(corpus))
    assert (
        code == 1
        and "monitoring.csv: 错误：文件为空：应为监测数据"
        "（CSV：item,indicator,year,value,source,form,imported）"
        in out
    )


def test_a_missing_corpus_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "check", "--corpus", str(tmp_path / "nope"))
    assert code == 1 and "语料目录不存在" in out
