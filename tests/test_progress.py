"""Progress: the library reports steps; a terminal shows them on one line, anything else nothing."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from helpers import ROOT

from kb.build import load_kb
from kb.cli.progress import ERASE, TerminalProgress
from kb.corpus import Corpus
from kb.progress import Step


def test_the_library_reports_each_document_and_stage(corpus: Corpus) -> None:
    steps: list[Step] = []
    load_kb(corpus, progress=steps.append)
    parsed = [s for s in steps if s.stage == "解析"]
    assert [(s.done, s.total) for s in parsed] == [(1, 1)]
    assert parsed[0].label == "gaotai-2022-women-children-development-plans.txt"
    derived = [s for s in steps if s.stage == "派生"]
    assert [s.done for s in derived] == list(range(1, derived[0].total + 1))
    assert "责任单位" in {s.label for s in derived}


def test_nothing_is_written_when_stderr_is_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = TerminalProgress(stream, delay=0)
    progress(Step("解析", 1, 2, "临泽县"))
    progress.close()
    assert stream.getvalue() == ""


def test_a_terminal_gets_one_overwritten_line_then_a_clean_one() -> None:
    primary, secondary = os.openpty()
    with os.fdopen(secondary, "w", encoding="utf-8") as terminal:
        progress = TerminalProgress(terminal, delay=0, interval=0)
        progress(Step("解析", 1, 2, "临泽县"))
        progress(Step("解析", 2, 2, "山丹县"))
        progress.close()
    shown = os.read(primary, 4096).decode("utf-8")
    os.close(primary)
    assert shown == f"{ERASE}[1/2] 解析 临泽县{ERASE}[2/2] 解析 山丹县{ERASE}"


def test_quick_work_shows_nothing_even_on_a_terminal() -> None:
    primary, secondary = os.openpty()
    with os.fdopen(secondary, "w", encoding="utf-8") as terminal:
        progress = TerminalProgress(terminal, delay=60)
        progress(Step("解析", 1, 1, "临泽县"))
        progress.close()
        terminal.write("end")
    assert os.read(primary, 4096) == b"end"
    os.close(primary)


def test_a_command_under_a_pty_and_a_pipe() -> None:
    """The command's own stdout is unchanged by progress on stderr, terminal or not."""
    code = (
        "import sys; from kb.cli.progress import TerminalProgress; from kb.progress import Step; "
        "p = TerminalProgress(delay=0, interval=0); p(Step('构建', 1, 1, '发布')); p.close(); "
        "print('done')"
    )
    piped = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert (piped.stdout, piped.stderr) == ("done\n", "")
    primary, secondary = os.openpty()
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, stderr=secondary, stdout=subprocess.PIPE, check=True
    )
    os.close(secondary)
    assert done.stdout == b"done\n"
    assert os.read(primary, 4096).decode("utf-8") == f"{ERASE}[1/1] 构建 发布{ERASE}"
    os.close(primary)
