"""The state of one scan for targets: the text, the spans rules claimed, positions.

A target rule (``kb.targets_rules``, ``kb.targets_directions``) reads the text
through a ``Scan`` and reports what it read as ``Found`` spans; the engine
(``kb.targets``) claims each accepted span, so that a later, more general rule
never reads the same words again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from kb.enrich.targets.lexicon import BOUNDARY
from kb.model import Target
from kb.text import BLANKS, SENTENCE_ENDS

DEFAULT_YEAR = 2030

TARGET_YEAR = re.compile(r"(?:到|至|在)(20[0-9]{2})年")
_CLAUSE_END = re.compile(rf"[{BOUNDARY}]")


@dataclass(frozen=True)
class Found:
    """What one rule read: a span, its targets and the spans of their values.

    A found span without targets but with ``reason`` records its numbers as
    skipped for that reason (e.g. a 分别 list whose counts do not match).
    """

    start: int
    end: int
    targets: tuple[Target, ...] = ()
    values: tuple[tuple[int, int], ...] = ()
    reason: str = ""


@dataclass
class Scan:
    text: str
    default_year: int = DEFAULT_YEAR
    claimed: list[tuple[int, int]] = field(default_factory=list)
    _clause_starts: list[int] = field(default_factory=list, repr=False)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        clause = sentence = 0
        for pos, char in enumerate(self.text):
            self._clause_starts.append(clause)
            self._sentence_starts.append(sentence)
            if char in BOUNDARY:
                clause = pos + 1
            if char in SENTENCE_ENDS:
                sentence = pos + 1
        self._clause_starts.append(clause)
        self._sentence_starts.append(sentence)

    def is_free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.claimed)

    def clause_start(self, pos: int) -> int:
        """Start of the clause that ends at ``pos``, after any claimed span in it."""
        start = self._clause_starts[pos]
        ends = [b for a, b in self.claimed if start <= b <= pos]
        if ends:
            start = max(ends)
            while start < pos and self.text[start] in "、和及与" + BLANKS:
                start += 1
        while start < pos and self.text[start] in BLANKS:
            start += 1
        return start

    def previous_clause(self, start: int) -> tuple[int, str] | None:
        """The clause before a comma at ``start - 1``, e.g. 县四班子中 in 县四班子中，至少…."""
        if start == 0 or self.text[start - 1] not in "，,":
            return None
        begin = self.clause_start(start - 1)
        return begin, self.text[begin : start - 1]

    def sentence_start(self, pos: int) -> int:
        return self._sentence_starts[pos]

    def clause_end(self, pos: int) -> int:
        m = _CLAUSE_END.search(self.text, pos)
        return m.start() if m else len(self.text)

    def year_at(self, pos: int) -> int:
        """到2025年，… sets the target year of what follows in the sentence."""
        years = TARGET_YEAR.findall(self.text, self.sentence_start(pos), pos)
        return int(years[-1]) if years else self.default_year

    def clauses(self) -> Iterator[tuple[int, int]]:
        for m in re.finditer(rf"[^{BOUNDARY}]+", self.text):
            start, end = m.span()
            while start < end and self.text[start] in BLANKS:
                start += 1
            while end > start and self.text[end - 1] in BLANKS:
                end -= 1
            if start < end and self.is_free(start, end):
                yield start, end

    def target(
        self, name: str, how: str, value: float | None, unit: str, start: int, end: int
    ) -> Target:
        return Target(name, how, value, unit, phrase=self.text[start:end])


Rule = Callable[[Scan], Iterator[Found]]
