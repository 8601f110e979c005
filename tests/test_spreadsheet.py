"""The 任务分工表 opens in a real spreadsheet program with its Chinese intact.

Runs where LibreOffice is installed (Debian's libreoffice-calc-nogui); the
openpyxl tests in test_dept_cli.py cover the file everywhere else.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from kb.model import KnowledgeBase
from kb.views.tasks import task_rows, write_tasks_xlsx

SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_tasks_xlsx_opens_in_libreoffice(tmp_path: Path, knowledge: KnowledgeBase) -> None:
    kb = knowledge
    book = tmp_path / "任务分工表.xlsx"
    write_tasks_xlsx(task_rows(kb, "县人民法院"), book, "任务分工表（县人民法院）")
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    rows = list(csv.reader((tmp_path / "任务分工表.csv").open(encoding="utf-8")))
    assert rows[0][0] == "任务分工表（县人民法院）"
    assert rows[1][:6] == ["序号", "规划", "领域", "编号", "类别", "主要目标/策略措施"]
    assert any("县人民法院" in cell for row in rows[2:] for cell in row[6:8])
