"""The state of one scan for targets: the text, the spans rules claimed, positions, years.

A target rule (``kb.enrich.targets.rules``, ``counts``, ``directions``,
``refusals``) reads the text through a ``Scan`` and reports what it read as
``Found`` spans; the engine (``kb.enrich.targets.extract``) claims each accepted
span, so that a later, more general rule never reads the same words again.

The scan knows the plan's period: ``default_year`` (its last year) is the year of
a target whose sentence names none, and ``first_year`` tells a target year
(2023年全省人均预期寿命达到80岁, in a 2022—2025 plan) from a year already past
(2018年人均预期寿命达到78.4岁).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from kb.enrich.targets.lexicon import BOUNDARY, clean_indicator, is_measurable
from kb.model import Target
from kb.text import BLANKS, SENTENCE_ENDS

DEFAULT_YEAR = 2030

# A year the sentence sets its targets for: 到2025年, 至2030年底, 预计2030年 ….
TARGET_YEAR = re.compile(
    r"(?P<lead>到|至|在|预计|力争|确保|计划|于)?[ \t\u3000]*(?P<year>(?:19|20)[0-9]{2})"
    r"[ \t\u3000]*年(?:底|末|前)?(?P<after>的|为基|基础|以来|以前|至|到|—|-)?"
)
_CLAUSE_END = re.compile(rf"[{BOUNDARY}]")
# 逐步提高： after an indicator that the next lines give values for.
_DIRECTION_TAIL = re.compile(
    r"(?:进一步)?(?:逐步|持续|不断|明显|稳步|逐年)?(?:提高|提升|增加|下降|降低|减少)?[：:\s]*$"
)


@dataclass(frozen=True)
class Found:
    """What one rule read: a span, its targets and the spans of their values.

    A found span without targets but with ``reason`` records its numbers as
    skipped for that reason (e.g. a 分别 list whose counts do not match, or a
    baseline 从2010年的…下降到…).
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
    first_year: int | None = None
    claimed: list[tuple[int, int]] = field(default_factory=list)
    # The indicator of the last target read, by sentence start: 到2025年达到50%、
    # 到2030年达到70% and 城市…，农村… name it once.
    last_names: dict[int, str] = field(default_factory=dict)
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

    def free_from(self, start: int) -> int:
        """``start``, or the end of a claimed span it falls in (a leading item number)."""
        for a, b in self.claimed:
            if a <= start < b:
                start = b
        return start

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

    def sentence_end(self, pos: int) -> int:
        for end in range(pos, len(self.text)):
            if self.text[end] in SENTENCE_ENDS:
                return end
        return len(self.text)

    def clause_end(self, pos: int) -> int:
        m = _CLAUSE_END.search(self.text, pos)
        return m.start() if m else len(self.text)

    def target_year(self, m: re.Match[str]) -> int | None:
        """The year a match of ``TARGET_YEAR`` sets targets for, or ``None``.

        到/至/预计2025年 sets it; a bare 2023年 does when it is within the plan's
        period (``first_year`` known); 2020年的…, 以2020年为基数, 2010年以来 never do.
        """
        if m["after"]:
            return None
        year = int(m["year"])
        if m["lead"] and m["lead"] != "在":
            return year
        if m["lead"] == "在" and self.text.startswith("基础", m.end()):
            return None
        if m["lead"] == "在":
            return year
        if self.first_year is not None and year >= self.first_year:
            return year
        return None

    def year_at(self, pos: int) -> int:
        """到2025年，… sets the target year of what follows in the sentence."""
        years = [
            year
            for m in TARGET_YEAR.finditer(self.text, self.sentence_start(pos), pos)
            if (year := self.target_year(m)) is not None
        ]
        return years[-1] if years else self.default_year

    def clauses(self) -> Iterator[tuple[int, int]]:
        for m in re.finditer(rf"[^{BOUNDARY}]+", self.text):
            start, end = m.span()
            while start < end and self.text[start] in BLANKS:
                start += 1
            while end > start and self.text[end - 1] in BLANKS:
                end -= 1
            if start < end and self.is_free(start, end):
                yield start, end

    def carried_name(self, pos: int) -> str:
        """The indicator of a clause that names none: the last read in its sentence, else
        the one the clause before names (适龄妇女宫颈癌人群筛查率逐步提高：——到2025年…)."""
        if name := self.last_names.get(self.sentence_start(pos), ""):
            return name
        end = pos
        while end > 0:
            start = self._clause_starts[end - 1]
            clause = _DIRECTION_TAIL.sub("", self.text[start : end - 1])
            name = clean_indicator(clause)
            if is_measurable(name):
                return name
            end = start
        return ""

    def remember(self, pos: int, name: str) -> None:
        self.last_names[self.sentence_start(pos)] = name

    def target(
        self,
        name: str,
        how: str,
        value: float | None,
        unit: str,
        start: int,
        end: int,
        scope: str = "",
    ) -> Target:
        return Target(name, how, value, unit, phrase=self.text[start:end], scope=scope)


Rule = Callable[[Scan], Iterator[Found]]
