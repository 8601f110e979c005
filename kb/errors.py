"""Exceptions and collected problems.

One exception type per kind of failure; the CLI turns them into messages in
one place (``kb.cli``).  Problems found while parsing are collected, not
printed: the caller decides whether warnings are fatal (``--strict``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning", "info"]

LEVEL_NAMES: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True)
class Problem:
    """Something wrong (or worth a look) at one line of one file."""

    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    level: Level
    code: str  # a stable English slug, e.g. "numbering-gap"
    message: str  # Chinese, says what was found and what was expected

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {LEVEL_NAMES[self.level]}：{self.message}"


class KbError(Exception):
    """Base class of every error the CLI reports without a traceback."""


class CorpusError(KbError):
    """The corpus has errors; ``problems`` lists them all."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class NotFoundError(KbError):
    """A user asked for something that does not exist (an ID, a department)."""


class UsageError(KbError):
    """A command was asked for something it cannot do as asked."""


class OutputError(KbError):
    """The build could not write its outputs; the previous ones are intact."""
