"""Find and load the documents of a corpus folder."""

from __future__ import annotations

import re
from pathlib import Path

from kb.errors import CorpusError, Problem
from kb.model import Document, KnowledgeBase
from kb.parse import parse_text
from kb.text import decode

SLUG_UNSAFE = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff_-]+")
# The corpus folder holds the plan documents (every *.txt) and, beside them,
# the curated files that the derived facts use:
DICTIONARY = "dictionary.txt"  # terms the search keeps whole (kb/search/vocabulary.py)
SYNONYMS = "synonyms.yaml"  # everyday words → the plan's words (kb/search/vocabulary.py)
GAZETTEER = "departments.yaml"  # the county's bodies and their subjects (kb/gazetteer.py)
SUBJECTS = "subjects.yaml"  # subjects shared by the two plans (kb/links_vocab.py)
MONITORING = "monitoring.csv"  # observed values of indicators (kb/baselines.py)
NOT_DOCUMENTS = frozenset({DICTIONARY})


def document_files(corpus: Path) -> list[Path]:
    """The plan documents of ``corpus``: every ``*.txt`` file, sorted by name."""
    return sorted(
        path for path in corpus.glob("*.txt") if path.is_file() and path.name not in NOT_DOCUMENTS
    )


def slug_for(path: Path) -> str:
    """A document's slug: its file name without the extension, made URL-safe."""
    return SLUG_UNSAFE.sub("-", path.stem).strip("-").lower() or "document"


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def parse_file(path: Path) -> tuple[Document | None, list[Problem]]:
    file = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(file, 0, "error", "unreadable", f"无法读取文件：{exc.strerror}")]
    text, problems = decode(data, file)
    if text is None:
        return None, problems
    return parse_text(text, file, slug_for(path))


def check_corpus(corpus: Path) -> tuple[list[Document], list[Problem]]:
    """Parse every document; return those that parsed and every problem found."""
    files = document_files(corpus)
    if not files:
        where = display_path(corpus)
        return [], [Problem(where, 0, "error", "no-documents", "语料目录中没有 .txt 规划文件")]
    documents, problems = [], []
    slugs: dict[str, str] = {}
    for path in files:
        document, found = parse_file(path)
        problems.extend(found)
        if document is None:
            continue
        if document.slug in slugs:
            problems.append(
                Problem(
                    document.file,
                    0,
                    "error",
                    "duplicate-slug",
                    f"文件名得出的编号“{document.slug}”与 {slugs[document.slug]} 相同：请改名",
                )
            )
            continue
        slugs[document.slug] = document.file
        documents.append(document)
    return documents, problems


def load_corpus(corpus: Path, strict: bool = False) -> tuple[KnowledgeBase, list[Problem]]:
    """Parse the corpus or raise ``CorpusError`` (warnings too, when ``strict``)."""
    documents, problems = check_corpus(corpus)
    fatal = [p for p in problems if p.level == "error" or (strict and p.level == "warning")]
    if fatal:
        raise CorpusError(fatal)
    return KnowledgeBase(documents=tuple(documents)), problems
