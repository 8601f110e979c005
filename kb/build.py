"""``kb build``: the pipeline from corpus to published outputs.

    corpus → parse → enrich → stage outputs → publish (atomically)
           → site: MkDocs on the release's generated pages → site/ (atomically)

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
from kb.links_vocab import vocabulary_problems
from kb.metadata import review_bodies, review_numbers
from kb.model import Document, KnowledgeBase
from kb.outputs import publish_release, staging, write_text
from kb.site import SITE_DOCS, build_site, write_site_docs

KB_JSON = "kb.json"
ITEMS_CSV = "items.csv"


@dataclass(frozen=True)
class BuildResult:
    kb: KnowledgeBase
    release: Path
    problems: tuple[Problem, ...]
    site: Path | None = None


def search_vocabulary_problems(corpus: Path) -> list[Problem]:
    from kb.search.vocabulary import read_vocabulary  # the search's word lists only

    return read_vocabulary(corpus)[1]


def check(corpus: Path, verbose: bool = False) -> tuple[list[Document], list[Problem]]:
    """Every problem of the corpus, without writing anything.

    Parse errors and warnings, names of bodies missing from the gazetteer and,
    when ``verbose``, the numbers in items that were not taken as targets.
    """
    documents, problems = check_corpus(corpus)
    problems += vocabulary_problems(corpus)
    problems += search_vocabulary_problems(corpus)
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


def write_release(stage: Path, kb: KnowledgeBase, corpus: Path) -> None:
    from kb.search.indexer import write_index  # whoosh: only when building
    from kb.search.layout import INDEX

    write_text(stage / KB_JSON, to_json(export_data(kb)))
    # A BOM so that spreadsheet programs read the Chinese text as UTF-8.
    write_text(stage / ITEMS_CSV, items_csv(kb), encoding="utf-8-sig")
    # The search index, with the dictionary and synonyms of ``corpus``.
    write_index(kb, corpus, stage / INDEX)


def build(corpus: Path, out: Path, strict: bool = False, site: Path | None = None) -> BuildResult:
    """Build the release into ``out``; with ``site``, also the static site into that folder.

    The site's Markdown is part of the release (``site-docs/``); the site is
    built from it after the release is published, and replaces ``site`` only
    when MkDocs succeeded (a failure leaves the previous site intact).
    """
    kb, problems = load_kb(corpus, strict=strict)
    try:
        with staging(out, "release") as stage:
            write_release(stage, kb, corpus)
            if site is not None:
                write_site_docs(kb, stage / SITE_DOCS, corpus)
            release = publish_release(stage, out)
    except OSError as exc:
        raise OutputError(f"写入 {out} 失败（{exc.strerror or exc}）；之前的输出保持不变") from exc
    if site is not None:
        site = build_site(release / SITE_DOCS, site)
    return BuildResult(kb=kb, release=release, problems=tuple(problems), site=site)
