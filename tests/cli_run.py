"""Running the kb command inside a test (imported as ``from cli_run import run``)."""

from __future__ import annotations

import pytest

from kb.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``kb *argv`` in this process: the exit code, stdout and stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
