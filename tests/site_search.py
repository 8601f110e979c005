"""Run the browser's search code (kb-search.js) under node, for comparison with `kb search`."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "data" / "site_queries.txt"
SCRIPT = ROOT / "kb" / "site" / "assets" / "kb-search.js"

RUNNER = """
const fs = require("fs");
globalThis.window = globalThis;
globalThis.eval(fs.readFileSync(process.argv[1], "utf8"));
globalThis.eval(fs.readFileSync(process.argv[2], "utf8"));
const searcher = new globalThis.kbSearch.Searcher(globalThis.KB_SEARCH_INDEX);
const queries = JSON.parse(fs.readFileSync(0, "utf8"));
const limit = Number(process.argv[3]);
const ids = (q) => searcher.search(q).slice(0, limit).map((r) => r.id);
process.stdout.write(JSON.stringify(queries.map(ids)));
"""


def queries() -> list[str]:
    lines = QUERIES.read_text(encoding="utf-8").splitlines()
    return [q.strip() for q in lines if q.strip() and not q.startswith("#")]


def node() -> str | None:
    return shutil.which("node") or shutil.which("nodejs")


def js_search(index_js: Path, wanted: list[str], limit: int = 10) -> list[list[str]]:
    """The top ``limit`` item IDs kb-search.js finds for each query."""
    binary = node()
    assert binary is not None
    done = subprocess.run(
        [binary, "-e", RUNNER, str(index_js), str(SCRIPT), str(limit)],
        input=json.dumps(wanted),
        capture_output=True,
        text=True,
        check=True,
    )
    return [list(ids) for ids in json.loads(done.stdout)]


def overlap(a: list[list[str]], b: list[list[str]]) -> tuple[int, int]:
    """Items in both top lists, out of the items in ``a``'s."""
    return sum(len(set(x) & set(y)) for x, y in zip(a, b, strict=True)), sum(len(x) for x in a)
