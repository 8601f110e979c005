"""The files of a corpus folder: which are plans, which are curated tables, and their bytes.

A corpus folder holds the plan documents (every ``*.txt``) and, beside them,
the curated files the derived facts use.  This module only finds and reads
files (each once); what is in them is for the readers beside it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from kb.errors import Problem
from kb.text import HAN

DICTIONARY = "dictionary.txt"  # terms the search keeps whole (kb.corpus.search_terms)
SYNONYMS = "synonyms.yaml"  # everyday words → the plan's words (kb.corpus.search_terms)
GAZETTEER = "departments.yaml"  # the county's bodies and their remits (kb.corpus.gazetteer)
LEXICON = "lexicon.yaml"  # how citizens ask, with sources (kb.corpus.lexicon)
SUBJECTS = "subjects.yaml"  # subjects shared by the two plans (kb.corpus.subjects)
MONITORING = "monitoring.csv"  # observed values of indicators (kb.corpus.monitoring)
REPORTERS = "indicators.yaml"  # who reports each indicator (kb.corpus.reporters)
ASSIGNMENTS = "assignments.yaml"  # confirmed 任务分工 (kb.corpus.assignments)
CURATED = (
    GAZETTEER,
    SUBJECTS,
    DICTIONARY,
    SYNONYMS,
    LEXICON,
    MONITORING,
    REPORTERS,
    ASSIGNMENTS,
)
NOT_DOCUMENTS = frozenset({DICTIONARY})

SLUG_UNSAFE = re.compile(f"[^0-9A-Za-z{HAN}_-]+")


def document_files(folder: Path) -> list[Path]:
    """The plan documents of ``folder``: every ``*.txt`` file, sorted by name."""
    return sorted(
        path for path in folder.glob("*.txt") if path.is_file() and path.name not in NOT_DOCUMENTS
    )


def slug_for(path: Path) -> str:
    """A document's slug: its file name without the extension, made URL-safe."""
    return SLUG_UNSAFE.sub("-", path.stem).strip("-").lower() or "document"


def display_path(path: Path) -> str:
    """``path`` as the user can find it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_bytes(path: Path, file: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of ``path`` (read once), or a problem saying why they cannot be read."""
    if path.is_dir():
        message = "应为文件，实际是一个文件夹：请把它改名或移走"
        return None, [Problem(file, 0, "error", "not-a-file", message)]
    try:
        return path.read_bytes(), []
    except OSError as exc:
        message = f"无法读取文件（{exc.strerror or exc}）"
        return None, [Problem(file, 0, "error", "unreadable", message)]


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def input_digests(folder: Path) -> tuple[tuple[str, str], ...]:
    """(file name, sha256) of every plan and curated file in ``folder``, by name.

    What a release records of its inputs, so that a lookup can tell when the
    corpus changed since the build.
    """
    paths = document_files(folder) + [folder / name for name in CURATED]
    found = []
    for path in paths:
        if path.is_file():
            try:
                found.append((path.name, digest(path.read_bytes())))
            except OSError:
                found.append((path.name, ""))
    return tuple(sorted(found))
