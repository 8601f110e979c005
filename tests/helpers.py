"""What the tests share: paths, running the CLI, golden files, losslessness, the browser port.

Imported as ``from helpers import …`` (pytest puts ``tests/`` on the path).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kb.cli import main
from kb.corpus.files import display_path, slug_for
from kb.errors import Problem
from kb.model import Document
from kb.parse import parse_text
from kb.parse.lines import GOAL_LISTS, MEASURE_LISTS, PROJECT_LISTS, classify
from kb.text import SourceLine, decode, split_lines, squeeze

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATA = Path(__file__).resolve().parent / "data"
GAOTAI = CORPUS / "gaotai-2022-women-children-development-plans.txt"
DOC = "gaotai-2022-women-children-development-plans"
# The evaluation code (metrics, the naive peer, eval_*) lives outside the package.
EVALUATION = ROOT / "evaluation"
if str(EVALUATION) not in sys.path:
    sys.path.insert(0, str(EVALUATION))


# --------------------------------------------------------------------------- the CLI


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``kb *argv`` in this process: the exit code, stdout and stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def copy_corpus(folder: Path, *, curated: bool = True) -> Path:
    """A copy of the real corpus (plans, and the curated files unless told not to)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in CORPUS.iterdir():
        plan = path.suffix == ".txt" and path.name != "dictionary.txt"
        if plan or curated:
            shutil.copy(path, folder / path.name)
    return folder


def parse_file(path: Path) -> tuple[Document | None, list[Problem]]:
    """Read and parse one plan file, as ``Corpus.load`` and ``kb.parse`` do."""
    shown = display_path(path)
    text, problems = decode(path.read_bytes(), shown)
    if text is None:
        return None, problems
    return parse_text(text, f"{path.parent.name}/{path.name}", slug_for(path), shown)


# --------------------------------------------------------------------------- golden files


def check_golden(actual: Any, expected_path: Path) -> None:
    """Compare with the expected JSON; KB_UPDATE_GOLDEN=1 rewrites it (review the diff)."""
    text = json.dumps(actual, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if os.environ.get("KB_UPDATE_GOLDEN") == "1":
        expected_path.parent.mkdir(parents=True, exist_ok=True)
        expected_path.write_text(text, encoding="utf-8")
    assert expected_path.exists(), f"no golden file {expected_path}; run with KB_UPDATE_GOLDEN=1"
    assert json.loads(text) == json.loads(expected_path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- losslessness


def owners(document: Document) -> Counter[int]:
    counts: Counter[int] = Counter()
    nodes = [
        *document.plans,
        *document.sections,
        *document.domains,
        *document.items,
        *document.projects,
    ]
    if document.notice is not None:
        counts.update(document.notice.span.own_lines)
    for node in nodes:
        counts.update(node.span.own_lines)
    return counts


def material(document: Document) -> dict[int, str]:
    """For each owned line, the text its node holds (squeezed)."""
    out: dict[int, str] = {}
    parts: list[tuple[tuple[int, ...], str]] = []
    notice = document.notice
    if notice is not None:
        whole = notice.issuer + notice.title + notice.addressees + notice.body + notice.date_text
        parts.append((notice.span.own_lines, whole))
    for plan in document.plans:
        parts.append((plan.span.own_lines, plan.title))
    for section in document.sections:
        parts.append((section.span.own_lines, section.heading + section.text))
    for domain in document.domains:
        headings = "".join((*GOAL_LISTS, *MEASURE_LISTS, *PROJECT_LISTS))
        parts.append((domain.span.own_lines, domain.name + domain.intro + headings))
    for item in document.items:
        parts.append((item.span.own_lines, item.text))
    for project in document.projects:
        parts.append((project.span.own_lines, project.title + project.text))
    for lines, text in parts:
        for line in lines:
            out[line] = squeeze(text)
    return out


def assert_lossless(document: Document, source: str) -> None:
    """Every non-blank line in exactly one node, and its words kept there."""
    lines = split_lines(source)
    nonblank = {line.number for line in lines if line.text}
    counts = owners(document)
    missing = sorted(nonblank - set(counts))
    twice = sorted(n for n, c in counts.items() if c > 1)
    stray = sorted(set(counts) - nonblank)
    assert not missing, f"lines owned by no node: {missing}"
    assert not twice, f"lines owned by more than one node: {twice}"
    assert not stray, f"nodes claim blank or missing lines: {stray}"
    held = material(document)
    for line in lines:
        if line.text:
            body = squeeze(without_number(line))
            assert body in held[line.number], f"line {line.number} not kept: {line.text!r}"


def without_number(line: SourceLine) -> str:
    """The words of a line without its leading number (``1.``, ``（一）``, ``一、``)."""
    token = classify(line)
    if token.kind in ("plan-title", "goals", "measures", "projects") and token.rest:
        # a heading and what follows it on the same line: 主要目标：1.…
        return without_number(replace(line, text=token.rest))
    if token.kind == "section":
        return token.rest.rstrip("。：: ")  # a domain's name is kept without its full stop
    if token.kind in ("numbered", "part"):
        return token.rest
    if token.kind in ("chapter", "goals", "measures", "projects", "preface", "contents"):
        return token.title
    return line.text


# --------------------------------------------------------------------------- the browser port

CORE_SCRIPT = ROOT / "kb" / "search" / "js" / "kb-search-core.js"
SITE_QUERIES = DATA / "site_queries.txt"
# The start of a node script over a built site's sharded browser index: argv[1] is the
# manifest (assets/kb-search-index.js), argv[2] the port; openIndex() gives a searcher
# that reads its shards from the files beside the manifest, and `read` lists them.
NODE_LOADER = """
const fs = require("fs");
const path = require("path");
globalThis.window = globalThis;
globalThis.eval(fs.readFileSync(process.argv[1], "utf8"));
globalThis.eval(fs.readFileSync(process.argv[2], "utf8"));
const read = [];
function openIndex() {
  const index = globalThis.KB_SEARCH_INDEX;
  const folder = path.join(path.dirname(process.argv[1]), index.shards ? index.shards.folder : "");
  return globalThis.kbSearchCore.open(index, (kind, number) => {
    const file = path.join(folder, kind, number + ".js");
    let data;
    globalThis.kbSearchShard = (k, n, d) => { data = d; };
    globalThis.eval(fs.readFileSync(file, "utf8"));
    read.push(path.relative(folder, file));
    return data;
  });
}
"""


def node() -> str | None:
    return shutil.which("node") or shutil.which("nodejs")


def need_node() -> str:
    binary = node()
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is not installed (.ci/run installs it)")
        pytest.skip("node is not installed (.ci/run installs it)")
    return binary


def run_node(script: str, *args: str, stdin: str = "") -> Any:
    """Run ``script`` under node with ``args``; its stdout, read as JSON."""
    done = subprocess.run(
        [need_node(), "-e", script, *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def site_queries() -> list[str]:
    lines = SITE_QUERIES.read_text(encoding="utf-8").splitlines()
    return [q.strip() for q in lines if q.strip() and not q.startswith("#")]
