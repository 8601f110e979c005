"""``kb build``: the pipeline from corpus to published outputs.

    corpus → parse → enrich → stage outputs → publish (atomically)

Nothing is written until the whole corpus parsed without errors; nothing is
published until every output was written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kb.corpus import check_corpus
from kb.enrich import enrich
from kb.errors import CorpusError, OutputError, Problem
from kb.export import export_data, items_csv, to_json
from kb.metadata import review_bodies, review_numbers
from kb.model import Document, KnowledgeBase
from kb.outputs import publish_release, staging, write_text

KB_JSON = "kb.json"
ITEMS_CSV = "items.csv"


@dataclass(frozen=True)
class BuildResult:
    kb: KnowledgeBase
    release: Path
    problems: tuple[Problem, ...]


def check(corpus: Path, verbose: bool = False) -> tuple[list[Document], list[Problem]]:
    """Every problem of the corpus, without writing anything.

    Parse errors and warnings, names of bodies missing from the gazetteer and,
    when ``verbose``, the numbers in items that were not taken as targets.
    """
    documents, problems = check_corpus(corpus)
    problems += review_bodies(documents, corpus)
    if verbose:
        problems += review_numbers(documents)
    return documents, sorted(problems, key=lambda p: (p.file, p.line))


def load_kb(corpus: Path, strict: bool = False) -> tuple[KnowledgeBase, list[Problem]]:
    """Parse and enrich the corpus: the whole knowledge base, in memory.

    Raises ``CorpusError`` on errors (and on warnings too, when ``strict``).
    """
    documents, problems = check(corpus)
    fatal = [p for p in problems if p.level == "error" or (strict and p.level == "warning")]
    if fatal:
        raise CorpusError(fatal)
    kb = KnowledgeBase(documents=tuple(documents))
    return enrich(kb, corpus), problems


def write_release(stage: Path, kb: KnowledgeBase) -> None:
    write_text(stage / KB_JSON, to_json(export_data(kb)))
    # A BOM so that spreadsheet programs read the Chinese text as UTF-8.
    write_text(stage / ITEMS_CSV, items_csv(kb), encoding="utf-8-sig")


def build(corpus: Path, out: Path, strict: bool = False) -> BuildResult:
    kb, problems = load_kb(corpus, strict=strict)
    try:
        with staging(out, "release") as stage:
            write_release(stage, kb)
            release = publish_release(stage, out)
    except OSError as exc:
        raise OutputError(f"写入 {out} 失败（{exc.strerror or exc}）；之前的输出保持不变") from exc
    return BuildResult(kb=kb, release=release, problems=tuple(problems))
