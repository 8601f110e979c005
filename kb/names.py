"""Resolving a department's name as people type it, and the nearest names when it is unknown.

Shared by the corpus readers (``assignments.yaml``), the lookups (``kb dept``)
and the import of returned 任务分工表 (``kb assign import``): the same name
resolves to the same body everywhere.  A name is compared after NFKC (full-width
letters and digits as ASCII) with every space removed.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence

from kb.model import Department

NEAREST = 3
CUTOFF = 0.6


def clean(name: str) -> str:
    """``name`` as compared: NFKC, without any space (全角空格 too)."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def owners(departments: Sequence[Department], name: str) -> list[Department]:
    """The departments ``name`` is a name of: one, several (司法机关), or none."""
    wanted = clean(name)
    if not wanted:
        return []
    return [d for d in departments if wanted in d.names]


def nearest(departments: Sequence[Department], name: str, n: int = NEAREST) -> list[str]:
    """The short names of the departments whose names are closest to ``name``."""
    wanted = clean(name)
    by_name = {candidate: d for d in departments for candidate in d.names}
    close = difflib.get_close_matches(wanted, list(by_name), n=n * 3, cutoff=CUTOFF)
    core = wanted.removeprefix("县").removesuffix("局")
    contains = [c for c in by_name if core and all(ch in c for ch in core)]
    found: list[str] = []
    for candidate in (*close, *contains):
        short = by_name[candidate].short
        if short not in found:
            found.append(short)
    return found[:n]
