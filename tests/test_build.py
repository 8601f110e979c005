"""`kb build` publishes one release -- knowledge base, index and site -- atomically and
deterministically, reading each input once, from any folder."""

from __future__ import annotations

import builtins
import io
import json
import os
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from helpers import CORPUS, FIXTURES, ROOT, copy_corpus, run

import kb.build
from kb.build import BuildResult, build
from kb.corpus import Corpus
from kb.errors import OutputError
from kb.publish import tree_digest
from kb.release import CURRENT, MODEL_JSON


def snapshot(out: Path, site: Path) -> tuple[str, str, list[str]]:
    """What a user sees: the current release's bytes, the site's bytes, the folders."""
    leftovers = sorted(p.name for p in [*out.iterdir(), *site.parent.iterdir()] if p.name[0] == ".")
    return tree_digest((out / CURRENT).resolve()), tree_digest(site), leftovers


@pytest.fixture
def previous(tmp_path: Path, built: BuildResult) -> tuple[Path, Path]:
    """A copy of the session's build, as a user's earlier outputs."""
    out = tmp_path / "build"
    shutil.copytree(built.release.parent.parent, out, symlinks=True)
    assert built.site is not None
    shutil.copytree(built.site, tmp_path / "site")
    return out, tmp_path / "site"


def test_a_build_from_another_folder_reads_each_input_once_and_is_byte_identical(
    tmp_path: Path, built: BuildResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From another working folder, with a relative --out and an absolute --corpus:
    every corpus file is opened once, the analyzer is built once, no machine path is
    written, and the release and the site are byte for byte the session's."""
    opened: Counter[str] = Counter()
    real_open, real_io_open, real_os_open = builtins.open, io.open, os.open

    def note(path: Any) -> None:
        if isinstance(path, str | os.PathLike):
            resolved = Path(os.fsdecode(path)).resolve()
            if resolved.parent == CORPUS.resolve():
                opened[resolved.name] += 1

    def counting(real: Any) -> Any:
        def wrapper(file: Any, *args: Any, **kwargs: Any) -> Any:
            note(file)
            return real(file, *args, **kwargs)

        return wrapper

    monkeypatch.setattr(builtins, "open", counting(real_open))
    monkeypatch.setattr(io, "open", counting(real_io_open))
    monkeypatch.setattr(os, "open", counting(real_os_open))
    analyzers = []
    make = kb.build.analyze

    def counted(*args: Any) -> Any:
        analyzers.append(args)
        return make(*args)

    monkeypatch.setattr(kb.build, "analyze", counted)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = build(Corpus.load(CORPUS.resolve()), Path("out"), site=Path("网站"))
    monkeypatch.undo()
    inputs = sorted(p.name for p in CORPUS.iterdir() if p.is_file())
    assert opened == Counter(dict.fromkeys(inputs, 1))
    assert len(analyzers) == 1
    release = (elsewhere / "out" / CURRENT).resolve()
    assert tree_digest(release) == tree_digest(built.release)
    assert built.site is not None and tree_digest(elsewhere / "网站") == tree_digest(built.site)
    assert result.release.name == built.release.name
    for name in ("kb.json", MODEL_JSON, "manifest.json", "items.csv"):
        text = (release / name).read_text(encoding="utf-8")
        assert str(ROOT) not in text and str(tmp_path) not in text, name
    assert json.loads((release / "kb.json").read_text("utf-8"))["documents"][0]["file"] == (
        "corpus/gaotai-2022-women-children-development-plans.txt"
    )


def test_a_corpus_error_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, previous: tuple[Path, Path]
) -> None:
    out, site = previous
    before = snapshot(out, site)
    corpus = copy_corpus(tmp_path / "corpus")
    shutil.copy(FIXTURES / "bad" / "numbering-duplicate.txt", corpus / "broken.txt")
    code, _, err = run(
        capsys, "build", "--corpus", str(corpus), "--out", str(out), "--site", str(site)
    )
    assert code == 1
    assert "broken.txt:12: 错误" in err and "未写入任何输出" in err
    assert snapshot(out, site) == before


