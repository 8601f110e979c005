"""The house: every module in its stage, imports only downward, no circle, nothing dead.

The stages, lowest first (a module may import its own stage and those below)::

    0  errors text model labels records normalize release names progress   shared by all
    1  corpus/    read and check the files of a corpus folder
    2  parse/     plan texts → the model
    3  enrich/    derived facts
    4  views/     what people read
    4  monitor/   monitoring and evaluation: catalogue, forms, imports, reports
    5  search/    the search and its browser port
    6  site/      the static site
    7  check build publish unchanged cache, assign/ (reads returned forms, writes a corpus file)
    8  cli/ and the package itself
"""

from __future__ import annotations

import ast
import typing
from pathlib import Path

import pytest
from helpers import ROOT

from kb.parse.lines import TokenKind
from kb.parse.parser import HANDLERS

PACKAGE = ROOT / "kb"
STAGES: dict[str, int] = {
    "kb.errors": 0,
    "kb.text": 0,
    "kb.model": 0,
    "kb.labels": 0,
    "kb.records": 0,
    "kb.normalize": 0,
    "kb.release": 0,
    "kb.names": 0,
    "kb.progress": 0,
    "kb.corpus": 1,
    "kb.parse": 2,
    "kb.enrich": 3,
    "kb.views": 4,
    "kb.monitor": 4,
    "kb.search": 5,
    "kb.site": 6,
    "kb.check": 7,
    "kb.build": 7,
    "kb.publish": 7,
    "kb.unchanged": 7,
    "kb.cache": 7,
    "kb.assign": 7,
    "kb.cli": 8,
    "kb.__main__": 8,
    "kb": 8,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def stage(module: str) -> int:
    while module not in STAGES:
        module = module.rpartition(".")[0]
    return STAGES[module]


def imports(module: str) -> set[str]:
    """Every kb module this one imports, at the top or inside a function."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("kb")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            if not base.startswith("kb"):
                continue
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.add(child if child in MODULES else base)
    return {m for m in found if m in MODULES and m != module}


def test_every_module_has_a_stage() -> None:
    assert all(stage(m) >= 0 for m in MODULES)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down_or_stay_in_their_stage(module: str) -> None:
    upward = sorted(m for m in imports(module) if stage(m) > stage(module))
    assert not upward, f"{module} (stage {stage(module)}) imports {upward}"


def test_no_import_circle() -> None:
    graph = {m: imports(m) for m in MODULES}
    # a package's __init__ may name its modules lazily; a module importing its own
    # package's __init__ for a re-exported name is not a circle of code
    for m, targets in graph.items():
        graph[m] = {
            t for t in targets if not (MODULES[t].name == "__init__.py" and m.startswith(t))
        }
    seen: dict[str, int] = {}
    path: list[str] = []

    def visit(m: str) -> None:
        seen[m] = 1
        path.append(m)
        for t in sorted(graph[m]):
            if seen.get(t) == 1:
                raise AssertionError(" → ".join([*path[path.index(t) :], t]))
            if t not in seen:
                visit(t)
        path.pop()
        seen[m] = 2

    for m in sorted(graph):
        if m not in seen:
            visit(m)


def test_evaluation_code_is_not_shipped() -> None:
    names = {p.stem for p in PACKAGE.rglob("*.py")}
    assert not names & {"metrics", "naive", "eval_search", "bench_search"}


def test_every_token_kind_has_a_handler() -> None:
    assert set(HANDLERS) == set(typing.get_args(TokenKind))


def test_modules_stay_small() -> None:
    sizes = {m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in MODULES.items()}
    assert {m: n for m, n in sizes.items() if n > 400} == {}
