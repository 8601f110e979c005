"""Character normalization and the first cut of text into pieces, for search.

``normalize`` maps every character to one character (full-width letters and
digits to ASCII, upper to lower case, every kind of dash to ``-``), so offsets
in the normalized text are offsets in the original: the snippet highlighter
relies on it.

``pieces`` then cuts normalized text into item IDs (``w1-g2``), numbers with
their unit (``12/10万``, ``0-6岁``, ``98%``: one piece each, never ``12``,
``10``, ``万``) and runs of Chinese characters and Latin letters, which the
segmenter cuts into words.  Everything else (punctuation, symbols, spaces,
other scripts) separates pieces and is dropped.

The three patterns are plain strings (``PIECE_PATTERNS``) so that the
browser's port (``kb/search/js/kb-search-core.js``) compiles exactly these,
from the search index, instead of a copy.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from kb.text import HAN

PieceKind = Literal["id", "number", "run"]

DASHES = "‐‑‒–—―−－~～"
UNITS = "万|%|‰|周岁|岁|小时|个月|月龄|个百分点|名|张|天|年|倍"

# In this order: the first that matches at a position wins.  Each pattern is
# valid both as a Python and as a JavaScript regular expression.
PIECE_PATTERNS: dict[str, str] = {
    "id": r"(?<![a-z0-9])[wc]\d{1,2}-[gm]\d{1,3}(?![a-z0-9])",
    "number": rf"\d+(?:\.\d+)?(?:[-/]\d+(?:\.\d+)?)?(?:{UNITS})?",
    "run": rf"(?:[{HAN}]|[a-z](?![0-9]{{1,2}}-[gm][0-9]))+",  # a run never swallows an ID
}
PIECE = re.compile("|".join(f"(?P<{kind}>{p})" for kind, p in PIECE_PATTERNS.items()))
HAN_CHAR = re.compile(f"[{HAN}]")


@lru_cache(maxsize=8192)
def _char(c: str) -> str:
    if c in DASHES:
        return "-"
    folded = unicodedata.normalize("NFKC", c)
    if len(folded) != 1:
        return c
    lower = folded.lower()
    return lower if len(lower) == 1 else folded


def normalize(text: str) -> str:
    """The same text, one character for one: ASCII forms, lower case, ``-`` dashes."""
    if text.isascii():
        return text.lower()
    return "".join(map(_char, text))


@dataclass(frozen=True)
class Piece:
    kind: PieceKind
    text: str
    start: int


def pieces(normalized: str) -> Iterator[Piece]:
    """IDs, numbers with units and word runs of already normalized text, in order."""
    for match in PIECE.finditer(normalized):
        kind = match.lastgroup
        assert kind in ("id", "number", "run")
        yield Piece(kind, match.group(), match.start())  # type: ignore[arg-type]


def is_han(text: str) -> bool:
    """True when ``text`` has at least one Chinese character."""
    return HAN_CHAR.search(text) is not None


def word_problem(term: str) -> str | None:
    """Why ``term`` cannot be one search word, or None when it can."""
    norm = normalize(term)
    match = PIECE.fullmatch(norm)
    if not norm:
        return "词语为空"
    if match is None or match.lastgroup != "run":
        return f"“{term}”不能作为一个词：只能由汉字和拉丁字母组成，不含空格、标点和数字"
    return None
