"""Targets in the text of one goal or measure: indicator, comparator, value, unit.

``extract_targets`` runs an ordered table of small named rules over the text,
the way markdown-it runs its rulers: each rule knows one way the plans state a
target and claims the span it read, so a later, more general rule never reads
the same words again.  Every ``Target`` records the rule (``method``), the
exact ``phrase`` it came from and the source ``line``.

Every Arabic number in the text ends up either as the value of a target or in
``Extraction.skipped`` with a short Chinese reason (ages, years, a hotline …),
for ``kb check --verbose``.

Direction-only targets (逐步提高, 持续下降, 全覆盖 …, with ``value=None``) are read
only with ``qualitative=True``: pass it for 主要目标, not for 策略措施, where the
same verbs describe actions rather than outcomes.  A missed target is better
than an invented one.

The rule tables and their helpers are the other modules of ``kb.enrich.targets``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from kb.enrich.targets.counts import COUNT_RULES
from kb.enrich.targets.directions import QUALITATIVE_RULES
from kb.enrich.targets.refusals import REFUSAL_RULES
from kb.enrich.targets.rules import LAST_RULES, VALUE_RULES
from kb.enrich.targets.scan import DEFAULT_YEAR, Found, Rule, Scan
from kb.enrich.targets.skip import SkippedNumber, skipped_numbers
from kb.model import DIRECTIONS, Target
from kb.text import BLANKS

__all__ = ["DEFAULT_YEAR", "NUMERIC_RULES", "Extraction", "SkippedNumber", "extract_targets"]

# Refusals first (baselines and monitoring results claim their numbers), then the
# values, then the counts, then the plain ``indicator verb value``.
NUMERIC_RULES: tuple[tuple[str, Rule], ...] = REFUSAL_RULES + VALUE_RULES + COUNT_RULES + LAST_RULES

_ITEM_NUMBER = re.compile(r"[ \t\u3000]*[0-9]+[.．、]")


@dataclass(frozen=True)
class Extraction:
    targets: tuple[Target, ...] = ()
    skipped: tuple[SkippedNumber, ...] = ()


@dataclass
class _Collected:
    """Targets and skipped numbers with their positions, and the value spans used."""

    line: int
    lines: Sequence[int] = ()  # the source line of each "\n"-separated piece of the text
    targets: list[tuple[int, Target]] = field(default_factory=list)
    skipped: list[tuple[int, SkippedNumber]] = field(default_factory=list)
    accounted: list[tuple[int, int]] = field(default_factory=list)

    def line_at(self, text: str, pos: int) -> int:
        if not self.lines:
            return self.line
        return self.lines[min(text.count("\n", 0, pos), len(self.lines) - 1)]

    def skip(self, scan: Scan, start: int, end: int, reason: str, method: str) -> None:
        self.accounted.append((start, end))
        line = self.line_at(scan.text, start)
        self.skipped.append((start, SkippedNumber(scan.text[start:end], reason, line, method)))

    def take(self, scan: Scan, found: Found, method: str) -> None:
        scan.claimed.append((found.start, found.end))
        if not found.targets:
            for start, end in found.values:
                self.skip(scan, start, end, found.reason, method)
            return
        self.accounted.extend(found.values)
        # 到2025年达到50%: the year may sit inside the clause, before the value
        year = scan.year_at(found.values[0][0] if found.values else found.start)
        line = self.line_at(scan.text, found.start)
        for target in found.targets:
            stamped = replace(target, method=method, line=line, year=year)
            self.targets.append((found.start, stamped))


def settle_scopes(targets: list[Target]) -> list[Target]:
    """农村孕产妇住院分娩率 beside 全国孕产妇住院分娩率 is one side of a split; alone
    (城镇单位就业人员中的女性比例) it is the indicator's own name: no scope."""
    out = []
    for target in targets:
        if target.scope and target.indicator.startswith(target.scope):
            rest = target.indicator[len(target.scope) :]
            split = any(
                other is not target
                and other.value is not None
                and (
                    (other.scope and other.scope != target.scope) or other.indicator.endswith(rest)
                )
                for other in targets
            )
            if not split:
                target = replace(target, scope="")
        out.append(target)
    return out


def _acceptable(scan: Scan, found: Found) -> bool:
    """Unclaimed, and every numeric target has a finite value."""
    complete = all(t.value is not None or t.comparator in DIRECTIONS for t in found.targets)
    return complete and scan.is_free(found.start, found.end)


def extract_targets(
    text: str,
    line: int,
    *,
    qualitative: bool = False,
    default_year: int = DEFAULT_YEAR,
    first_year: int | None = None,
    lines: Sequence[int] = (),
) -> Extraction:
    """Read the targets stated in ``text`` (one goal or measure, without its number).

    ``qualitative=True`` also reads direction-only targets; pass it for goals
    (主要目标).  A leading item number (``2.``) is tolerated and skipped.
    ``default_year`` is the year of a target whose sentence names none (the
    plan's last year), ``first_year`` the plan's first (years before it are
    past).  ``lines`` gives the source line of each line of ``text``; without
    it every target and number is on ``line``.
    """
    scan = Scan(text, default_year, first_year)
    collected = _Collected(line, lines)
    if m := _ITEM_NUMBER.match(text):
        scan.claimed.append(m.span())
        start = len(m.group()) - len(m.group().lstrip(BLANKS))
        collected.skip(scan, start, m.end(), "条目序号", "item_number")
    for method, rule in NUMERIC_RULES + (QUALITATIVE_RULES if qualitative else ()):
        for found in rule(scan):
            if _acceptable(scan, found):
                collected.take(scan, found, method)
    for pos, skipped in skipped_numbers(text, line, collected.accounted):
        collected.skipped.append((pos, replace(skipped, line=collected.line_at(text, pos))))
    targets = settle_scopes([t for _, t in sorted(collected.targets, key=lambda pair: pair[0])])
    return Extraction(
        targets=tuple(targets),
        skipped=tuple(s for _, s in sorted(collected.skipped, key=lambda pair: pair[0])),
    )
