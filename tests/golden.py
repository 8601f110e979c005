"""Golden files: compare with the expected JSON, or rewrite it when asked.

Set KB_UPDATE_GOLDEN=1 to rewrite expected files; review the diff before
committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def check_golden(actual: Any, expected_path: Path) -> None:
    text = json.dumps(actual, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if os.environ.get("KB_UPDATE_GOLDEN") == "1":
        expected_path.parent.mkdir(parents=True, exist_ok=True)
        expected_path.write_text(text, encoding="utf-8")
    assert expected_path.exists(), f"no golden file {expected_path}; run with KB_UPDATE_GOLDEN=1"
    assert json.loads(text) == json.loads(expected_path.read_text(encoding="utf-8"))