@pytest.mark.parametrize("stage", ["write_release", "build_site", "publish"])
def test_a_failure_at_any_stage_switches_nothing(
    tmp_path: Path, previous: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    """The knowledge base, the index and the site are switched together, or not at all."""
    out, site = previous
    before = snapshot(out, site)

    def write_release(stage_dir: Path, *_: object) -> None:
        (stage_dir / "kb.json").write_text("half", encoding="utf-8")
        if stage == "write_release":
            raise OSError(28, "No space left on device")

    def write_site_sources(*_: object) -> None:
        pass

    def build_site(root: Path, previous: Path | None = None) -> int:
        (root / "site").mkdir()
        (root / "site" / "index.html").write_text("new", encoding="utf-8")
        if stage == "build_site":
            raise OutputError("MkDocs 构建网站失败：测试")
        return 0

    real_switch = kb.publish._switch_current

    def switch(*args: Any) -> None:
        if stage == "publish":
            raise OSError(5, "Input/output error")
        real_switch(*args)

    monkeypatch.setattr(kb.build, "write_release", write_release)
    monkeypatch.setattr("kb.site.write_site_sources", write_site_sources)
    monkeypatch.setattr("kb.site.build_site", build_site)
    monkeypatch.setattr(kb.publish, "_switch_current", switch)
    with pytest.raises(OutputError) as caught:
        build(Corpus.load(CORPUS), out, site=site, force=True)
    assert "之前的输出保持不变" in str(caught.value) or "测试" in str(caught.value)
    assert snapshot(out, site) == before
    assert sorted(p.name for p in (out / "releases").iterdir()) == [(out / CURRENT).resolve().name]


def test_what_killed_builds_left_is_removed(
    tmp_path: Path, previous: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    out, site = previous
    dead = 2**22 + 12345  # above any PID this machine hands out
    for leftover in (out / f".staging-release-{dead}", site.parent / f".site-new-{dead}"):
        leftover.mkdir()
        (leftover / "x").write_text("x", encoding="utf-8")
    (out / f".current-{dead}").symlink_to("releases")
    monkeypatch.setattr(kb.build, "load_cached", lambda *_a, **_k: (_ for _ in ()).throw(OSError()))
    with pytest.raises(OSError):
        build(Corpus.load(CORPUS), out, site=site, force=True)
    assert snapshot(out, site)[2] == []


def test_build_without_a_site_leaves_the_site_alone(
    tmp_path: Path, previous: tuple[Path, Path]
) -> None:
    out, site = previous
    before = snapshot(out, site)[1]
    result = build(Corpus.load(CORPUS), out, force=True)
    assert result.site is None and tree_digest(site) == before
    assert not (result.release / "site").exists()


def test_an_unchanged_corpus_is_not_built_again(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, previous: tuple[Path, Path]
) -> None:
    out, site = previous
    before = snapshot(out, site)
    argv = ["build", "--out", str(out), "--site", str(site)]
    code, text, _ = run(capsys, *argv)
    assert code == 0 and "未重新构建" in text
    assert snapshot(out, site)[:2] == before[:2]
    shutil.rmtree(site)  # a user deleted the site: it comes back from the release
    assert run(capsys, *argv)[0] == 0
    assert snapshot(out, site)[:2] == before[:2]


def test_a_changed_input_or_force_builds_again(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, previous: tuple[Path, Path]
) -> None:
    out, site = previous
    corpus = copy_corpus(tmp_path / "corpus")
    argv = ["build", "--corpus", str(corpus), "--out", str(out), "--site", str(site)]
    assert "未重新构建" in run(capsys, *argv)[1]
    assert "已构建知识库" in run(capsys, *argv, "--force")[1]
    (corpus / "monitoring.csv").write_text("key,year,value\n孕产妇死亡率,2023,9\n", "utf-8")
    code, text, _ = run(capsys, *argv)
    assert code == 0 and "已构建知识库" in text


def test_strict_fails_on_the_warnings_a_reused_release_recorded(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    plan = next(corpus.glob("gaotai*.txt"))
    plan.write_text(plan.read_text("utf-8").replace("2.适龄", "2，适龄", 1), "utf-8")
    out = tmp_path / "build"
    build(Corpus.load(corpus), out)
    code, _, err = run(capsys, "build", "--strict", "--corpus", str(corpus), "--out", str(out))
    assert code == 1 and "写法不规范" in err
