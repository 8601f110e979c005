"""Exceptions, collected problems, and the one place that decides what is fatal.

One exception type per kind of failure; the CLI turns them into messages in
one place (``kb.cli``).  Problems found while reading and parsing are
collected, not printed: a ``Report`` holds them all, and ``Report.fatal``
alone decides whether they stop a build (errors always; warnings under
``--strict``).
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

    file: str  # as the user can find it, e.g. corpus/departments.yaml
    line: int  # 1-based; 0 when the problem concerns the whole file
    level: Level
    code: str  # a stable English slug, e.g. "numbering-gap"
    message: str  # Chinese, says what was found and what was expected

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {LEVEL_NAMES[self.level]}：{self.message}"


@dataclass(frozen=True)
class Report:
    """Every problem found in a corpus, in file and line order."""

    problems: tuple[Problem, ...] = ()

    @classmethod
    def of(cls, problems: Iterable[Problem]) -> Report:
        return cls(tuple(sorted(problems, key=lambda p: (p.file, p.line))))

    def __add__(self, other: Report) -> Report:
        return Report.of(self.problems + other.problems)

    def count(self, level: Level) -> int:
        return sum(p.level == level for p in self.problems)

    @property
    def errors(self) -> int:
        return self.count("error")

    @property
    def warnings(self) -> int:
        return self.count("warning")

    def fatal(self, strict: bool = False) -> tuple[Problem, ...]:
        """The problems that stop a build: errors, and warnings too when ``strict``."""
        stops = ("error", "warning") if strict else ("error",)
        return tuple(p for p in self.problems if p.level in stops)

    def shown(self, verbose: bool = False) -> tuple[Problem, ...]:
        """What ``kb check`` lists: errors and warnings, and notes when ``verbose``."""
        return tuple(p for p in self.problems if verbose or p.level != "info")

    def raise_if_fatal(self, strict: bool = False) -> None:
        fatal = self.fatal(strict)
        if fatal:
            raise CorpusError(fatal)


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


class ReleaseError(KbError):
    """There is no usable built release where a command looks for one."""
