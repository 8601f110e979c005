"""Recording confirmed assignments in ``corpus/assignments.yaml``.

The file already there is read first (a broken one is not overwritten: its
problems are listed instead); the new entries replace those of the same items,
the others are kept, and the whole file is written in document order, beside
its final name and renamed into place.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from kb.corpus.assignments import Confirmed, format_assignments, read_assignments
from kb.corpus.files import display_path
from kb.errors import OutputError
from kb.model import KnowledgeBase
from kb.text import decode


def read_existing(path: Path, kb: KnowledgeBase) -> tuple[list[Confirmed], list[str]]:
    """The entries already confirmed, or the reasons the file cannot be merged into."""
    if not path.exists():
        return [], []
    shown = display_path(path)
    text, problems = decode(path.read_bytes(), shown, "已确认的任务分工（YAML）")
    if text is None:
        return [], [str(p) for p in problems]
    found, problems = read_assignments(text, shown, kb.departments)
    if problems:
        return [], [f"{p}（请先修正 {shown}，再导入）" for p in problems]
    return list(found.entries), []


def merge(
    kb: KnowledgeBase, existing: Sequence[Confirmed], new: Sequence[Confirmed]
) -> tuple[list[Confirmed], int]:
    """The new entries and the untouched old ones, in document order; how many old were kept."""
    single = kb.documents[0].slug if len(kb.documents) == 1 else ""
    order = {(i.doc, i.id): n for n, i in enumerate(kb.items())}

    def key(entry: Confirmed) -> tuple[int, str, str]:
        doc = entry.doc or single
        return (order.get((doc, entry.id), len(order)), doc, entry.id)

    replaced = {key(e)[1:] for e in new}
    kept = [e for e in existing if key(e)[1:] not in replaced]
    return sorted([*kept, *new], key=key), len(kept)


def write_assignments(path: Path, entries: Sequence[Confirmed]) -> None:
    """Write the file beside its final name, then rename it into place."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(format_assignments(entries), encoding="utf-8", newline="\n")
        os.replace(temporary, path)
    except OSError as exc:
        raise OutputError(f"无法写入 {display_path(path)}（{exc.strerror or exc}）") from exc
    finally:
        temporary.unlink(missing_ok=True)
